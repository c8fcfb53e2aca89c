"""Dashboard data: counts equal what the notes say; optional tracks are left out of progress."""

from __future__ import annotations

import datetime as dt

from factories import make_note
from trellis.dashboards import summarise_quarter, summarise_year
from trellis.garden import build_garden
from trellis.guardrails import Limits, find_breaches
from trellis.quarters import Quarter

TODAY = dt.date(2026, 12, 4)


def _garden():
    page = make_note(
        "q1/index.md", quarter="2026-Q1", theme="Foundations",
        plan={"technical": {"deliverables": ["Gradients", "Framework", "Essay"]}, "non-technical": {}},
    )
    notes = [
        page,
        make_note("q1/g.md", quarter="2026-Q1", track="technical", deliverable="Gradients", status="shipped"),
        make_note("q1/f.md", quarter="2026-Q1", track="technical", deliverable="Framework", status="in-progress"),
        make_note("q1/x.md", quarter="2026-Q1", track="technical", deliverable="Extra", status="dropped"),
        make_note("q1/w.md", quarter="2026-Q1", track="technical", body="Working on [[g]] and [[f]]."),
        make_note("q1/nt.md", quarter="2026-Q1", track="non-technical", body="Thinking about [[g]]."),
    ]
    return build_garden(notes)


def test_quarter_counts_and_rows() -> None:
    """Shipped/total count deliverable notes; dropped ones are shown but not counted."""
    garden = _garden()
    q = summarise_quarter(garden, Quarter(2026, 1), [], TODAY)
    technical, non_technical = q.tracks
    assert (technical.shipped, technical.total) == (1, 2)
    rows = {row.name: row for row in technical.deliverables}
    assert set(rows) == {"Gradients", "Framework", "Extra", "Essay"}
    assert rows["Essay"].note is None and rows["Essay"].status == "no note yet"
    assert rows["Framework"].overdue and not rows["Gradients"].overdue and not rows["Extra"].overdue
    assert rows["Gradients"].working_notes == ("q1/nt.md", "q1/w.md")
    assert (q.shipped, q.total, q.phase) == (1, 2, "past")


def test_track_without_deliverables_is_optional() -> None:
    """Guardrail 3: a track with nothing to ship is optional and left out of progress."""
    q = summarise_quarter(_garden(), Quarter(2026, 1), [], TODAY)
    non_technical = q.tracks[1]
    assert non_technical.optional and non_technical.working_notes == ("q1/nt.md",)


def test_bridges_count_cross_track_links() -> None:
    """A link from a non-technical note to a technical one is a bridge; same-track links are not."""
    q = summarise_quarter(_garden(), Quarter(2026, 1), [], TODAY)
    assert q.bridges == 1


def test_year_summary() -> None:
    """The year adds up its quarters and knows which one is current."""
    garden = _garden()
    year = summarise_year(garden, 2026, find_breaches(garden.notes.values(), Limits()), TODAY)
    assert [q.phase for q in year.quarters] == ["past", "past", "past", "current"]
    assert (year.shipped, year.total, year.current) == (1, 2, Quarter(2026, 4))


def test_backlinks_put_other_track_first() -> None:
    """Backlinks list the other track's notes first, then by title."""
    garden = _garden()
    assert garden.backlinks["q1/g.md"] == ("q1/nt.md", "q1/w.md")
