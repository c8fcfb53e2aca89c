"""Backlinks on real builds: gardens full of tricky links, exact backlink sets and warnings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gardens import EPOCH_2026_12_04, Build, build, case_garden, note, write_garden


TRICKY = {
    "index.md": note("# Home\n\nStart at [[Gradients]].\n", title="Home"),
    "notes/gradients.md": note(
        "Gradients flow backwards. Self: [[gradients]] and [me](gradients.md).\n",
        title="Gradients", quarter="2026-Q1", track="technical",
    ),
    "notes/Popper and Kuhn.md": note(
        "Falsifiable claims are like [[gradients|a gradient check]]. "
        "Again [[Gradients#Chain rule]] and [once more](./gradients.md).\n",
        title="Popper and Kuhn", quarter="2026-Q1", track="non-technical",
    ),
    "notes/attention.md": note(
        "Attention builds on [gradients](gradients.md#chain-rule). "
        "Code: `[[Popper and Kuhn]]`.\n\n```bash\nif [[ -n \"$X\" ]]; then echo; fi\n```\n\n"
        "~~~~\n[[popper and kuhn]]\n~~~~\n\n<!-- [[Popper and Kuhn]] -->\n\n"
        "Escaped \\[[Popper and Kuhn]] stays text. Lost: [[no such note]].\n",
        title="Attention", quarter="2026-Q2", track="technical",
    ),
    "notes/café crème.md": note(
        "A note with spaces and an accent, linking [up](../index.md).\n",
        title="Café crème",
    ),
    "essays/why.md": note(
        "Why: [the café](../notes/caf%C3%A9%20cr%C3%A8me.md) and [[Popper and Kuhn]].\n",
        title="Why I garden", quarter="2026-Q1", track="non-technical",
    ),
    "a/target.md": note("A.\n", title="Target in a"),
    "b/target.md": note("B.\n", title="Target in b"),
    "hub.md": note("Which one: [[target]].\n", title="Hub"),
}


def backlinks(site: Build, url: str) -> list[str]:
    """Return the titles in a page's backlinks block, in display order."""
    soup = BeautifulSoup(site.html(url), "html.parser")
    return [a.get_text() for a in soup.select(".trellis-backlinks li > a")]


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The tricky garden, built once."""
    return build(write_garden(tmp_path_factory.mktemp("tricky"), TRICKY))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # bridges (other track) first, then same track, then no track, each A–Z
        ("notes/gradients/", ["Popper and Kuhn", "Attention", "Home"]),
        ("notes/Popper%20and%20Kuhn/", ["Why I garden"]),
        ("notes/caf%C3%A9%20cr%C3%A8me/", ["Why I garden"]),
        ("", ["Café crème"]),
        ("a/target/", ["Hub"]),
        ("b/target/", []),
        ("notes/attention/", []),
        ("essays/why/", []),
    ],
)
def test_backlink_sets(tricky: Build, url: str, expected: list[str]) -> None:
    """Each page lists exactly the notes that link to it: once each, no self, not from code."""
    assert tricky.returncode == 0, tricky.log
    assert backlinks(tricky, url.replace("%20", " ").replace("%C3%A9", "é").replace("%C3%A8", "è")) == expected


def test_tricky_warnings(tricky: Build) -> None:
    """The missing and the ambiguous wikilink are the only warnings, each naming file, line and link."""
    assert tricky.trellis("WARNING") == [
        "hub.md:4: wikilink [[target]] matches 2 notes (a/target.md, b/target.md); it links to "
        "a/target.md: write the path, e.g. [[a/target]], to choose",
        "notes/attention.md:18: wikilink [[no such note]] matches no note; it is shown as plain text",
    ]


def test_backlink_shows_track_quarter_and_sentence(tricky: Build) -> None:
    """A backlink names the linking note's track and quarter and quotes the sentence with the link."""
    soup = BeautifulSoup(tricky.html("notes/gradients/"), "html.parser")
    first = soup.select(".trellis-backlinks li")[0]
    assert "trellis-bridge" in first["class"]
    assert first.select_one(".trellis-facts").get_text() == "non-technical · 2026-Q1"
    assert first.select_one(".trellis-context").get_text() == (
        "Falsifiable claims are like a gradient check"
    )
    same = soup.select(".trellis-backlinks li")[1]
    assert "trellis-bridge" not in same["class"]


