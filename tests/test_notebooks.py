"""Unit tests of trellis.notebooks: the sanitised copy, settings, search exclusion."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from trellis.links import build_resolver
from trellis.notebooks import (
    NotebookSettings,
    exclude_code_from_search,
    front_matter_problems,
    parse_notebook_settings,
    placeholder,
    sanitise,
    truncate,
)

NOTES = {"notes/essay.md": "Essay", "notes/private.md": "Private", "nb/book.ipynb": "Book"}
RESOLVER = build_resolver(NOTES, ["nb/plot.png"])
BUILT = {"notes/essay.md": "../../notes/essay/", "nb/plot.png": "../plot.png", "nb/book.ipynb": "./"}


def href(uri: str) -> str | None:
    return BUILT.get(uri)


def cell(kind: str, source: str, outputs: list | None = None) -> dict:
    found = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        found["outputs"] = outputs or []
    return found


def run(cells: list[dict], public: bool = False, check_paths: bool = False, **settings):
    """Sanitise a notebook of these cells, written at nb/book.ipynb."""
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    return sanitise("nb/book.ipynb", notebook, resolver=RESOLVER, href=href, public=public,
                    check_paths=check_paths, settings=NotebookSettings(**settings))


@pytest.mark.parametrize(
    ("written", "rendered"),
    [
        ("[[essay]]", "[essay](../../notes/essay/)"),
        ("[[essay|the essay]]", "[the essay](../../notes/essay/)"),
        ("[[essay#Some Part]]", "[essay](../../notes/essay/#some-part)"),
        ("[e](../notes/essay.md)", "[e](../../notes/essay/)"),
        ("[e](../notes/essay.md#x)", "[e](../../notes/essay/#x)"),
        ("[[private]]", "private"),  # not built (public build): text only
        ("[p](../notes/private.md)", "p"),
        ("[[nothing here]]", "nothing here"),
        ("![plot](plot.png)", "![plot](../plot.png)"),
        ("`[[essay]]`", "`[[essay]]`"),  # code is not a link
        ("[site](https://example.org)", "[site](https://example.org)"),
        ('<img src="plot.png">', '<img src="plot.png">'),
    ],
)
def test_markdown_cell_links(written: str, rendered: str) -> None:
    """Links in Markdown cells become URLs of built pages; unbuilt targets become text."""
    result = run([cell("markdown", written)])
    assert result.notebook["cells"][0]["source"] == rendered


@pytest.mark.parametrize(
    ("first", "kept"),
    [
        (cell("raw", "---\ntitle: T\n---"), 1),
        (cell("raw", "not front-matter"), 2),
        (cell("markdown", "---\ntitle: T\n---"), 2),
    ],
)
def test_front_matter_cell_dropped(first: dict, kept: int) -> None:
    """Only a first raw cell opening with `---` is taken out of the page."""
    assert len(run([first, cell("markdown", "# x")]).notebook["cells"]) == kept


ERROR = {"output_type": "error", "ename": "ValueError", "evalue": "bad", "traceback": ["ValueError: bad"]}
PATHS = {"output_type": "stream", "name": "stdout", "text": "saved /Users/ann/data.csv and C:\\Users\\ann\\x.txt\n"}


@pytest.mark.parametrize(
    ("public", "outputs_left", "words"),
    [
        (False, 1, "shown here, left out of the public build"),
        (True, 0, "left out of the public page"),
    ],
)
def test_error_outputs(public: bool, outputs_left: int, words: str) -> None:
    """An error output is reported with its cell number and stripped in the public build."""
    result = run([cell("markdown", "# t"), cell("code", "1/0", [ERROR])], public=public)
    assert result.error_cells == (2,)
    assert len(result.notebook["cells"][1]["outputs"]) == outputs_left
    (problem,) = result.problems
    assert problem.key == "cell 2" and "ValueError: bad" in problem.message and words in problem.message


@pytest.mark.parametrize(("check_paths", "count"), [(True, 1), (False, 0)])
def test_local_paths_warned_for_reader_notebooks(check_paths: bool, count: int) -> None:
    """Home-folder paths in outputs are reported for notebooks meant for readers."""
    problems = run([cell("code", "x", [PATHS])], check_paths=check_paths).problems
    assert len(problems) == count
    if count:
        assert "/Users/ann/data.csv" in problems[0].message and "C:\\Users\\ann\\x.txt" in problems[0].message


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("short\n", False),
        ("\n".join(f"row {i}" for i in range(2000)), True),
        ("x" * 200_000, True),
    ],
)
def test_truncate(text: str, cut: bool) -> None:
    """Text outputs over the line or size limit are cut, with a line saying so."""
    output, note = truncate({"output_type": "stream", "text": text}, 100 * 1024, 200)
    assert (note is not None) == cut
    if cut:
        assert "row 1999" not in output["text"] and "cut by Trellis" in output["text"]
        assert len(output["text"]) < 110 * 1024


def test_truncation_is_a_notice_not_a_problem() -> None:
    """Cutting a long output is logged as a notice, not a warning."""
    long = {"output_type": "execute_result", "data": {"text/plain": "a\n" * 5000}, "metadata": {}}
    result = run([cell("code", "x", [long])])
    assert result.problems == () and len(result.notices) == 1


def test_missing_kernelspec_filled_and_reported() -> None:
    """A notebook without a kernel spec is shown as Python and reported."""
    result = sanitise("a.ipynb", {"cells": []}, resolver=RESOLVER, href=href, public=False,
                      check_paths=False, settings=NotebookSettings())
    assert result.notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert [p.key for p in result.problems] == ["metadata.kernelspec"]


def test_input_not_changed() -> None:
    """Sanitising leaves the notebook it was given as it was."""
    cells = [cell("markdown", "[[essay]]"), cell("code", "x", [ERROR])]
    run(cells, public=True)
    assert cells[0]["source"] == "[[essay]]" and cells[1]["outputs"] == [ERROR]


@pytest.mark.parametrize(
    ("metadata", "has_front_matter", "expected"),
    [
        ({}, True, None),
        ({}, False, "no Trellis front-matter"),
        ({"garden": {"audience": "self"}}, False, "did you mean metadata.trellis"),
    ],
)
def test_front_matter_problems(metadata: dict, has_front_matter: bool, expected: str | None) -> None:
    """A notebook without Trellis front-matter, or with a look-alike key, is reported."""
    problems = front_matter_problems("a.ipynb", {"metadata": metadata}, has_front_matter)
    assert [expected in str(p) for p in problems] == ([] if expected is None else [True])


@pytest.mark.parametrize(
    ("raw", "settings", "problems"),
    [
        (None, NotebookSettings(), 0),
        ({"errors": "fail", "max_output_lines": 50}, NotebookSettings(errors="fail", max_output_lines=50), 0),
        ({"errors": "explode"}, NotebookSettings(), 1),
        ({"max_size_mb": 0}, NotebookSettings(), 1),
        ({"max_size_mb": True}, NotebookSettings(), 1),
        ({"execute": True}, NotebookSettings(), 1),
        ("yes", NotebookSettings(), 1),
    ],
)
def test_parse_notebook_settings(raw: object, settings: NotebookSettings, problems: int) -> None:
    """Notebook settings are read with a problem per unusable value."""
    found, messages = parse_notebook_settings(raw)
    assert found == settings and len(messages) == problems


def test_placeholder_is_a_valid_notebook() -> None:
    """The stand-in for an unreadable notebook validates as nbformat 4."""
    import nbformat

    nbformat.validate(nbformat.from_dict(placeholder("Broken", "not valid JSON")))


def _indexed_text(html: str) -> str:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return " ".join("".join(section.text) for section in parser.data if not section.is_excluded())


def test_code_cells_left_out_of_search() -> None:
    """Material's search parser skips code cells, nested divs and all, and keeps Markdown cells."""
    html = (
        '<div class="jp-Cell jp-MarkdownCell"><div><p>prose words</p></div></div>'
        '<div class="jp-Cell jp-CodeCell jp-Notebook-cell"><div><div>code</div></div><div>TRACEBACK</div></div>'
        '<div class="jp-Cell jp-MarkdownCell"><p>after</p></div>'
    )
    text = _indexed_text(exclude_code_from_search(html))
    assert "prose words" in text and "after" in text
    assert "TRACEBACK" not in text and "code" not in text
    assert "TRACEBACK" in _indexed_text(html)
