"""Publishing logic alone: the public rule, the feed, the leak audit."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from trellis.audit import LeftOut, collect_markers, find_leaks
from trellis.feed import FeedEntry, absolute, render_feed
from trellis.notes import Note
from trellis.publishing import is_public

ATOM = "{http://www.w3.org/2005/Atom}"
LEFT_OUT = [
    LeftOut("notes/salary-review.md", "notes/salary-review/", "Salary review preparation"),
    LeftOut("notes/todo.md", "notes/todo/", "Todo"),
    LeftOut("files/scan.pdf"),
]


@pytest.mark.parametrize(
    ("note", "publish", "expected"),
    [
        pytest.param(Note("e.md", audience="general", status="shipped"), "essays", True, id="shipped-essay"),
        pytest.param(Note("e.md", audience="general", status="in-progress"), "essays", False, id="draft-essay"),
        pytest.param(Note("s.md", audience="self", status="shipped"), "essays", False, id="self-shipped"),
        pytest.param(Note("index.md"), "essays", True, id="home"),
        pytest.param(Note("s.md"), "all", True, id="publish-all"),
        pytest.param(Note("e.md", audience="general", status="shipped", readable=False), "all", False,
                     id="unreadable"),
    ],
)
def test_is_public(note: Note, publish: str, expected: bool) -> None:
    """The one rule: shipped general essays and the home page; `all` keeps readable notes."""
    assert is_public(note, publish) is expected


@pytest.mark.parametrize(
    ("site_url", "url", "expected"),
    [
        pytest.param("https://a.github.io/repo/", "essays/x/", "https://a.github.io/repo/essays/x/", id="subpath"),
        pytest.param("https://a.github.io/repo", "essays/x/", "https://a.github.io/repo/essays/x/", id="no-slash"),
        pytest.param("https://a.github.io/", "/feed.xml", "https://a.github.io/feed.xml", id="root"),
    ],
)
def test_absolute(site_url: str, url: str, expected: str) -> None:
    """Site-relative URLs become absolute under site_url, keeping its subpath."""
    assert absolute(site_url, url) == expected


def test_feed_dates_come_from_entries() -> None:
    """The feed's updated is its newest entry; an undated entry takes it; today is used only when empty."""
    entries = [FeedEntry("B & co", "essays/b/", dt.date(2026, 3, 1), "s"), FeedEntry("A", "essays/a/", None, None)]
    root = etree.fromstring(render_feed(entries, "https://x.io/r/", "Site", dt.date(2030, 1, 1)).encode())
    assert root.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00+00:00"
    assert [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")] == ["B & co", "A"]
    empty = etree.fromstring(render_feed([], "https://x.io/r/", "Site", dt.date(2030, 1, 1)).encode())
    assert empty.findtext(f"{ATOM}updated") == "2030-01-01T00:00:00+00:00"
    assert empty.findall(f"{ATOM}entry") == []


@pytest.mark.parametrize(
    ("path", "text", "found"),
    [
        pytest.param("a.html", "<p>Salary review preparation</p>", [("title", "notes/salary-review.md")], id="title"),
        pytest.param("a.html", "<p>salary  REVIEW\npreparation</p>", [("title", "notes/salary-review.md")],
                     id="title-case-space"),
        pytest.param("s.json", '{"location": "notes/todo/"}', [("url", "notes/todo.md")], id="url-json"),
        pytest.param("sitemap.xml", "<loc>https://x.io/r/notes/todo/</loc>", [("url", "notes/todo.md")], id="url-abs"),
        pytest.param("essays/a/index.html", '<a href="../../notes/todo/#x">t</a>', [("link", "notes/todo.md"), ("url", "notes/todo.md")],
                     id="relative-link"),
        pytest.param("essays/a/index.html", '<a href="/r/files/scan.pdf">t</a>',
                     [("path", "files/scan.pdf"), ("link", "files/scan.pdf")], id="root-relative"),
        pytest.param("notes/todo.md", "copy", [("file", "notes/todo.md")], id="copied-source"),
        pytest.param("a.html", "<p>Todo</p> notes/todo/more/ mynotes/todo.md", [], id="short-title-and-longer-paths"),
        pytest.param("a.html", "<p>I did my salary review preparation in public</p>", [], id="title-said-in-public"),
    ],
)
def test_find_leaks(path: str, text: str, found: list[tuple[str, str]]) -> None:
    """Each kind of leak is found with its note; short titles, public words and longer paths are not."""
    markers = collect_markers(LEFT_OUT, "I did my SALARY REVIEW PREPARATION in public", "https://x.io/r/")
    if found and found[0][0] == "title":
        markers = collect_markers(LEFT_OUT, "", "https://x.io/r/")
    got = [(f.kind, f.src_uri) for f in find_leaks({path: text}, markers)]
    assert sorted(got) == sorted(found)


def test_short_and_public_titles_are_skipped() -> None:
    """Titles under the minimum length or used in public text are listed as not searched."""
    markers = collect_markers(LEFT_OUT, "salary review preparation", "https://x.io/")
    assert markers.skipped == ("Salary review preparation", "Todo")


def test_finding_never_repeats_a_title() -> None:
    """A title finding names the file and the note, not the private title itself."""
    markers = collect_markers(LEFT_OUT, "", "https://x.io/")
    [finding] = find_leaks({"404.html": "Salary review preparation"}, markers)
    assert str(finding) == "leak audit: 404.html has the title of private notes/salary-review.md"


def test_real_garden_publishes_with_no_essays(tmp_path) -> None:
    """`make publish` on the real garden: strict passes, the essay index says so, an empty feed, no finding."""
    import shutil

    import yaml

    from gardens import REPO, build, site_config

    shutil.copytree(REPO / "docs", tmp_path / "docs")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.dump(site_config(tmp_path / "docs", tmp_path / "site")), encoding="utf-8")
    result = build(config, public=True, strict=True)
    assert result.returncode == 0, result.log
    assert "No essays yet" in result.html("essays/")
    root = etree.fromstring((result.site / "feed.xml").read_bytes())
    assert root.findall(f"{ATOM}entry") == []
    assert "leak audit: 0 findings" in " ".join(result.trellis("INFO"))
