"""Reading dates the way people type them, with errors that say what was expected."""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_date(text: str) -> date:
    """A calendar date written YYYY-MM-DD; ValueError with a readable reason otherwise."""
    match = _ISO_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date: expected YYYY-MM-DD, e.g. 2018-04-17")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real calendar date") from None
