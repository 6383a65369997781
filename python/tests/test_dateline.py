"""The Python package against the real engine: the example corpus of the repository, the
CLI's own output for the same corpus, and the errors a user meets."""

import dataclasses
import json
import os
import pathlib
import shutil
import subprocess

import pytest

import dateline

REPO = pathlib.Path(__file__).resolve().parents[2]
CORPUS = REPO / "fixtures" / "corpus"
ARTICLE = CORPUS / "articles" / "2021-11-17-border-clashes.md"


def cli_json(*args):
    """`dateline check ... --output-format json` from the binary the tests were built with."""
    binary = os.environ.get("DATELINE_BIN") or shutil.which("dateline")
    if binary is None:
        if os.environ.get("DATELINE_REQUIRE_DATA"):
            pytest.fail("no dateline binary to compare with (set DATELINE_BIN)")
        pytest.skip("no dateline binary (set DATELINE_BIN) to compare with")
    out = subprocess.run(
        [binary, "check", *map(str, args), "--output-format", "json"], capture_output=True, cwd=REPO
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_check_gives_exactly_what_the_cli_gives(monkeypatch):
    monkeypatch.chdir(REPO)
    findings = dateline.check("fixtures/corpus")
    assert len(findings) > 10
    # Field for field, the CLI's JSON.
    assert [dataclasses.asdict(f) for f in findings] == cli_json("fixtures/corpus")
    variant = next(f for f in findings if f.code == "name/variant" and "Nikol Pashinian" in f.message)
    assert variant.path == "fixtures/corpus/articles/2021-11-17-border-clashes.md"
    assert variant.severity == "warning"
    assert variant.fix is not None and variant.fix.applicability == "safe"
    assert variant.fix.edits[0].content == "Nikol Pashinyan"
    assert variant.related and variant.related[0].path.endswith("kb/people.toml")
    assert len(variant.fingerprint) == 16


def test_selection_flags_work_as_on_the_command_line(monkeypatch):
    monkeypatch.chdir(REPO)
    names = dateline.check(CORPUS, select="name/")
    assert names and all(f.code.startswith("name/") for f in names)
    no_variants = dateline.check([CORPUS], select=["name/"], ignore=["name/variant"])
    assert len(no_variants) == len(names) - sum(f.code == "name/variant" for f in names)
    with pytest.raises(dateline.DatelineError, match="unknown check code"):
        dateline.check(CORPUS, select="name/varient")


def test_errors_are_clear_exceptions(tmp_path):
    missing = tmp_path / "no-such-corpus"
    with pytest.raises(FileNotFoundError, match="no such file or directory"):
        dateline.check(missing)
    with pytest.raises(FileNotFoundError):
        dateline.Corpus(missing)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "dateline.toml").write_text("[corpus\nlang = ")
    with pytest.raises(dateline.DatelineError, match="dateline.toml"):
        dateline.Corpus(broken)
    with pytest.raises(ValueError, match="no date words for language"):
        dateline.tag_dates("yesterday", lang="xx")
    with pytest.raises(ValueError, match="dct must be a date"):
        dateline.tag_dates("yesterday", dct="17 Nov")


def test_corpus_entities_mentions_and_dates():
    corpus = dateline.Corpus(CORPUS)
    assert pathlib.Path(corpus.root) == CORPUS
    assert str(ARTICLE) in corpus.articles()
    entities = {e.id: e for e in corpus.entities()}
    pashinyan = entities["nikol-pashinyan"]
    assert pashinyan.kind == "person" and pashinyan.name == "Nikol Pashinyan"
    assert "Nikol Pashinian" in pashinyan.variants
    assert any(r.title for r in pashinyan.roles)
    mentions = corpus.mentions(ARTICLE)
    text = ARTICLE.read_bytes()
    for m in mentions:
        assert text[m.start : m.end].decode() == m.text
    variant = next(m for m in mentions if m.text == "Nikol Pashinian")
    assert (variant.entity, variant.written, variant.line) == ("nikol-pashinyan", "variant", 14)
    dates = corpus.dates(ARTICLE)
    evening = next(d for d in dates if d.text == "Tuesday evening")
    assert (evening.type, evening.value, evening.relative) == ("TIME", "2021-11-16TEV", True)
    with pytest.raises(ValueError, match="not a file of this corpus"):
        corpus.mentions(REPO / "README.md")


def test_tag_dates_in_english_and_russian():
    dates = dateline.tag_dates("The war began on September 27, 2020, and ended yesterday.", dct="2020-11-11")
    assert [(d.text, d.type, d.value) for d in dates] == [
        ("September 27, 2020", "DATE", "2020-09-27"),
        ("yesterday", "DATE", "2020-11-10"),
    ]
    import datetime

    assert dateline.tag_dates("yesterday", dct=datetime.date(2020, 11, 11))[0].value == "2020-11-10"
    unresolved = dateline.tag_dates("yesterday")
    assert unresolved[0].value.startswith("XXXX")
    russian = dateline.tag_dates("Война началась 27 сентября 2020 года.", lang="ru")
    assert [(d.type, d.value) for d in russian] == [("DATE", "2020-09-27")]
