"""The privacy promise, proved: private notes of every kind, one public build, every output file searched."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from lxml import etree

from gardens import Build, build, note, write_garden

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://someone.github.io/garden/"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><title>{}</title></svg>'

# One marker per private note kind; each appears in its note's title and body.
PRIVATE = {
    "draft-essay": "QQPRIVDRAFT01",
    "self-shipped": "QQPRIVSELF02",
    "deliverable": "QQPRIVPLAN03",
    "working": "QQPRIVWORK04",
    "notebook": "QQPRIVNB05",
    "image-note": "QQPRIVIMG06",
    "tagged": "QQPRIVTAG07",
    "linked": "QQPRIVLINKED08",
    "image-file": "QQPRIVPIXEL09",
}
PUBLIC = {"older": "QQPUBOLD11", "newer": "QQPUBNEW12"}


def _notebook(marker: str) -> str:
    book = nbformat.v4.new_notebook()
    book.metadata["trellis"] = {"title": f"Notebook {marker}", "audience": "self", "quarter": "2026-Q1"}
    book.cells = [nbformat.v4.new_markdown_cell(f"# Notebook {marker}\n\nPrivate notebook {marker}.")]
    return nbformat.writes(book)


def canary_notes() -> dict[str, str]:
    """Return the canary garden's files."""
    p = PRIVATE
    return {
        # The home page is public and doubles as the tags index.
        "index.md": note("Welcome to the garden.\n\n<!-- material/tags -->\n", title="Home"),
        "essays/draft.md": note(f"Draft {p['draft-essay']}.", title=f"Draft essay {p['draft-essay']}",
                                audience="general", status="in-progress", date="2026-05-01"),
        "notes/self.md": note(f"Self {p['self-shipped']}.", title=f"Self note {p['self-shipped']}",
                              audience="self", status="shipped", shipped="2026-04-01"),
        "2026/q1/plan.md": note(f"Plan {p['deliverable']}.", title=f"Planned deliverable {p['deliverable']}",
                                quarter="2026-Q1", track="technical", deliverable="A model",
                                status="planned"),
        "2026/q1/work.md": note(f"Work {p['working']} see [[plan]].", title=f"Working note {p['working']}",
                                quarter="2026-Q1", track="technical"),
        "notes/lab.ipynb": _notebook(p["notebook"]),
        "notes/photo.md": note(f"![pixel](img/{p['image-file'].lower()}.svg) {p['image-note']}",
                               title=f"Photo note {p['image-note']}"),
        "notes/img/" + p["image-file"].lower() + ".svg": SVG.format(p["image-file"]),
        "notes/tagged.md": note(f"Tagged {p['tagged']}.", title=f"Tagged note {p['tagged']}",
                                tags=["shared", f"tag{p['tagged'].lower()}"]),
        "notes/linked.md": note(f"Linked {p['linked']}, see [older](../essays/older.md).",
                                title=f"Linked note {p['linked']}"),
        "essays/older.md": note(
            f"Older {PUBLIC['older']}. I keep [my notes](../notes/linked.md) and [[self]].",
            title=f"Older essay {PUBLIC['older']}", audience="general", status="shipped",
            shipped="2026-02-01", summary="The first one.", tags=["shared"],
        ),
        "essays/newer.md": note(f"Newer {PUBLIC['newer']}.", title=f"Newer essay {PUBLIC['newer']}",
                                audience="general", status="shipped", date="2026-03-15"),
    }


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The canary garden built public with --strict under a project-site URL."""
    config = write_garden(tmp_path_factory.mktemp("canary"), canary_notes(), site_url=SITE_URL)
    return build(config, public=True, strict=True)


def test_public_build_passes_strict(public_site: Build) -> None:
    """The canary garden's public build passes --strict: no finding, no warning."""
    assert public_site.returncode == 0, public_site.log
    assert public_site.lines("ERROR") == []


@pytest.mark.parametrize("kind", sorted(PRIVATE))
def test_no_private_marker_in_any_file(public_site: Build, kind: str) -> None:
    """No output file (gzip decompressed) holds the private note's marker, in any case."""
    marker = PRIVATE[kind].lower()
    hits = [path for path, text in public_site.all_text().items() if marker in text.lower() or marker in path.lower()]
    assert hits == []


@pytest.mark.parametrize("kind", sorted(PUBLIC))
def test_public_marker_everywhere_it_belongs(public_site: Build, kind: str) -> None:
    """Each public essay's marker is on its page, in search, sitemap-listed page, feed and index."""
    text = public_site.all_text()
    marker = PUBLIC[kind]
    for path in (f"essays/{kind}/index.html", "search/search_index.json", "feed.xml", "essays/index.html"):
        assert marker in text[path], path
    assert f"{SITE_URL}essays/{kind}/" in text["sitemap.xml"]
    assert f"{SITE_URL}essays/{kind}/" in text["sitemap.xml.gz"]


