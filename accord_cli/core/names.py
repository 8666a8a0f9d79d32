"""The one place that decides when two organisation names are the same."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, TypeVar

from accord_cli.core.characters import without_invisible
from accord_cli.core.lookalikes import keyed_skeleton, latin_reading

T = TypeVar("T")

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
_NUMBERS = re.compile(r"\d+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Legal forms that say nothing about which organisation is meant, as words left
# after punctuation is folded ("S.A." is "s a"). Stripped from the end only.
LEGAL_SUFFIXES = (
    ("inc",), ("incorporated",), ("corp",), ("corporation",), ("ltd",), ("limited",), ("llc",), ("plc",),
    ("gmbh",), ("ag",), ("sa",), ("s", "a"), ("nv",), ("n", "v"), ("co",),
)
# The legal forms by their last word, as lists to compare a name's last words with.
_SUFFIXES_BY_LAST_WORD: dict[str, list[list[str]]] = {}
for _suffix in LEGAL_SUFFIXES:
    _SUFFIXES_BY_LAST_WORD.setdefault(_suffix[-1], []).append(list(_suffix))
# Longer than any organisation's real name; a longer one is a broken or hostile
# file, and would make fuzzy matching slow for nothing.
MAX_NAME_LENGTH = 300


def too_long(name: str) -> str | None:
    """Why `name` is too long to be an organisation's name, or None if it is not."""
    if len(name) <= MAX_NAME_LENGTH:
        return None
    return f"is {len(name):,} characters long; a name has at most {MAX_NAME_LENGTH}"


def shortened(name: str, width: int = 40) -> str:
    """`name` cut to `width` characters for a message, marked with an ellipsis if cut."""
    return name if len(name) <= width else name[: width - 1] + "…"


# Below this similarity two names are unrelated; at or above it (and not equal)
# they are a "possible match" worth a person's look.
NEAR_RATIO = 0.8
_NEAR_MIN_LENGTH = 4
_PREFIX_MIN_LENGTH = 3


