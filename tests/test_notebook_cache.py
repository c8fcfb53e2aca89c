"""Unchanged notebooks are not converted again: mkdocs-jupyter's content-keyed cache is used."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from gardens import build, note, write_garden


def _notebook(text: str) -> str:
    book = new_notebook(cells=[new_markdown_cell(text)])
    book.metadata["trellis"] = {"title": "Gradients by hand", "quarter": "2026-Q1", "track": "technical"}
    return nbformat.writes(book)


def test_second_build_hits_the_cache_and_an_edit_misses_it(tmp_path: Path) -> None:
    """Build twice: the notebook is converted once; after an edit it is converted again."""
    config = write_garden(tmp_path, {"index.md": note("Home."), "nb/grad.ipynb": _notebook("# Scratch\n\nFirst.")})
    first = build(config)
    assert first.returncode == 0, first.log
    assert [line for line in first.lines("INFO") if line.startswith("Cache miss")] != []

    second = build(config)
    assert [line for line in second.lines("INFO") if line.startswith("Cache miss")] == []
    assert [line for line in second.lines("INFO") if line.startswith("Cache hit")] != []
    assert "First." in second.html("nb/grad/")

    (tmp_path / "docs/nb/grad.ipynb").write_text(_notebook("# Scratch\n\nSecond."), encoding="utf-8")
    third = build(config)
    assert [line for line in third.lines("INFO") if line.startswith("Cache miss")] != []
    assert "Second." in third.html("nb/grad/")
