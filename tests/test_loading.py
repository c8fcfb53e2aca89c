"""One reader for the build and the scripts: a note file read the same way by both."""

from __future__ import annotations

import json
from pathlib import Path

from trellis.loading import load_garden, read_note_file
from trellis.settings import Settings


def _notebook(path: Path, padding: int) -> None:
    book = {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Big\n" + "x" * padding}],
        "metadata": {"trellis": {"title": "Big one", "audience": "general", "status": "shipped"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path.write_text(json.dumps(book), encoding="utf-8")


def test_notebook_over_the_cap_is_not_read_and_stays_private(tmp_path: Path) -> None:
    """A notebook over max_size_mb becomes an unreadable, private note with one problem naming the cap."""
    path = tmp_path / "big.ipynb"
    _notebook(path, 2 * 2**20)
    read = read_note_file(path, "big.ipynb", 2026, max_notebook_mb=1)
    assert not read.note.readable and read.note.audience == "self"
    assert read.notebook is None
    assert [str(p) for p in read.problems] == [
        "big.ipynb: notebook is 2 MB, over extra.trellis.notebooks.max_size_mb (1); "
        "it is not read, shown as a notice and kept private (clear its outputs)"
    ]
    assert read.notice == read.problems[0].message


def test_notebook_under_the_cap_is_read(tmp_path: Path) -> None:
    """Under the cap the notebook is parsed once and kept for its rendered copy."""
    path = tmp_path / "small.ipynb"
    _notebook(path, 10)
    read = read_note_file(path, "small.ipynb", 2026, max_notebook_mb=1)
    assert read.note.title == "Big one" and read.note.readable
    assert read.notebook is not None and read.problems == []


def test_checker_applies_the_same_cap(tmp_path: Path) -> None:
    """load_garden (make check, make status) reports the cap exactly as the build does."""
    _notebook(tmp_path / "big.ipynb", 2 * 2**20)
    _, problems = load_garden(tmp_path, Settings(), max_notebook_mb=1)
    assert [p.message.split(",")[0] for p in problems] == ["notebook is 2 MB"]
