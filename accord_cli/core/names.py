"""The one place that decides when two organisation names are the same."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Generic, NamedTuple, TypeVar

from accord_cli.core.characters import without_invisible
from accord_cli.core.lookalikes import keyed_skeleton, latin_reading

T = TypeVar("T")

_SPACES = re.compile(r"\s+")
_NUMBERS = re.compile(r"\d+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Forms of the European Union's own law, which a list kept country by country leaves out: a Societas
# Europaea (SAP SE), a European cooperative society, a European economic interest grouping.
_EUROPEAN_FORMS = ("se", "s.e.", "sce", "eeig", "ewiv", "geie")
# Forms as registers and filings spell them that cleanco's data leaves out: the Swedish name of a Finnish
# Oyj (Nokia Abp), Mexico's listed companies, and the long spellings of forms whose short one is folded.
_MORE_FORMS = (
    "abp",
    "s.a.b. de c.v.",
    "s.a. de c.v.",
    "s. de r.l. de c.v.",
    "limited liability company",
    "public limited company",
    "private limited company",
    "limited company",
    "limited partnership",
    "limited liability partnership",
    "general partnership",
    "incorporated",
    "corporation",
    "company limited",
    "proprietary limited",
    "aktiengesellschaft",
    "gesellschaft mit beschränkter haftung",
    "kommanditgesellschaft",
    "société anonyme",
    "société à responsabilité limitée",
    "société par actions simplifiée",
    "sociedad anónima",
    "sociedad limitada",
    "sociedad de responsabilidad limitada",
    "sociedade anônima",
    "sociedade limitada",
    "società per azioni",
    "società a responsabilità limitata",
    "naamloze vennootschap",
    "besloten vennootschap",
    "aktiebolag",
    "osakeyhtiö",
    "julkinen osakeyhtiö",
    "allmennaksjeselskap",
    "aksjeselskap",
    "aktieselskab",
    "anpartsselskab",
    "kabushiki kaisha",
    "kabushiki gaisha",
    "godo kaisha",
    "yugen kaisha",
    "spółka akcyjna",
    "spółka z ograniczoną odpowiedzialnością",
    "akciová společnost",
    "anonim şirketi",
    "limited şirketi",
)
# Words a company's group is written with, after its name and before any legal form: ABB Group, Arm Holdings
# plc. Folded as a legal form is, never leaving a name that is only a generic word ("The Group" stays).
_GROUP_WORDS = frozenset(
    {"group", "holdings", "holding", "gruppe", "groupe", "grupo", "gruppo", "groep", "koncern", "koncernen", "konzern"}
)
# Those that French, Spanish, Portuguese and Italian write before the name: Groupe ABB, Grupo Telefónica.
_GROUP_WORDS_FIRST = frozenset({"groupe", "grupo", "gruppo"})
# Spellings in that data that also end names as plain words or country codes ("Acme UK", "Vision
# Private"): left as they are, so that they keep telling organisations apart.
_NOT_FOLDED = frozenset({"uk", "at", "et", "ok", "ad", "ba", "da", "ep", "pp", "ps", "sp", "ent", "private"})
# Countries whose companies write their legal form before the name as often as after it: Finnish
# "Oy Karl Fazer", Swedish "AB Volvo", Baltic "AS Tallink", "UAB Acme", "SIA Acme", Russian "ООО Ромашка",
# Indonesian "PT Telkom". Elsewhere a form is folded only at the end of a name.
_WRITTEN_FIRST = (
    "Finland",
    "Sweden",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Russia",
    "Ukraine",
    "Belarus",
    "Uzbekistan",
    "Indonesia",
    "Mongolia",
)
# Of the forms of two letters written first, those that lead names far more often than initials do: KB,
# MB or UD before a name are as likely initials (KB Financial, MB Financial, UD Trucks), and stay.
_TWO_LETTERS_WRITTEN_FIRST = frozenset({"oy", "ab", "as", "ou", "pt"})
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
_PREFIX_MIN_LENGTH = 2
# A legal form written where it is not folded ("SA Acme") adds at most this many characters.
_LONGEST_UNFOLDED_FORM = 5


# Footnote marks a name pasted from a web page or a report keeps at its end: "Arm[1]", "Acme*", "Beta†",
# "Symantec¹" (a superscript, before Unicode's compatibility form makes it a plain digit).
_FOOTNOTE_MARKS = re.compile(
    r"(?:\s*(?:\[(?:[0-9]{1,3}|[a-z]|note [0-9]{1,3}|citation needed)\]|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+))+\s*$", re.IGNORECASE
)
_SUPERSCRIPT_MARKS = re.compile(r"\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
_FOOTNOTE_ENDS = frozenset("]*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰")


def without_footnote_marks(name: str) -> str:
    """`name` without the footnote marks at its end, trimmed; a name of marks alone stays as it is."""
    name = name.strip()
    if not name or name[-1] not in _FOOTNOTE_ENDS:
        return name
    return _FOOTNOTE_MARKS.sub("", name) or name


# Latin letters that Unicode does not decompose into a base letter and an accent, as they are usually read.
_LATIN_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ẞ": "SS",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "ŀ": "l",
        "Ŀ": "L",
    }
)


def without_superscript_marks(name: str) -> str:
    """`name` without the superscript footnote marks at its end ("Symantec¹"); a name of them alone stays."""
    return _SUPERSCRIPT_MARKS.sub("", name) or name


def _fold_accents(text: str) -> str:
    """Drop accents from Latin letters only (a dakuten on a kana changes the word), and read the Latin
    letters Unicode keeps whole as their usual Latin ones: Łódź is Lodz, Ørsted is Orsted, Æon is Aeon."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS)):
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
    # A word's letters with the marks that belong to them (a Devanagari vowel sign: टाटा is not टोटो).
    return "".join(
        char if char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M" else " "
        for char in folded(without_invisible(text))
    ).split()


