"""dateline from Python: the engine of ``dateline check``, for notebooks and pipelines.

>>> import dateline
>>> findings = dateline.check("fixtures/corpus")            # what `dateline check` finds
>>> corpus = dateline.Corpus("fixtures/corpus")             # load once, then ask
>>> [e.name for e in corpus.entities()][:2]
>>> dateline.tag_dates("on Tuesday", dct="2021-11-17")      # TIMEX3-like records

Findings have exactly the fields of ``dateline check --output-format json`` (the Rust side
produces that very JSON), so ``pandas.DataFrame(map(dataclasses.asdict, findings))`` gives
the table a script of the CLI would get. Errors: a path that does not exist raises
``FileNotFoundError``; a bad selection or a broken ``dateline.toml`` raises
``DatelineError``; a bad argument (an unknown language, a malformed date) ``ValueError``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Union

from . import _native
from ._native import DatelineError

__all__ = [
    "check",
    "tag_dates",
    "Corpus",
    "Finding",
    "Related",
    "Fix",
    "Edit",
    "Entity",
    "Role",
    "Mention",
    "Timex",
    "DatelineError",
]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding ("listed as a variant here")."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str


@dataclass(frozen=True)
class Edit:
    """Replace the text from line/column to end_line/end_column of ``path`` with
    ``content``."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    content: str


@dataclass(frozen=True)
class Fix:
    """A fix: ``applicability`` is ``"safe"`` (``--fix`` applies it) or ``"unsafe"``."""

    title: str
    applicability: str
    edits: List[Edit]


@dataclass(frozen=True)
class Finding:
    """One finding, with the fields of ``dateline check --output-format json``."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    severity: str
    code: str
    message: str
    related: List[Related] = field(default_factory=list)
    fix: Optional[Fix] = None
    fingerprint: str = ""

    @staticmethod
    def _from_json(raw: dict) -> "Finding":
        fix = raw.get("fix")
        if fix is not None:
            fix = Fix(
                title=fix["title"],
                applicability=fix["applicability"],
                edits=[Edit(**e) for e in fix["edits"]],
            )
        return Finding(
            **{k: raw[k] for k in _FINDING_SCALARS},
            related=[Related(**r) for r in raw.get("related", [])],
            fix=fix,
        )


_FINDING_SCALARS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "end_offset",
    "severity",
    "code",
    "message",
    "fingerprint",
)


@dataclass(frozen=True)
class Role:
    """A role a person held: ``title`` of ``of`` (a KB id), from/to as partial dates."""

    title: str
    of: Optional[str]
    from_: Optional[str]
    to: Optional[str]


@dataclass(frozen=True)
class Entity:
    """A KB entity: a person, organisation, place or event."""

    id: str
    kind: str
    name: str
    aliases: List[str]
    variants: List[str]
    description: Optional[str]
    roles: List[Role]
    date_from: Optional[str]
    date_to: Optional[str]
    xrefs: List[str]


@dataclass(frozen=True)
class Mention:
    """A KB entity named in an article: byte offsets, 1-based line and column, and how it
    was written (``name``, ``alias``, ``variant``, ``undiacritized``, ``fragment``,
    ``declined``, ``transliterated``, ``link``)."""

    entity: str
    text: str
    start: int
    end: int
    line: int
    column: int
    written: str


@dataclass(frozen=True)
class Timex:
    """A date expression: its text and byte offsets, TIMEX3 ``type`` and ``value``, and
    whether it was resolved against the publication date or the text (``relative``)."""

    text: str
    start: int
    end: int
    type: str
    value: str
    relative: bool


def _paths(paths: Union[PathLike, Sequence[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _selection(codes: Union[None, str, Sequence[str]]) -> Optional[List[str]]:
    if codes is None:
        return None
    if isinstance(codes, str):
        return [c for c in codes.split(",") if c.strip()]
    return list(codes)


def check(
    paths: Union[PathLike, Sequence[PathLike]] = ".",
    select: Union[None, str, Sequence[str]] = None,
    extend_select: Union[None, str, Sequence[str]] = None,
    ignore: Union[None, str, Sequence[str]] = None,
) -> List[Finding]:
    """Check files or folders as ``dateline check`` does and return its findings.

    ``select``, ``extend_select`` and ``ignore`` take check codes or prefixes (``"name/"``),
    as a list or a comma-separated string, like the CLI's flags. Paths in the findings are
    relative to the current directory when below it, as the CLI prints them.
    """
    raw = _native.check(
        _paths(paths),
        _selection(select),
        _selection(extend_select) or [],
        _selection(ignore) or [],
    )
    return [Finding._from_json(f) for f in json.loads(raw)]


def tag_dates(text: str, dct: Optional[str] = None, lang: str = "en") -> List[Timex]:
    """Tag the date expressions of ``text``: TIMEX3 types and values, relative ones
    resolved against ``dct`` (``"YYYY-MM-DD"``, the publication date) when given.
    ``lang``: ``en``, ``ru``, ``tr``, ``fr``, ``es`` or ``de``."""
    if dct is not None and not isinstance(dct, str):
        dct = dct.isoformat()  # a datetime.date
    return [Timex(**t) for t in json.loads(_native.tag_dates(text, dct, lang))]


class Corpus:
    """A corpus loaded and analysed once (the folder holding ``dateline.toml``, found from
    ``path`` as ``check`` finds it), for questions about its KB, mentions and dates."""

    def __init__(self, path: PathLike = ".") -> None:
        self._native = _native.Corpus(os.fspath(path))

    @property
    def root(self) -> str:
        """The corpus root folder."""
        return os.fspath(self._native.root)

    def articles(self) -> List[str]:
        """Absolute paths of the corpus's articles."""
        return [os.fspath(p) for p in self._native.articles()]

    def entities(self) -> List[Entity]:
        """The KB's entities."""
        out = []
        for e in json.loads(self._native.entities_json()):
            roles = [Role(title=r["title"], of=r["of"], from_=r["from"], to=r["to"]) for r in e.pop("roles")]
            out.append(Entity(roles=roles, **e))
        return out

    def mentions(self, article: PathLike) -> List[Mention]:
        """The KB entities ``article`` names, in text order."""
        return [Mention(**m) for m in json.loads(self._native.mentions_json(os.fspath(article)))]

    def dates(self, article: PathLike) -> List[Timex]:
        """The date expressions of ``article``, resolved against its publication date."""
        return [Timex(**t) for t in json.loads(self._native.dates_json(os.fspath(article)))]

    def check(self, select=None, extend_select=None, ignore=None) -> List[Finding]:
        """The findings of the whole corpus (``dateline check ROOT``)."""
        return check(self.root, select=select, extend_select=extend_select, ignore=ignore)

    def __repr__(self) -> str:
        return f"dateline.Corpus({self.root!r})"
