#!/usr/bin/env python3
"""Writes LABELS.tsv beside each gold set's TimeML files: every TIMEX3 (file, tid, type,
value, mod, offset in the TEXT's characters, the expression), so the labels live in the
repository while the article excerpts (real news, not ours to copy) stay out of it, as the
blind set's articles do. Run from the repository root: python3 eval/dates/labels.py"""

import csv
import pathlib
import re
import xml.dom.minidom

TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')


def rows(path):
    raw = path.read_text(encoding="utf-8")
    xml.dom.minidom.parseString(raw.encode("utf-8"))  # well-formed, or this raises
    text = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    plain, pos = "", 0
    for m in TIMEX.finditer(text):
        plain += re.sub(r"<[^>]+>", "", text[pos:m.start()])
        attrs = dict(ATTR.findall(m.group(1)))
        inner = re.sub(r"<[^>]+>", "", m.group(2))
        yield [path.name, attrs.get("tid", ""), attrs.get("type", ""), attrs.get("value", ""),
               attrs.get("mod", ""), str(len(plain)), inner]
        plain += inner
        pos = m.end()


for folder in sorted(p for p in pathlib.Path("eval/dates").iterdir() if p.is_dir()):
    files = sorted(folder.glob("*.tml"))
    if not files:
        continue
    with open(folder / "LABELS.tsv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "tid", "type", "value", "mod", "offset", "text"])
        for path in files:
            writer.writerows(rows(path))
    print(folder, len(files), "files")
