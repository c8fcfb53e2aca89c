"""scripts/status.py: the year as the dashboards count it, in a terminal."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gardens import EPOCH_2026_12_04, REPO
from status import clip, format_year, progress_bar, wants_colour
from trellis.dashboards import summarise_year
from trellis.guardrails import find_breaches
from trellis.loading import load_garden, read_config

SCRIPT = REPO / "scripts" / "status.py"
DEC_4 = dt.date(2026, 12, 4)


def run_status(*args: str) -> subprocess.CompletedProcess[str]:
    """Run status.py on the real garden, on 2026-12-04."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH_2026_12_04}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
    )


def test_real_garden() -> None:
    """Four quarters, 0/16 shipped, Q4 current, two breaches; plain text when piped."""
    done = run_status()
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "2026: 0/16 deliverables shipped"
    assert lines[1] == "today 2026-12-04: 2026-Q4 is current"
    rows = [line.split() for line in lines if line.startswith("2026-Q")]
    assert [(r[0], r[1]) for r in rows] == [
        ("2026-Q1", "past"), ("2026-Q2", "past"), ("2026-Q3", "past"), ("2026-Q4", "current"),
    ]
    assert all("0/4" in r for r in rows)
    assert "guardrail breaches: 2" in lines
    assert "\033[" not in done.stdout


def test_another_year_is_upcoming() -> None:
    """--year 2027 shows four upcoming quarters with nothing to ship."""
    done = run_status("--year", "2027")
    assert done.stdout.splitlines()[0] == "2027: 0/0 deliverables shipped"
    assert done.stdout.count("upcoming") == 4
    assert "guardrails: no breach" in done.stdout


def test_figures_match_the_dashboard_data() -> None:
    """The view shows summarise_year's own figures for the real garden."""
    config = read_config(REPO / "mkdocs.yml")
    garden, _ = load_garden(config.docs_dir, config.settings)
    year = summarise_year(garden, 2026, find_breaches(garden.notes.values(), config.settings.limits), DEC_4)
    text = format_year(year)
    assert (year.shipped, year.total, len(year.breaches)) == (0, 16, 2)
    assert f"{year.shipped}/{year.total}" in text
    for breach in year.breaches:
        assert breach.message in text


def test_colour_only_when_asked() -> None:
    """Colour codes appear with colour on, and the text is otherwise the same."""
    config = read_config(REPO / "mkdocs.yml")
    garden, _ = load_garden(config.docs_dir, config.settings)
    year = summarise_year(garden, 2026, find_breaches(garden.notes.values(), config.settings.limits), DEC_4)
    coloured = format_year(year, colour=True)
    assert "\033[" in coloured
    assert "\033[" not in format_year(year)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "colour"),
    [
        pytest.param(_Tty(), {}, True, id="tty"),
        pytest.param(io.StringIO(), {}, False, id="pipe"),
        pytest.param(_Tty(), {"NO_COLOR": "1"}, False, id="no-color"),
        pytest.param(_Tty(), {"TERM": "dumb"}, False, id="dumb-terminal"),
    ],
)
def test_wants_colour(stream: io.StringIO, environ: dict[str, str], colour: bool) -> None:
    """Colour only on a terminal, never with NO_COLOR or a dumb terminal."""
    assert wants_colour(stream, environ) is colour


@pytest.mark.parametrize(
    ("shipped", "total", "bar"),
    [
        (0, 4, "[--------------------]   0%"),
        (1, 4, "[#####---------------]  25%"),
        (4, 4, "[####################] 100%"),
        (1, 3, "[#######-------------]  33%"),
    ],
)
def test_progress_bar(shipped: int, total: int, bar: str) -> None:
    """The bar fills in proportion and says the percentage."""
    assert progress_bar(shipped, total) == bar


def test_progress_bar_with_nothing_to_ship() -> None:
    """A quarter with no deliverable is optional, not 0%, and keeps the column's width."""
    assert progress_bar(0, 0).startswith("optional")
    assert len(progress_bar(0, 0)) == len(progress_bar(0, 4))


@pytest.mark.parametrize(("text", "cut"), [("short", "short"), ("a" * 10, "aaaa…")])
def test_clip(text: str, cut: str) -> None:
    """Long text is cut to the width, with an ellipsis."""
    assert clip(text, 5) == cut


def test_unusable_config(tmp_path: Path) -> None:
    """A missing docs folder is named, exit status 2."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH_2026_12_04}
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )
    assert done.returncode == 2
    assert "docs: no such docs folder" in done.stderr
