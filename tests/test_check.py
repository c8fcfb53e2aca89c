"""scripts/check.py and trellis.loading: the garden checked without a build, as the build checks it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gardens import EPOCH_2026_12_04, REPO, build, note, write_garden
from trellis.loading import is_ignored, is_junk, load_garden, read_config, read_note, walk_docs
from trellis.settings import Settings

SCRIPT = REPO / "scripts" / "check.py"
QUARTER_PAGE = note(
    "# Q1\n",
    title="Q1",
    quarter="2026-Q1",
    theme="Foundations",
    plan={"technical": {"deliverables": ["Gradients by hand"]}},
)


def run_check(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run check.py as a person would, with the day pinned."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH_2026_12_04}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120,
    )


def test_real_garden_is_clean() -> None:
    """The committed docs/ has no problem: nothing printed, exit status 0."""
    done = run_check()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        pytest.param(
            {"a.md": note("Body\n", status="wip")},
            ["a.md:2: status: is 'wip'; expected one of idea, planned, in-progress, shipped, dropped"],
            id="bad-status",
        ),
        pytest.param(
            {"a.md": note("Body\n", title="A", quarter="Q5 2026")},
            ["a.md:3: quarter: is 'Q5 2026'; expected a quarter such as 2026-Q1 "
             "(also Q1 2026, 2026Q1, q1-2026, or Q1)"],
            id="bad-quarter",
        ),
        pytest.param(
            {"a.md": "# A\n\nSee [[nowhere]].\n"},
            ["a.md:3: wikilink [[nowhere]] matches no note; it is shown as plain text"],
            id="dangling-wikilink",
        ),
        pytest.param(
            {"a.md": "---\ntitle: [unclosed\n---\nBody\n"},
            ["a.md:3: front-matter is not valid YAML (did not find expected ',' or ']'); "
             "the note is built but kept private until it is fixed"],
            id="bad-yaml",
        ),
        pytest.param(
            {".trash/a.md": note("[[nowhere]]\n", status="wip"), "b.md~": "[[x]]", "#c.md#": "[[y]]"},
            [],
            id="dot-folder-and-junk-ignored",
        ),
    ],
)
def test_bad_garden_lines(tmp_path: Path, notes: dict[str, str], expected: list[str]) -> None:
    """Each problem is one `docs/path:line: message` line on stdout; exit status 1 when any."""
    config = write_garden(tmp_path, {"index.md": "# Home\n", **notes}, extra={"trellis": {"year": 2026}})
    done = run_check("--config", str(config))
    docs = (tmp_path / "docs").as_posix()
    assert done.stdout.splitlines() == [f"{docs}/{line}" for line in expected]
    assert done.returncode == (1 if expected else 0), done.stderr


def test_docs_option_prefixes_paths_as_given(tmp_path: Path) -> None:
    """--docs relative to the working folder gives paths an editor opens from there."""
    write_garden(tmp_path, {"n.md": note("", status="nope")})
    done = run_check("--docs", "docs", "--config", "missing.yml", cwd=tmp_path)
    assert done.stdout.splitlines() == [
        "docs/n.md:2: status: is 'nope'; expected one of idea, planned, in-progress, shipped, dropped",
    ]
    assert done.returncode == 1


def test_unusable_config_exits_2(tmp_path: Path) -> None:
    """A mkdocs.yml that does not load is named on stderr, exit status 2."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: [oops\n", encoding="utf-8")
    done = run_check("--config", str(config))
    assert done.returncode == 2
    assert str(config) in done.stderr and done.stdout == ""


def _notebook(meta: object) -> str:
    """Return a notebook with one Markdown cell; `meta` is its metadata.trellis, None for none."""
    # A kernel, so the notebook's own checks (outputs, kernel) have nothing to say.
    metadata: dict[str, object] = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    if meta is not None:
        metadata["trellis"] = meta
    return json.dumps({
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# NB\n", "See [[ghost]]."]}],
        "metadata": metadata,
        "nbformat": 4,
        "nbformat_minor": 5,
    })


