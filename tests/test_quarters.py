"""Quarter parsing and where a quarter stands in time."""

from __future__ import annotations

import datetime as dt

import pytest

from trellis.clock import epoch_problem, today
from trellis.quarters import Quarter, parse_quarter, phase_of, quarter_of


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-Q1", Quarter(2026, 1)),
        ("Q1 2026", Quarter(2026, 1)),
        ("2026Q1", Quarter(2026, 1)),
        ("q1-2026", Quarter(2026, 1)),
        ("2026 q4", Quarter(2026, 4)),
        ("q3_2027", Quarter(2027, 3)),
        ("Q2", Quarter(2026, 2)),
        (" 2026-q2 ", Quarter(2026, 2)),
    ],
    ids=lambda v: str(v),
)
def test_accepted_spellings(written: str, expected: Quarter) -> None:
    """Every spelling DESIGN.md accepts names the same quarter; a bare Q uses the default year."""
    assert parse_quarter(written, 2026) == expected


@pytest.mark.parametrize("written", ["Q5", "2026-Q0", "Q1 26", "spring", "", "2026", None, True, 3])
def test_rejected_spellings(written: object) -> None:
    """Values that name no quarter give None (the caller reports them)."""
    assert parse_quarter(written, 2026) is None


def test_bare_quarter_needs_a_year() -> None:
    """A bare `Q1` names nothing when no year is configured."""
    assert parse_quarter("Q1", None) is None


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (dt.date(2026, 3, 31), "current"),
        (dt.date(2026, 4, 1), "past"),
        (dt.date(2026, 1, 1), "current"),
        (dt.date(2025, 12, 31), "upcoming"),
    ],
)
def test_phase_at_the_edges(day: dt.date, phase: str) -> None:
    """Q1 2026 is current on its first and last day, past the day after, upcoming the day before."""
    assert phase_of(Quarter(2026, 1), day) == phase


def test_quarter_facts() -> None:
    """Start, end, half and months of a quarter."""
    q = Quarter(2026, 4)
    assert (q.start, q.end, q.half, q.months, str(q)) == (
        dt.date(2026, 10, 1), dt.date(2026, 12, 31), 2, "Oct–Dec", "2026-Q4",
    )
    assert quarter_of(dt.date(2026, 12, 4)) == q


def test_today_follows_source_date_epoch() -> None:
    """SOURCE_DATE_EPOCH pins today; an unusable value is reported and the clock is used."""
    assert today({"SOURCE_DATE_EPOCH": "1796342400"}) == dt.date(2026, 12, 4)
    assert epoch_problem({"SOURCE_DATE_EPOCH": "soon"}) is not None
    assert epoch_problem({"SOURCE_DATE_EPOCH": "1796342400"}) is None
    assert today({"SOURCE_DATE_EPOCH": "soon"}) == dt.date.today()
