"""Reading a note's source: its front-matter block and its body, whatever the editor wrote.

One reader for Markdown and notebooks, so every part of Trellis sees the same note.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml

from .problems import Problem

try:  # the C loader reads front-matter about six times faster
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

# MkDocs ends front-matter at `---` or `...`; python-frontmatter only at `---`.
# Accept both so MkDocs and Trellis never disagree about where the block ends.
_FENCE = re.compile(r"^(?:-{3}|\.{3})[ \t]*$", re.MULTILINE)
# MkDocs also takes leading `Key: value` lines without fences as metadata
# (MultiMarkdown style). Trellis does not, and says so.
_MMD_LINE = re.compile(r"^[A-Za-z0-9_-]+:(?:\s|\S)")


@dataclass(frozen=True)
class Source:
    """A note's text split into front-matter and body, with what went wrong reading it."""

    meta: dict[str, Any]
    body: str
    # False when a front-matter block is there but cannot be trusted (bad YAML,
    # unclosed fence, not a mapping, not UTF-8): such a note is private.
    readable: bool = True
    has_front_matter: bool = False
    body_line: int = 1  # the file line the body starts on
    key_lines: dict[str, int] = field(default_factory=dict)
    duplicates: dict[str, list[Any]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


class _FenceHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler, with MkDocs' closing fences."""

    FM_BOUNDARY = _FENCE


class _NoteLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that remembers duplicate keys and where each top-level key is."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: dict[str, list[Any]] = {}
        self.key_lines: dict[str, int] = {}
        self._depth = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        top = self._depth == 0
        self._depth += 1
        try:
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                value = self.construct_object(value_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    key = str(key)
                if top and key in mapping:
                    self.duplicates.setdefault(str(key), [mapping[key]]).append(value)
                if top:
                    self.key_lines.setdefault(str(key), key_node.start_mark.line)
                mapping[key] = value
            return mapping
        finally:
            self._depth -= 1


    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # `date: 2026-13-45` looks like a YAML date but raises ValueError in the
        # constructor; keep the text so the key's check names the key and line.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_NoteLoader.add_constructor("tag:yaml.org,2002:map", _NoteLoader.construct_mapping)
_NoteLoader.add_constructor("tag:yaml.org,2002:timestamp", _NoteLoader.construct_yaml_timestamp)


def decode(data: bytes) -> tuple[str, str | None]:
    """Return text without BOM and with LF line endings, and a problem when bytes are not UTF-8."""
    problem = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8-sig", errors="replace")
        problem = (
            f"bytes at offset {error.start} are not UTF-8; undecodable bytes are shown "
            "as \N{REPLACEMENT CHARACTER} and the note is kept private (re-save the file as UTF-8)"
        )
    return _lf(text), problem


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_bad_line(data: bytes) -> int | None:
    """Return the line of the first byte that is not UTF-8, counting CR, LF and CRLF endings."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _lf(data[: error.start].decode("utf-8", "replace")).count("\n") + 1
    return None


def read_markdown(path: str, data: bytes) -> Source:
    """Return the front-matter and body of a Markdown note."""
    text, encoding_problem = decode(data)
    problems = []
    if encoding_problem:
        problems.append(Problem(path, _first_bad_line(data), None, encoding_problem))
    source = split_front_matter(path, text)
    if encoding_problem:
        return _replace(source, readable=False, problems=tuple(problems) + source.problems)
    return source


def split_front_matter(path: str, text: str, first_line: int = 1) -> Source:
    """Split LF text into front-matter and body; never raises."""
    handler = _FenceHandler()
    if not text.startswith("---") or not handler.detect(text):
        return Source({}, text, problems=tuple(_fenceless_problems(path, text, first_line)))
    try:
        block, body = handler.split(text)
    except ValueError:
        problem = Problem(
            path, first_line, None,
            "front-matter has an opening '---' but no closing '---'; "
            "the note is kept private until the fence is closed",
        )
        # The lines up to the first blank line are the block that was meant:
        # keep its raw YAML (`audience: ...`) off the page, like unreadable YAML.
        block, blank, body = text.partition("\n")[2].partition("\n\n")
        body_line = first_line + 1 + block.count("\n") + 2 if blank else first_line
        return Source({}, body, readable=False, has_front_matter=True,
                      body_line=body_line, problems=(problem,))
    # `block` runs from the end of the opening fence line to the start of the closing one.
    body_line = first_line + block.count("\n") + 1
    return _load_block(path, block, body.removeprefix("\n"), first_line, body_line)


def _load_block(path: str, block: str, body: str, first_line: int, body_line: int) -> Source:
    """Parse the YAML between the fences; lines in marks count from the opening fence."""
    loader = _NoteLoader(block)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        if mark is not None and _indented_by_tab(block, mark.line):
            reason = "a TAB indents a line; YAML allows only spaces"
        problem = Problem(
            path, line, None,
            f"front-matter is not valid YAML ({reason}); "
            "the note is built but kept private until it is fixed",
        )
        return Source({}, body, readable=False, has_front_matter=True,
                      body_line=body_line, problems=(problem,))
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problem = Problem(
            path, first_line + 1, None,
            f"front-matter is a {type(data).__name__}, expected key: value lines; "
            "the note is kept private until it is a mapping",
        )
        return Source({}, body, readable=False, has_front_matter=True,
                      body_line=body_line, problems=(problem,))
    key_lines = {k: first_line + v for k, v in loader.key_lines.items()}
    meta = {str(k): v for k, v in data.items()}
    return Source(meta, body, has_front_matter=True, body_line=body_line,
                  key_lines=key_lines, duplicates=loader.duplicates)


def _indented_by_tab(block: str, line: int) -> bool:
    lines = block.split("\n")
    text = lines[line] if 0 <= line < len(lines) else ""
    return "\t" in text[: len(text) - len(text.lstrip())]


def _fenceless_problems(path: str, text: str, first_line: int) -> list[Problem]:
    """Warn when leading lines look like metadata that is missing its fences."""
    first = text.lstrip("\n").split("\n", 1)[0]
    if not text or text[0] == "\n" or not _MMD_LINE.match(first):
        return []
    return [Problem(
        path, first_line, None,
        f"no front matter: the first line {first[:60]!r} looks like a 'key: value' "
        "line without '---' fences; it stays page text and the note is private",
    )]


def read_notebook(path: str, data: bytes) -> tuple[Source, dict[str, Any] | None]:
    """Return a notebook's front-matter and its Markdown cells' text, and the parsed notebook."""
    text, encoding_problem = decode(data)
    if encoding_problem:
        return Source({}, "", readable=False, problems=(Problem(path, None, None, encoding_problem),)), None
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(
            path, error.lineno, None,
            f"notebook is not valid JSON ({error.msg}); it is shown as a notice and kept private",
        )
        return Source({}, "", readable=False, problems=(problem,)), None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells", []), list):
        problem = Problem(path, None, None, "notebook has no list of cells; it is kept private")
        return Source({}, "", readable=False, problems=(problem,)), None

    cells = [c for c in notebook.get("cells", []) if isinstance(c, dict)]
    markdown = "\n\n".join(
        _cell_text(c) for c in cells if c.get("cell_type") == "markdown"
    )
    first_raw = cells[0] if cells and cells[0].get("cell_type") == "raw" else None
    if first_raw is not None and _cell_text(first_raw).lstrip().startswith("---"):
        source = split_front_matter(path, _cell_text(first_raw).lstrip())
        return _replace(source, body=markdown), notebook

    meta = notebook.get("metadata", {}).get("trellis") if isinstance(notebook.get("metadata"), dict) else None
    if meta is None:
        return Source({}, markdown), notebook
    if not isinstance(meta, dict):
        problem = Problem(
            path, None, "metadata.trellis",
            f"is a {type(meta).__name__}, expected a mapping of front-matter keys; kept private",
        )
        return Source({}, markdown, readable=False, has_front_matter=True, problems=(problem,)), notebook
    return Source(dict(meta), markdown, has_front_matter=True), notebook


def _cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _replace(source: Source, **changes: Any) -> Source:
    return dataclasses.replace(source, **changes)
