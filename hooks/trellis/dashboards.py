"""Dashboards: the year and each quarter, as plain data computed once per build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .garden import Garden, is_bridge
from .guardrails import Breach, is_overdue
from .notes import TRACKS, Note, TrackPlan
from .quarters import Phase, Quarter, phase_of


@dataclass(frozen=True)
class DeliverableRow:
    """One deliverable as its quarter dashboard shows it."""

    note: str | None  # src_uri; None for a planned deliverable with no note yet
    name: str
    title: str
    status: str
    overdue: bool
    working_notes: tuple[str, ...]


@dataclass(frozen=True)
class TrackSummary:
    """One track of one quarter."""

    track: str
    plan: TrackPlan | None
    deliverables: tuple[DeliverableRow, ...]
    working_notes: tuple[str, ...]  # the track's notes that are not deliverables
    optional: bool  # guardrail 3: nothing to ship, so left out of progress

    @property
    def shipped(self) -> int:
        return sum(1 for row in self.deliverables if row.note and row.status == "shipped")

    @property
    def total(self) -> int:
        return sum(1 for row in self.deliverables if row.note and row.status != "dropped")


@dataclass(frozen=True)
class QuarterSummary:
    """What the year dashboard and the quarter's own dashboard show."""

    quarter: Quarter
    page: str | None  # src_uri of the quarter page
    title: str
    theme: str | None
    phase: Phase
    tracks: tuple[TrackSummary, ...]
    breaches: tuple[Breach, ...]
    bridges: int  # links between the two tracks written in this quarter's notes

    @property
    def shipped(self) -> int:
        return sum(t.shipped for t in self.tracks if not t.optional)

    @property
    def total(self) -> int:
        return sum(t.total for t in self.tracks if not t.optional)

    @property
    def overdue(self) -> int:
        return sum(1 for t in self.tracks for row in t.deliverables if row.overdue)


@dataclass(frozen=True)
class YearSummary:
    year: int
    today: dt.date
    quarters: tuple[QuarterSummary, ...]
    breaches: tuple[Breach, ...]

    @property
    def shipped(self) -> int:
        return sum(q.shipped for q in self.quarters)

    @property
    def total(self) -> int:
        return sum(q.total for q in self.quarters)

    @property
    def current(self) -> Quarter | None:
        return next((q.quarter for q in self.quarters if q.phase == "current"), None)


def summarise_year(garden: Garden, year: int, breaches: list[Breach], today: dt.date) -> YearSummary:
    """Return the year dashboard's data."""
    quarters = tuple(summarise_quarter(garden, Quarter(year, n), breaches, today) for n in range(1, 5))
    in_year = tuple(b for b in breaches if b.quarters[0].year == year)
    return YearSummary(year, today, quarters, in_year)


def summarise_quarter(garden: Garden, quarter: Quarter, breaches: list[Breach], today: dt.date) -> QuarterSummary:
    """Return one quarter's dashboard data from its plan and its notes."""
    page = garden.quarter_pages.get(quarter)
    page_note = garden.notes.get(page) if page else None
    members = [n for n in garden.notes.values() if n.quarter == quarter and not n.is_quarter_page]
    plan = garden.plan(quarter)
    tracks = tuple(_track(garden, quarter, track, plan.get(track), members, today) for track in TRACKS)
    # a pair of notes is one bridge, however often one links the other
    bridges = len({
        (link.source, link.target)
        for note in members for link in garden.links.get(note.src_uri, ()) if is_bridge(garden, link)
    })
    return QuarterSummary(
        quarter=quarter,
        page=page,
        title=page_note.title if page_note else f"{quarter.year} Q{quarter.number}",
        theme=page_note.theme if page_note else None,
        phase=phase_of(quarter, today),
        tracks=tracks,
        breaches=tuple(b for b in breaches if quarter in b.quarters),
        bridges=bridges,
    )


def _track(garden: Garden, quarter: Quarter, track: str, plan: TrackPlan | None,
           members: list[Note], today: dt.date) -> TrackSummary:
    notes = sorted((n for n in members if n.track == track), key=lambda n: (n.title.lower(), n.src_uri))
    deliverables = [n for n in notes if n.is_deliverable]
    rows = [_row(garden, n, today) for n in deliverables]
    written = {n.deliverable for n in deliverables}
    for name in plan.deliverables if plan else ():
        if name not in written:
            rows.append(DeliverableRow(None, name, name, "no note yet", False, ()))
    working = tuple(n.src_uri for n in notes if not n.is_deliverable)
    optional = not rows
    return TrackSummary(track, plan, tuple(rows), working, optional)


def _row(garden: Garden, note: Note, today: dt.date) -> DeliverableRow:
    linking = tuple(
        uri for uri in garden.backlinks.get(note.src_uri, ())
        if not garden.notes[uri].is_deliverable and not garden.notes[uri].is_quarter_page
    )
    return DeliverableRow(
        note=note.src_uri,
        name=note.deliverable or note.title,
        title=note.title,
        status=note.status or "planned",
        overdue=is_overdue(note, today),
        working_notes=linking,
    )


def year_position(today: dt.date, year: int) -> float | None:
    """Return where today falls in the year, 0–100, or None outside it."""
    if today.year != year:
        return None
    start = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - start).days
    return round(100 * (today - start).days / days, 1)
