"""Field cases 01, 02, 05, 11: front-matter as editors really write it, and `mkdocs serve` left alone.

Each case's input is copied from tests/cases/<case>/input into a temporary folder
and built with the repo's config. The cases write `status: done`; Trellis
publishes an essay once it is `status: shipped`, so the public checks rewrite
`done` to `shipped` (as written, `done` is a status warning with a suggestion).
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gardens import REPO, Build, build, case_garden

CASES = REPO / "tests/cases"
# Case 01's garden has no quarter page, and Trellis shows dashboards only on
# quarter pages: the test adds one naming the case's four deliverables.
Q1_PAGE = """---
title: Q1
quarter: 2026-Q1
plan:
  technical:
    deliverables: [retro summary]
  non-technical:
    deliverables: [kickoff deck, talking points, appointments list]
---
"""


def copy_case(root: Path, case: str, *, shipped: bool = False, extra: dict[str, str] | None = None) -> Path:
    """Copy a case's docs into root, optionally `done` -> `shipped` and extra files; return the config path."""
    matches = list(CASES.glob(f"{case}-*"))
    assert len(matches) == 1, case
    config = case_garden(root, matches[0].name)
    if shipped:
        for path in (root / "docs").rglob("*.md"):
            path.write_bytes(path.read_bytes().replace(b"status: done", b"status: shipped"))
    for name, text in (extra or {}).items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return config


