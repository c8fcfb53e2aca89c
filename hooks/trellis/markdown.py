"""What MkDocs renders for a note: its body with wikilinks made links, and nothing private."""

from __future__ import annotations

import logging
from html import escape
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify

from .garden import Garden
from .links import Link, is_note_path, relative_href, snippet_paths
from .notes import Note
from .problems import Problem

# An empty mapping as front-matter: MkDocs then takes no `Key: value` lines from
# the body as metadata (its MultiMarkdown fallback); Trellis sets page.meta itself.
_NO_META = "---\n{}\n---\n"
Message = tuple[int, str]


def source_for_mkdocs(note: Note, problems: list[Problem]) -> str:
    """Return the text MkDocs reads for a note: the body Trellis read, never the raw front-matter."""
    if note.readable:
        return _NO_META + note.body
    reasons = "; ".join(p.message for p in problems) or "it could not be read"
    banner = (
        '<div class="admonition warning trellis-unreadable">'
        '<p class="admonition-title">Front-matter could not be read</p>'
        f"<p>{escape(reasons)}</p></div>\n\n"
    )
    return _NO_META + banner + note.body


def rewrite_links(note: Note, garden: Garden, public: bool, docs_name: str) -> tuple[str, list[Message]]:
    """Return the note's body with wikilinks as Markdown links and, when public, private links as text.

    `docs_name` is the docs folder's name, which snippet paths may start with.
    """
    body = note.body
    messages: list[Message] = []
    pieces: list[str] = []
    cursor = 0
    for link in garden.links.get(note.src_uri, ()):
        replacement = _replacement(note, link, garden, public, messages)
        if replacement is None or link.start < cursor:
            continue
        pieces.append(body[cursor:link.start])
        pieces.append(replacement)
        cursor = link.end
    pieces.append(body[cursor:])
    text = "".join(pieces)
    if public:
        text = _drop_private_snippets(note, text, garden, docs_name, messages)
    return text, messages


def _replacement(note: Note, link: Link, garden: Garden, public: bool, messages: list[Message]) -> str | None:
    written = link.label or link.written
    if link.kind == "markdown" and not link.label and link.embed:
        return None  # an HTML src/href: left as written
    private = link.target is not None and is_note_path(link.target) and link.target not in garden.notes
    if private:
        if link.embed:
            messages.append((logging.WARNING, f"{note.src_uri}:{link.line}: embeds private note {link.target}; the embed is left out of the public page"))
            return ""
        messages.append((logging.INFO, f"{note.src_uri}:{link.line}: links to a note that is not public; the link text is kept without the link"))
        return _text(link.label or link.written)
    if link.kind == "markdown":
        return _as_source_link(note, link)
    if link.target is None:
        return _text(written)
    href = relative_href(note.src_uri, link.target)
    if link.anchor:
        href += "#" + slugify(link.anchor, "-")
    if link.embed and not is_note_path(link.target):
        return f"![{_text(written)}]({href})"
    return f"[{_text(written)}]({href})"


def _as_source_link(note: Note, link: Link) -> str | None:
    """Return a Markdown link to a note written as a page URL or without suffix, pointed at the source.

    MkDocs converts links to `.md` files for either `use_directory_urls`; `b`,
    `../b/` or `b.html` it leaves as written, which breaks in the other mode.
    """
    if link.target is None or not is_note_path(link.target):
        return None  # MkDocs converts it, or it is not Trellis' to change
    path = urlsplit(link.written).path
    if is_note_path(path):
        return None
    written = note.body[link.start:link.end]
    at = written.rfind(link.written)
    href = relative_href(note.src_uri, link.target) + (f"#{link.anchor}" if link.anchor else "")
    return written[:at] + href + written[at + len(link.written):]


def _text(label: str) -> str:
    """Return link text that Markdown shows as written."""
    return label.replace("[", "\\[").replace("]", "\\]")


def _drop_private_snippets(note: Note, text: str, garden: Garden, docs_name: str, messages: list[Message]) -> str:
    for start, end, path in reversed(snippet_paths(text)):
        candidate = path.removeprefix(f"{docs_name}/").removeprefix("./")
        target = garden.resolver.paths.get(candidate.lower())
        if target is None or not is_note_path(target) or target in garden.notes:
            continue
        messages.append((logging.WARNING, f"{note.src_uri}: pastes private note {target} with a snippet; it is left out of the public page"))
        text = text[:start] + text[end:]
    return text


def essays_page() -> str:
    """Return the generated essay index's own Markdown; its list is added with the page's links."""
    return "---\ntitle: Essays\n---\n\n# Essays\n"
