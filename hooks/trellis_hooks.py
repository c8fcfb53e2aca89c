"""MkDocs glue for Trellis: take what the logic needs from MkDocs objects, hand results back.

Rhythm: every note is read once in on_files and the whole garden is decided
there (links, backlinks, guardrails, dashboards, what is public); the page
events only apply those decisions to one page.
"""

from __future__ import annotations

import gzip
import logging
import os
from pathlib import Path
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from trellis import clock, render
from trellis.freshness import page_fingerprints, site_fingerprint
from trellis.frontend import copy_vendor_assets, render_math
from trellis.dashboards import QuarterSummary, YearSummary, summarise_year
from trellis.garden import Garden, build_garden, restrict
from trellis.graph import Graph, build_graph, garden_svg, graph_page, local_svg, neighbourhood
from trellis.guardrails import Breach, find_breaches
from trellis.links import is_note_path
from trellis.loading import describe_breach, is_ignored, read_note_file
from trellis.markdown import essays_page, rewrite_links, source_for_mkdocs
from trellis.notebooks import (
    NotebookSettings, copy_name, dumps, exclude_code_from_search,
    parse_notebook_settings, placeholder, sanitise,
)
from trellis.notes import Note
from trellis.publishing import (
    essays, feed_essays, public_files, public_notes, public_text, strip_comments,
)
from trellis.audit import LeftOut, Markers, collect_markers, find_leaks
from trellis.feed import FEED_URL, FeedEntry, absolute, feed_entries, feed_link, head_link, render_feed
from trellis.settings import Settings, parse_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

# A name under `mkdocs.plugins.` so WARNINGs count for `--strict` (a hook's
# __name__ is its file path, outside the `mkdocs` logger tree).
log = get_plugin_logger("trellis")

ESSAYS_URI = "essays/index.md"
# Backlinks and the neighbourhood graph go into the page after search has
# indexed it: they would put every linking note's title into this note's search
# entry, and parsing them for the index was a fifth of a 1,000-note build.
_AFTER_CONTENT = "<!-- trellis: backlinks -->"
GRAPH_URI = "graph/index.md"


@dataclass
class _Build:
    """What one build knows; reset in on_config because hooks survive `mkdocs serve` rebuilds."""

    settings: Settings = field(default_factory=Settings)
    public: bool = False
    garden: Garden | None = None  # what the pages of this build see
    graph: Graph | None = None  # the garden build's link graph; none in the public build
    breaches: list[Breach] = field(default_factory=list)
    years: dict[int, YearSummary] = field(default_factory=dict)  # the dashboards of each year shown
    keep: set[str] = field(default_factory=set)
    notebook_settings: NotebookSettings = field(default_factory=NotebookSettings)
    # src_uri -> the notebook as read (None when unreadable) and why not; emptied in on_files
    notebooks: dict[str, tuple[dict | None, str]] = field(default_factory=dict)
    feed: list[FeedEntry] | None = None  # None: no site_url, so no feed
    markers: Markers | None = None  # the public build's leak audit
    fingerprints: dict[str, str] = field(default_factory=dict)  # src_uri -> what its page shows
    files: Files | None = None  # for links in what on_post_page adds


state = _Build()
# src_uri -> fingerprint of the page as last written. Unlike `state` it outlives
# a build: it is how a `mkdocs serve --dirty` rebuild knows what is unchanged.
_built: dict[str, str] = {}


