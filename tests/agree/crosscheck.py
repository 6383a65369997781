"""Recompute `dateline agree`'s figures with independent implementations and compare.

Usage: python3 crosscheck.py UNITS.tsv REPORT.json

UNITS.tsv is `dateline agree --export-units`; REPORT.json is `--output-format json` of the
same run. From the units alone this script computes, for the collection and for each
document, overall and per label:
- Cohen's kappa of each pair of annotators with scikit-learn's `cohen_kappa_score`;
- Krippendorff's alpha (nominal) with the `krippendorff` package, "no annotation" once as a
  category (`alpha`) and once as missing data (`alpha_marked`);
- exact span precision, recall and F1 (a unit's value is the set of labels on that extent,
  so exact matches are the labels both annotators gave one extent).
Undefined figures (scikit-learn's nan, the package's "only one value" error) must be `null`
in the report. Prints one line per figure compared, then `N passed, N failed`; exits 1 on a
difference above 1e-9.
"""

import csv
import itertools
import json
import math
import sys

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

NO_ANNOTATION = "(no annotation)"
TOLERANCE = 1e-9


def labels_of(value):
    """The labels of a unit value: `A + B` is two, `(no annotation)` and `` none."""
    if value in ("", NO_ANNOTATION):
        return set()
    return set(value.split(" + "))


def category(value, label, marked_only):
    """A value as one category, or None for missing data."""
    if value == "" or (marked_only and value == NO_ANNOTATION):
        return None
    return value if label is None else (label in labels_of(value))


def kappa(rows, a, b, label):
    pairs = [
        (category(r[a], label, False), category(r[b], label, False))
        for r in rows
        if r[a] != "" and r[b] != ""
    ]
    if not pairs:
        return None
    first, second = zip(*pairs)
    # scikit-learn wants one type: categories as strings.
    with np.errstate(all="ignore"):
        value = cohen_kappa_score([str(x) for x in first], [str(x) for x in second])
    return None if math.isnan(value) else float(value)


def alpha(rows, coders, label, marked_only):
    codes = {}
    data = np.full((len(coders), len(rows)), np.nan)
    for u, row in enumerate(rows):
        for c, coder in enumerate(coders):
            cat = category(row[coder], label, marked_only)
            if cat is not None:
                data[c, u] = codes.setdefault(str(cat), len(codes))
    try:
        with np.errstate(all="ignore"):
            value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:
        # The package refuses data with fewer than two values: alpha is undefined.
        return None
    return None if math.isnan(value) else float(value)


def exact(rows, a, b, label):
    keep = (lambda labels: labels) if label is None else (lambda labels: labels & {label})
    reference = candidate = matched = 0
    for r in rows:
        if r[a] == "" or r[b] == "":
            continue
        ra, rb = keep(labels_of(r[a])), keep(labels_of(r[b]))
        reference += len(ra)
        candidate += len(rb)
        matched += len(ra & rb)
    p = matched / candidate if candidate else None
    r = matched / reference if reference else None
    f1 = None if p is None or r is None else (0.0 if p + r == 0 else 2 * p * r / (p + r))
    return p, r, f1


class Comparison:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, what, ours, theirs):
        same = (ours is None and theirs is None) or (
            ours is not None and theirs is not None and abs(ours - theirs) <= TOLERANCE
        )
        if same:
            self.passed += 1
        else:
            self.failed += 1
            print(f"DIFFERENT {what}: dateline {ours}, independent {theirs}")


def compare(cmp, where, rows, coders, figures, label):
    what = f"{where} {label or '(all)'}"
    cmp.check(f"{what} alpha", figures["alpha"], alpha(rows, coders, label, False))
    cmp.check(f"{what} alpha_marked", figures["alpha_marked"], alpha(rows, coders, label, True))
    for pair in figures["pairs"]:
        a, b = pair["reference"], pair["candidate"]
        cmp.check(f"{what} kappa {a}/{b}", pair["kappa"], kappa(rows, a, b, label))
        p, r, f1 = exact(rows, a, b, label)
        cmp.check(f"{what} exact P {a}/{b}", pair["exact"]["precision"], p)
        cmp.check(f"{what} exact R {a}/{b}", pair["exact"]["recall"], r)
        cmp.check(f"{what} exact F1 {a}/{b}", pair["exact"]["f1"], f1)


def main():
    units_path, report_path = sys.argv[1], sys.argv[2]
    with open(units_path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    coders = report["annotators"]
    cmp = Comparison()
    scopes = [("collection", rows, report["collection"])]
    for doc in report["documents"]:
        scopes.append((doc["document"], [r for r in rows if r["document"] == doc["document"]], doc))
    for where, scope_rows, scores in scopes:
        compare(cmp, where, scope_rows, coders, scores["overall"], None)
        for label, figures in scores["per_label"].items():
            compare(cmp, where, scope_rows, coders, figures, label)
    print(f"crosscheck: {cmp.passed} passed, {cmp.failed} failed")
    sys.exit(1 if cmp.failed else 0)


if __name__ == "__main__":
    main()
