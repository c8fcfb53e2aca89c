"""The garden: every note, resolved links and backlinks, built once per build."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from .links import Link, Resolver, build_resolver, find_links
from .notes import Note, TrackPlan, with_inherited
from .problems import Problem
from .quarters import Quarter


@dataclass(frozen=True)
class Garden:
    """All notes and the links between them."""

    notes: dict[str, Note]
    links: dict[str, tuple[Link, ...]]  # by the note they are written in
    backlinks: dict[str, tuple[str, ...]]  # target src_uri -> linking src_uris, display order
    quarter_pages: dict[Quarter, str]  # quarter -> src_uri of its quarter page
    resolver: Resolver
    problems: tuple[Problem, ...]

    def plan(self, quarter: Quarter) -> dict[str, TrackPlan]:
        uri = self.quarter_pages.get(quarter)
        plan = self.notes[uri].plan if uri else None
        return plan or {}


def build_garden(notes: Iterable[Note], other_files: Iterable[str] = ()) -> Garden:
    """Return the garden: themes inherited, links resolved, backlinks inverted, in one pass."""
    by_uri = {note.src_uri: note for note in notes}
    problems: list[Problem] = []

    quarter_pages = _quarter_pages(by_uri, problems)
    plans = {q: by_uri[uri].plan or {} for q, uri in quarter_pages.items()}
    themes = {q: by_uri[uri].theme for q, uri in quarter_pages.items()}
    by_uri = {uri: with_inherited(note, plans, themes) for uri, note in by_uri.items()}

    resolver = build_resolver({uri: n.title for uri, n in by_uri.items()}, other_files)
    links: dict[str, tuple[Link, ...]] = {}
    for uri, note in by_uri.items():
        found, link_problems = find_links(uri, note.body, resolver, note.body_line)
        links[uri] = tuple(found)
        problems.extend(link_problems)

    backlinks = invert_links(links, by_uri)
    return Garden(by_uri, links, backlinks, quarter_pages, resolver, tuple(problems))


def _quarter_pages(notes: dict[str, Note], problems: list[Problem]) -> dict[Quarter, str]:
    pages: dict[Quarter, str] = {}
    for uri in sorted(notes):
        note = notes[uri]
        if not note.is_quarter_page:
            continue
        assert note.quarter is not None
        if note.quarter in pages:
            problems.append(Problem(
                uri, None, "plan",
                f"{note.quarter} already has a quarter page ({pages[note.quarter]}); this plan is ignored",
            ))
            continue
        pages[note.quarter] = uri
    return pages


def invert_links(links: dict[str, tuple[Link, ...]], notes: dict[str, Note]) -> dict[str, tuple[str, ...]]:
    """Return, per note, the notes linking to it: each once, no self-links, other track first."""
    sources: dict[str, set[str]] = {}
    for source, found in links.items():
        for link in found:
            if link.target and link.target != source and link.target in notes:
                sources.setdefault(link.target, set()).add(source)
    ordered = {}
    for target, linking in sources.items():
        track = notes[target].track
        ordered[target] = tuple(sorted(
            linking,
            key=lambda uri: (
                not _is_bridge(track, notes[uri].track),
                notes[uri].title.lower(),
                uri,
            ),
        ))
    return ordered


def _is_bridge(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def is_bridge(garden: Garden, link: Link) -> bool:
    """Return whether a link crosses between the technical and non-technical tracks."""
    if link.target is None or link.target not in garden.notes:
        return False
    return _is_bridge(garden.notes[link.source].track, garden.notes[link.target].track)


def restrict(garden: Garden, keep: set[str]) -> Garden:
    """Return the garden as seen from the notes in `keep` only (the public build)."""
    notes = {uri: n for uri, n in garden.notes.items() if uri in keep}
    links = {uri: found for uri, found in garden.links.items() if uri in keep}
    return dataclasses.replace(
        garden,
        notes=notes,
        links=links,
        backlinks=invert_links(links, notes),
        quarter_pages={q: u for q, u in garden.quarter_pages.items() if u in keep},
    )
