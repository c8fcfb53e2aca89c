"""The leak audit: search a built public site for what was left out of it.

The public build leaves out notes and files by marking them excluded; the
audit checks the result from the other side. It knows the notes and files left
out (their source paths, output URLs and titles) and scans every output file,
so a leak through any route — a page, the nav, search, sitemap, feed, a theme
or plugin we never heard of — is caught by what it shows, not by how it got
there.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

# A title shorter than this is too common to search for ("Notes", "Retro",
# "Reading list"): it would be found in ordinary public text.
MIN_TITLE = 12

MarkerKind = Literal["url", "path", "title", "file", "link"]
_BASE = "https://audit.invalid"
_HREF = re.compile(r"""(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_PATH_CHAR = r"[\w.\-]"


@dataclass(frozen=True)
class LeftOut:
    """A note or file the public build left out."""

    src_uri: str  # docs-relative source path
    url: str | None = None  # site-relative output URL of a note's page
    title: str | None = None  # a note's title


@dataclass(frozen=True)
class Marker:
    """One string that must not appear in the public site."""

    kind: MarkerKind
    text: str
    src_uri: str  # the left-out note or file it gives away


@dataclass(frozen=True)
class Markers:
    """What the audit searches for."""

    strings: tuple[Marker, ...]
    urls: Mapping[str, str]  # site-relative URL or path -> src_uri, for resolved links and output paths
    site_path: str  # the path part of site_url, e.g. `/repo/`
    skipped: tuple[str, ...] = ()  # titles not searched, by the short/common rule


@dataclass(frozen=True)
class Finding:
    """A left-out note or file given away by one output file."""

    file: str
    kind: MarkerKind
    found: str
    src_uri: str

    def __str__(self) -> str:
        what = {
            "url": "the URL of",
            "path": "the source path of",
            "title": "the title of",
            "file": "a copy of",
            "link": "a link to",
        }[self.kind]
        # A title is not repeated: CI logs of a public repository are public too.
        shown = "" if self.kind == "title" else f": {self.found!r}"
        return f"leak audit: {self.file} has {what} private {self.src_uri}{shown}"


def collect_markers(
    left_out: Iterable[LeftOut],
    public_text: str,
    site_url: str,
    min_title: int = MIN_TITLE,
) -> Markers:
    """Return the markers for the left-out notes and files.

    Source paths and URLs are always searched. A title is searched only when it
    has at least `min_title` characters and does not appear in `public_text`
    (the public notes' own titles and text, the site name): the person wrote
    those words in public, so finding them is no leak.
    """
    site_path = urlsplit(site_url).path or "/"
    site_path = site_path if site_path.endswith("/") else site_path + "/"
    shared = _fold(public_text)
    strings: list[Marker] = []
    urls: dict[str, str] = {}
    skipped: list[str] = []
    for item in left_out:
        strings.append(Marker("path", item.src_uri, item.src_uri))
        urls[item.src_uri] = item.src_uri
        if item.url:
            strings.append(Marker("url", item.url, item.src_uri))
            urls[_page_path(item.url)] = item.src_uri
        title = (item.title or "").strip()
        if not title:
            continue
        if len(title) < min_title or _fold(title) in shared:
            skipped.append(title)
        else:
            strings.append(Marker("title", title, item.src_uri))
    return Markers(tuple(strings), urls, site_path, tuple(sorted(set(skipped))))


def find_leaks(outputs: Mapping[str, str], markers: Markers) -> list[Finding]:
    """Return every finding in the output files (site-relative path -> text), by file."""
    findings: list[Finding] = []
    patterns = [(m, _forms(m), _pattern(m)) for m in markers.strings]
    for path in sorted(outputs):
        text = outputs[path]
        owner = markers.urls.get(_page_path(path))
        if owner is not None:
            findings.append(Finding(path, "file", path, owner))
        folded = _fold(text)
        for marker, forms, pattern in patterns:
            # A plain substring test first: the regex runs only where it can match (big JS bundles).
            if any(form in folded for form in forms) and pattern.search(folded):
                findings.append(Finding(path, marker.kind, marker.text, marker.src_uri))
        findings.extend(_link_findings(path, text, markers))
    return _unique(findings)


def _link_findings(path: str, text: str, markers: Markers) -> list[Finding]:
    """Return the links in an HTML file that resolve to a left-out note or file."""
    if not path.endswith((".html", ".htm")):
        return []
    base = _BASE + markers.site_path
    found = []
    for match in _HREF.finditer(text):
        href = html.unescape(match.group(1) or match.group(2) or "")
        target = urljoin(base + path, href)
        if not target.startswith(base):
            continue
        relative = urlsplit(target[len(base):]).path
        owner = markers.urls.get(_page_path(relative))
        if owner is not None:
            found.append(Finding(path, "link", href, owner))
    return found


def _forms(marker: Marker) -> tuple[str, ...]:
    """Return every way the marker is written in HTML, JSON or XML."""
    text = _fold(marker.text)
    forms = {text, html.escape(text), html.escape(text, quote=False), json.dumps(text)[1:-1]}
    forms |= {json.dumps(f)[1:-1] for f in list(forms)}
    return tuple(sorted(forms, key=len, reverse=True))


def _pattern(marker: Marker) -> re.Pattern[str]:
    """Return a pattern for the marker's forms; paths and URLs only as whole paths."""
    forms = _forms(marker)
    alternatives = "|".join(re.escape(f) for f in forms)
    if marker.kind == "title":
        return re.compile(f"(?:{alternatives})")
    # A path or URL counts only whole: `notes/a/` is not found inside `notes/a/b/`.
    return re.compile(f"(?<!{_PATH_CHAR})(?:{alternatives})(?!{_PATH_CHAR})")


def _page_path(url: str) -> str:
    """Return a URL or output path in one form: `notes/a/index.html` and `notes/a/` are the same page."""
    path = url.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for f in findings:
        key = (f.file, f.src_uri, f.kind)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept
