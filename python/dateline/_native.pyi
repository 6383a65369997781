"""Type stubs of the compiled half of the package (python/src/lib.rs). Use the ``dateline``
module's functions and dataclasses; these return the JSON text they are built from."""

from os import PathLike
from typing import List, Optional

class DatelineError(Exception):
    """dateline could not do what was asked (the message says why)."""

def check(
    paths: List[str],
    select: Optional[List[str]] = None,
    extend_select: List[str] = ...,
    ignore: List[str] = ...,
) -> str:
    """``dateline check PATHS --output-format json``: the JSON array of findings."""

def tag_dates(text: str, dct: Optional[str] = None, lang: str = "en") -> str:
    """A JSON array of date expressions: text, start, end, type, value, relative."""

class Corpus:
    def __init__(self, path: str | PathLike[str]) -> None: ...
    @property
    def root(self) -> str: ...
    def articles(self) -> List[str]: ...
    def entities_json(self) -> str: ...
    def mentions_json(self, article: str | PathLike[str]) -> str: ...
    def dates_json(self, article: str | PathLike[str]) -> str: ...
