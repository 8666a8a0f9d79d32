"""Reading dates the way people type them, with errors that say what was expected."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from enum import Enum

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


class Granularity(str, Enum):
    year = "year"
    quarter = "quarter"
    month = "month"


_PERIOD = re.compile(r"([0-9]{4})(?:-(?:Q([1-4])|([0-9]{2})))?", re.IGNORECASE)


def _period_bounds(text: str) -> tuple[date, date]:
    """The first and last day of a year (2019), quarter (2019-Q2), month (2019-06) or day."""
    match = _PERIOD.fullmatch(text.strip())
    if not match:
        try:
            day = parse_date(text)
        except ValueError:
            if _ISO_DATE.fullmatch(text.strip()):
                raise  # shaped like a date but not one: say that, not that periods exist
            raise ValueError(f"'{text}' is not a date or period: expected YYYY-MM-DD, YYYY, YYYY-Qn or YYYY-MM") \
                from None
        return day, day
    year, quarter, month = match.groups()
    if quarter:
        first_month, last_month = 3 * int(quarter) - 2, 3 * int(quarter)
    elif month:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"'{text}' is not a real month")
        first_month = last_month = int(month)
    else:
        first_month, last_month = 1, 12
    start = date(int(year), first_month, 1)
    return start, date(int(year), last_month, monthrange(int(year), last_month)[1])


def period_end(text: str) -> date:
    """The last day of the period `text` names: 2019 -> 2019-12-31, 2019-Q2 -> 2019-06-30."""
    return _period_bounds(text)[1]


def period_start(text: str) -> date:
    """The first day of the period `text` names: 2019 -> 2019-01-01, 2019-06 -> 2019-06-01."""
    return _period_bounds(text)[0]


def period_of(day: date, by: Granularity) -> str:
    """The label of the period holding `day`: 2019, 2019-Q2 or 2019-06."""
    if by is Granularity.year:
        return f"{day.year}"
    if by is Granularity.quarter:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"