def test_code_is_left_as_written(tricky: Build) -> None:
    """Link-looking text in code and escapes renders exactly as written."""
    text = BeautifulSoup(tricky.html("notes/attention/"), "html.parser").select_one("article").get_text()
    for written in ("[[Popper and Kuhn]]", 'if [[ -n "$X" ]]', "[[popper and kuhn]]", "Escaped [[Popper and Kuhn]]"):
        assert written in text
    assert "<!-- [[Popper and Kuhn]] -->" in tricky.html("notes/attention/")


def test_quarter_dashboard_counts_bridges(tmp_path: Path) -> None:
    """A quarter page shows how many cross-track links its notes make, each pair once."""
    garden = dict(TRICKY)
    garden["2026/q1.md"] = note("Plan.\n", title="Q1", quarter="2026-Q1", plan={"technical": {"goal": "x"}})
    site = build(write_garden(tmp_path, garden))
    soup = BeautifulSoup(site.html("2026/q1/"), "html.parser")
    dash = soup.select_one(".trellis-quarter-dashboard")
    assert dash["data-bridges"] == "1"
    assert "1 cross-track link" in dash.get_text()


# --- field cases 13 and 14 -------------------------------------------------------------


def hrefs(html: str) -> set[str]:
    """Return the hrefs of the links in a page's article."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    return {a["href"] for a in article.select("a[href]") if not a["href"].startswith("#")}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_case_13_same_name_notes(tmp_path: Path, directory_urls: bool) -> None:
    """Case 13: own folder first, explicit paths, folder pages, case-insensitive, one warning."""
    site = build(case_garden(tmp_path, "13-wikilink-same-name-notes", use_directory_urls=directory_urls))
    assert site.returncode == 0, site.log

    for folder in ("alpha", "beta", "gamma"):
        html = site.html(f"projects/{folder}/" if directory_urls else f"projects/{folder}/index.html")
        targets = {h for h in hrefs(html) if "target" in h}
        assert targets == {"target/" if directory_urls else "target.html"}, folder

    hub = hrefs(site.html("hub/" if directory_urls else "hub.html"))
    expected = (
        {"../projects/beta/target/", "../projects/alpha/", "../projects/gamma/", "../notes/Weekly%20Plan/"}
        if directory_urls
        else {"projects/beta/target.html", "projects/alpha/index.html", "projects/gamma/index.html",
              "notes/Weekly%20Plan.html"}
    )
    assert expected <= hub
    hub_text = BeautifulSoup(site.html("hub/" if directory_urls else "hub.html"), "html.parser").get_text()
    assert "weekly plan" in hub_text

    beta = backlinks(site, "projects/beta/target/" if directory_urls else "projects/beta/target.html")
    assert beta == ["Beta overview", "Hub"]
    for folder in ("alpha", "gamma"):
        got = backlinks(site, f"projects/{folder}/target/" if directory_urls else f"projects/{folder}/target.html")
        assert got == [f"{folder.capitalize()} overview"]

    ambiguous = [w for w in site.trellis("WARNING") if "matches" in w]
    assert ambiguous == [
        "hub.md:9: wikilink [[target]] matches 3 notes (projects/beta/target.md, "
        "projects/alpha/target.md, projects/gamma/target.md); it links to projects/beta/target.md: "
        "write the path, e.g. [[projects/beta/target]], to choose"
    ]


def test_case_14_links_inside_code(tmp_path: Path) -> None:
    """Case 14: code, comments and escapes hold no links; real links beside them still count."""
    site = build(case_garden(tmp_path, "14-links-inside-code"), strict=True)
    assert site.returncode == 0, site.log
    assert site.warnings == []
    raw = site.html("notes/code-examples/")
    text = BeautifulSoup(raw, "html.parser").get_text()
    for written in ['if [[ -n "$HOST"', "matrix = [[1, 2], [3, 4]]", "matrix[[0]]", "[[note name]]",
                    "See [[servers]] for the inventory.", "[[servers]] in raw HTML",
                    'echo "see [deploy](deploy.md)"']:
        assert written in text, written
    assert backlinks(site, "notes/servers/") == ["Real links"]
    assert backlinks(site, "notes/deploy/") == ["Code examples"]


# --- in-process builds, as `mkdocs serve` runs them ----------------------------------


def build_in_process(config: Path) -> Path:
    """Build like `mkdocs serve` does: load the config and build in this very process."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    loaded = load_config(str(config))
    mkdocs_build(loaded)
    return Path(loaded["site_dir"])