def test_same_problems_as_the_build(tmp_path: Path) -> None:
    """check.py reports exactly the Trellis WARNINGs of a real `mkdocs build`, in the same order."""
    notes = {
        "index.md": "# Home\n\n[[gradients]] and [[Gradients by hand]]\n",
        "2026/q1/index.md": QUARTER_PAGE,
        "2026/q1/gradients.md": note("[[missing page]]\n", title="Gradients by hand", quarter="Q1",
                                     track="technical", deliverable="Gradients by hand", status="done"),
        "2026/q1/other.md": note("", quarter="2026-Q1", track="technical", theme="Another theme",
                                 audiance="general", date="someday"),
        "2026/q2/bad.md": "---\nquarter: 2026-Q2\ntrack: [technical\n---\nbody [[gradients]]\n",
        "notes/nb.ipynb": _notebook({"status": "wip", "quarter": "2026-Q1", "track": "technical"}),
        "notes/duplicate.md": "---\nstatus: idea\nstatus: planned\n---\n",
        "notes/bare.ipynb": _notebook(None),
        ".obsidian/workspace.md": note("[[nothing]]\n", status="bad"),
        "templates/t.md": note("", status="bad"),
        "draft.md~": "[[nothing]]",
    }
    trellis = {"year": 2026, "guardrails": {"level": "warn"}, "not_a_setting": 1, "notebooks": {"errors": "x"}}
    config = write_garden(tmp_path, notes, extra={"trellis": trellis})

    built = build(config)
    checked = run_check("--config", str(config))

    docs = (tmp_path / "docs").as_posix() + "/"
    lines = [
        line.removeprefix(docs).removeprefix(f"{config}: ")
        for line in checked.stdout.splitlines()
    ]
    assert built.trellis("WARNING"), built.log
    assert lines == built.trellis("WARNING")
    assert checked.returncode == 1
    assert any("guardrail breach" in line for line in lines)
    assert not any(".obsidian" in line or "templates/" in line for line in lines)


@pytest.mark.parametrize(
    ("src_uri", "ignored"),
    [
        ("notes/a.md", False),
        ("2026/q1/index.md", False),
        (".obsidian/workspace.json", True),
        (".trash/old.md", True),
        ("notes/.hidden.md", True),
        ("templates/note.md", True),
        ("notes/templates/note.md", False),
        ("notes/a.md~", True),
        ("notes/.a.md.swp", True),
        ("notes/#a.md#", True),
        ("notes/~$lock.md", True),
        ("notes/a.md.bak", True),
    ],
)
def test_is_ignored(src_uri: str, ignored: bool) -> None:
    """Dot-files, dot-folders, top-level templates/ and editor junk are no part of the garden."""
    assert is_ignored(src_uri) is ignored


def test_is_ignored_adds_exclude_docs() -> None:
    """mkdocs.yml's exclude_docs lines are added to MkDocs' defaults, never replace them."""
    assert is_ignored("drafts/a.md", "drafts/\n")
    assert is_ignored(".trash/a.md", "drafts/\n")
    assert not is_ignored("notes/a.md", "drafts/\n")


@pytest.mark.parametrize(
    ("name", "junk"),
    [("a.md", False), ("a.md~", True), ("~a.md", True), ("a.tmp", True), ("a.crdownload", True)],
)
def test_is_junk(name: str, junk: bool) -> None:
    """Editor leftovers are recognised by their name alone."""
    assert is_junk(name) is junk


def test_walk_docs_order(tmp_path: Path) -> None:
    """Files come in MkDocs' order: a folder's index first, sub-folders after, ignored files left out."""
    for rel in ("b.md", "index.md", "a/z.md", "a/index.md", ".git/x", "a/.b.md", "c.png"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert walk_docs(tmp_path) == ["index.md", "b.md", "c.png", "a/index.md", "a/z.md"]


def test_load_garden_reads_notes_and_files(tmp_path: Path) -> None:
    """Notes become notes, other files resolve links, problems are returned as data."""
    (tmp_path / "img.png").write_bytes(b"\x89PNG")
    (tmp_path / "a.md").write_text("---\nstatus: x\n---\n![i](img.png) [[b]]\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"# B\xff\n")
    garden, problems = load_garden(tmp_path, Settings(year=2026))
    assert sorted(garden.notes) == ["a.md", "b.md"]
    assert [link.target for link in garden.links["a.md"]] == ["img.png", "b.md"]
    assert [(p.path, p.key) for p in problems] == [("a.md", "status"), ("b.md", None)]


def test_read_config_defaults_when_missing(tmp_path: Path) -> None:
    """Without mkdocs.yml the docs folder sits beside it and the settings are the defaults."""
    config = read_config(tmp_path / "mkdocs.yml")
    assert (config.docs_dir, config.settings, config.problems) == (tmp_path / "docs", Settings(), ())


def test_read_config_reads_the_real_one() -> None:
    """The repo's mkdocs.yml (with its !!python/name tags) gives docs/ and year 2026."""
    config = read_config(REPO / "mkdocs.yml")
    assert config.docs_dir == REPO / "docs"
    assert config.settings.year == 2026 and config.problems == ()


@pytest.mark.parametrize(
    ("src_uri", "data", "keys"),
    [
        pytest.param("a.md", b"---\nstatus: wip\n---\n", ["status"], id="markdown"),
        pytest.param("n.ipynb", _notebook({"status": "wip"}).encode(), ["status"], id="notebook-metadata"),
        pytest.param("n.ipynb", _notebook(None).encode(), [None], id="notebook-without-front-matter"),
        pytest.param("n.ipynb", b"{not json", [None], id="notebook-not-json"),
    ],
)
def test_read_note(src_uri: str, data: bytes, keys: list[str | None]) -> None:
    """One read per note, as the build does it: problems name the key they are about."""
    note_, problems = read_note(src_uri, data, 2026)
    assert note_.src_uri == src_uri
    assert [p.key for p in problems] == keys
