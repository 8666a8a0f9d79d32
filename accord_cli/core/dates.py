"""Reading dates the way people type them, with errors that say what was expected."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from enum import Enum
from functools import lru_cache

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
            raise ValueError(
                f"'{text}' is not a date or period: expected YYYY-MM-DD, YYYY, YYYY-Qn or YYYY-MM"
            ) from None
        return day, day
    year, quarter, month = match.groups()
    if quarter:
        return period_containing(date(int(year), 3 * int(quarter), 1), Granularity.quarter)
    if month:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"'{text}' is not a real month")
        return period_containing(date(int(year), int(month), 1), Granularity.month)
    return period_containing(date(int(year), 1, 1), Granularity.year)


def period_end(text: str) -> date:
    """The last day of the period `text` names: 2019 -> 2019-12-31, 2019-Q2 -> 2019-06-30."""
    return _period_bounds(text)[1]


def period_start(text: str) -> date:
    """The first day of the period `text` names: 2019 -> 2019-01-01, 2019-06 -> 2019-06-01."""
    return _period_bounds(text)[0]


def period_containing(day: date, by: Granularity) -> tuple[date, date]:
    """The first and last day of the period holding `day`."""
    step = {Granularity.year: 12, Granularity.quarter: 3, Granularity.month: 1}[by]
    first_month = (day.month - 1) // step * step + 1
    last_month = first_month + step - 1
    return date(day.year, first_month, 1), date(day.year, last_month, monthrange(day.year, last_month)[1])


def period_of(day: date, by: Granularity) -> str:
    """The label of the period holding `day`: 2019, 2019-Q2 or 2019-06."""
    if by is Granularity.year:
        return f"{day.year:04d}"
    if by is Granularity.quarter:
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"


# The EDTF forms a fact's date may take (level 0, and the interval part of level 1).
_EDTF_PART = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_EDTF_EXPECTED = (
    "expected a day (2018-04-17), a month (2018-09), a year (2018), an interval "
    "(2018-04-18/2018-04-30) or on-or-before (../2021-05-05)"
)


class When:
    """The date of a fact as precisely as its source gives it, in the Library of Congress's Extended
    Date/Time Format: a day, a month, a year, an interval between two of those, or "on or before" a day.

    `first` and `last` are the earliest and latest days it can be (`first` is None when the source sets
    no earliest day); a fact is certain from `last` on and possible from `first`. A day's text is its
    ISO date, so a ledger of days reads, sorts and prints exactly as dates do.
    """

    __slots__ = ("first", "last", "text", "key", "toml_value")
    first: date | None
    last: date
    text: str
    # The one order of dates, in every view: by the day the fact becomes certain, then by the earliest day it
    # may have happened (an "on or before" date, which sets none, first among those certain on the same day).
    key: tuple[date, date]
    toml_value: date | str  # what the ledger holds: a TOML date for a day, the EDTF text for anything vaguer

    def __init__(self, first: date | None, last: date, text: str) -> None:
        self.first, self.last, self.text = first, last, text
        self.key = (last, date.min if first is None else first)
        self.toml_value = first if first is not None and text == first.isoformat() else text

    @classmethod
    def day(cls, day: date) -> When:
        known = _DAYS.get(day)
        if known is None:  # one value per day: a large ledger shares a few thousand of them
            known = _DAYS[day] = cls(day, day, day.isoformat())
        return known

    @property
    def is_exact(self) -> bool:
        return self.first == self.last

    @property
    def earliest(self) -> date:
        """`first`, or the earliest date there is when the source sets none: for ordering."""
        return date.min if self.first is None else self.first

    def is_certain_by(self, day: date) -> bool:
        """Whether it had certainly happened by the end of `day`."""
        return self.last <= day

    def is_possible_by(self, day: date) -> bool:
        """Whether it may have happened by the end of `day`."""
        return self.first is None or self.first <= day

    def is_before(self, other: When) -> bool:
        """Whether it certainly came before `other`: its latest day is before the other's earliest."""
        return other.first is not None and self.last < other.first

    def since(self, launched: date | None) -> When:
        """The date as it stands for an accord launched on `launched`, before which nothing can have happened:
        `2018` for an accord launched 2018-04-17 is 2018-04-17 to 2018-12-31, `../2021-05-05` is 2018-04-17 to
        2021-05-05 (and a date wholly before the launch, which `accord check` reports, the launch day). Its text,
        and so what the ledger holds and every view prints, stays as the source gave it."""
        if launched is None or (self.first is not None and self.first >= launched):
            return self
        return _bounded(self, launched)

    @property
    def phrase(self) -> str:
        """The date as a sentence puts it, at its precision: on 2018-04-17, in 2018-09, by 2021-05-05, between
        2018-04-18 and 2018-04-30."""
        start, slash, end = self.text.partition("/")
        if not slash:
            return f"{'on' if len(self.text) == 10 else 'in'} {self.text}"
        return f"by {end}" if start == ".." else f"between {start} and {end}"

    def narrowed(self, first: date | None, last: date) -> When:
        """The date within tighter bounds that other facts set (a join is no later than the leave after it),
        its text as the source gave it; itself where they set none."""
        if first == self.first and last == self.last:
            return self
        return When(first, last, self.text)

    def isoformat(self) -> str:
        """The date as EDTF (ISO 8601-2) writes it: 2018-04-17, 2018-09, 2018, 2018-04-18/2018-04-30, ../2021-05-05."""
        return self.text

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"When({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, When) and (other.text, other.first, other.last) == (self.text, self.first, self.last)

    def __hash__(self) -> int:
        return hash(self.text)


@lru_cache(maxsize=4096)
def _bounded(when: When, launched: date) -> When:
    return When(launched, max(when.last, launched), when.text)


_DAYS: dict[date, When] = {}
# The When of a day already met, if any: a lookup in C, for decoding a large ledger.
known_day = _DAYS.get


def _part_bounds(text: str, whole: str) -> tuple[date, date]:
    """The first and last day of a day, month or year written the EDTF way."""
    match = _EDTF_PART.fullmatch(text)
    if not match or match.group(1) == "0000":
        raise ValueError(f"'{whole}' is not a date accord reads: {_EDTF_EXPECTED}")
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"'{whole}' is not a real month")
    if day is not None:
        try:
            exact = date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"'{whole}' is not a real calendar date") from None
        return exact, exact
    if month is not None:
        return period_containing(date(int(year), int(month), 1), Granularity.month)
    return period_containing(date(int(year), 1, 1), Granularity.year)


def parse_when(text: str) -> When:
    """A date at the precision its source gives (see `When`); ValueError saying what was expected otherwise."""
    text = text.strip()
    start, slash, end = text.partition("/")
    if not slash:
        first, last = _part_bounds(text, text)
        return When.day(first) if first == last and len(text) == 10 else When(first, last, text)
    if end == "..":
        raise ValueError(
            f"'{text}' has no latest day: accord needs one, so that the fact is certain from some "
            "day on (write the latest day the source allows, e.g. 2018/2021-05-05)"
        )
    last = _part_bounds(end, text)[1]
    if start == "..":
        return When(None, last, text)
    first = _part_bounds(start, text)[0]
    if first > last:
        raise ValueError(f"'{text}' ends before it starts")
    return When(first, last, text)