class LegalForms(NamedTuple):
    """Every legal form as the words a name folds it to ("S.p.A." is "s p a"), longest first: by its last
    word, to fold at the end of a name; by its first word, those written before a name too; and each
    form of one word, to tell a near name that differs by one."""

    by_last_word: dict[str, list[list[str]]]
    by_first_word: dict[str, list[list[str]]]
    single_words: frozenset[str]


@cache
def legal_forms() -> LegalForms:
    """The legal forms of every country, from cleanco's term data (some 320 spellings from about 70
    countries) and the European Union's own; read on the first name compared."""
    from cleanco.termdata import terms_by_country, terms_by_type

    every = {term for terms in (*terms_by_type.values(), *terms_by_country.values()) for term in terms}
    first = {term for country in _WRITTEN_FIRST for term in terms_by_country[country]}
    by_last: dict[str, list[list[str]]] = {}
    by_first: dict[str, list[list[str]]] = {}
    for term in sorted(every | set(_EUROPEAN_FORMS) | set(_MORE_FORMS)):
        # Written with its dots ("S.p.A.", words s p a) or without them ("SpA", one word spa).
        for spelling in dict.fromkeys((term, term.replace(".", ""))):
            words = _words(spelling.replace("&", " and "))
            if not words or (len(words) == 1 and words[0] in _NOT_FOLDED):
                continue
            by_last.setdefault(words[-1], []).append(words)
            if term in first and (len(words) > 1 or len(words[0]) > 2 or words[0] in _TWO_LETTERS_WRITTEN_FIRST):
                by_first.setdefault(words[0], []).append(words)
    for forms in (*by_last.values(), *by_first.values()):
        unique = {tuple(form): form for form in forms}
        forms[:] = sorted(unique.values(), key=len, reverse=True)
    single = frozenset(form[0] for forms in by_last.values() for form in forms if len(form) == 1)
    return LegalForms(by_last, by_first, single)


