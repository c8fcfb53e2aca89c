"""Loading a whole garden from a docs folder without MkDocs: what the scripts see.

The MkDocs build and the scripts must agree on every note and every problem,
so both read a note through `read_note`, and both skip the same files
(`is_ignored`). `load_garden` walks the folder the way MkDocs' `get_files` does.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
import yaml

from .garden import Garden, build_garden
from .guardrails import Breach
from .links import is_note_path
from .notebooks import NotebookSettings, front_matter_problems, parse_notebook_settings
from .notes import Note, build_note
from .problems import Problem
from .settings import Settings, parse_settings
from .sources import Source, read_markdown, read_notebook

# MkDocs' own default `exclude_docs`: dot-files and dot-folders (.obsidian/,
# .trash/, .DS_Store) and a top-level templates/ folder.
MKDOCS_EXCLUDES = (".*", "/templates/")
# Editor leftovers that are never notes and never published.
_JUNK_PREFIXES = ("~", "#")
_JUNK_SUFFIXES = ("~", ".swp", ".swo", ".bak", ".tmp", ".crdownload", "#")
_DEFAULT_SPEC = pathspec.GitIgnoreSpec.from_lines(MKDOCS_EXCLUDES)

try:  # the C loader reads mkdocs.yml several times faster
    _SafeLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


def is_junk(src_uri: str) -> bool:
    """Return whether a docs-relative path is an editor leftover (backup, swap, lock file)."""
    name = posixpath.basename(src_uri)
    return name.startswith(_JUNK_PREFIXES) or name.endswith(_JUNK_SUFFIXES)


def is_ignored(src_uri: str, exclude_docs: str | None = None) -> bool:
    """Return whether a docs-relative path is no part of the garden: excluded by MkDocs, or junk.

    `exclude_docs` is mkdocs.yml's option of that name (gitignore lines), added
    to MkDocs' defaults as MkDocs does.
    """
    spec = _DEFAULT_SPEC
    if exclude_docs:
        spec = spec + pathspec.GitIgnoreSpec.from_lines(exclude_docs.splitlines())
    return spec.match_file(src_uri) or is_junk(src_uri)


@dataclass(frozen=True)
class NoteFile:
    """One note as read from its file: the record, its problems, and a notebook's parsed JSON."""

    note: Note
    problems: list[Problem]
    notebook: dict[str, Any] | None = None  # None for Markdown, or a notebook not shown
    notice: str = ""  # why a notebook is not shown, for the page that stands in for it


def read_note(src_uri: str, data: bytes, year: int | None) -> tuple[Note, list[Problem]]:
    """Return the note a Markdown file or notebook's bytes describe, and its front-matter problems."""
    read = _note_from_bytes(src_uri, data, year)
    return read.note, read.problems


def read_note_file(path: Path, src_uri: str, year: int | None,
                   max_notebook_mb: int = NotebookSettings.max_size_mb) -> NoteFile:
    """Read one note from disk, as the build and the scripts both do.

    A notebook over `max_notebook_mb` is not read at all (a few hundred MB of
    outputs would be held in memory twice): it becomes a private, unreadable note.
    Raises OSError when the file cannot be read.
    """
    if src_uri.lower().endswith(".ipynb") and path.stat().st_size > max_notebook_mb * 2**20:
        reason = (f"notebook is {path.stat().st_size // 2**20} MB, over "
                  f"extra.trellis.notebooks.max_size_mb ({max_notebook_mb}); "
                  "it is not read, shown as a notice and kept private (clear its outputs)")
        source = Source({}, "", readable=False, problems=(Problem(src_uri, None, None, reason),))
        note, problems = build_note(src_uri, source, year, kind="notebook")
        return NoteFile(note, problems, None, reason)
    return _note_from_bytes(src_uri, path.read_bytes(), year)


def _note_from_bytes(src_uri: str, data: bytes, year: int | None) -> NoteFile:
    if not src_uri.lower().endswith(".ipynb"):
        note, problems = build_note(src_uri, read_markdown(src_uri, data), year)
        return NoteFile(note, problems)
    source, notebook = read_notebook(src_uri, data)
    note, problems = build_note(src_uri, source, year, kind="notebook")
    if notebook is not None and source.readable:
        problems += front_matter_problems(src_uri, notebook, source.has_front_matter)
    notice = "; ".join(p.message for p in source.problems) or "it could not be read"
    return NoteFile(note, problems, notebook, notice)


