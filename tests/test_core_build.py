"""Real `mkdocs build` runs of small gardens: dashboards, backlinks and bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gardens import Build, build, note, write_garden

PLAN = {
    "technical": {"goal": "Understand optimisers", "focus": ["GD", "Adam"], "deliverables": ["Gradients", "Framework"]},
    "non-technical": {"theme": "How knowledge is built", "domain_options": ["Popper", "Kuhn"], "deliverables": ["Notes"]},
}
GARDEN = {
    "index.md": note("# Home\n\nSee [the year](2026/index.md).", title="Home"),
    "2026/index.md": note("Guardrails below.", title="2026", dashboard="year", year=2026),
    "2026/q1/index.md": note("", title="Q1 plan", quarter="2026-Q1", theme="Foundations", plan=PLAN),
    "2026/q1/gradients.md": note("Derivations.", title="Gradients", quarter="2026-Q1", track="technical",
                                 deliverable="Gradients", status="shipped", shipped="2026-02-01"),
    "2026/q1/framework.md": note("Code.", title="Framework", quarter="Q1", track="technical",
                                 deliverable="Framework", status="in-progress"),
    "2026/q1/popper.md": note("Falsifiability meets [[gradients]]. Also [[framework|the framework]].",
                              title="Popper and ML", quarter="q1-2026", track="non-technical",
                              deliverable="Notes", status="planned"),
    "2026/q1/scratch.md": note("Working on [Gradients](gradients.md#derivations) today.", title="Scratch",
                               quarter="2026Q1", track="technical"),
    "2026/q2/index.md": note("", title="Q2 plan", quarter="2026-Q2", theme="Attention",
                             plan={"technical": {"deliverables": ["Attention"]}}),
    "evergreen.md": note("Links to [[Scratch]] and [[scratch]] again, and to itself [[evergreen]].", title="Evergreen"),
}


@pytest.fixture(scope="module")
def garden(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A small garden built once with --strict on 2026-12-04."""
    config = write_garden(tmp_path_factory.mktemp("core"), GARDEN, extra={"trellis": {"year": 2026}})
    return build(config, strict=True)


