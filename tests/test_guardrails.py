"""The three yearly guardrails, at, under and over their limits."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import make_note
from trellis.garden import build_garden
from trellis.guardrails import Limits, find_breaches, is_overdue
from trellis.notes import with_inherited


def _technical(n: int, themes: list[str]) -> list:
    return [make_note(f"q1/t{i}.md", quarter="2026-Q1", track="technical", theme=t) for i, t in enumerate(themes[:n])]


@pytest.mark.parametrize(
    ("themes", "limit", "breaches"),
    [
        (["Optimisation"], 1, 0),
        (["Optimisation", "Optimisation"], 1, 0),
        (["Optimisation", "Attention"], 1, 1),
        (["Optimisation", "Attention"], 2, 0),
        (["A", "B", "C"], 2, 1),
    ],
    ids=["one-theme", "one-theme-twice", "over", "at-raised-limit", "over-raised-limit"],
)
def test_one_technical_theme_per_quarter(themes: list[str], limit: int, breaches: int) -> None:
    """Guardrail 1 breaks only when a quarter's technical notes serve more themes than allowed."""
    notes = _technical(len(themes), themes)
    found = find_breaches(notes, Limits(themes_per_quarter=limit))
    assert len(found) == breaches
    if breaches:
        assert found[0].rule == 1 and found[0].period == "2026-Q1"
        assert set(found[0].notes) == {n.src_uri for n in notes}


@pytest.mark.parametrize(
    ("domains", "limit", "periods"),
    [
        ({"2026-Q1": "Philosophy", "2026-Q2": "Philosophy"}, 1, []),
        ({"2026-Q1": "Philosophy", "2026-Q2": "Design"}, 1, ["2026-H1"]),
        ({"2026-Q2": "Philosophy", "2026-Q3": "Design"}, 1, []),
        ({"2026-Q1": "Philosophy", "2026-Q2": "Design"}, 2, []),
        ({"2026-Q1": "A", "2026-Q2": "B", "2026-Q3": "C", "2026-Q4": "D"}, 1, ["2026-H1", "2026-H2"]),
    ],
    ids=["same-domain", "two-in-h1", "across-halves", "raised-limit", "every-quarter"],
)
def test_one_domain_per_half_year(domains: dict[str, str], limit: int, periods: list[str]) -> None:
    """Guardrail 2 counts non-technical domains per half-year: Q1+Q2 and Q3+Q4."""
    notes = [
        make_note(f"{q}.md", quarter=q, track="non-technical", domain=d) for q, d in domains.items()
    ]
    found = find_breaches(notes, Limits(domains_per_half_year=limit))
    assert [b.period for b in found] == periods
    assert all(b.rule == 2 for b in found)


def test_dropped_notes_and_quarter_pages_do_not_count() -> None:
    """A dropped note serves no theme; a quarter page is a plan, not a note of a track."""
    notes = [
        make_note("a.md", quarter="2026-Q1", track="technical", theme="A"),
        make_note("b.md", quarter="2026-Q1", track="technical", theme="B", status="dropped"),
        make_note("q1.md", quarter="2026-Q1", track="technical", theme="C", plan={"technical": {}}),
    ]
    assert find_breaches(notes, Limits()) == []


def test_domain_falls_back_to_plan_then_theme() -> None:
    """A non-technical note's domain: its own, else its quarter plan's, else its (inherited) theme."""
    page = make_note("q1/index.md", quarter="2026-Q1", theme="Q1 theme",
                     plan={"non-technical": {"theme": "How knowledge is built"}})
    page2 = make_note("q2/index.md", quarter="2026-Q2", plan={"non-technical": {"domain": "Design"}})
    a = make_note("q1/a.md", quarter="2026-Q1", track="non-technical")
    b = make_note("q2/b.md", quarter="2026-Q2", track="non-technical")
    c = make_note("q2/c.md", quarter="2026-Q2", track="non-technical", domain="Drawing")
    garden = build_garden([page, page2, a, b, c])
    assert garden.notes["q1/a.md"].domain == "How knowledge is built"
    assert garden.notes["q2/b.md"].domain == "Design"
    assert garden.notes["q2/c.md"].domain == "Drawing"
    breach, = find_breaches(garden.notes.values(), Limits())
    assert breach.found == ("How knowledge is built", "Design", "Drawing")


@pytest.mark.parametrize(
    ("plan", "theme", "expected"),
    [
        ({"technical": {"theme": "Own"}}, None, "Own"),
        ({"technical": {}}, None, "Quarter theme"),
        ({"technical": {"theme": "Own"}}, "Written", "Written"),
        ({}, None, "Quarter theme"),
    ],
    ids=["plan-track-theme", "quarter-theme", "note-wins", "no-track-plan"],
)
def test_theme_inheritance(plan: dict, theme: str | None, expected: str) -> None:
    """A note's theme: its own, else its track's plan theme, else its quarter's theme."""
    page = make_note("q1/index.md", quarter="2026-Q1", theme="Quarter theme", plan=plan)
    note = make_note("q1/n.md", quarter="2026-Q1", track="technical", theme=theme)
    themes = {page.quarter: page.theme}
    assert with_inherited(note, {page.quarter: page.plan}, themes).theme == expected


@pytest.mark.parametrize(
    ("status", "day", "overdue"),
    [
        ("planned", dt.date(2026, 4, 1), True),
        ("in-progress", dt.date(2026, 4, 1), True),
        ("planned", dt.date(2026, 3, 31), False),
        ("shipped", dt.date(2026, 12, 4), False),
        ("dropped", dt.date(2026, 12, 4), False),
    ],
)
def test_not_shipped_after_quarter_end(status: str, day: dt.date, overdue: bool) -> None:
    """Guardrail 3: a deliverable unshipped once its quarter has ended is shown as not shipped."""
    note = make_note("q1/d.md", quarter="2026-Q1", track="technical", deliverable="D", status=status)
    assert is_overdue(note, day) is overdue


def test_working_note_is_never_overdue() -> None:
    """Only deliverables can be overdue."""
    note = make_note("q1/w.md", quarter="2026-Q1", track="technical", status="planned")
    assert not is_overdue(note, dt.date(2026, 12, 4))
