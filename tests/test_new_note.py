"""scripts/new_note.py: a new note, correctly named and filled in, never over another file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gardens import EPOCH_2026_12_04, REPO, note, write_garden
from new_note import match_deliverable, note_slug, suggest_deliverable
from trellis.loading import read_note

SCRIPT = REPO / "scripts" / "new_note.py"
CHECK = REPO / "scripts" / "check.py"
PLANNED = [
    "End-to-end mini training pipeline",
    "Ablation experiments",
    "Write-up: “What broke when I scaled this”",
]
GARDEN = {
    "index.md": "# Home\n",
    "2026/q3/index.md": note(
        "# Q3\n",
        title="Q3",
        quarter="2026-Q3",
        theme="From models to systems",
        plan={
            "technical": {"deliverables": PLANNED},
            "non-technical": {"theme": "Judgment", "deliverables": ["Short essay"]},
        },
    ),
    "2026/q3/ablation-experiments.md": note(
        "", title="Ablation experiments", quarter="2026-Q3", track="technical",
        deliverable="Ablation experiments",
    ),
}


@pytest.fixture()
def garden(tmp_path: Path) -> Path:
    """A small garden with a Q3 plan, year 2026, docs_dir relative as in a real mkdocs.yml; returns its folder."""
    write_garden(tmp_path, GARDEN, extra={"trellis": {"year": 2026}}, docs_dir="docs")
    return tmp_path


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run new_note.py from the garden's folder, on 2026-12-04."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH_2026_12_04}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=root, env=env, timeout=120,
    )


def test_writes_a_quarter_note(garden: Path) -> None:
    """A bare Q3 means extra.trellis.year; the note lands in docs/2026/q3/ with clean front-matter."""
    done = run(garden, "Why ablations lie", "--quarter", "Q3", "--track", "technical")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "docs/2026/q3/why-ablations-lie.md\n"
    text = (garden / done.stdout.strip()).read_text(encoding="utf-8")
    assert text == (
        "---\ntitle: Why ablations lie\nquarter: 2026-Q3\ntrack: technical\ndate: 2026-12-04\n---\n\n"
        "Part of the [Q3 plan](index.md).\n"
    )
    assert "wrote docs/2026/q3/why-ablations-lie.md" in done.stderr


@pytest.mark.parametrize(
    ("track", "theme"),
    [("technical", "From models to systems"), ("non-technical", "Judgment")],
)
def test_inherits_theme_without_writing_it(garden: Path, track: str, theme: str) -> None:
    """The theme comes from the quarter page's plan for the track: told on stderr, not frozen in the file."""
    done = run(garden, f"A {track} note", "--quarter", "2026-Q3", "--track", track)
    assert f"theme: '{theme}', inherited from docs/2026/q3/index.md" in done.stderr
    assert "theme:" not in (garden / done.stdout.strip()).read_text(encoding="utf-8")


def test_refuses_to_overwrite(garden: Path) -> None:
    """A second note with the same title exits 1 naming the file, which stays as it was."""
    first = run(garden, "Same title")
    target = garden / first.stdout.strip()
    target.write_text("my words\n", encoding="utf-8")
    again = run(garden, "Same title")
    assert again.returncode == 1 and again.stdout == ""
    assert "docs/notes/same-title.md: already exists; not overwritten" in again.stderr
    assert target.read_text(encoding="utf-8") == "my words\n"


def test_evergreen_note(garden: Path) -> None:
    """Without a quarter the note goes to docs/notes/ and carries only title, audience and date."""
    done = run(garden, "On reading papers: a method", "--audience", "general")
    assert done.stdout == "docs/notes/on-reading-papers-a-method.md\n"
    text = (garden / done.stdout.strip()).read_text(encoding="utf-8")
    assert text == "---\ntitle: 'On reading papers: a method'\naudience: general\ndate: 2026-12-04\n---\n\n"


