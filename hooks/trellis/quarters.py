"""Quarters: parsing the spellings people write, and where a quarter stands in time."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Phase = Literal["past", "current", "upcoming"]

_MONTHS = ("Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec")

# Accepted: 2026-Q1, 2026Q1, 2026 Q1, Q1 2026, Q1-2026, q1_2026, and a bare Q1.
_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})[\s_-]*q(?P<q>[1-4])$", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"^q(?P<q>[1-4])(?:[\s_-]*(?P<year>\d{4}))?$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    """One quarter of one year."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The quarter's last day."""
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    @property
    def half(self) -> int:
        """1 for Q1 and Q2, 2 for Q3 and Q4."""
        return 1 if self.number <= 2 else 2

    @property
    def months(self) -> str:
        return _MONTHS[self.number - 1]

    @property
    def slug(self) -> str:
        return f"q{self.number}"


def parse_quarter(value: object, default_year: int | None) -> Quarter | None:
    """Return the quarter a front-matter value names, or None when it names none."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    match = _YEAR_FIRST.match(text) or _QUARTER_FIRST.match(text)
    if not match:
        return None
    year = match.group("year")
    if year is None:
        if default_year is None:
            return None
        return Quarter(default_year, int(match.group("q")))
    return Quarter(int(year), int(match.group("q")))


def quarter_of(day: dt.date) -> Quarter:
    """Return the quarter a date falls in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def phase_of(quarter: Quarter, today: dt.date) -> Phase:
    """Return whether the quarter is past, current or upcoming on the given day."""
    if today > quarter.end:
        return "past"
    if today < quarter.start:
        return "upcoming"
    return "current"
