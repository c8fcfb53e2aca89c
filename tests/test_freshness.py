"""Page fingerprints: they change exactly when what Trellis shows on the page changes."""

from __future__ import annotations

import dataclasses

from factories import make_note
from trellis.freshness import page_fingerprints, site_fingerprint
from trellis.garden import build_garden
from trellis.graph import build_graph


def _prints(notes: list, site: str = "site") -> dict[str, str]:
    garden = build_garden(notes)
    return page_fingerprints(garden, site, build_graph(garden.notes, garden.links))


BASE = [
    make_note("a.md", title="A", body="Links to [[b]]."),
    make_note("b.md", title="B", body="Plain."),
    make_note("c.md", title="C", body="Alone."),
]


def test_same_input_same_prints() -> None:
    """Fingerprints are reproducible."""
    assert _prints(BASE) == _prints(list(BASE))


def test_renaming_a_linking_note_changes_its_target() -> None:
    """B shows A's title among its backlinks, so A's new title changes B's page; C is untouched."""
    before = _prints(BASE)
    after = _prints([dataclasses.replace(BASE[0], title="A renamed"), *BASE[1:]])
    assert {uri for uri in before if before[uri] != after[uri]} == {"a.md", "b.md"}


def test_site_wide_change_changes_every_page() -> None:
    """A change to what every page shows (the navigation) changes every fingerprint."""
    before, after = _prints(BASE, "site-1"), _prints(BASE, "site-2")
    assert all(before[uri] != after[uri] for uri in before)
    assert site_fingerprint(["x", 1]) != site_fingerprint(["x", 2])