def walk_docs(docs_dir: Path, exclude_docs: str | None = None) -> list[str]:
    """Return the docs-relative paths of the garden's files, in MkDocs' order (index first)."""
    found = []
    # followlinks: MkDocs follows symlinked folders too.
    for folder, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        dirnames.sort()
        filenames.sort(key=lambda name: (posixpath.splitext(name)[0] not in ("index", "README"), name))
        rel = Path(folder).relative_to(docs_dir).as_posix()
        for name in filenames:
            src_uri = name if rel == "." else f"{rel}/{name}"
            if not is_ignored(src_uri, exclude_docs):
                found.append(src_uri)
    return found


def load_garden(
    docs_dir: Path,
    settings: Settings,
    exclude_docs: str | None = None,
    max_notebook_mb: int = NotebookSettings.max_size_mb,
) -> tuple[Garden, list[Problem]]:
    """Return the garden in a docs folder and every problem the build would warn about, in its order.

    Unreadable files are problems, never exceptions: one bad note never stops the rest.
    """
    notes: list[Note] = []
    others: list[str] = []
    problems: list[Problem] = []
    for src_uri in walk_docs(docs_dir, exclude_docs):
        if not is_note_path(src_uri):
            others.append(src_uri)
            continue
        try:
            read = read_note_file(docs_dir / src_uri, src_uri, settings.year, max_notebook_mb)
        except OSError as error:
            problems.append(Problem(src_uri, None, None, f"cannot be read ({error.strerror})"))
            continue
        notes.append(read.note)
        problems.extend(read.problems)

    garden = build_garden(notes, others)
    problems.extend(garden.problems)
    return garden, problems


def describe_breach(breach: Breach) -> str:
    """Return the one line a guardrail breach is logged as."""
    return f"guardrail breach: {breach.message}; notes: {', '.join(breach.notes)}"


# --- mkdocs.yml ------------------------------------------------------------------


class _ConfigLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader that reads mkdocs.yml's `!!python/name:` and `!ENV` tags as null."""


def _null_tag(loader: Any, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _null_tag)
_ConfigLoader.add_multi_constructor("!", _null_tag)


@dataclass(frozen=True)
class SiteConfig:
    """What the scripts need from mkdocs.yml."""

    path: Path
    docs_dir: Path
    settings: Settings = field(default_factory=Settings)
    exclude_docs: str | None = None
    problems: tuple[str, ...] = ()  # unusable extra.trellis values, as the build warns them
    notebook_problems: tuple[str, ...] = ()  # unusable extra.trellis.notebooks values
    notebooks: NotebookSettings = field(default_factory=NotebookSettings)


class ConfigError(Exception):
    """mkdocs.yml cannot be used at all; the message names the file."""


def load_mkdocs_yaml(path: Path) -> Any:
    """Return mkdocs.yml as plain data, its Python and `!ENV` tags read as null.

    Raises OSError, UnicodeDecodeError or yaml.YAMLError when it cannot be read.
    """
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def read_config(path: Path, docs_dir: Path | None = None) -> SiteConfig:
    """Return the docs folder and Trellis settings mkdocs.yml names; a missing file means defaults.

    `docs_dir` overrides the config's own. Raises ConfigError when the file does not load.
    """
    if not path.is_file():
        return SiteConfig(path, docs_dir or path.parent / "docs")
    try:
        data = load_mkdocs_yaml(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot be read ({_first_line(error)})") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: is not a mapping of MkDocs settings")
    extra = data.get("extra") or {}
    if not isinstance(extra, dict) or not isinstance(extra.get("trellis", {}), (dict, type(None))):
        raise ConfigError(f"{path}: extra.trellis must be a mapping of Trellis settings")
    settings, problems = parse_settings(extra)
    raw = extra.get("trellis") or {}
    notebooks, notebook_problems = parse_notebook_settings(raw.get("notebooks"))
    if docs_dir is None:
        docs_dir = path.parent / str(data.get("docs_dir") or "docs")
    # The build skips draft_docs too (the glue leaves out every excluded file).
    patterns = [data.get(k) for k in ("exclude_docs", "draft_docs")]
    exclude = "\n".join(p for p in patterns if isinstance(p, str)) or None
    return SiteConfig(path, docs_dir, settings, exclude, tuple(problems), tuple(notebook_problems), notebooks)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__

