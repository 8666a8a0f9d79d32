"""Values as a person types them, tidied the one way the ledger holds them: names and free text."""

from __future__ import annotations

import unicodedata

from accord_cli.core.characters import escape_unsafe, unsafe_character
from accord_cli.core.errors import InvalidValue
from accord_cli.core.names import shortened, too_long, without_superscript_marks


def clean_name(text: str, what: str) -> str:
    """`text` in Unicode's compatibility form (NFKC: full-width letters and ligatures as plain ones) with
    its spacing tidied; refused if empty, too long, or holding control, bidirectional or invisible
    characters."""
    if found := unsafe_character(text):
        raise InvalidValue(f"{what} '{shortened(escape_unsafe(text))}' contains {found}; type it without")
    # A superscript footnote pasted with a name would become a plain digit ("Symantec1"): it goes first.
    cleaned = " ".join(unicodedata.normalize("NFKC", without_superscript_marks(text)).split())
    if not cleaned:
        raise InvalidValue(f"{what} is empty")
    if reason := too_long(cleaned):
        raise InvalidValue(f"{what} {shortened(cleaned)!r} {reason}")
    return cleaned


def tidy(text: str | None, what: str) -> str | None:
    """Free text as recorded: trimmed, None if blank; refused if it holds a control, bidirectional or
    invisible character (a note may hold line breaks and tabs)."""
    text = (text or "").strip() or None
    if text is not None:
        prose = text.replace("\n", " ").replace("\t", " ") if what == "note" else text
        if found := unsafe_character(prose):
            raise InvalidValue(f"the {what} '{shortened(escape_unsafe(text))}' contains {found}; type it without")
    return text


def sector_name(text: str | None) -> str | None:
    """A sector as the ledger holds it: in lower case, so that "Security" and "security" are one sector."""
    return text.lower() if text else None


def country_code(text: str | None) -> str | None:
    """A country code as the ledger holds it: trimmed and in upper case (whether it is one, the rules say)."""
    return (text or "").strip().upper() or None
