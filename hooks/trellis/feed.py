"""The essay stream's Atom feed: the public essays, absolute links, no build clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .notes import Note

FEED_URL = "feed.xml"


@dataclass(frozen=True)
class FeedEntry:
    """One essay as the feed shows it."""

    title: str
    url: str  # site-relative output URL, e.g. `essays/why/`
    day: dt.date | None
    summary: str | None


def feed_entries(essays: list[Note], url_of: dict[str, str]) -> list[FeedEntry]:
    """Return the entries for the essays that have a built page, in the order given."""
    return [
        FeedEntry(note.title, url_of[note.src_uri], note.shipped or note.date, note.summary)
        for note in essays
        if note.src_uri in url_of
    ]


def absolute(site_url: str, url: str) -> str:
    """Return a site-relative URL made absolute under site_url, subpath kept."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, url.lstrip("/"))


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def render_feed(
    entries: list[FeedEntry],
    site_url: str,
    site_name: str,
    today: dt.date,
    essays_url: str = "essays/",
    author: str | None = None,
) -> str:
    """Return the Atom document for the entries.

    Reproducible: the feed's `updated` is the newest entry date, and only a
    feed with no dated entry falls back to `today` (SOURCE_DATE_EPOCH-aware
    in the glue). An undated entry takes the feed's date.
    """
    dated = [e.day for e in entries if e.day is not None]
    newest = max(dated) if dated else today
    gen = FeedGenerator()
    gen.id(absolute(site_url, FEED_URL))
    gen.title(site_name)
    # Atom wants an author on the feed or on every entry.
    gen.author(name=author or site_name)
    gen.updated(_stamp(newest))
    gen.link(href=absolute(site_url, essays_url), rel="alternate")
    gen.link(href=absolute(site_url, FEED_URL), rel="self")
    # feedgen names itself with its version by default; a pinned constant
    # keeps the file byte-identical across dependency upgrades.
    gen.generator("Trellis")
    # feedgen prepends each added entry; add oldest first so the file reads newest first.
    for entry in reversed(entries):
        item = gen.add_entry()
        link = absolute(site_url, entry.url)
        item.id(link)
        item.title(entry.title)
        item.link(href=link, rel="alternate")
        stamp = _stamp(entry.day or newest)
        item.updated(stamp)
        item.published(stamp)
        if entry.summary:
            item.summary(entry.summary)
    return gen.atom_str(pretty=True).decode("utf-8")


def feed_link(href: str) -> str:
    """Return the essay index's link to the feed."""
    return f'<p class="trellis-feed"><a href="{href}" type="application/atom+xml">Atom feed of the essays</a></p>'


def head_link(url: str, title: str) -> str:
    """Return the `<link rel="alternate">` that lets feed readers find the feed from any page."""
    return f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" href="{escape(url)}">'
