"""The person's own 2026 garden, built as they would build it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gardens import REPO, Build, build, site_config

import yaml


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real docs/ built with --strict on 2026-12-04."""
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(REPO / "docs", root / "docs")
    config = root / "mkdocs.yml"
    config.write_text(yaml.dump(site_config(root / "docs", root / "site")), encoding="utf-8")
    return build(config, strict=True)


def test_builds_strict_without_a_warning(real_site: Build) -> None:
    """`mkdocs build --strict` passes on the real garden and logs no WARNING."""
    assert real_site.returncode == 0, real_site.log
    assert real_site.warnings == []


def test_year_figures(real_site: Build) -> None:
    """The year page shows 4 quarters, 16 deliverables, 0 shipped, Q4 current, two domain breaches."""
    soup = BeautifulSoup(real_site.html("2026/"), "html.parser")
    year = soup.select_one(".trellis-dashboard.trellis-year")
    assert year is not None
    quarters = year.select(".trellis-quarter")
    assert [q["data-quarter"] for q in quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert (year["data-total"], year["data-shipped"]) == ("16", "0")
    assert [q["data-total"] for q in quarters] == ["4", "4", "4", "4"]
    current = [q["data-quarter"] for q in quarters if "trellis-current" in q["class"]]
    assert current == ["2026-Q4"]
    assert year["data-breaches"] == "2"
    rules = {li["data-rule"] for li in year.select(".trellis-guardrail")}
    assert rules == {"2"}


def test_breaches_logged_once_at_info(real_site: Build) -> None:
    """Each half-year domain breach is logged once, at INFO, naming its notes."""
    breaches = [line for line in real_site.trellis("INFO") if line.startswith("guardrail breach")]
    assert len(breaches) == 2
    assert "2026-H1" in breaches[0] and "2026/q1/" in breaches[0] and "2026/q2/" in breaches[0]
    assert "2026-H2" in breaches[1] and "2026/q3/" in breaches[1] and "2026/q4/" in breaches[1]


@pytest.mark.parametrize("quarter", ["q1", "q2", "q3", "q4"])
def test_quarter_page_shows_plan_and_deliverables(real_site: Build, quarter: str) -> None:
    """Each quarter page shows both tracks and one row per deliverable note, counts matching."""
    soup = BeautifulSoup(real_site.html(f"2026/{quarter}/"), "html.parser")
    dash = soup.select_one(".trellis-quarter-dashboard")
    assert dash is not None
    tracks = {s["data-track"]: s for s in dash.select(".trellis-track")}
    assert set(tracks) == {"technical", "non-technical"}
    assert len(tracks["technical"].select(".trellis-deliverable")) == 3
    assert len(tracks["non-technical"].select(".trellis-deliverable")) == 1
    statuses = [row["data-status"] for row in dash.select(".trellis-deliverable")]
    assert statuses == ["planned"] * 4
    overdue = len(dash.select(".trellis-overdue"))
    assert overdue == (0 if quarter == "q4" else 4)
    notes = sorted(Path(REPO / "docs/2026" / quarter).glob("*.md"))
    assert len(notes) == 5  # the quarter page and four deliverables
