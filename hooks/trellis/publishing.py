"""What leaves the machine: the one rule for public notes, and what follows from it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .garden import Garden
from .notes import Note

HOME_PAGES = ("index.md", "README.md")
_NEVER = dt.date.min


def is_public(note: Note, publish: str = "essays") -> bool:
    """Return whether a note goes into the public build.

    The one rule: an essay for a general audience that has shipped, or the home
    page. `publish: all` in `extra.trellis` publishes every readable note. A note
    whose front-matter could not be read is never public: its audience is unknown.
    """
    if not note.readable:
        return False
    if note.src_uri in HOME_PAGES:
        return True
    if publish == "all":
        return True
    return note.audience == "general" and note.status == "shipped"


def public_notes(garden: Garden, publish: str = "essays") -> set[str]:
    """Return the src_uris of the notes the public build keeps."""
    return {uri for uri, note in garden.notes.items() if is_public(note, publish)}


def public_files(garden: Garden, public: set[str], files: Iterable[str], asset_folders: Iterable[str]) -> set[str]:
    """Return the non-note files the public build copies: used by a public note, or in an asset folder."""
    folders = tuple(asset_folders)
    used = {
        link.target
        for uri in public
        for link in garden.links.get(uri, ())
        if link.target and link.target not in garden.notes
    }
    return {f for f in files if f in used or f.startswith(folders)}


def essays(garden: Garden) -> list[Note]:
    """Return the essays (notes for a general audience), newest first."""
    found = [n for n in garden.notes.values() if n.is_essay and n.readable and n.src_uri not in HOME_PAGES]
    return sorted(found, key=lambda n: (n.shipped or n.date or _NEVER, n.title.lower()), reverse=True)


def reading_minutes(body: str, words_per_minute: int = 200) -> int:
    """Return an honest reading time, at least a minute."""
    return max(1, round(len(body.split()) / words_per_minute))




def feed_essays(garden: Garden, publish: str = "essays") -> list[Note]:
    """Return the essays the feed announces, newest first: public and shipped, in either build.

    The garden build writes the same feed as the public build, so `mkdocs serve`
    previews exactly what subscribers get; drafts never reach a feed.
    """
    return [n for n in essays(garden) if is_public(n, publish) and n.status == "shipped"]


def public_text(notes: Iterable[Note], *extra: str | None) -> str:
    """Return what the public notes say themselves (titles, text, summaries, tags), plus extra strings."""
    parts = [s for s in extra if s]
    for note in notes:
        parts.extend([note.title, note.body, note.summary or "", *note.tags])
    return "\n".join(parts)


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def strip_comments(html: str) -> str:
    """Return a public page without HTML comments: notes to self in an essay stay at home.

    Comments written inside code are escaped by Markdown (`&lt;!--`) and kept.
    """
    return _COMMENT.sub("", html) if "<!--" in html else html