def test_private_tag_does_not_exist(public_site: Build) -> None:
    """A tag used only by private notes appears nowhere; a shared tag lists only the public essay."""
    tags = public_site.html("")
    assert "tagqqprivtag07" not in tags.lower()
    assert "Older essay" in tags


def test_private_link_becomes_text(public_site: Build) -> None:
    """A public essay's link to a private note keeps its words and loses its target; INFO says so."""
    page = public_site.html("essays/older/")
    assert "my notes" in page
    assert "notes/linked" not in page
    assert any(line.startswith("essays/older.md:") and "not public" in line for line in public_site.trellis("INFO"))


def test_search_index_lists_public_pages_only(public_site: Build) -> None:
    """search_index.json has entries only for the home page, the essays and their index."""
    index = json.loads((public_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages == {"", "essays/", "essays/older/", "essays/newer/"}


def test_feed_is_atom_listing_exactly_the_public_essays(public_site: Build) -> None:
    """feed.xml parses as Atom, lists the two public essays newest first, absolute links under the subpath."""
    root = etree.fromstring((public_site.site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [f"{SITE_URL}essays/newer/", f"{SITE_URL}essays/older/"]
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == ["2026-03-15T00:00:00+00:00", "2026-02-01T00:00:00+00:00"]
    assert root.findtext(f"{ATOM}updated") == "2026-03-15T00:00:00+00:00"
    for link in links:
        path = urlsplit(link).path.removeprefix("/garden/")
        assert (public_site.site / path / "index.html").is_file()


def test_sitemap_links_resolve_under_subpath(public_site: Build) -> None:
    """Every sitemap URL sits under the site_url subpath and names a built page."""
    root = etree.fromstring((public_site.site / "sitemap.xml").read_bytes())
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs
    for loc in locs:
        assert loc.startswith(SITE_URL)
        assert (public_site.site / loc.removeprefix(SITE_URL) / "index.html").is_file(), loc


def test_essay_index_newest_first_with_dates(public_site: Build) -> None:
    """The essay index lists the public essays newest first with their dates and a feed link."""
    page = public_site.html("essays/")
    assert page.index("Newer essay") < page.index("Older essay")
    assert '<time datetime="2026-03-15">' in page and '<time datetime="2026-02-01">' in page
    assert 'href="../feed.xml"' in page
    assert 'rel="alternate" type="application/atom+xml"' in public_site.html("")


def test_feed_is_reproducible(tmp_path: Path) -> None:
    """Two builds on different days write the same feed: its dates come from the essays."""
    config = write_garden(tmp_path, canary_notes(), site_url=SITE_URL)
    first = build(config, public=True, epoch="1780000000")
    feed = (first.site / "feed.xml").read_bytes()
    second = build(config, public=True, epoch="1790000000")
    assert (second.site / "feed.xml").read_bytes() == feed
    assert str(dt.date.today().year + 5) not in feed.decode()


@pytest.mark.parametrize(
    ("planted", "found"),
    [
        pytest.param({"nav": [{"Home": "index.md"}, {"Working note QQPRIVWORK04": "https://elsewhere.example/"}]},
                     "has the title of private 2026/q1/work.md", id="nav-title"),
        pytest.param({"assets/leak.js": "fetch('notes/self.md')"},
                     "assets/leak.js has the source path of private notes/self.md", id="asset-path"),
        pytest.param({"assets/leak.html": '<a href="../notes/linked/">x</a>'},
                     "assets/leak.html has a link to private notes/linked.md", id="asset-link"),
        pytest.param({"site_description": "See https://someone.github.io/garden/notes/photo/"},
                     "has the URL of private notes/photo.md", id="absolute-url"),
        pytest.param({"assets/copy.ipynb": None}, "", id="control-no-leak"),
    ],
)
def test_audit_fails_on_a_planted_leak(tmp_path: Path, planted: dict, found: str) -> None:
    """A leak planted past the filter (nav link, public asset, site text) fails --strict, naming file and note."""
    notes = canary_notes()
    overrides: dict = {"site_url": SITE_URL}
    for key, value in planted.items():
        if "/" in key:
            if value is not None:
                notes[key] = value
        else:
            overrides[key] = value
    result = build(write_garden(tmp_path, notes, **overrides), public=True, strict=True)
    errors = [line for line in result.trellis("ERROR") if line.startswith("leak audit:")]
    if not found:
        assert (result.returncode, errors) == (0, [])
        return
    assert result.returncode != 0
    assert any(found in line for line in errors), errors
    assert not any("QQPRIV" in line for line in errors), "a finding must not repeat a private title"