def is_legal_form(text: str) -> bool:
    """Whether `text` is nothing but a legal form ("Inc.", "S.p.A.", "Oy")."""
    words = _words(text.replace("&", " and "))
    return bool(words) and words in legal_forms().by_last_word.get(words[-1], ())


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """The form under which two names count as the same organisation.

    Case, accents, letters Unicode keeps whole (ł, ø, æ, ß: Łódź is Lodz),
    compatibility forms (full-width letters, ligatures), invisible characters,
    punctuation, spacing, "&" against "and", a leading "The", footnote marks at
    the end ("Arm[1]", "Acme*"), a group word at the end (ABB Group, Arm
    Holdings) and legal forms make no difference: any country's at the end
    (Inc., Ltd, GmbH, S.p.A., Oyj, SE, Aktiengesellschaft, ...), and at the start
    those of countries that write them there (Oy, AB, UAB, ООО, PT, ...). A name
    is never folded to nothing, nor to a generic word alone ("The Group").
    """
    words = _words(without_footnote_marks(name).replace("&", " and "))
    if len(words) > 1:
        forms = legal_forms()
        while len(words) > 1:
            for form in forms.by_last_word.get(words[-1], ()):
                if len(words) > len(form) and words[-len(form) :] == form:
                    del words[-len(form) :]
                    break
            else:
                if words[-1] in _GROUP_WORDS and _names_something(words[:-1]):
                    del words[-1]  # "Arm Holdings plc": the legal form, then the group word
                    continue
                break
        if words[0] == "the" and len(words) > 1:  # after the legal forms: "The, Inc." is The
            del words[0]
        if words[0] in _GROUP_WORDS_FIRST and _names_something(words[1:]):
            del words[0]
        for form in forms.by_first_word.get(words[0], ()):
            if len(words) > len(form) and words[: len(form)] == form:
                del words[: len(form)]
                break
    # A name of punctuation alone keeps its characters, so "[/]" and "*" stay apart.
    return " ".join(words) or _SPACES.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip()


def _names_something(words: list[str]) -> bool:
    """Whether `words` are a name rather than a generic word alone: "The Group" keeps its group word."""
    kept = words[1:] if words[:1] == ["the"] else words
    return bool(kept) and not (len(kept) == 1 and kept[0] in _GROUP_WORDS)


@lru_cache(maxsize=1 << 18)
def lookalike_key(name: str) -> str:
    """The form under which two names *look* the same: the name key of the name's TR39 skeleton, so that
    "Мicrosoft" (a Cyrillic М) and "GoogIe" (a capital I) have the keys of Microsoft and Google, and
    "Com" the key of "Corn"."""
    mapping = keyed_skeleton()
    # Most names need no mapping before their key, which is then already made; the rest is in C.
    return mapping.key_mapped(name_key(mapping.name_mapped(without_invisible(name))))


class Nearness(NamedTuple):
    """Why two names may be the same organisation written another way, and how close they are."""

    reason: str  # "leading words", "legal form" or "spelling"
    rank: tuple[int, float]  # smaller is closer: leading words first, then a legal form, then spelling


def nearness(a: str, b: str) -> Nearness | None:
    """Why two *different* name keys may name the same organisation, or None if nothing says so.

    One may be the first words of the other ("bt" / "bt global"; two letters
    are enough, and "hp" is not the start of "hpe"). They may differ only by a
    legal form written where accord does not fold it ("sa acme" / "acme"). Or
    they may be spelled alike: the words that differ, once a tail of words they
    share is set aside (so "dell technologies" is not near "ca technologies"),
    start with the same letter (a typo rarely hits the first: "disco" is not
    "cisco") and are at least 0.8 similar, four characters or more. Names whose
    numbers differ ("fund 1" / "fund 2") are never near.
    """
    if a == b or _NUMBERS.findall(a) != _NUMBERS.findall(b):
        return None
    short, long_ = sorted((a, b), key=lambda k: (len(k), k))
    if len(short) >= _PREFIX_MIN_LENGTH and long_.startswith(short + " "):
        return Nearness("leading words", (0, 0.0))
    single = legal_forms().single_words
    a_words, b_words = a.split(), b.split()
    a_kept, b_kept = [w for w in a_words if w not in single], [w for w in b_words if w not in single]
    if a_kept and a_kept == b_kept:
        return Nearness("legal form", (1, 0.0))
    if _transposed(a_words, b_words):
        return Nearness("spelling", (2, -1.0))
    while len(a_words) > 1 and len(b_words) > 1 and a_words[-1] == b_words[-1]:
        a_words.pop()
        b_words.pop()
    first, second = " ".join(a_words), " ".join(b_words)
    if min(len(first), len(second)) < _NEAR_MIN_LENGTH or first[0] != second[0]:
        return None
    # difflib is imported where it is used: most commands never compare names this way.
    from difflib import SequenceMatcher

    shorter, longer = sorted((first, second))
    ratio = SequenceMatcher(None, shorter, longer, autojunk=False).ratio()
    return Nearness("spelling", (2, -ratio)) if ratio >= NEAR_RATIO else None