def page_backlinks(site: Path, url: str) -> list[str]:
    """Return the backlink titles of a page in a site folder."""
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in soup.select(".trellis-backlinks li > a")]


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix "now" and keep the public switch off for in-process builds."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026_12_04)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("TRELLIS_PUBLIC", raising=False)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("edit", {"notes/b/": [], "notes/c/": ["A"]}),
        ("add", {"notes/b/": ["A", "D"], "notes/c/": []}),
        ("rename", {"notes/bee/": ["A"]}),
        ("delete", {"notes/c/": []}),
    ],
)
def test_rebuild_keeps_backlinks_right(tmp_path: Path, epoch: None, change: str,
                                       expected: dict[str, list[str]]) -> None:
    """Two builds in one process with a note changed between: backlinks follow the change."""
    config = write_garden(tmp_path, {
        "notes/a.md": note("To [[b]].\n", title="A"),
        "notes/b.md": note("B.\n", title="B"),
        "notes/c.md": note("C.\n", title="C"),
    })
    docs = tmp_path / "docs" / "notes"
    assert page_backlinks(build_in_process(config), "notes/b/") == ["A"]

    if change == "edit":
        (docs / "a.md").write_text(note("Now to [[c]].\n", title="A"), encoding="utf-8")
    elif change == "add":
        (docs / "d.md").write_text(note("Also [[b]].\n", title="D"), encoding="utf-8")
    elif change == "rename":
        (docs / "b.md").rename(docs / "bee.md")
        (docs / "a.md").write_text(note("To [[bee]].\n", title="A"), encoding="utf-8")
    elif change == "delete":
        (docs / "b.md").unlink()
    site = build_in_process(config)
    for url, titles in expected.items():
        assert page_backlinks(site, url) == titles, url
    assert (site / "notes" / "b").exists() == (change in ("edit", "add"))


def test_find_links_runs_once_per_note(tmp_path: Path, epoch: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The link index is built once per build: find_links reads each note exactly once."""
    import trellis.garden

    calls: list[str] = []
    real = trellis.garden.find_links

    def counting(source: str, *args: object, **kwargs: object):
        calls.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(trellis.garden, "find_links", counting)
    config = write_garden(tmp_path, {f"n{i}.md": note(f"[[n{(i + 1) % 5}]]\n", title=f"N{i}") for i in range(5)})
    build_in_process(config)
    assert sorted(calls) == [f"n{i}.md" for i in range(5)]


def test_rebuild_warnings_are_not_repeated(tmp_path: Path, epoch: None, caplog: pytest.LogCaptureFixture) -> None:
    """A second in-process build warns about a broken wikilink once, as the first did."""
    config = write_garden(tmp_path, {"a.md": note("[[nowhere]]\n", title="A")})
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.trellis"):
        build_in_process(config)
        build_in_process(config)
    found = [r.getMessage() for r in caplog.records if "nowhere" in r.getMessage()]
    assert found == ["trellis: a.md:4: wikilink [[nowhere]] matches no note; it is shown as plain text"] * 2
