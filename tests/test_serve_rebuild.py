"""`mkdocs serve --dirty` rebuilds: only the pages an edit affects, and never a stale backlink or dashboard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from gardens import EPOCH_2026_12_04, note, write_garden

PLAN = {"technical": {"deliverables": ["Derivation"]}}
NOTES = {
    "index.md": note("Home.", title="Home"),
    "2026/index.md": note("", title="Year", dashboard="year", year=2026),
    "2026/q1/index.md": note("", title="Q1 plan", quarter="2026-Q1", plan=PLAN),
    "2026/q1/derivation.md": note("Maths.", title="Derivation", quarter="2026-Q1", track="technical",
                                  deliverable="Derivation", status="planned"),
    "2026/q1/working.md": note("Progress on [[derivation]].", title="Working", quarter="2026-Q1",
                               track="technical"),
    "evergreen.md": note("Nothing links here yet.", title="Evergreen"),
}


@pytest.fixture
def serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A garden and a function doing what `mkdocs serve --dirty` does on each save."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_12_04)
    monkeypatch.delenv("TRELLIS_PUBLIC", raising=False)
    config_file = write_garden(tmp_path, NOTES)
    site = tmp_path / "site"

    def rebuild(dirty: bool = True) -> dict[str, int]:
        build(load_config(str(config_file)), dirty=dirty)
        return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("index.html")}

    return tmp_path / "docs", site, rebuild


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_status_edit_updates_dashboards_and_nothing_else(serve) -> None:
    """Shipping a deliverable rewrites its page and the dashboards, not unrelated notes."""
    docs, site, rebuild = serve
    before = rebuild(dirty=False)
    _edit(docs / "2026/q1/derivation.md", "status: planned", "status: shipped")
    after = rebuild()

    changed = {page for page in after if after[page] != before.get(page)}
    assert {"2026/index.html", "2026/q1/index.html", "2026/q1/derivation/index.html"} <= changed
    assert "evergreen/index.html" not in changed
    assert "2026/q1/working/index.html" not in changed
    year = _soup(site, "2026").select_one(".trellis-year")
    assert (year["data-shipped"], year["data-total"]) == ("1", "1")
    row = _soup(site, "2026/q1").select_one(".trellis-deliverable")
    assert row["data-status"] == "shipped"


def test_no_inaccurate_navigation_warning(serve, caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs' generic dirty-build warning is not shown: Trellis keeps navigation and links right."""
    docs, site, rebuild = serve
    rebuild(dirty=False)
    _edit(docs / "2026/q1/derivation.md", "status: planned", "status: shipped")
    with caplog.at_level("WARNING"):
        rebuild()
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []


def test_rebuilt_pages_keep_every_navigation_title(serve) -> None:
    """A page rebuilt alone shows the same navigation as after a full build."""
    docs, site, rebuild = serve
    rebuild(dirty=False)
    full = _soup(site, "2026/q1/derivation").select_one("nav.md-nav--primary").get_text(" ").split()
    _edit(docs / "2026/q1/derivation.md", "status: planned", "status: in-progress")
    rebuild()
    dirty = _soup(site, "2026/q1/derivation").select_one("nav.md-nav--primary").get_text(" ").split()
    assert dirty == full
    assert {"Home", "Evergreen", "Working", "Derivation"} <= set(" ".join(full).split())


def test_moving_a_link_moves_the_backlink(serve) -> None:
    """Pointing a link elsewhere removes the old backlink and adds the new one, on both pages."""
    docs, site, rebuild = serve
    before = rebuild(dirty=False)
    assert _soup(site, "2026/q1/derivation").select_one(".trellis-backlinks") is not None
    _edit(docs / "2026/q1/working.md", "[[derivation]]", "[[evergreen]]")
    after = rebuild()

    assert _soup(site, "2026/q1/derivation").select_one(".trellis-backlinks") is None
    names = [a.get_text() for a in _soup(site, "evergreen").select(".trellis-backlinks li > a")]
    assert names == ["Working"]
    assert after["index.html"] == before["index.html"]


def test_new_note_rebuilds_every_page(serve) -> None:
    """A new note changes the navigation of every page, so every page is rebuilt."""
    docs, site, rebuild = serve
    before = rebuild(dirty=False)
    (docs / "new.md").write_text(note("See [[evergreen]].", title="Brand new"), encoding="utf-8")
    after = rebuild()

    unchanged = [page for page in before if after.get(page) == before[page] and not page.startswith(("essays", "graph"))]
    assert unchanged == []
    assert "Brand new" in _soup(site, "evergreen").select_one(".trellis-backlinks").get_text()


def test_deleting_a_note_drops_its_backlink(serve) -> None:
    """A deleted note no longer appears in the backlinks of what it linked to."""
    docs, site, rebuild = serve
    rebuild(dirty=False)
    os.remove(docs / "2026/q1/working.md")
    rebuild()
    assert _soup(site, "2026/q1/derivation").select_one(".trellis-backlinks") is None
