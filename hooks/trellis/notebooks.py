"""Notebooks as notes: the copy of a notebook that MkDocs renders and publishes.

mkdocs-jupyter renders a notebook from its file on disk, after every Markdown
hook has run. So Trellis decides everything about a notebook up front and
writes a sanitised copy for it to render: no front-matter cell, links turned
into site URLs, error outputs checked, huge outputs cut. Everything here works
on plain notebook dicts and text; the glue writes the file.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from markdown.extensions.toc import slugify

from .links import Link, Resolver, find_links
from .problems import Problem

Href = Callable[[str], "str | None"]  # target src_uri -> URL relative to the notebook page, None when not built
ErrorPolicy = Literal["strip", "fail"]

# Absolute paths that reveal the owner's machine: POSIX homes and Windows profiles.
LOCAL_PATH = re.compile(
    r"""(?P<path>
        /(?:home|Users)/[^/\s'"]+(?:/[^\s'"]*)?
      | [A-Za-z]:\\(?:Users|Documents\ and\ Settings)\\[^\\\s'"]+(?:\\[^\s'"]*)?
    )""",
    re.VERBOSE,
)
_CODE_CELL_OPEN = re.compile(r'<div class="jp-Cell jp-CodeCell\b')
_DIV_TAG = re.compile(r"<div\b|</div\s*>")
_EXCLUDE_OPEN = '<trellis-code data-search-exclude style="display: contents">'
_EXCLUDE_CLOSE = "</trellis-code>"
# Metadata keys people reach for when they mean `trellis`.
_LOOKALIKES = ("garden", "Trellis", "TRELLIS", "trellis_meta", "frontmatter", "front_matter", "mkdocs")


@dataclass(frozen=True)
class NotebookSettings:
    """`extra.trellis.notebooks`: how notebooks are checked and trimmed."""

    errors: ErrorPolicy = "strip"  # public build: drop error outputs, or stop the build
    max_output_kb: int = 100  # a text output longer than this is cut
    max_output_lines: int = 200  # ... or one with more lines than this
    max_size_mb: int = 50  # a bigger notebook is not read; a notice page stands in


@dataclass(frozen=True)
class Sanitised:
    """The notebook MkDocs renders, and what was found on the way."""

    notebook: dict[str, Any]
    problems: tuple[Problem, ...]  # WARNINGs: the person should fix these
    notices: tuple[Problem, ...]  # INFO: what Trellis changed on the page (cut outputs)
    error_cells: tuple[int, ...]  # 1-based numbers of the cells holding an error output


def parse_notebook_settings(raw: Any) -> tuple[NotebookSettings, list[str]]:
    """Return the notebook settings and a problem per unusable value."""
    if raw is None:
        return NotebookSettings(), []
    if not isinstance(raw, dict):
        return NotebookSettings(), [f"extra.trellis.notebooks is {raw!r}; expected a mapping"]
    problems = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "errors":
            if value in ("strip", "fail"):
                values[key] = value
            else:
                problems.append(f"extra.trellis.notebooks.errors is {value!r}; expected strip or fail")
        elif key in ("max_output_kb", "max_output_lines", "max_size_mb"):
            if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                values[key] = value
            else:
                problems.append(f"extra.trellis.notebooks.{key} is {value!r}; expected a whole number of at least 1")
        else:
            problems.append(
                f"extra.trellis.notebooks.{key} is not a notebook setting; "
                "expected one of errors, max_output_kb, max_output_lines, max_size_mb"
            )
    return NotebookSettings(**values), problems


def front_matter_problems(path: str, notebook: dict[str, Any], has_front_matter: bool) -> list[Problem]:
    """Warn about a notebook with no Trellis front-matter: it stays private, maybe by mistake."""
    if has_front_matter:
        return []
    metadata = notebook.get("metadata")
    keys = [k for k in _LOOKALIKES if isinstance(metadata, dict) and k in metadata]
    if keys:
        return [Problem(path, None, f"metadata.{keys[0]}", "is not read by Trellis; did you mean metadata.trellis? The notebook is private until then")]
    return [Problem(
        path, None, None,
        "notebook has no Trellis front-matter (metadata.trellis, or a first raw cell "
        "with a '---' block); it is kept private",
    )]


def placeholder(title: str, reason: str) -> dict[str, Any]:
    """Return a valid notebook that says why the real one is not shown."""
    # nbconvert renders Markdown cells without MkDocs' extensions, so the notice
    # is HTML (Material's admonition classes) rather than `!!!` syntax.
    text = (
        f"# {title}\n\n"
        '<div class="admonition warning trellis-unreadable">'
        '<p class="admonition-title">This notebook could not be read</p>'
        f"<p>{html.escape(reason)}</p></div>\n"
    )
    return {
        "cells": [{"cell_type": "markdown", "id": "trellis-notice", "metadata": {}, "source": text}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def sanitise(
    path: str,
    notebook: dict[str, Any],
    *,
    resolver: Resolver,
    href: Href,
    public: bool,
    check_paths: bool,
    settings: NotebookSettings,
) -> Sanitised:
    """Return the copy of a notebook to render, and the problems found in it.

    `public` strips error outputs (the person's own machine keeps them);
    `check_paths` looks for local paths in outputs (for notebooks meant for readers).
    """
    problems: list[Problem] = []
    notices: list[Problem] = []
    error_cells: list[int] = []
    cells = [c for c in notebook.get("cells", []) if isinstance(c, dict)]
    kept: list[dict[str, Any]] = []
    for number, cell in enumerate(cells, start=1):
        if number == 1 and is_front_matter_cell(cell):
            continue  # read as front-matter; never shown
        kind = cell.get("cell_type")
        if kind == "markdown":
            cell = {**cell, "source": rewrite_links(path, cell_text(cell), resolver, href)}
        elif kind == "code" and isinstance(cell.get("outputs"), list):
            cell, cell_problems, cell_notices, had_error = _check_outputs(
                path, number, cell, public, check_paths, settings,
            )
            problems.extend(cell_problems)
            notices.extend(cell_notices)
            if had_error:
                error_cells.append(number)
        kept.append(cell)

    metadata = dict(notebook.get("metadata") or {})
    if not isinstance(metadata.get("kernelspec"), dict):
        problems.append(Problem(path, None, "metadata.kernelspec", "is missing; the notebook is shown as Python and cannot be executed until a kernel is chosen"))
        metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        metadata.setdefault("language_info", {"name": "python"})
    copy = {**notebook, "cells": kept, "metadata": metadata}
    copy.setdefault("nbformat", 4)
    copy.setdefault("nbformat_minor", 5)
    return Sanitised(copy, tuple(problems), tuple(notices), tuple(error_cells))


def is_front_matter_cell(cell: dict[str, Any]) -> bool:
    return cell.get("cell_type") == "raw" and cell_text(cell).lstrip().startswith("---")


def cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def rewrite_links(path: str, text: str, resolver: Resolver, href: Href) -> str:
    """Return Markdown-cell text with wikilinks and links to notes as site URLs; unbuilt targets as text.

    nbconvert renders Markdown without MkDocs, so `.md` links and `[[wikilinks]]`
    would reach the page as written.
    """
    links, _ = find_links(path, text, resolver)  # their problems are logged once, from the note
    pieces: list[str] = []
    cursor = 0
    for link in links:
        replacement = _replacement(link, text[link.start:link.end], href)
        if replacement is None or link.start < cursor:
            continue
        pieces += [text[cursor:link.start], replacement]
        cursor = link.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _replacement(link: Link, written: str, href: Href) -> str | None:
    if link.kind == "markdown" and not written.startswith(("[", "!")):
        return None  # an HTML src/href: left as written
    label = _escape(link.label or link.written)
    if link.target is None:
        return label
    url = href(link.target)
    if url is None:
        return label  # not in this build (a private note in the public build)
    if link.anchor:
        url += "#" + (slugify(link.anchor, "-") if link.kind == "wiki" else link.anchor)
    return f"![{label}]({url})" if link.embed else f"[{label}]({url})"


def _escape(label: str) -> str:
    return label.replace("[", "\\[").replace("]", "\\]")


def _check_outputs(
    path: str, number: int, cell: dict[str, Any], public: bool, check_paths: bool, settings: NotebookSettings,
) -> tuple[dict[str, Any], list[Problem], list[Problem], bool]:
    problems: list[Problem] = []
    notices: list[Problem] = []
    outputs: list[Any] = []
    had_error = False
    for output in cell["outputs"]:
        if not isinstance(output, dict):
            continue
        if output.get("output_type") == "error":
            had_error = True
            what = f"{output.get('ename', 'error')}: {str(output.get('evalue', ''))[:120]}"
            action = "left out of the public page" if public else "shown here, left out of the public build"
            problems.append(Problem(path, None, f"cell {number}", f"has an error output ({what}); {action}"))
            if public:
                continue
        if check_paths:
            found = sorted(set(LOCAL_PATH.findall(output_text(output))))
            if found:
                problems.append(Problem(
                    path, None, f"cell {number}",
                    f"output shows a local path ({', '.join(found[:3])}); it reveals your machine's layout to readers",
                ))
        output, note = truncate(output, settings.max_output_kb * 1024, settings.max_output_lines)
        if note:
            notices.append(Problem(path, None, f"cell {number}", note))
        outputs.append(output)
    return {**cell, "outputs": outputs}, problems, notices, had_error


def output_text(output: dict[str, Any]) -> str:
    """Return the text an output shows: stream text, plain/HTML data, a traceback."""
    parts = [_joined(output.get("text", ""))]
    data = output.get("data")
    if isinstance(data, dict):
        parts += [_joined(v) for k, v in data.items() if k.startswith("text/") or k.endswith("json")]
    parts += [_joined(output.get("traceback", [])), str(output.get("evalue", ""))]
    return "\n".join(p for p in parts if p)


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value) if value else ""


def truncate(output: dict[str, Any], max_bytes: int, max_lines: int) -> tuple[dict[str, Any], str | None]:
    """Return an output with overlong text cut, and a note saying so (None when untouched)."""
    changed: dict[str, Any] = {}
    sizes: list[str] = []
    if "text" in output:
        changed["text"], size = _cut(_joined_raw(output["text"]), max_bytes, max_lines)
        sizes += [size] if size else []
    data = output.get("data")
    if isinstance(data, dict):
        new_data = dict(data)
        for key, value in data.items():
            if key.startswith("text/"):
                new_data[key], size = _cut(_joined_raw(value), max_bytes, max_lines)
                sizes += [size] if size else []
        changed["data"] = new_data
    if not sizes:
        return output, None
    return {**output, **changed}, f"output of {sizes[0]} is cut to the first {max_lines} lines / {max_bytes // 1024} kB on the page"


def _joined_raw(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _cut(text: str, max_bytes: int, max_lines: int) -> tuple[str, str | None]:
    lines = text.count("\n") + 1
    size = len(text.encode("utf-8"))
    if lines <= max_lines and size <= max_bytes:
        return text, None
    head = "\n".join(text.split("\n", max_lines)[:max_lines])
    head = head.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    rest = lines - head.count("\n") - 1
    return f"{head}\n… {rest} more lines cut by Trellis ({size // 1024} kB in the notebook)\n", f"{lines} lines, {size // 1024} kB"


def dumps(notebook: dict[str, Any]) -> bytes:
    """Return a notebook as the bytes written for MkDocs (stable, so renders cache by content)."""
    return json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def copy_name(data: bytes) -> str:
    """Return the content-keyed folder name for a notebook copy."""
    return hashlib.sha256(data).hexdigest()[:16]


def exclude_code_from_search(html: str) -> str:
    """Return a notebook page's HTML with its code cells (input and outputs) kept out of search.

    The search index then holds the Markdown cells: prose, not tracebacks or
    megabytes of printed tables. Material skips an element marked
    `data-search-exclude` but tracks it by tag name, so a nested `<div>` would
    end the skip early: the mark goes on a wrapper whose tag nothing nests.
    """
    pieces: list[str] = []
    cursor = 0
    for match in _CODE_CELL_OPEN.finditer(html):
        if match.start() < cursor:
            continue
        end = _div_end(html, match.start())
        pieces += [html[cursor:match.start()], _EXCLUDE_OPEN, html[match.start():end], _EXCLUDE_CLOSE]
        cursor = end
    pieces.append(html[cursor:])
    return "".join(pieces)


def _div_end(html: str, start: int) -> int:
    """Return the offset just after the `</div>` closing the `<div` at start."""
    depth = 0
    for match in _DIV_TAG.finditer(html, start):
        depth += -1 if match.group(0).startswith("</") else 1
        if depth == 0:
            return match.end()
    return len(html)