def _transposed(a_words: list[str], b_words: list[str]) -> bool:
    """Whether the names differ by two neighbouring letters swapped in one word of four letters or more,
    anywhere in it ("orcale" / "oracle", "mircosoft" / "microsoft"): the commonest slip of typing."""
    differing = [(a, b) for a, b in zip(a_words, b_words) if a != b]
    if len(a_words) != len(b_words) or len(differing) != 1:
        return False
    a, b = differing[0]
    if len(a) != len(b) or len(a) < _NEAR_MIN_LENGTH:
        return False
    at = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(at) == 2 and at[1] == at[0] + 1 and a[at[0]] == b[at[1]] and a[at[1]] == b[at[0]]


def is_near(a: str, b: str) -> bool:
    """Whether two *different* name keys look like the same organisation written another way (see `nearness`)."""
    return nearness(a, b) is not None


def slugify(name: str) -> str:
    """A stable ASCII id derived from a name: 'Trend Micro' -> 'trend-micro', 'Лаборатория Касперского' ->
    'laboratoriya-kasperskogo', 'ソニー' -> 'soni' (and a Cyrillic М in a Latin word as M)."""
    if not name.isascii():
        reading = latin_reading(name)  # used only where every letter reads as a Latin one: a spoof, not Cyrillic
        if reading.isascii():
            name = reading
        else:
            # Imported here: its tables load only for a name beyond ASCII.
            from anyascii import anyascii

            name = anyascii(name)
    return _NOT_SLUG.sub("-", name.lower()).strip("-") or "signatory"


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
        return [
            (self._names[i], self._owners[i])
            for i in self._lookalikes.get(lookalike_key(name), ())
            if self._keys[i] != key
        ]


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
    touches both ends, and a shortened name keeps its first word. (Two letters
    swapped in the first word are looked up by `_swapped_blocks`.)
    """
    numbers = tuple(_NUMBERS.findall(key))
    return ((numbers, "word", key.split(" ", 1)[0]), (numbers, "head", key[:3]), (numbers, "tail", key[-3:]))


def _swapped_blocks(key: str) -> list[tuple[object, ...]]:
    """The first-word buckets of the names that differ from `key` by two neighbouring letters swapped in its
    first word ("orcale" is looked up under "oracle"): a swap near both ends escapes the other buckets."""
    numbers, word = tuple(_NUMBERS.findall(key)), key.split(" ", 1)[0]
    if len(word) < _NEAR_MIN_LENGTH:
        return []
    swaps = {word[:at] + word[at + 1] + word[at] + word[at + 2 :] for at in range(len(word) - 1)} - {word}
    return [(numbers, "word", swapped) for swapped in sorted(swaps)]


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
        firsts = {first, *(word for _, _, word in _swapped_blocks(key))}
        return {
            c
            for c in self.exact
            if (c[:3] == head or c[-3:] == tail or c.split(" ", 1)[0] in firsts)
            and tuple(_NUMBERS.findall(c)) == numbers
        }

    def lookup(self, name: str) -> T | None:
        return self.exact.lookup(name)

    def lookalikes(self, name: str) -> list[tuple[str, T]]:
        return self.exact.lookalikes(name)

    def near(self, name: str, *, few: bool = False) -> list[Near[T]]:
        """Names that nearly match `name` (as written in the ledger), their owners and why, closest first:
        leading words before a legal form before spelling (see `nearness`).

        `few`: the caller looks up one or two names only (add's warning), so one pass over
        every key is cheaper than filing them all in buckets first.
        """
        key = name_key(name)
        if few and self._buckets is None:
            candidates = self._scanned(key)
        else:
            buckets = self._filed()
            candidates = set()
            for block in (*_blocks(key), *_swapped_blocks(key)):
                candidates.update(buckets.get(block, ()))
        # Names much longer or shorter can only be near by their leading words, or by a legal form of a
        # few letters: the rest are not worth comparing.
        width = max(2, int(len(key) * (1 - NEAR_RATIO)) + 1) + _LONGEST_UNFOLDED_FORM
        found = []
        for c in candidates:
            if abs(len(c) - len(key)) <= width or c.startswith(key + " ") or key.startswith(c + " "):
                why = nearness(key, c)
                if why is not None:
                    found.append((why.rank, c, why.reason))
        found.sort()
        return [Near(self.display[c], self.exact[c], reason) for _, c, reason in found]


class Near(NamedTuple, Generic[T]):
    """A name that nearly matches another, as the ledger writes it, its owner, and why it is near."""

    name: str
    owner: T
    reason: str
