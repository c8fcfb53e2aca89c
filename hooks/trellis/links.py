"""Links between notes: finding them outside code, resolving them, and rewriting wikilinks."""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

from .problems import Problem

LinkKind = Literal["wiki", "markdown"]
NOTE_SUFFIXES = (".md", ".ipynb")


def is_note_path(src_uri: str) -> bool:
    """Return whether a docs-relative path names a note (Markdown or notebook)."""
    return posixpath.splitext(src_uri)[1].lower() in NOTE_SUFFIXES

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_CONTAINER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===|[-*+][ \t]|\d+[.)][ \t])")
_INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_HTML_CODE = re.compile(
    r"<!--.*?-->|<(?P<tag>pre|code|script|style)\b[^>]*>.*?</(?P=tag)\s*>",
    re.DOTALL | re.IGNORECASE,
)
WIKILINK = re.compile(
    r"""(?<!\\)(?P<embed>!?)\[\[
        (?P<target>[^\[\]\n|#]*)
        (?:\#(?P<anchor>[^\[\]\n|]*))?
        (?:\|(?P<label>[^\[\]\n]*))?
    \]\]""",
    re.VERBOSE,
)
MDLINK = re.compile(
    r"""(?<![\\\]])(?P<embed>!?)\[(?P<label>[^\]\n]*)\]
        \(\s*(?:<(?P<angled>[^>\n]+)>|(?P<url>[^)\s]+))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)""",
    re.VERBOSE,
)
_NEWLINE = re.compile("\n")
# Reference-style links: `[text][ref]` or `[text][]`, with `[ref]: url` elsewhere.
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<ref>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)>?", re.MULTILINE)
_REF_LINK = re.compile(r"(?<![\\\]])(?P<embed>!?)\[(?P<label>[^\[\]\n]*)\]\[(?P<ref>[^\[\]\n]*)\]")
_HTML_REF = re.compile(r"""\b(?:src|href)\s*=\s*["'](?P<url>[^"'#?]+)""", re.IGNORECASE)
_SNIPPET = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(?P<q>["']?)(?P<path>[^"'\n]+?)(?P=q)[ \t]*$""", re.MULTILINE)


@dataclass(frozen=True)
class Link:
    """One link written in a note, resolved or not."""

    source: str  # src_uri of the note it is written in
    target: str | None  # src_uri of the note or file it points to
    kind: LinkKind
    written: str  # the target as written
    label: str
    anchor: str
    line: int
    start: int  # offsets in the note's body, for rewriting
    end: int
    embed: bool = False
    context: str = ""


def mask_code(text: str) -> str:
    """Return the text with code (fences, indented blocks, spans, <pre>, comments) blanked out.

    Offsets and line breaks are kept, so positions found in the result are
    positions in the original.
    """
    lines = text.split("\n")
    masked = _mask_blocks(lines)
    out = "\n".join(masked)
    out = _HTML_CODE.sub(_blank, out)
    return _INLINE_CODE.sub(_blank, out)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _mask_blocks(lines: list[str]) -> list[str]:
    out: list[str] = []
    fence: str | None = None
    in_container = False
    prev_blank = True
    for line in lines:
        stripped = line.strip()
        if fence is not None:
            out.append(" " * len(line))
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group("fence")
            out.append(" " * len(line))
            continue
        indented = line.startswith(("    ", "\t"))
        if stripped and not indented:
            in_container = bool(_CONTAINER.match(line))
        if indented and stripped and prev_blank and not in_container:
            out.append(" " * len(line))  # an indented code block
            continue
        if indented and stripped and out and out[-1].strip() == "" and not in_container and not prev_blank:
            out.append(" " * len(line))
            continue
        out.append(line)
        prev_blank = not stripped
    return out


@dataclass(frozen=True)
class Resolver:
    """Finds the note a link names; built once per build over every note and file."""

    paths: dict[str, str]  # lower-cased src_uri -> src_uri
    names: dict[str, tuple[str, ...]]  # normalised name or title -> src_uris
    titles: dict[str, tuple[str, ...]]
    # lower-cased file name -> src_uris of files that are not notes, for `![[image.png]]`
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def resolve_path(self, path: str) -> str | None:
        """Return the src_uri for a docs-relative path written with or without suffix."""
        path = path.strip("/")
        candidates = [path] if path else []
        if posixpath.splitext(path)[1].lower() == ".html":
            candidates.append(posixpath.splitext(path)[0] + ".md")
        if not posixpath.splitext(path)[1] or path.endswith(("/index", "/README")) or not path:
            base = path.removesuffix("/index").removesuffix("/README") if path not in ("index", "README") else ""
            prefix = f"{base}/" if base else ""
            candidates += [f"{path}.md", f"{path}.ipynb", f"{prefix}index.md", f"{prefix}README.md"]
        for candidate in candidates:
            found = self.paths.get(candidate.lower())
            if found:
                return found
        return None

    def resolve_wiki(self, name: str, source: str) -> tuple[str | None, tuple[str, ...]]:
        """Return the target of `[[name]]` written in `source`, and all candidates when ambiguous."""
        written = name.strip()
        if not written:
            return None, ()
        bare = _strip_note_suffix(written)
        folder = posixpath.dirname(source)
        # 1. a note of that name beside the linking note
        near = self.resolve_path(posixpath.join(folder, bare)) if "/" not in bare.strip("/") else None
        if near:
            return near, ()
        # 2. an explicit path, from the docs root or relative to the note
        if "/" in written or written.startswith("."):
            relative = posixpath.normpath(posixpath.join(folder, bare)) if bare.startswith(".") else bare
            found = self.resolve_path(relative.rstrip("/"))
            if found:
                return found, ()
        # 3. a unique match anywhere: an attachment by its file name, a note by
        # its file name, then by its title
        key = normalise_name(posixpath.basename(bare.rstrip("/")) or bare)
        tables = [self.names, self.titles]
        if bare == written and posixpath.splitext(written)[1]:
            key = posixpath.basename(written).lower()
            tables = [self.files]
        for table in tables:
            candidates = table.get(key, ())
            if candidates:
                ranked = rank_candidates(candidates)
                return ranked[0], ranked if len(ranked) > 1 else ()
        return None, ()


def rank_candidates(candidates: Iterable[str]) -> tuple[str, ...]:
    """Return same-named notes best first: fewest folders, then shortest path, then A–Z.

    The first is what an ambiguous wikilink links to: the same on every run
    and machine, never the note read last.
    """
    return tuple(sorted(candidates, key=lambda uri: (uri.count("/"), len(uri), uri)))


def normalise_name(name: str) -> str:
    """Return the form names are compared in: case, dashes and underscores ignored."""
    return re.sub(r"[\s_-]+", " ", name.strip().lower()).strip()


def _strip_note_suffix(name: str) -> str:
    root, ext = posixpath.splitext(name)
    return root if ext.lower() in NOTE_SUFFIXES else name


def build_resolver(titles: dict[str, str], files: Iterable[str] = ()) -> Resolver:
    """Return a resolver over notes (src_uri -> title) and other files in the docs."""
    files = list(files)
    paths = {uri.lower(): uri for uri in files}
    by_file: dict[str, list[str]] = {}
    for uri in files:
        by_file.setdefault(posixpath.basename(uri).lower(), []).append(uri)
    paths.update({uri.lower(): uri for uri in titles})
    names: dict[str, list[str]] = {}
    by_title: dict[str, list[str]] = {}
    for uri, title in titles.items():
        stem = posixpath.splitext(posixpath.basename(uri))[0]
        if stem in ("index", "README"):
            stem = posixpath.basename(posixpath.dirname(uri)) or stem
        names.setdefault(normalise_name(stem), []).append(uri)
        by_title.setdefault(normalise_name(title), []).append(uri)
    return Resolver(
        paths,
        {k: tuple(v) for k, v in names.items()},
        {k: tuple(v) for k, v in by_title.items()},
        {k: tuple(v) for k, v in by_file.items()},
    )


def find_links(source: str, body: str, resolver: Resolver, body_line: int = 1) -> tuple[list[Link], list[Problem]]:
    """Return every link written in a note's body outside code, and the problems with them."""
    masked = mask_code(body)
    links: list[Link] = []
    problems: list[Problem] = []
    newlines = _line_starts(body)
    for match in WIKILINK.finditer(masked):
        link, problem = _wiki_link(source, body, match, resolver, newlines, body_line)
        links.append(link)
        if problem:
            problems.append(problem)
    # Wikilinks come in order and never overlap: a bisect keeps a 20 MB note linear.
    wiki_starts = [link.start for link in links]
    wiki_ends = [link.end for link in links]
    for match in MDLINK.finditer(masked):
        i = bisect_right(wiki_starts, match.start()) - 1
        if i >= 0 and match.start() < wiki_ends[i]:
            continue
        link = _markdown_link(source, body, match, resolver, newlines, body_line)
        if link:
            links.append(link)
    definitions: dict[str, str] = {}
    for m in _REF_DEFINITION.finditer(masked):  # the first definition of a name wins, as in Markdown
        definitions.setdefault(m.group("ref").strip().lower(), m.group("url"))
    for match in _REF_LINK.finditer(masked) if definitions else ():
        i = bisect_right(wiki_starts, match.start()) - 1
        if i >= 0 and match.start() < wiki_ends[i]:
            continue
        url = definitions.get((match.group("ref") or match.group("label")).strip().lower())
        target = resolve_url(url, source, resolver) if url else None
        if target:
            line = _line_of(newlines, match.start()) + body_line - 1
            links.append(Link(source, target, "markdown", url, match.group("label"), urlsplit(url).fragment,
                              line, match.start(), match.end(), embed=bool(match.group("embed")),
                              context=sentence_around(body, match.start(), match.end())))
    for match in _HTML_REF.finditer(masked):
        target = resolve_url(match.group("url"), source, resolver)
        if target:
            line = _line_of(newlines, match.start()) + body_line - 1
            links.append(Link(source, target, "markdown", match.group("url"), "", "", line,
                              match.start(), match.end(), embed=True))
    links.sort(key=lambda link: link.start)
    return links, problems


def _wiki_link(source: str, body: str, match: re.Match[str], resolver: Resolver,
               newlines: list[int], body_line: int) -> tuple[Link, Problem | None]:
    written = match.group("target")
    anchor = (match.group("anchor") or "").strip()
    label = (match.group("label") or "").strip() or (written.strip() or anchor)
    line = _line_of(newlines, match.start()) + body_line - 1
    problem = None
    if not written.strip():  # [[#heading]] points into the note itself
        target, candidates = source, ()
    else:
        target, candidates = resolver.resolve_wiki(written, source)
    if target is None:
        problem = Problem(source, line, None, f"wikilink [[{written}]] matches no note; it is shown as plain text")
    elif candidates:
        problem = Problem(
            source, line, None,
            f"wikilink [[{written}]] matches {len(candidates)} notes ({', '.join(candidates)}); "
            f"it links to {target}: write the path, e.g. [[{posixpath.splitext(candidates[0])[0]}]], to choose",
        )
    link = Link(source, target, "wiki", written, label, anchor, line, match.start(), match.end(),
                embed=bool(match.group("embed")), context=sentence_around(body, match.start(), match.end()))
    return link, problem


def _markdown_link(source: str, body: str, match: re.Match[str], resolver: Resolver,
                   newlines: list[int], body_line: int) -> Link | None:
    url = match.group("angled") or match.group("url") or ""
    target = resolve_url(url, source, resolver)
    if target is None:
        return None
    anchor = urlsplit(url).fragment
    line = _line_of(newlines, match.start()) + body_line - 1
    return Link(source, target, "markdown", url, match.group("label"), anchor, line,
                match.start(), match.end(), embed=bool(match.group("embed")),
                context=sentence_around(body, match.start(), match.end()))


def resolve_url(url: str, source: str, resolver: Resolver) -> str | None:
    """Return the src_uri a Markdown link's URL points to inside the docs, if any."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    folder = posixpath.dirname(source)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(folder, path))
    if joined.startswith(".."):
        return None
    found = resolver.resolve_path(joined)
    if found is None and path.endswith(("/", ".html")) and not _is_folder_page(source):
        # written as the page's URL: with use_directory_urls a note's page is
        # a folder (`notes/a/`), so `../b/` there means the note `notes/b`
        as_url = posixpath.normpath(posixpath.join(posixpath.splitext(source)[0], path))
        found = resolver.resolve_path(as_url) if not as_url.startswith("..") else None
    if found is None and not posixpath.splitext(path)[1] and "/" not in path.strip("/"):
        found, _ = resolver.resolve_wiki(path, source)  # an extension-less short link
    return found


def _is_folder_page(source: str) -> bool:
    return posixpath.splitext(posixpath.basename(source))[0] in ("index", "README")


def sentence_around(body: str, start: int, end: int, width: int = 160) -> str:
    """Return the sentence a link sits in, as plain text, for a backlink's context."""
    # Look only a few widths around the link: searching the whole body for each
    # link made a long note without paragraph breaks quadratic.
    low, high = max(0, start - 4 * width), min(len(body), end + 4 * width)
    left = max(body.rfind("\n\n", low, start), body.rfind(". ", low, start))
    right_candidates = [i for i in (body.find("\n\n", end, high), body.find(". ", end, high)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else high
    text = body[left + 1 if left >= 0 else low:right]
    text = WIKILINK.sub(lambda m: (m.group("label") or m.group("target") or "").strip(), text)
    text = MDLINK.sub(lambda m: m.group("label"), text)
    text = re.sub(r"[*_`#>]+", "", " ".join(text.split())).strip(" .")
    if len(text) > width:
        text = text[: width - 1].rsplit(" ", 1)[0] + "…"
    return text


def snippet_paths(body: str) -> list[tuple[int, int, str]]:
    """Return (start, end, path) for each `--8<-- "file"` line outside code."""
    masked = mask_code(body)
    return [(m.start(), m.end(), m.group("path").strip()) for m in _SNIPPET.finditer(masked)]


def relative_href(source: str, target: str) -> str:
    """Return a Markdown-safe relative path from one note to a file, for MkDocs to convert."""
    rel = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return quote(rel)


def _line_starts(text: str) -> list[int]:
    return [match.start() for match in _NEWLINE.finditer(text)]


def _line_of(newlines: list[int], offset: int) -> int:
    return bisect_left(newlines, offset) + 1