def _fold_accents(text: str) -> str:
    """Drop accents from Latin letters only: a dakuten on a kana changes the word."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and out and out[-1] < "\u0250":
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def folded(text: str) -> str:
    """`text` with accents on Latin letters dropped and case folded: "Telefónica" -> "telefonica"."""
    return (text if text.isascii() else _fold_accents(text)).casefold()


# Each ASCII byte as it counts in a name: letters in lower case, digits and "_" as they are (what the
# regex \w keeps), anything else a space. An ASCII name's words come from bytes.translate and split, in
# a quarter of the time the regex takes; most names are ASCII.
_ASCII_WORD_BYTES = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 or byte == 95 else 32
    for byte in range(256)
)


def _words(text: str) -> list[str]:
    if text.isascii():
        return text.encode().translate(_ASCII_WORD_BYTES).decode().split()
    return _WORDS.findall(folded(without_invisible(text)))


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """The form under which two names count as the same organisation.

    Case, accents, compatibility forms (full-width letters, ligatures),
    invisible characters, punctuation, spacing, "&" against "and", and a
    trailing legal form (Inc., Ltd, GmbH, S.A., ...) make no difference.
    """
    words = _words(name.replace("&", " and "))
    while len(words) > 1:
        for suffix in _SUFFIXES_BY_LAST_WORD.get(words[-1], ()):
            if len(words) > len(suffix) and words[-len(suffix):] == suffix:
                del words[-len(suffix):]
                break
        else:
            break
    # A name of punctuation alone keeps its characters, so "[/]" and "*" stay apart.
    return " ".join(words) or _SPACES.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


@lru_cache(maxsize=1 << 18)
def lookalike_key(name: str) -> str:
    """The form under which two names *look* the same: the name key of the name's TR39 skeleton, so that
    "Мicrosoft" (a Cyrillic М) and "GoogIe" (a capital I) have the keys of Microsoft and Google, and
    "Com" the key of "Corn"."""
    mapping = keyed_skeleton()
    # Most names need no mapping before their key, which is then already made; the rest is in C.
    return mapping.key_mapped(name_key(mapping.name_mapped(without_invisible(name))))


def is_near(a: str, b: str) -> bool:
    """Whether two *different* name keys look like the same organisation written another way.

    A near match is a typo (similar spelling) or one name being the first words
    of the other ("juniper" / "juniper networks"). Names whose numbers differ
    ("fund 1" / "fund 2") are never near, and neither are very short ones.
    """
    if a == b or _NUMBERS.findall(a) != _NUMBERS.findall(b):
        return False
    short, long_ = sorted((a, b), key=lambda k: (len(k), k))
    if len(short) >= _PREFIX_MIN_LENGTH and long_.startswith(short + " "):
        return True
    if len(short) < _NEAR_MIN_LENGTH:
        return False
    # difflib is imported where it is used: most commands never compare names this way.
    from difflib import SequenceMatcher

    return SequenceMatcher(None, short, long_, autojunk=False).ratio() >= NEAR_RATIO


def slugify(name: str) -> str:
    """A stable ASCII id derived from a name: 'Trend Micro' -> 'trend-micro' (and a Cyrillic М as M)."""
    reading = latin_reading(name)  # used only where every letter reads as a Latin one: a spoof, not Cyrillic
    decomposed = unicodedata.normalize("NFKD", reading if reading.isascii() else name)
    ascii_name = decomposed.encode("ascii", "ignore").decode()
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
    reports the others. Look-alikes are found through a second index, by
    `lookalike_key`, built on the first question about one.
    """

    def __init__(self) -> None:
        super().__init__()
        # Every name filed, as written, with its key and owner: what the look-alike index is built from.
        self._names: list[str] = []
        self._keys: list[str] = []
        self._owners: list[T] = []
        self._lookalikes: dict[str, list[int]] | None = None

    @classmethod
    def build(cls, entries: Iterable[tuple[Iterable[str], T]]) -> NameIndex[T]:
        index: NameIndex[T] = cls()
        pairs = [(name, owner) for names, owner in entries for name in names]
        index._names = [name for name, _ in pairs]
        index._owners = [owner for _, owner in pairs]
        index._keys = list(map(name_key, index._names))
        # Filed last to first, so that the first owner of a key is the one left holding it.
        index.update(zip(reversed(index._keys), reversed(index._owners)))
        return index

    def add(self, name: str, owner: T) -> bool:
        """File `name` under its key for `owner`; False if the key already had an owner (who keeps it)."""
        key = name_key(name)
        if self._lookalikes is not None:
            self._lookalikes.setdefault(lookalike_key(name), []).append(len(self._names))
        self._names.append(name)
        self._keys.append(key)
        self._owners.append(owner)
        if key in self:
            return False
        self[key] = owner
        return True

    @property
    def names_filed(self) -> list[str]:
        return self._names

    @property
    def keys_filed(self) -> list[str]:
        return self._keys

    def lookup(self, name: str) -> T | None:
        return self.get(name_key(name))

    def holders(self, name: str) -> list[T]:
        """Every owner that holds `name`, each once: more than one only in a hand-edited ledger."""
        key = name_key(name)
        if key not in self:
            return []
        if self._keys.count(key) == 1:
            return [self[key]]
        return list({id(owner): owner for k, owner in zip(self._keys, self._owners) if k == key}.values())

    def lookalikes(self, name: str) -> list[tuple[str, T]]:
        """The names filed here that are not `name` but look the same (see `lookalike_key`), with owners."""
        if self._lookalikes is None:
            self._lookalikes = {}
            for position, lookalike in enumerate(lookalike_keys(self._names, self._keys)):
                self._lookalikes.setdefault(lookalike, []).append(position)
        key = name_key(name)
        return [(self._names[i], self._owners[i]) for i in self._lookalikes.get(lookalike_key(name), ())
                if self._keys[i] != key]


def lookalike_keys(names: list[str], keys: list[str]) -> list[str]:
    """`lookalike_key` of each of `names`, whose `name_key`s are `keys`, for a whole ledger at once.

    Most names need only their key mapped, which is done for all of them in
    one pass. The ASCII sources a name must have mapped before its key is made
    (a capital I and the like) are mapped in all names at once too, and the
    names that changed keyed again; the few non-ASCII names are keyed one by one.
    """
    if not names:
        return []
    mapping = keyed_skeleton()
    joined = "\n".join(names)
    if joined.count("\n") != len(names) - 1:  # a name holds a line break: no joining them
        return [lookalike_key(name) for name in names]
    found = mapping.key_mapped("\n".join(keys)).split("\n")
    mapped = mapping.ascii_mapped(joined).split("\n")
    for at in [at for at, (name, after) in enumerate(zip(names, mapped)) if name != after]:
        found[at] = mapping.key_mapped(name_key(mapped[at]))
    if not joined.isascii():
        for at in [at for at, name in enumerate(names) if not name.isascii()]:
            found[at] = lookalike_key(names[at])
    return found