def tree(docs: Path) -> dict[str, str]:
    return {str(p.relative_to(docs)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(docs.rglob("*")) if p.is_file()}


def canary_files(site: Build, canary: str) -> list[str]:
    return [name for name, text in site.all_text().items() if canary in text]


def test_case_inputs_are_present() -> None:
    """The four cases are copied into the repo with their notes."""
    for case in ("01", "02", "05", "11"):
        assert list(CASES.glob(f"{case}-*/input/docs/notes/*.md")), case


# --- 01: BOM and CRLF -------------------------------------------------------------------

def test_01_bom_crlf_garden(tmp_path: Path) -> None:
    """BOM and CRLF notes keep their titles, appear on the Q1 dashboard, and only bad statuses warn."""
    site = build(copy_case(tmp_path, "01", extra={"2026/q1/index.md": Q1_PAGE}))
    assert site.returncode == 0, site.log[-2000:]
    assert sorted(site.trellis("WARNING")) == [
        "notes/bom-crlf-public.md:6: status: is 'done'; expected one of idea, planned, in-progress, shipped, dropped",
        "notes/bom-public.md:6: status: is 'done'; expected one of idea, planned, in-progress, shipped, dropped",
        "notes/crlf-private.md:6: status: is 'todo'; expected one of idea, planned, in-progress, shipped, dropped",
    ]
    dashboard = BeautifulSoup(site.html("2026/q1/"), "html.parser").select_one(".trellis-quarter-dashboard")
    assert dashboard is not None
    linked = {a.get_text(strip=True) for a in dashboard.select("a")}
    assert {"Kickoff summary", "Retro notes", "Raise negotiation prep ZQX01", "Health admin ZQX01"} <= linked
    for name in ("bom-public", "bom-private", "crlf-private", "bom-crlf-public"):
        assert "audience:" not in site.html(f"notes/{name}/")


def test_01_bom_crlf_public(tmp_path: Path) -> None:
    """The shipped general notes are published under their own titles; the private ones appear nowhere."""
    site = build(copy_case(tmp_path, "01", shipped=True), public=True)
    assert site.returncode == 0, site.log[-2000:]
    assert canary_files(site, "ZQX01") == []
    assert "<title>Kickoff summary - " in site.html("notes/bom-public/")
    assert "<title>Retro notes - " in site.html("notes/bom-crlf-public/")
    assert not [name for name, text in site.all_text().items() if name.endswith(".html") and "audience:" in text]


# --- 02: YAML that does not load --------------------------------------------------------

YAML_PRIVATE = "the note is built but kept private until it is fixed"
CASE_02_WARNINGS = [
    "notes/duplicate-audience.md:4: audience: is given 2 times ('general', 'self'); the stricter 'self' wins when they differ",
    "notes/duplicate-audience.md:5: status: is 'draft'; expected one of idea, planned, in-progress, shipped, dropped",
    # PyYAML reads the stray indented `-` as the continuation of `status: todo`:
    # valid YAML, so the warning is about the value it makes.
    "notes/stray-list-item.md:4: status: is 'todo\\n-'; expected one of idea, planned, in-progress, shipped, dropped",
    f"notes/tab-indented.md:6: front-matter is not valid YAML (a TAB indents a line; YAML allows only spaces); {YAML_PRIVATE}",
    "notes/unclosed-fence.md:1: front-matter has an opening '---' but no closing '---'; "
    "the note is kept private until the fence is closed",
]


@pytest.mark.parametrize("public", [False, True], ids=["garden", "public"])
def test_02_invalid_yaml(tmp_path: Path, public: bool) -> None:
    """One warning per broken note with its line; broken notes are private; raw YAML is never page text."""
    site = build(copy_case(tmp_path, "02"), public=public)
    assert site.returncode == 0, site.log[-2000:]
    assert sorted(site.trellis("WARNING")) == CASE_02_WARNINGS
    pages = [name for name in site.all_text() if name.startswith("notes/") and name.endswith(".html")]
    assert not [name for name in pages if "audience: " in site.all_text()[name]]
    if public:
        assert canary_files(site, "ZQX02") == []
        assert not (site.site / "notes").exists()  # clean-public is in progress, not shipped
    else:
        for name in ("tab-indented", "stray-list-item", "unclosed-fence", "duplicate-audience"):
            assert (site.site / f"notes/{name}/index.html").is_file()
        assert "trellis-unreadable" in site.html("notes/tab-indented/")


# --- 05: `Key: value` first lines -------------------------------------------------------

def test_05_first_line_key_value(tmp_path: Path) -> None:
    """Fenceless `Key: value` first lines stay visible, warn 'no front matter', and are never public."""
    config = copy_case(tmp_path, "05")
    garden = build(config)
    assert garden.returncode == 0, garden.log[-2000:]
    assert "Agenda: finish the Q1 review" in garden.html("notes/agenda-first-line/")
    assert "example.org/spec" in garden.html("notes/url-first-line/")
    assert "10:30" in garden.html("notes/time-first-line/")
    assert "Agenda: this line is body text" in garden.html("notes/fenced-control/")
    fenceless = sorted(line.split(":", 1)[0] for line in garden.trellis("WARNING") if "no front matter" in line)
    assert fenceless == [f"notes/{n}.md" for n in ("agenda-first-line", "mmd-audience", "time-first-line", "url-first-line")]
    public = build(config, public=True)
    assert public.returncode == 0, public.log[-2000:]
    assert canary_files(public, "ZQX05") == []


# --- 11: `mkdocs serve` must not rebuild forever ----------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(path: Path, text: str, count: int, seconds: float) -> int:
    """Return how often `text` is in the file once it reaches `count`, or when time is up."""
    end = time.monotonic() + seconds
    found = 0
    while time.monotonic() < end:
        found = path.read_text(encoding="utf-8", errors="replace").count(text)
        if found >= count:
            break
        time.sleep(0.5)
    return found


def test_11_serve_rebuilds_once_per_edit(tmp_path: Path) -> None:
    """A served garden builds once at start and once per saved note, and never writes into docs/."""
    config = copy_case(tmp_path, "11")
    docs = tmp_path / "docs"
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1796342400"}
    env.pop("TRELLIS_PUBLIC", None)
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{_free_port()}"],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
        )
        try:
            assert _wait_for(log, "Serving on", 1, 120) == 1, log.read_text()
            before = tree(docs)
            note = docs / "notes/q1-task-a.md"
            note.write_text(note.read_text(encoding="utf-8").replace("status: in-progress", "status: shipped"), encoding="utf-8")
            edited = tree(docs)
            assert _wait_for(log, "Building documentation", 2, 120) == 2, log.read_text()
            # Give a rebuild loop the time to show itself: a third build would follow the second.
            assert _wait_for(log, "Building documentation", 3, 8) == 2, log.read_text()
            assert tree(docs) == edited and set(edited) == set(before)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
