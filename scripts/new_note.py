"""Start a note: a correctly named file with valid front-matter, in its quarter's folder.

Prints the new file's path on stdout, and only that, so `$EDITOR $(python
scripts/new_note.py "Title")` opens it; what it wrote and inherited goes to
stderr. Never overwrites a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import argparse  # noqa: E402 - after the path shim that makes `trellis` importable
import datetime as dt  # noqa: E402
import difflib  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

import yaml  # noqa: E402

from trellis import clock  # noqa: E402
from trellis.garden import Garden  # noqa: E402
from trellis.loading import ConfigError, SiteConfig, load_garden, read_config  # noqa: E402
from trellis.notes import AUDIENCES, TRACKS, Note, with_inherited  # noqa: E402
from trellis.quarters import Quarter, parse_quarter  # noqa: E402
from trellis.roadmap import note_title, slugify  # noqa: E402

PROG = "new_note"
EVERGREEN_FOLDER = "notes"


class NoteError(Exception):
    """The arguments cannot make a note; the message names the file or the key."""


@dataclass(frozen=True)
class NewNote:
    """What will be written, and what the person is told about it."""

    path: Path
    meta: dict[str, Any]
    body: str
    theme: str | None  # inherited from the quarter page, shown rather than written
    quarter_page: str | None  # docs-relative


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Write a new note with valid front-matter: docs/<year>/qN/<slug>.md with --quarter, "
            "else docs/notes/<slug>.md. Prints the path; never overwrites."
        ),
    )
    parser.add_argument("title", help="the note's title; its file name is made from it")
    parser.add_argument("--quarter", help="2026-Q3, Q3 2026, … or a bare Q3 for extra.trellis.year")
    parser.add_argument("--track", choices=TRACKS, help="the note's track")
    parser.add_argument(
        "--deliverable",
        metavar="NAME",
        help="the deliverable this note ships, as the quarter page's plan names it (needs --quarter)",
    )
    parser.add_argument("--audience", choices=AUDIENCES, help="general marks an essay (default: self)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)")
    parser.add_argument("--docs", help="the garden's docs folder (default: docs_dir in mkdocs.yml)")
    return parser


def note_slug(title: str) -> str:
    """Return the file name stem for a title, as the roadmap importer names notes."""
    slug = slugify(title)
    # `index` or `README` would turn the note into its folder's page.
    return f"{slug}-note" if slug in ("index", "readme") else slug


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def match_deliverable(name: str, planned: list[str]) -> str | None:
    """Return the planned deliverable a name means: as written, any case, or by its quoted title."""
    wanted = _folded(name)
    for candidate in planned:
        if wanted in (_folded(candidate), _folded(note_title(candidate))):
            return candidate
    return None


def suggest_deliverable(name: str, planned: list[str]) -> str | None:
    """Return the planned deliverable closest to a name, if any is close."""
    folded = {_folded(p): p for p in planned}
    close = difflib.get_close_matches(_folded(name), list(folded), n=1, cutoff=0.5)
    return folded[close[0]] if close else None


def parse_quarter_option(text: str, config: SiteConfig) -> Quarter:
    """Return the quarter --quarter names; raises NoteError saying what is accepted."""
    quarter = parse_quarter(text, config.settings.year)
    if quarter is not None:
        return quarter
    message = f"--quarter {text!r}: expected a quarter such as 2026-Q3 (also Q3 2026, 2026Q3, q3-2026"
    if config.settings.year is None:
        message += f"; a bare Q3 needs extra.trellis.year in {config.path})"
    else:
        message += f", or Q3 for {config.settings.year})"
    raise NoteError(message)


def pick_deliverable(
    name: str, track: str | None, quarter: Quarter, garden: Garden, docs: Path
) -> tuple[str, str]:
    """Return the deliverable as its plan spells it, and its track; raises NoteError."""
    page = garden.quarter_pages.get(quarter)
    if page is None:
        raise NoteError(f"--deliverable: {quarter} has no quarter page with a plan under {docs}")
    plan = garden.plan(quarter)
    tracks = [track] if track else [t for t in TRACKS if t in plan]
    planned = [(t, d) for t in tracks for d in (plan[t].deliverables if t in plan else ())]
    names = [d for _, d in planned]
    chosen = match_deliverable(name, names)
    if chosen is None:
        where = f"{docs.as_posix()}/{page}: plan"
        where += f".{track}.deliverables" if track else ".<track>.deliverables"
        hint = suggest_deliverable(name, names)
        listed = "; ".join(repr(n) for n in names) or "none"
        advice = f"did you mean {hint!r}?" if hint else f"planned: {listed}"
        raise NoteError(f"{where}: deliverable {name!r} is not planned for {quarter}; {advice}")
    written = [
        uri for uri, note in garden.notes.items()
        if note.quarter == quarter and note.deliverable == chosen
    ]
    if written:
        raise NoteError(
            f"{docs.as_posix()}/{written[0]}: already ships deliverable {chosen!r}; "
            "open it, or take `deliverable:` out of it first"
        )
    return chosen, next(t for t, d in planned if d == chosen)


def plan_new_note(args: argparse.Namespace, config: SiteConfig, today: dt.date) -> NewNote:
    """Return the note the arguments describe; raises NoteError on bad input."""
    title = " ".join(args.title.split())
    if not title:
        raise NoteError("title: is empty; give the note a title")
    docs = config.docs_dir
    track: str | None = args.track
    quarter = parse_quarter_option(args.quarter, config) if args.quarter else None
    if args.deliverable and quarter is None:
        raise NoteError("--deliverable: needs --quarter, the quarter whose plan names it")

    garden = load_garden(docs, config.settings, config.exclude_docs, config.notebooks.max_size_mb)[0] if quarter else None
    deliverable = None
    if args.deliverable and garden and quarter:
        deliverable, track = pick_deliverable(args.deliverable, track, quarter, garden, docs)

    folder = docs / str(quarter.year) / quarter.slug if quarter else docs / EVERGREEN_FOLDER
    meta: dict[str, Any] = {"title": title}
    if quarter:
        meta["quarter"] = str(quarter)
    if track:
        meta["track"] = track
    if deliverable:
        meta["deliverable"] = deliverable
        meta["status"] = "planned"
    if args.audience:
        meta["audience"] = args.audience
    meta["date"] = today

    page = garden.quarter_pages.get(quarter) if garden and quarter else None
    theme = None
    if garden and quarter:
        # The same inheritance the build applies; the theme is not written so
        # the note follows its quarter page when the plan changes.
        probe = Note(src_uri="", quarter=quarter, track=track)  # type: ignore[arg-type]
        plans = {quarter: garden.plan(quarter)}
        themes = {quarter: garden.notes[page].theme if page else None}
        theme = with_inherited(probe, plans, themes).theme if track else themes[quarter]
    body = f"Part of the [Q{quarter.number} plan](index.md).\n" if page else ""
    return NewNote(folder / f"{note_slug(title)}.md", meta, body, theme, page)


def render(note: NewNote) -> str:
    """Return the new file's text: front-matter between `---` fences, then the body."""
    block = yaml.safe_dump(note.meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{block}---\n\n{note.body}"


def write_new(note: NewNote) -> None:
    """Write the note; raises NoteError naming the file when it is already there."""
    note.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x" refuses to replace a file, even one that appeared a moment ago.
        with note.path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(render(note))
    except FileExistsError:
        raise NoteError(f"{note.path}: already exists; not overwritten (choose another title)") from None


def main(argv: list[str] | None = None) -> int:
    """Write a new note from the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        config = read_config(Path(args.config), Path(args.docs) if args.docs else None)
        note = plan_new_note(args, config, clock.today())
        write_new(note)
    except ConfigError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except NoteError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    print(f"wrote {note.path}", file=sys.stderr)
    if note.quarter_page:
        inherited = repr(note.theme) if note.theme else "no theme"
        source = f"{config.docs_dir.as_posix()}/{note.quarter_page}"
        print(f"theme: {inherited}, inherited from {source}", file=sys.stderr)
    elif "quarter" in note.meta:
        print(f"{note.meta['quarter']} has no quarter page yet: nothing to inherit", file=sys.stderr)
    print(note.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