class _NoDirtyWarning(logging.Filter):
    """Drops MkDocs' "dirty build … inaccurate navigation" warning: Trellis rebuilds every
    page whose navigation, links or dashboards an edit changes (see _mark_fresh_pages)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_no_dirty_warning = _NoDirtyWarning()
logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global state
    settings, problems = parse_settings(config.extra)
    for problem in problems:
        log.warning(problem)
    if not isinstance(config.extra.get("trellis", {}), (dict, type(None))):
        raise PluginError("extra.trellis must be a mapping of Trellis settings")
    epoch = clock.epoch_problem()
    if epoch:
        log.warning(epoch)
    state = _Build(settings=settings, public=os.environ.get("TRELLIS_PUBLIC", "") not in ("", "0"))
    raw = config.extra.get("trellis") or {}
    state.notebook_settings, problems = parse_notebook_settings(raw.get("notebooks") if isinstance(raw, dict) else None)
    for problem in problems:
        log.warning(problem)
    if state.public:
        log.info("public build: only shipped essays for a general audience and the home page are kept")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    notes: list[Note] = []
    others: list[str] = []
    for file in files:
        if file.src_dir != config.docs_dir:
            continue  # theme files and files generated by other plugins
        # MkDocs marks dot-files, dot-folders (.obsidian/, .trash/) and
        # templates/ excluded but still lists them: they are no notes either.
        if file.inclusion.is_excluded():
            continue
        if is_ignored(file.src_uri):  # editor junk: never a note, never published
            file.inclusion = InclusionLevel.EXCLUDED
            continue
        note = _read_note(file, config)
        if note is None:
            others.append(file.src_uri)
        else:
            notes.append(note)

    garden = build_garden(notes, others)
    for problem in garden.problems:
        log.warning(str(problem))
    state.breaches = find_breaches(garden.notes.values(), state.settings.limits)
    _log_breaches(state.breaches)

    announced = feed_essays(garden, state.settings.publish)
    if state.public:
        state.keep = public_notes(garden, state.settings.publish)
        copied = public_files(garden, state.keep, others, state.settings.public_assets)
        state.markers = _markers(files, garden, state.keep | copied, config)
        for file in files:
            if file.src_dir == config.docs_dir and file.src_uri not in state.keep | copied:
                file.inclusion = InclusionLevel.EXCLUDED
        garden = restrict(garden, state.keep)
        log.info(f"public build keeps {len(state.keep)} of {len(notes)} notes and {len(copied)} files")
    state.garden = garden
    state.files = files
    _write_notebooks(files, config)
    if config.site_url:
        urls = {f.src_uri: f.url for f in files if not f.inclusion.is_excluded()}
        state.feed = feed_entries(announced, urls)

    state.years = {
        year: summarise_year(garden, year, state.breaches, clock.today())
        for year in _dashboard_years(garden)
    }
    if files.get_file_from_path(ESSAYS_URI) is None:
        files.append(File.generated(config, ESSAYS_URI, content=essays_page()))
    if not state.public:
        state.graph = build_graph(garden.notes, garden.links)
        if files.get_file_from_path(GRAPH_URI) is None:
            files.append(File.generated(config, GRAPH_URI, content=graph_page()))
    _mark_fresh_pages(files, config)
    return files


def _default_year() -> int:
    return state.settings.year or clock.today().year


def _dashboard_years(garden: Garden) -> set[int]:
    """Return the years a dashboard is shown for: each year page's, and each quarter page's."""
    years = {_default_year()}
    for note in garden.notes.values():
        if note.dashboard == "year":
            years.add(note.year or _default_year())
        if note.is_quarter_page and note.quarter is not None:
            years.add(note.quarter.year)
    return years


def _dashboard_of(note: Note) -> YearSummary | QuarterSummary | None:
    """Return the dashboard a note's page shows: its year's, its quarter's, or none."""
    if note.dashboard == "year":
        return state.years.get(note.year or _default_year())
    if note.is_quarter_page and note.quarter is not None:
        year = state.years.get(note.quarter.year)
        return next((q for q in year.quarters if q.quarter == note.quarter), None) if year else None
    return None


def _mark_fresh_pages(files: Files, config: MkDocsConfig) -> None:
    """Tell `--dirty` builds which pages are unchanged, so an edit rebuilds only what it affects."""
    garden = state.garden
    assert garden is not None
    site = site_fingerprint([
        config.config_file_path and Path(config.config_file_path).read_bytes(),
        config.site_dir, state.public, state.breaches, clock.today(),
        sorted((f.src_uri, f.url, f.inclusion.name, garden.notes[f.src_uri].title if f.src_uri in garden.notes else "")
               for f in files if f.src_dir == config.docs_dir or f.generated_by),
    ])
    state.fingerprints = page_fingerprints(garden, site, state.graph, _dashboard_of)
    for file in files.documentation_pages():
        fresh = _built.get(file.src_uri) == state.fingerprints.get(file.src_uri, "")
        # An instance attribute shadows File.is_modified, which MkDocs consults
        # only for --dirty builds (and which our content_string makes always true).
        file.is_modified = _modified_check(file, fresh)  # type: ignore[method-assign]


def _modified_check(file: File, fresh: bool):
    def is_modified() -> bool:
        return not fresh or not os.path.isfile(file.abs_dest_path)

    return is_modified


def _read_note(file: File, config: MkDocsConfig) -> Note | None:
    """Read one note and tell MkDocs what to render; None for files that are not notes."""
    if not is_note_path(file.src_uri) or file.abs_src_path is None:
        return None
    read = read_note_file(Path(file.abs_src_path), file.src_uri, state.settings.year,
                          state.notebook_settings.max_size_mb)
    for problem in read.problems:
        log.warning(str(problem))
    if read.note.kind == "notebook":
        # Kept for the rendered copy made in _write_notebooks.
        state.notebooks[file.src_uri] = (read.notebook, read.notice)
    else:
        # MkDocs would read the file again, with other rules for the same
        # front-matter; it renders exactly the body Trellis read instead.
        file.content_string = source_for_mkdocs(read.note, read.problems)
    return read.note


