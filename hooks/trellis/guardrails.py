"""The roadmap's yearly guardrails, checked against what the notes say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .notes import Note
from .quarters import Quarter, phase_of


@dataclass(frozen=True)
class Limits:
    """How much each guardrail allows."""

    themes_per_quarter: int = 1
    domains_per_half_year: int = 1


@dataclass(frozen=True)
class Breach:
    """One guardrail broken: which rule, where, and the notes involved."""

    rule: int  # 1: themes per quarter, 2: domains per half-year
    period: str  # "2026-Q1" or "2026-H1"
    quarters: tuple[Quarter, ...]
    found: tuple[str, ...]  # the themes or domains, in order
    notes: tuple[str, ...]  # src_uris
    limit: int

    @property
    def message(self) -> str:
        what = "technical themes" if self.rule == 1 else "non-technical domains"
        rule = "one primary technical goal per quarter" if self.rule == 1 else "one non-technical domain per half-year"
        found = "; ".join(self.found)
        return f"{self.period}: {len(self.found)} {what} (limit {self.limit}, “{rule}”): {found}"


def _counted(note: Note) -> bool:
    return (
        note.quarter is not None
        and note.track is not None
        and not note.is_quarter_page
        and note.status != "dropped"
    )


def find_breaches(notes: Iterable[Note], limits: Limits) -> list[Breach]:
    """Return every breach of guardrails 1 and 2, in time order."""
    quarters: dict[Quarter, dict[str, list[str]]] = {}
    halves: dict[tuple[int, int], dict[str, list[str]]] = {}
    for note in sorted(notes, key=lambda n: n.src_uri):
        if not _counted(note):
            continue
        assert note.quarter is not None
        if note.track == "technical" and note.theme:
            quarters.setdefault(note.quarter, {}).setdefault(note.theme, []).append(note.src_uri)
        if note.track == "non-technical" and note.domain:
            half = (note.quarter.year, note.quarter.half)
            halves.setdefault(half, {}).setdefault(note.domain, []).append(note.src_uri)

    breaches = []
    for quarter, themes in sorted(quarters.items()):
        if len(themes) > limits.themes_per_quarter:
            breaches.append(_breach(1, str(quarter), (quarter,), themes, limits.themes_per_quarter))
    for (year, half), domains in sorted(halves.items()):
        if len(domains) > limits.domains_per_half_year:
            span = (Quarter(year, 2 * half - 1), Quarter(year, 2 * half))
            breaches.append(_breach(2, f"{year}-H{half}", span, domains, limits.domains_per_half_year))
    return sorted(breaches, key=lambda b: (b.quarters[0], b.rule))


def _breach(rule: int, period: str, quarters: tuple[Quarter, ...], groups: dict[str, list[str]], limit: int) -> Breach:
    found = tuple(groups)
    notes = tuple(uri for key in found for uri in groups[key])
    return Breach(rule, period, quarters, found, notes, limit)


def is_overdue(note: Note, today: dt.date) -> bool:
    """Return whether a deliverable is still unshipped after its quarter ended (guardrail 3)."""
    return (
        note.is_deliverable
        and note.quarter is not None
        and note.status not in ("shipped", "dropped")
        and phase_of(note.quarter, today) == "past"
    )