def test_deliverable_spelled_as_the_plan(garden: Path) -> None:
    """A deliverable named loosely is written as the plan spells it, with its track and status."""
    done = run(garden, "Scaling write-up", "--quarter", "Q3", "--deliverable", "what broke when I scaled this")
    assert done.returncode == 0, done.stderr
    path = done.stdout.strip()
    note_, problems = read_note(path.removeprefix("docs/"), (garden / path).read_bytes(), 2026)
    assert problems == []
    assert note_.deliverable == PLANNED[2]
    assert (note_.track, note_.status) == ("technical", "planned")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--quarter", "Q3", "--deliverable", "ablation experimnts"],
            "docs/2026/q3/index.md: plan.<track>.deliverables: deliverable 'ablation experimnts' is not "
            "planned for 2026-Q3; did you mean 'Ablation experiments'?",
            id="suggests-nearest",
        ),
        pytest.param(
            ["--quarter", "Q3", "--track", "non-technical", "--deliverable", "Ablation experiments"],
            "plan.non-technical.deliverables: deliverable 'Ablation experiments' is not planned",
            id="other-track",
        ),
        pytest.param(
            ["--quarter", "Q3", "--deliverable", "ablation experiments"],
            "docs/2026/q3/ablation-experiments.md: already ships deliverable 'Ablation experiments'",
            id="already-written",
        ),
        pytest.param(
            ["--quarter", "Q2", "--deliverable", "Anything"],
            "--deliverable: 2026-Q2 has no quarter page with a plan",
            id="no-plan",
        ),
        pytest.param(["--deliverable", "Anything"], "--deliverable: needs --quarter", id="no-quarter"),
        pytest.param(["--quarter", "Q5"], "--quarter 'Q5': expected a quarter such as 2026-Q3", id="bad-quarter"),
        pytest.param(["--track", "tech"], "invalid choice: 'tech'", id="bad-track"),
    ],
)
def test_bad_input_exits_non_zero(garden: Path, args: list[str], message: str) -> None:
    """Bad input writes nothing, prints nothing on stdout and says what is wrong on stderr."""
    before = sorted(p for p in (garden / "docs").rglob("*"))
    done = run(garden, "A note", *args)
    assert done.returncode != 0 and done.stdout == ""
    assert message in done.stderr
    assert sorted(p for p in (garden / "docs").rglob("*")) == before


def test_bare_quarter_needs_a_year(tmp_path: Path) -> None:
    """Without extra.trellis.year a bare Q3 is refused, naming the setting and the config file."""
    write_garden(tmp_path, {"index.md": "# Home\n"}, extra={"trellis": {"year": None}}, docs_dir="docs")
    done = run(tmp_path, "A note", "--quarter", "Q3")
    assert done.returncode == 1
    assert "a bare Q3 needs extra.trellis.year in mkdocs.yml" in done.stderr


def test_new_notes_pass_the_check(garden: Path) -> None:
    """What new_note writes, check.py finds nothing wrong with."""
    for args in (["One", "--quarter", "Q3", "--track", "technical"],
                 ["Two", "--quarter", "2026-Q3", "--deliverable", "Short essay"],
                 ["Three: a 'quoted' title", "--audience", "general"]):
        assert run(garden, *args).returncode == 0
    done = subprocess.run([sys.executable, str(CHECK)], capture_output=True, text=True, cwd=garden, timeout=120)
    assert (done.returncode, done.stdout) == (0, "")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Why ablations lie", "why-ablations-lie"),
        ("Write-up: “What broke”", "write-up-what-broke"),
        ("Don’t skim", "dont-skim"),
        ("Index", "index-note"),
        ("README", "readme-note"),
        ("!!!", "note"),
    ],
)
def test_note_slug(title: str, slug: str) -> None:
    """File names follow the importer's slugs, never a folder's index page."""
    assert note_slug(title) == slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ablation experiments", "Ablation experiments"),
        ("ABLATION   experiments", "Ablation experiments"),
        ("What broke when I scaled this", PLANNED[2]),
        ("Write-up: “What broke when I scaled this”", PLANNED[2]),
        ("Ablation", None),
    ],
)
def test_match_deliverable(name: str, expected: str | None) -> None:
    """A deliverable matches as written, in any case and spacing, or by its quoted title."""
    assert match_deliverable(name, PLANNED) == expected


def test_suggest_deliverable() -> None:
    """A near miss gets the closest planned name; nonsense gets none."""
    assert suggest_deliverable("ablaton experiment", PLANNED) == "Ablation experiments"
    assert suggest_deliverable("zzz", PLANNED) is None
