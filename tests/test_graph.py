"""The link graph and the backlink relation: data that matches the links, drawn as offline SVG."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.garden import invert_links
from trellis.graph import Graph, build_graph, garden_layout, garden_svg, local_svg, neighbourhood
from trellis.links import Link
from trellis.notes import Note
from trellis.quarters import Quarter

TRACKS = (None, "technical", "non-technical")


def link(source: str, target: str | None) -> Link:
    """Return a resolved link from one note to another."""
    return Link(source, target, "wiki", target or "x", "", "", 1, 0, 1)


def make_notes(spec: dict[str, tuple[str | None, int | None]]) -> dict[str, Note]:
    """Return notes by src_uri from (track, quarter number) pairs."""
    return {
        uri: Note(uri, title=uri.removesuffix(".md").upper(), track=track,
                  quarter=Quarter(2026, q) if q else None)
        for uri, (track, q) in spec.items()
    }


NOTES = make_notes({
    "a.md": ("technical", 1),
    "b.md": ("non-technical", 1),
    "c.md": ("technical", 2),
    "d.md": (None, None),
})
LINKS = {
    "a.md": (link("a.md", "b.md"), link("a.md", "b.md"), link("a.md", "a.md")),
    "b.md": (link("b.md", "a.md"),),
    "c.md": (link("c.md", "a.md"), link("c.md", None), link("c.md", "img.png")),
    "d.md": (),
}


def href(uri: str) -> str:
    """Return a page URL as the glue would, for every note."""
    return uri.removesuffix(".md") + "/"


def test_edges_are_pairs_once_without_self_links() -> None:
    """An edge joins two notes once, whichever way and however often they link."""
    graph = build_graph(NOTES, LINKS)
    assert [(e.a, e.b, e.bridge) for e in graph.edges] == [("a.md", "b.md", True), ("a.md", "c.md", False)]
    assert [n.uri for n in graph.nodes] == ["a.md", "b.md", "c.md", "d.md"]


@pytest.mark.parametrize(
    ("uri", "near"),
    [("a.md", ["a.md", "b.md", "c.md"]), ("b.md", ["a.md", "b.md"]), ("d.md", ["d.md"])],
)
def test_neighbourhood_is_one_hop(uri: str, near: list[str]) -> None:
    """A note's neighbourhood is the note and the notes it links with either way."""
    assert [n.uri for n in neighbourhood(build_graph(NOTES, LINKS), uri).nodes] == near


def test_garden_layout_columns_and_rows() -> None:
    """Quarters are columns (evergreen last) and tracks rows, technical on top."""
    at = garden_layout(build_graph(NOTES, LINKS))
    assert at["a.md"][0] == at["b.md"][0] < at["c.md"][0] < at["d.md"][0]
    assert at["a.md"][1] < at["b.md"][1] < at["d.md"][1]


def test_garden_svg_nodes_are_links_and_tracks_differ() -> None:
    """Every node is a link to its note; tracks differ by class, shape and colour; no remote asset."""
    svg = garden_svg(build_graph(NOTES, LINKS), href)
    nodes = re.findall(r'<a class="trellis-graph-node trellis-graph-([\w-]+)" data-uri="([^"]+)" href="([^"]+)"', svg)
    assert nodes == [
        ("technical", "a.md", "a/"), ("non-technical", "b.md", "b/"),
        ("technical", "c.md", "c/"), ("none", "d.md", "d/"),
    ]
    assert svg.count('class="trellis-graph-edge trellis-graph-bridge"') == 1
    assert "<circle" in svg and "<rect" in svg
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", svg)


def test_local_svg_marks_the_note_and_is_empty_alone() -> None:
    """The neighbourhood picture does not link a note to itself, and is left out when it links nothing."""
    graph = build_graph(NOTES, LINKS)
    svg = local_svg(neighbourhood(graph, "b.md"), "b.md", href)
    assert 'data-uri="b.md" href' not in svg and 'data-uri="a.md" href="a/"' in svg
    assert local_svg(neighbourhood(graph, "d.md"), "d.md", href) == ""


def test_unbuilt_note_is_not_a_link() -> None:
    """A note without a page in this build is drawn, but not as a link."""
    svg = garden_svg(Graph(build_graph(NOTES, {}).nodes, ()), lambda uri: None)
    assert "<a class" not in svg and svg.count('class="trellis-graph-node ') == 4