def starting_with(typed: str, candidates: Iterable[str]) -> list[str]:
    """The candidates that begin with `typed`, ignoring case and accents, each once, in their order."""
    prefix = folded(typed)
    return [c for c in dict.fromkeys(candidates) if folded(c).startswith(prefix)]


def suggest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to `name`, best first, for a "did you mean" hint."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(name_key(candidate), candidate)
    from difflib import get_close_matches

    return [by_key[key] for key in get_close_matches(name_key(name), list(by_key), n=limit, cutoff=0.6)]


def _blocks(key: str) -> tuple[tuple[object, ...], ...]:
    """The buckets a key is filed under for near matching.

    Near names have the same numbers (is_near requires it) and, in practice,
    the same first word, first three or last three characters: a typo rarely
    touches both ends, and a shortened name keeps its first word.
    """
    numbers = tuple(_NUMBERS.findall(key))
    return ((numbers, "word", key.split(" ", 1)[0]), (numbers, "head", key[:3]), (numbers, "tail", key[-3:]))


class NameMatcher(Generic[T]):
    """Exact and near matching of names against every name and alias of a set of owners.

    Exact lookups are one dictionary probe; near lookups compare only with keys
    filed in the same buckets (see `_blocks`) and of a length that could pass,
    so checking a watchlist against a large ledger stays linear in both.
    """

    def __init__(self, entries: Iterable[tuple[Iterable[str], T]]) -> None:
        self.exact: NameIndex[T] = NameIndex.build(entries)
        # Each key as its first name writes it, filed last to first as the index's owners are.
        self.display: dict[str, str] = dict(zip(reversed(self.exact.keys_filed), reversed(self.exact.names_filed)))
        self._buckets: dict[tuple[object, ...], list[str]] | None = None

    def _filed(self) -> dict[tuple[object, ...], list[str]]:
        # Built on the first near lookup: exact lookups alone never pay for it.
        if self._buckets is None:
            self._buckets = {}
            for key in self.exact:
                for block in _blocks(key):
                    self._buckets.setdefault(block, []).append(key)
        return self._buckets

    def _scanned(self, key: str) -> set[str]:
        """The keys `_filed` would give for `key`, found by one pass instead: cheaper for a few lookups."""
        numbers, (_, _, first), (_, _, head), (_, _, tail) = tuple(_NUMBERS.findall(key)), *_blocks(key)
        return {c for c in self.exact
                if (c[:3] == head or c[-3:] == tail or c.split(" ", 1)[0] == first)
                and tuple(_NUMBERS.findall(c)) == numbers}

    def lookup(self, name: str) -> T | None:
        return self.exact.lookup(name)

    def lookalikes(self, name: str) -> list[tuple[str, T]]:
        return self.exact.lookalikes(name)

    def near(self, name: str, *, few: bool = False) -> list[tuple[str, T]]:
        """Names that nearly match `name` (as written in the ledger) and their owners, closest first.

        `few`: the caller looks up one or two names only (add's warning), so one pass over
        every key is cheaper than filing them all in buckets first.
        """
        key = name_key(name)
        if few and self._buckets is None:
            candidates = self._scanned(key)
        else:
            buckets = self._filed()
            candidates = set()
            for block in _blocks(key):
                candidates.update(buckets.get(block, ()))
        width = max(2, int(len(key) * (1 - NEAR_RATIO)) + 1)
        found = [c for c in candidates
                 if (abs(len(c) - len(key)) <= width or c.startswith(key + " ") or key.startswith(c + " "))
                 and is_near(key, c)]
        from difflib import SequenceMatcher

        found.sort(key=lambda c: (-SequenceMatcher(None, key, c, autojunk=False).ratio(), c))
        return [(self.display[c], self.exact[c]) for c in found]