def _log_breaches(breaches: list[Breach]) -> None:
    level = {"warn": logging.WARNING, "info": logging.INFO}.get(state.settings.breach_level)
    if level is None:
        return
    for breach in breaches:
        log.log(level, describe_breach(breach))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    garden = state.garden
    for page in nav.pages:
        note = garden.notes.get(page.file.src_uri) if garden else None
        if note is not None and "title" not in vars(page):
            # A --dirty build does not read unchanged pages; without this their
            # navigation titles would be empty on the pages it does rebuild.
            # A title written in a hand-made `nav` is set on the page and wins.
            page.title = note.title
    if not state.public:
        return nav
    nav.items = _prune(nav.items)
    nav.pages = [page for page in nav.pages if _kept(page)]
    for before, page, after in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None]):
        page.previous_page, page.next_page = before, after
    return nav


def _kept(page: Page) -> bool:
    return not page.file.inclusion.is_excluded()


def _prune(items: list) -> list:
    """Drop private pages from a navigation tree, and sections left empty."""
    kept = []
    for item in items:
        if isinstance(item, Page) and not _kept(item):
            level = {"warn": logging.WARNING, "info": logging.INFO}.get(state.settings.pruned_nav)
            if level is not None:
                log.log(level, f"nav names {item.file.src_uri}, which is private: it is left out of the public navigation")
            continue
        if isinstance(item, Section):
            item.children = _prune(item.children)
            if not item.children:
                continue
        kept.append(item)
    return kept


@event_priority(100)  # before other plugins read page.meta (Material's tags)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    garden = state.garden
    note = garden.notes.get(page.file.src_uri) if garden else None
    if note is None or garden is None:
        return markdown
    page.meta = dict(note.meta)
    if note.dashboard == "year" or note.is_quarter_page:
        # Dashboards need the width: four quarter cards beside a table of contents are cramped.
        page.meta.setdefault("hide", ["toc"])
    if note.kind == "notebook":
        return markdown
    text, messages = rewrite_links(note, garden, state.public, os.path.basename(config.docs_dir))
    for level, message in messages:
        log.log(level, message)
    # An unreadable note's "could not be read" banner sits before the body in
    # what MkDocs read (source_for_mkdocs); the rewritten body must keep it.
    banner = ""
    if not note.readable and markdown.endswith(note.body):
        banner = markdown[: len(markdown) - len(note.body)]
    return banner + text.lstrip("\n")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if state.public:
        html = strip_comments(html)
    html, problems = render_math(html, page.file.src_uri)
    for problem in problems:
        log.warning(str(problem))
    garden = state.garden
    note = garden.notes.get(page.file.src_uri) if garden else None
    if garden is not None and page.file.src_uri == ESSAYS_URI:
        block = render.essays_block(essays(garden), _href(page, files), state.public)
        if state.feed is not None:
            block += feed_link(get_relative_url(FEED_URL, page.url))
        return html + block
    if state.graph is not None and page.file.src_uri == GRAPH_URI:
        return html + garden_svg(state.graph, _href(page, files))
    if note is None or garden is None:
        return html
    if note.kind == "notebook":
        page.title = note.title  # mkdocs-jupyter sets the first heading as title
        html = exclude_code_from_search(html)

    href = _href(page, files)

    def title(uri: str) -> str:
        return garden.notes[uri].title

    blocks = [html]
    shown = None if state.public else _dashboard_of(note)
    if isinstance(shown, YearSummary):
        blocks.append(render.year_dashboard(shown, href, title))
    elif isinstance(shown, QuarterSummary):
        blocks.append(render.quarter_dashboard(shown, href, title))
    blocks.append(_AFTER_CONTENT)
    return "\n".join(b for b in blocks if b)


def _after_content(page: Page) -> str:
    """Return the backlinks and the neighbourhood graph of a page's note."""
    garden = state.garden
    note = garden.notes.get(page.file.src_uri) if garden else None
    if note is None or garden is None or state.files is None:
        return ""
    href = _href(page, state.files)
    sources = [
        (garden.notes[uri], _context(garden, uri, note.src_uri))
        for uri in garden.backlinks.get(note.src_uri, ())
    ]
    blocks = [render.backlinks_block(note, sources, href)]
    if state.graph is not None:
        blocks.append(local_svg(neighbourhood(state.graph, note.src_uri), note.src_uri, href))
    return "\n".join(b for b in blocks if b)