URIS = [f"n{i}.md" for i in range(6)]
gardens = st.fixed_dictionaries({uri: st.tuples(st.sampled_from(TRACKS), st.none() | st.integers(1, 4))
                                 for uri in URIS})
link_tables = st.fixed_dictionaries({
    uri: st.lists(st.sampled_from([*URIS, None, "img.png", "gone.md"]), max_size=8) for uri in URIS
})


@settings(max_examples=200, deadline=None, derandomize=True)
@given(spec=gardens, written=link_tables)
def test_backlinks_are_the_reverse_of_links(spec: dict, written: dict[str, list[str | None]]) -> None:
    """Backlinks are exactly the resolved links reversed: each source once, no self-links, bridges first."""
    notes = make_notes(spec)
    links = {src: tuple(link(src, t) for t in targets) for src, targets in written.items()}
    backlinks = invert_links(links, notes)

    reversed_links = {(t, s) for s, found in links.items() for x in found
                      if (t := x.target) in notes and t != s}
    assert {(t, s) for t, sources in backlinks.items() for s in sources} == reversed_links
    for target, sources in backlinks.items():
        assert len(sources) == len(set(sources))
        bridge = [bool(notes[target].track and notes[s].track and notes[s].track != notes[target].track)
                  for s in sources]
        assert bridge == sorted(bridge, reverse=True)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(spec=gardens, written=link_tables)
def test_graph_edges_match_links(spec: dict, written: dict[str, list[str | None]]) -> None:
    """The graph has an edge exactly where a note links to another or is linked from it."""
    notes = make_notes(spec)
    links = {src: tuple(link(src, t) for t in targets) for src, targets in written.items()}
    graph = build_graph(notes, links)
    backlinks = invert_links(links, notes)
    from_backlinks = {tuple(sorted((t, s))) for t, sources in backlinks.items() for s in sources}
    assert {(e.a, e.b) for e in graph.edges} == from_backlinks


@pytest.mark.parametrize("directory_urls", [True, False])
def test_graph_page_in_a_build(tmp_path, directory_urls: bool) -> None:
    """The garden build has a graph page whose every node links to a built page, offline."""
    from bs4 import BeautifulSoup

    from gardens import build, note, write_garden

    site = build(write_garden(tmp_path, {
        "index.md": note("Home, see [[x]].\n", title="Home"),
        "notes/x.md": note("To [[y]].\n", title="X", quarter="2026-Q1", track="technical"),
        "notes/y.md": note("Y.\n", title="Y", quarter="2026-Q2", track="non-technical"),
    }, use_directory_urls=directory_urls), strict=True)
    assert site.returncode == 0, site.log
    page = "graph/index.html"
    soup = BeautifulSoup((site.site / page).read_text(encoding="utf-8"), "html.parser")
    figure = soup.select_one("figure.trellis-graph-garden")
    assert (figure["data-nodes"], figure["data-edges"]) == ("3", "2")
    for node in figure.select("a.trellis-graph-node"):
        assert (site.site / "graph" / node["href"]).resolve().relative_to(site.site.resolve())
        target = site.site / "graph" / node["href"]
        assert (target / "index.html" if directory_urls else target).is_file(), node["href"]
    local = BeautifulSoup(site.html("notes/x/" if directory_urls else "notes/x.html"), "html.parser")
    assert local.select_one("figure.trellis-graph-local")["data-nodes"] == "3"


def test_public_build_has_no_graph(tmp_path) -> None:
    """The public build leaves the graph out: no graph page, no neighbourhood figures."""
    from gardens import build, note, write_garden

    site = build(write_garden(tmp_path, {
        "index.md": note("Home.\n", title="Home"),
        "essays/e.md": note("See [[f]].\n", title="E", audience="general", status="shipped"),
        "essays/f.md": note("F.\n", title="F", audience="general", status="shipped"),
        "notes/private.md": note("Secret [[e]].\n", title="ZQXprivate"),
    }), public=True)
    assert site.returncode == 0, site.log
    assert not (site.site / "graph").exists()
    assert not any("trellis-graph" in text for text in site.all_text().values())