def _soup(result: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup(result.html(url), "html.parser")


def test_clean_garden_passes_strict(garden: Build) -> None:
    """A garden with valid front-matter builds with --strict and no WARNING."""
    assert garden.returncode == 0, garden.log
    assert garden.warnings == []


def test_year_dashboard_counts_equal_the_notes(garden: Build) -> None:
    """The year counts 3 deliverables in Q1 (1 shipped) and none in Q2 (planned, no note yet)."""
    year = _soup(garden, "2026/").select_one(".trellis-year")
    cards = {c["data-quarter"]: c for c in year.select(".trellis-quarter")}
    assert (cards["2026-Q1"]["data-shipped"], cards["2026-Q1"]["data-total"]) == ("1", "3")
    assert (cards["2026-Q2"]["data-shipped"], cards["2026-Q2"]["data-total"]) == ("0", "0")
    assert cards["2026-Q1"]["data-bridges"] == "2"
    assert (year["data-shipped"], year["data-total"]) == ("1", "3")
    assert "trellis-current" in cards["2026-Q4"]["class"]
    assert year.select_one(".progress-label").get_text() == "1/3"


def test_quarter_dashboard(garden: Build) -> None:
    """The quarter page shows its plan, per-track deliverables, statuses and linking working notes."""
    dash = _soup(garden, "2026/q1/").select_one(".trellis-quarter-dashboard")
    technical = dash.select_one('.trellis-track[data-track="technical"]')
    rows = {r.select_one("td").get_text(): r for r in technical.select(".trellis-deliverable")}
    assert set(rows) == {"Gradients", "Framework"}
    assert rows["Gradients"]["data-status"] == "shipped"
    assert rows["Framework"].select_one(".trellis-overdue") is not None
    assert [a.get_text() for a in rows["Gradients"].select("td:nth-of-type(3) a")] == ["Scratch"]
    assert "Understand optimisers" in technical.get_text()
    non_technical = dash.select_one('.trellis-track[data-track="non-technical"]')
    assert [li.get_text() for li in non_technical.select(".trellis-domain-options li")] == ["Popper", "Kuhn"]
    assert (dash["data-shipped"], dash["data-total"]) == ("1", "3")


def test_backlinks_exactly_right(garden: Build) -> None:
    """Backlinks: each linking note once, no self-link, the other track first, with context."""
    def backlinks(url: str) -> list[str]:
        aside = _soup(garden, url).select_one(".trellis-backlinks")
        return [] if aside is None else [li.select_one("a").get_text() for li in aside.select("li")]

    assert backlinks("2026/q1/gradients/") == ["Popper and ML", "Scratch"]
    assert backlinks("2026/q1/framework/") == ["Popper and ML"]
    assert backlinks("2026/q1/scratch/") == ["Evergreen"]
    assert backlinks("evergreen/") == []
    first = _soup(garden, "2026/q1/gradients/").select_one(".trellis-backlinks li")
    assert "trellis-bridge" in first["class"]
    assert first.select_one(".trellis-context").get_text() == "Falsifiability meets gradients"


def test_wikilinks_become_links(garden: Build) -> None:
    """`[[name|label]]` renders as a link with the label, to the right page."""
    links = {a.get_text(): a["href"] for a in _soup(garden, "2026/q1/popper/").select("article a[href]")}
    assert links["the framework"] == "../framework/"
    assert links["gradients"] == "../gradients/"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("status", "wip", "status: is 'wip'; expected one of idea, planned, in-progress, shipped, dropped"),
        ("quarter", "Q5 2026", "quarter: is 'Q5 2026'; expected a quarter such as 2026-Q1 (also Q1 2026, 2026Q1, q1-2026, or Q1)"),
        ("track", "art", "track: is 'art'; expected one of technical, non-technical"),
        ("audience", "public", "audience: is 'public'; expected one of self, general"),
    ],
    ids=["status", "quarter", "track", "audience"],
)
def test_bad_value_warns_fails_strict_and_still_builds(tmp_path: Path, key: str, value: str, message: str) -> None:
    """One WARNING names file, line, key and value; --strict fails; the page is still built."""
    notes = {"index.md": note("Home"), "notes/bad.md": note("Body text.", title="Bad", **{key: value})}
    config = write_garden(tmp_path, notes)
    strict = build(config, strict=True)
    assert strict.returncode != 0
    assert strict.trellis("WARNING") == [f"notes/bad.md:3: {message}"]
    relaxed = build(config)
    assert relaxed.returncode == 0
    assert "Body text." in relaxed.html("notes/bad/")


def test_each_year_page_shows_its_own_year(tmp_path: Path) -> None:
    """A garden spanning two roadmaps shows each year on its own year page."""
    notes = {
        "index.md": note("Home."),
        "2026/index.md": note("", title="2026", dashboard="year", year=2026),
        "2027/index.md": note("", title="2027", dashboard="year", year=2027),
        "2027/q1/index.md": note("", title="Q1 2027", quarter="2027-Q1", plan={"technical": {"deliverables": ["X"]}}),
        "2027/q1/x.md": note("", title="X", quarter="2027-Q1", track="technical", deliverable="X", status="shipped"),
    }
    result = build(write_garden(tmp_path, notes), strict=True)
    assert result.returncode == 0, result.log
    years = {url: _soup(result, url).select_one(".trellis-year") for url in ("2026/", "2027/")}
    assert (years["2026/"]["data-year"], years["2026/"]["data-total"]) == ("2026", "0")
    assert (years["2027/"]["data-year"], years["2027/"]["data-shipped"], years["2027/"]["data-total"]) == ("2027", "1", "1")
    quarter = _soup(result, "2027/q1/").select_one(".trellis-quarter-dashboard")
    assert (quarter["data-quarter"], quarter["data-phase"]) == ("2027-Q1", "upcoming")