def _href(page: Page, files: Files):
    """Return a function giving a note's URL relative to this page, or None when it is not built."""

    def href(uri: str) -> str | None:
        target = files.get_file_from_path(uri)
        if target is None or target.inclusion.is_excluded():
            return None
        return target.url_relative_to(page.file)

    return href


def _context(garden: Garden, source: str, target: str) -> str:
    return next((link.context for link in garden.links[source] if link.target == target), "")


def _markers(files: Files, garden: Garden, kept: set[str], config: MkDocsConfig) -> Markers:
    """Return what the leak audit searches for: every docs file the public build leaves out."""
    left_out = [
        LeftOut(f.src_uri, f.url if f.src_uri in garden.notes else None,
                garden.notes[f.src_uri].title if f.src_uri in garden.notes else None)
        for f in files
        if f.src_dir == config.docs_dir and f.src_uri not in kept
    ]
    shown = public_text((garden.notes[uri] for uri in kept if uri in garden.notes),
                        config.site_name, config.site_description, config.copyright)
    return collect_markers(left_out, shown, config.site_url or "/")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _AFTER_CONTENT in output:
        output = output.replace(_AFTER_CONTENT, _after_content(page), 1)
    if state.feed is None or "</head>" not in output:
        return output
    link = head_link(absolute(config.site_url or "", FEED_URL), f"{config.site_name} essays")
    return output.replace("</head>", link + "</head>", 1)


def _write_feed_and_audit(config: MkDocsConfig) -> None:
    """Write feed.xml, then, in the public build, audit every output file for what was left out."""
    site = config.site_dir
    if state.feed is not None:
        text = render_feed(state.feed, config.site_url or "", config.site_name, clock.today(),
                           author=config.site_author)
        with open(os.path.join(site, FEED_URL), "w", encoding="utf-8") as handle:
            handle.write(text)
        log.info(f"feed.xml lists {len(state.feed)} essays")
    if state.markers is None:
        return
    findings = find_leaks(_read_site(site), state.markers)
    for finding in findings:
        log.error(str(finding))
    log.info(f"leak audit: {len(findings)} findings; titles not searched (short or used in public): "
             f"{len(state.markers.skipped)}")


def _read_site(site: str) -> dict[str, str]:
    """Return every output file as text, gzip files decompressed."""
    out = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                data = handle.read()
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            out[os.path.relpath(path, site).replace(os.sep, "/")] = data.decode("utf-8", errors="replace")
    return out


@event_priority(-100)  # last: the leak audit must see what search, sitemap and plugins wrote
def on_post_build(config: MkDocsConfig) -> None:
    _built.clear()
    _built.update(state.fingerprints)
    # Mermaid is served from the site itself so diagrams render offline.
    for problem in copy_vendor_assets(config.site_dir):
        log.warning(str(problem))
    _write_feed_and_audit(config)


def _write_notebooks(files: Files, config: MkDocsConfig) -> None:
    """Point each built notebook at a sanitised copy outside docs/: mkdocs-jupyter renders and copies that."""
    garden = state.garden
    assert garden is not None
    root = os.path.join(os.path.dirname(config.config_file_path or "."), ".cache", "trellis", "notebooks")
    failing = []
    for uri, (notebook, reason) in state.notebooks.items():
        file = files.get_file_from_path(uri)
        note = garden.notes.get(uri)
        if file is None or file.inclusion.is_excluded() or file.abs_src_path is None:
            continue
        if notebook is None:
            notebook = placeholder(note.title if note else uri, reason)
        else:
            result = sanitise(
                uri, notebook, resolver=garden.resolver, href=_href_for(file, files), public=state.public,
                check_paths=note is not None and note.is_essay, settings=state.notebook_settings,
            )
            for problem in result.problems:
                log.warning(str(problem))
            for notice in result.notices:
                log.info(str(notice))
            if result.error_cells and state.public and state.notebook_settings.errors == "fail":
                failing.append(uri)
            notebook = result.notebook
        data = dumps(notebook)
        target = os.path.join(root, copy_name(data), os.path.basename(file.abs_src_path))
        if not os.path.exists(target):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
        file.abs_src_path = target
    state.notebooks.clear()
    if failing:
        raise PluginError(f"public notebooks with error outputs ({', '.join(failing)}) and extra.trellis.notebooks.errors: fail")


def _href_for(source: File, files: Files):
    """Return a function giving a file's URL relative to `source`, or None when it is not built."""

    def href(uri: str) -> str | None:
        target = files.get_file_from_path(uri)
        if target is None or target.inclusion.is_excluded():
            return None
        return target.url_relative_to(source)

    return href
