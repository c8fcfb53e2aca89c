"""Which pages an edit changes: a fingerprint per page of everything Trellis puts on it.

`mkdocs serve --dirty` rebuilds only pages whose source changed, which would
leave other pages' backlinks and dashboards stale. Trellis instead rebuilds a
page when its fingerprint changes: its own note, the notes linking to it, its
graph neighbourhood, its dashboard, or anything shown on every page (titles
and addresses of all pages, the settings, the day).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from .garden import Garden
from .graph import Graph, neighbourhood
from .notes import Note


def site_fingerprint(parts: Iterable[object]) -> str:
    """Return one digest of what every page shows (navigation, settings, today)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def page_fingerprints(
    garden: Garden,
    site: str,
    graph: Graph | None,
    dashboard: Callable[[Note], object] = lambda note: None,
) -> dict[str, str]:
    """Return, per note, a digest that changes whenever the note's page would.

    `dashboard` gives the data of the dashboard a note's page shows, if any.
    """
    prints = {}
    for uri, note in garden.notes.items():
        digest = hashlib.sha256(site.encode())
        digest.update(repr(note).encode("utf-8", "surrogatepass"))
        digest.update(note.body.encode("utf-8", "surrogatepass"))
        digest.update(repr(sorted(note.meta.items(), key=str)).encode("utf-8", "surrogatepass"))
        for source in garden.backlinks.get(uri, ()):
            other = garden.notes[source]
            contexts = [link.context for link in garden.links[source] if link.target == uri]
            digest.update(repr((source, other.title, other.track, other.quarter, contexts)).encode())
        if graph is not None:
            digest.update(repr(neighbourhood(graph, uri)).encode())
        digest.update(repr(dashboard(note)).encode())
        prints[uri] = digest.hexdigest()
    return prints
