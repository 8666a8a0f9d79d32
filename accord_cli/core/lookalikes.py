"""Names that look like other names: Unicode's confusable characters, and letters of scripts mixed in one word.

"Мicrosoft" with a Cyrillic М, "Micrοsoft" with a Greek ο and "Microsoft"
are different strings that read the same. Unicode Technical Standard #39
defines when two strings are confusable: when their *skeletons* are equal,
each character replaced by the prototype of its look-alike class
(data/confusables.txt, Unicode's own file, version 13.0). A name whose
skeleton is another's is a look-alike: not the same organisation for the
matcher, but refused in a new name unless the user insists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, cached_property, lru_cache

# "05AD ;\t0596 ;\tMA\t# ..." : a source code point, its prototype (one or more code points).
_MAPPING = re.compile(r"^([0-9A-F]+) ;\t([0-9A-F ]+) ;\tMA", re.MULTILINE)
# The same for ASCII sources alone: all that ASCII names need, found without reading the whole table.
_ASCII_MAPPING = re.compile(r"^(00[0-7][0-9A-F]) ;\t([0-9A-F ]+) ;\tMA", re.MULTILINE)


@cache
def _table() -> str:
    from importlib.resources import files

    return files("accord_cli.core").joinpath("data", "confusables.txt").read_text(encoding="utf-8-sig")


def _mapped(pairs: list[tuple[str, str]]) -> dict[int, str]:
    return {int(source, 16): "".join(chr(int(point, 16)) for point in target.split()) for source, target in pairs}


@cache
def _prototypes() -> dict[int, str]:
    """Each character that looks like another, mapped to the prototype its class is compared by."""
    return _mapped(_MAPPING.findall(_table()))


@cache
def _ascii_prototypes() -> dict[int, str]:
    """`_prototypes` of the ASCII characters: 1, I and | read as l, 0 as O, m as rn, and a few more."""
    return _mapped(_ASCII_MAPPING.findall(_table()))


# Letters people write as two others to pass one name off as another, beside Unicode's m as rn, which its
# table has alone: VMvvare for VMware, Cle11 for Dell.
LETTER_PAIRS = {"m": "rn", "w": "vv", "d": "cl"}


class KeyedSkeleton:
    """TR39 skeletons taken apart so that a name key can be computed from them cheaply.

    A name key keeps lower-case letters and digits as they are and drops
    punctuation. So a source that is a lower-case letter or digit with a
    prototype of letters or digits (m read as rn, 1 as l, 0 as O) can be
    mapped in the *key*, after the key is made: `in_key`. Every other source
    (a capital I read as l, a Cyrillic М read as M) has to be mapped in the
    name before the key is made: `in_name`; `needs_name_mapping` finds the
    ASCII ones among them, so that most ASCII names skip that step.
    """

    def __init__(self, ascii_prototypes: dict[int, str]) -> None:
        self.in_key: dict[int, str] = {}
        self.ascii_in_name: dict[int, str] = {}
        for point, target in {
            **ascii_prototypes,
            **{ord(letter): pair for letter, pair in LETTER_PAIRS.items()},
        }.items():
            char = chr(point)
            if (char.islower() or char.isdigit()) and target.isascii() and target.isalnum():
                self.in_key[point] = target.lower()
            else:
                self.ascii_in_name[point] = target
        self.needs_name_mapping = re.compile(f"[{re.escape(''.join(map(chr, self.ascii_in_name)))}]").search

    @cached_property
    def in_name(self) -> dict[int, str]:
        """Every source mapped in a name: read from the whole table only when a non-ASCII name comes."""
        return {point: target for point, target in _prototypes().items() if point not in self.in_key}

    def key_mapped(self, key: str) -> str:
        """`key` with the sources that are mapped in a key mapped: a few replacements, each one pass in C
        (faster than a translation table that maps to longer strings). No target holds a source."""
        return _replaced(key, self.in_key)

    def ascii_mapped(self, text: str) -> str:
        """`text` with its ASCII sources that are mapped in a name mapped (I read as l, ...)."""
        return _replaced(text, self.ascii_in_name)

    def name_mapped(self, text: str) -> str:
        """`text` with the sources that must be mapped before its key is made mapped (and NFD, as TR39)."""
        if text.isascii():  # NFD changes no ASCII text, and only a few ASCII characters are sources
            return self.ascii_mapped(text) if self.needs_name_mapping(text) else text
        # TR39's skeleton: NFD, each source replaced by its prototype, NFD again.
        return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(self.in_name))


def _replaced(text: str, mapping: dict[int, str]) -> str:
    for point, target in mapping.items():
        text = text.replace(chr(point), target)
    return text


@cache
def keyed_skeleton() -> KeyedSkeleton:
    return KeyedSkeleton(_ascii_prototypes())


def latin_reading(text: str) -> str:
    """`text` with each non-ASCII character that reads as ASCII (a Cyrillic а, a full-width Ａ) replaced by
    what it reads as; other characters are kept."""
    if text.isascii():
        return text
    prototypes = _prototypes()
    return "".join(
        target if not char.isascii() and (target := prototypes.get(ord(char), char)).isascii() else char
        for char in unicodedata.normalize("NFD", text)
    )


def confusable_characters(text: str) -> list[str]:
    """The characters of `text` that stand for others, described: "М (U+041C CYRILLIC CAPITAL LETTER EM,
    read as M)". Plain lower-case Latin letters are what the others are read as, not spoofs themselves (that
    an m reads as rn is `letter_pairs`' to say)."""
    prototypes = _prototypes()
    found = []
    for char in dict.fromkeys(unicodedata.normalize("NFD", text)):
        target = prototypes.get(ord(char))
        if target is not None and target != char and not ("a" <= char <= "z"):
            found.append(f"{char} (U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}, read as {target})")
    return found


