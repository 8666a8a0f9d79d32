"""The one place that decides when two organisation names are the same."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import get_close_matches
from typing import TypeVar

T = TypeVar("T")

_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def name_key(name: str) -> str:
    """The form under which two names count as the same organisation."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


def slugify(name: str) -> str:
    """A stable ASCII id derived from a name: 'Trend Micro' -> 'trend-micro'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_name.lower()).strip("-") or "signatory"


def unique_slug(name: str, taken: set[str]) -> str:
    """`slugify(name)`, with -2, -3, ... appended until it is not in `taken`."""
    base = slugify(name)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class NameIndex(dict[str, T]):
    """Every name and alias, by `name_key`, mapped to what it names.

    Built once per command so that lookups and duplicate checks stay linear in
    the size of the ledger. The first owner of a name wins; `accord check`
    reports the others.
    """

    @classmethod
    def build(cls, entries: Iterable[tuple[Iterable[str], T]]) -> NameIndex[T]:
        index: NameIndex[T] = cls()
        for names, owner in entries:
            for name in names:
                index.setdefault(name_key(name), owner)
        return index

    def lookup(self, name: str) -> T | None:
        return self.get(name_key(name))


def suggest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to `name`, best first, for a "did you mean" hint."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(name_key(candidate), candidate)
    return [by_key[key] for key in get_close_matches(name_key(name), list(by_key), n=limit, cutoff=0.6)]