def letter_pairs(name: str, other: str) -> list[str]:
    """The letters of `name` that read as other letters of `other`: "rn reads as m", "w reads as vv"."""
    a, b = name.casefold(), other.casefold()
    found = []
    for letter, pair in LETTER_PAIRS.items():
        if a.count(pair) > b.count(pair) and letter in b:
            found.append(f"{pair} reads as {letter}")
        elif b.count(pair) > a.count(pair) and letter in a:
            found.append(f"{letter} reads as {pair}")
    return found


# The scripts whose letters pass for one another; a word mixing them is how a name is spoofed.
_LOOKALIKE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    script = name.split(" ", 1)[0]
    return script if script in _LOOKALIKE_SCRIPTS and char.isalpha() else None


def mixed_script_words(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words of `name` that mix Latin, Greek or Cyrillic letters, each with the scripts it mixes."""
    if name.isascii():
        return []
    mixed = []
    for word in re.findall(r"\w+", unicodedata.normalize("NFKC", name)):
        scripts = tuple(sorted({s for s in map(_script, word) if s is not None}))
        if len(scripts) > 1:
            mixed.append((word, scripts))
    return mixed


def lookalike_reason(name: str, other: str) -> str:
    """Why `name` reads as `other`: the letters that read as others ("rn reads as m") and the characters of
    either that stand for others ("М (U+041C CYRILLIC CAPITAL LETTER EM, read as M)")."""
    own = "".join(char for char in name if char not in other)  # what both have in common reads alike anyway
    theirs = "".join(char for char in other if char not in name)
    found = letter_pairs(name, other) + (confusable_characters(own) or confusable_characters(theirs))
    return ", ".join(found[:3]) if found else "the same letters, differently encoded"


def mixed_script_reason(name: str) -> str | None:
    """Why `name` reads as a spoof though it looks like no signatory: a word mixing scripts, or None."""
    mixed = mixed_script_words(name)
    if not mixed:
        return None
    word, scripts = mixed[0]
    letters = confusable_characters(word) or [
        f"{char} (U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')})"
        for char in dict.fromkeys(word)
        if _script(char) not in (None, "LATIN")
    ]
    detail = f" ({', '.join(letters[:3])})" if letters else ""
    return f"the word '{word}' mixes {' and '.join(s.title() for s in scripts)} letters{detail}"
