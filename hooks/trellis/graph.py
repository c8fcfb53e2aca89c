"""The link graph: notes as nodes, links as edges, laid out and drawn as SVG at build time.

Nothing is fetched or run in the reader's browser: the picture is plain
inline SVG whose nodes are links, so it works offline and on GitHub Pages.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape

from .links import Link
from .notes import Note

Href = Callable[[str], "str | None"]  # src_uri -> URL relative to the page, or None

# Rows of the garden picture, top to bottom; notes with no track go last.
_ROWS = ("technical", "non-technical", None)
_ROW_NAMES = {"technical": "Technical", "non-technical": "Non-technical", None: "No track"}
_COLUMN = 190  # px between quarter columns
_LINE = 26  # px between notes stacked in one cell
_MARGIN = 36
_LABEL = 22  # characters of a title shown beside its node


@dataclass(frozen=True)
class Node:
    """One note in the graph."""

    uri: str
    title: str
    track: str | None
    column: str  # the quarter, or "evergreen"


@dataclass(frozen=True)
class Edge:
    """Notes linked in either direction, once per pair."""

    a: str
    b: str
    bridge: bool  # between the technical and the non-technical track


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    # Indexed once so a page's neighbourhood costs its own size, not a scan of
    # every edge in the garden for every page (which made builds quadratic).
    touching: Mapping[str, tuple[Edge, ...]] = field(init=False, compare=False, repr=False)
    by_uri: Mapping[str, Node] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        touching: dict[str, list[Edge]] = {}
        for edge in self.edges:
            touching.setdefault(edge.a, []).append(edge)
            touching.setdefault(edge.b, []).append(edge)
        object.__setattr__(self, "touching", {u: tuple(e) for u, e in touching.items()})
        object.__setattr__(self, "by_uri", {node.uri: node for node in self.nodes})


def build_graph(notes: Mapping[str, Note], links: Mapping[str, Iterable[Link]]) -> Graph:
    """Return the graph of notes and the links between them; one pass over every link."""
    nodes = tuple(
        Node(uri, note.title, note.track, str(note.quarter) if note.quarter else "evergreen")
        for uri, note in sorted(notes.items())
    )
    pairs: set[tuple[str, str]] = set()
    for source, found in links.items():
        for link in found:
            target = link.target
            if source in notes and target in notes and target != source:
                pairs.add((min(source, target), max(source, target)))
    edges = tuple(
        Edge(a, b, _bridge(notes[a].track, notes[b].track)) for a, b in sorted(pairs)
    )
    return Graph(nodes, edges)


def _bridge(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def neighbourhood(graph: Graph, uri: str) -> Graph:
    """Return the note and the notes one link away, with the links among them."""
    near = {uri}
    for edge in graph.touching.get(uri, ()):
        near.update((edge.a, edge.b))
    edges = {e for n in near for e in graph.touching.get(n, ()) if e.a in near and e.b in near}
    return Graph(
        tuple(graph.by_uri[u] for u in sorted(near) if u in graph.by_uri),  # as graph.nodes: by uri
        tuple(sorted(edges, key=lambda e: (e.a, e.b))),
    )


def garden_layout(graph: Graph) -> dict[str, tuple[float, float]]:
    """Return positions: quarters as columns (evergreen last), tracks as rows, titles A–Z in a cell."""
    columns = sorted({n.column for n in graph.nodes} - {"evergreen"})
    if any(n.column == "evergreen" for n in graph.nodes):
        columns.append("evergreen")
    cells: dict[tuple[str, str | None], list[Node]] = {}
    for node in graph.nodes:
        cells.setdefault((node.column, node.track), []).append(node)
    positions: dict[str, tuple[float, float]] = {}
    top = _MARGIN + 20
    for track in _ROWS:
        height = max((len(cells.get((c, track), [])) for c in columns), default=0)
        for x, column in enumerate(columns):
            cell = sorted(cells.get((column, track), []), key=lambda n: (n.title.lower(), n.uri))
            for y, node in enumerate(cell):
                positions[node.uri] = (_MARGIN + x * _COLUMN, top + y * _LINE)
        if height:
            top += height * _LINE + _LINE
    return positions


def local_layout(graph: Graph, centre: str) -> dict[str, tuple[float, float]]:
    """Return positions: the note in the middle, its neighbours on a circle by track then title."""
    others = sorted(
        (n for n in graph.nodes if n.uri != centre),
        key=lambda n: (_ROWS.index(n.track), n.title.lower(), n.uri),
    )
    radius = max(90.0, 14.0 * len(others))
    middle = _MARGIN + radius + 120
    positions = {centre: (middle, _MARGIN + radius)}
    for i, node in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / len(others)
        positions[node.uri] = (
            round(middle + radius * math.cos(angle), 1),
            round(_MARGIN + radius + radius * math.sin(angle), 1),
        )
    return positions


def garden_svg(graph: Graph, href: Href) -> str:
    """Return the whole garden as an SVG figure, with column and row headings."""
    positions = garden_layout(graph)
    labels = _garden_labels(graph, positions)
    return _figure(graph, positions, href, labels, css="trellis-graph-garden", current=None)


def local_svg(graph: Graph, centre: str, href: Href) -> str:
    """Return a note's neighbourhood as an SVG figure; empty when nothing links with it."""
    if len(graph.nodes) < 2:
        return ""
    positions = local_layout(graph, centre)
    return _figure(graph, positions, href, "", css="trellis-graph-local", current=centre)


def _garden_labels(graph: Graph, positions: dict[str, tuple[float, float]]) -> str:
    columns: dict[str, float] = {}
    rows: dict[str | None, float] = {}
    for node in graph.nodes:
        x, y = positions[node.uri]
        columns.setdefault(node.column, x)
        rows[node.track] = min(rows.get(node.track, y), y)
    heads = "".join(
        f'<text class="trellis-graph-column" x="{x - 6}" y="{_MARGIN}" font-weight="bold">'
        f"{escape(column)}</text>"
        for column, x in columns.items()
    )
    heads += "".join(
        f'<text class="trellis-graph-row" x="2" y="{y - 12}" font-size="11" opacity="0.7">'
        f"{_ROW_NAMES[track]}</text>"
        for track, y in rows.items()
    )
    return heads


def _figure(graph: Graph, positions: dict[str, tuple[float, float]], href: Href,
            labels: str, css: str, current: str | None) -> str:
    width = max((x for x, _ in positions.values()), default=0) + _COLUMN + _MARGIN
    height = max((y for _, y in positions.values()), default=0) + _MARGIN
    lines = "".join(_edge(edge, positions) for edge in graph.edges)
    dots = "".join(_node(node, positions[node.uri], href, node.uri == current) for node in graph.nodes)
    return (
        f'<figure class="trellis-graph {css}" data-nodes="{len(graph.nodes)}" '
        f'data-edges="{len(graph.edges)}">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" role="img" aria-label="Links between notes" font-size="12" '
        f'fill="currentColor">{labels}<g class="trellis-graph-edges">{lines}</g>'
        f'<g class="trellis-graph-nodes">{dots}</g></svg>'
        f"<figcaption>{_legend()}</figcaption></figure>"
    )


def _edge(edge: Edge, positions: dict[str, tuple[float, float]]) -> str:
    (x1, y1), (x2, y2) = positions[edge.a], positions[edge.b]
    style = 'stroke="#e0631b" stroke-width="1.6" stroke-dasharray="5 3"' if edge.bridge else (
        'stroke="#888" stroke-width="1"'
    )
    return (
        f'<line class="trellis-graph-edge{" trellis-graph-bridge" if edge.bridge else ""}" '
        f'data-a="{escape(edge.a)}" data-b="{escape(edge.b)}" '
        f'x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" {style} opacity="0.7"/>'
    )


def _node(node: Node, at: tuple[float, float], href: Href, current: bool) -> str:
    x, y = at
    # Shape and colour both tell the tracks apart, so neither alone carries it.
    if node.track == "technical":
        mark = f'<circle cx="{x}" cy="{y}" r="7" fill="#2e7d32"/>'
    elif node.track == "non-technical":
        mark = f'<rect x="{x - 6.5}" y="{y - 6.5}" width="13" height="13" fill="#6a1b9a" transform="rotate(45 {x} {y})"/>'
    else:
        mark = f'<circle cx="{x}" cy="{y}" r="5" fill="none" stroke="#777" stroke-width="2"/>'
    if current:
        mark += f'<circle cx="{x}" cy="{y}" r="11" fill="none" stroke="currentColor" stroke-width="1.5"/>'
    label = node.title if len(node.title) <= _LABEL else node.title[: _LABEL - 1] + "…"
    body = (
        f"<title>{escape(node.title)}</title>{mark}"
        f'<text x="{x + 12}" y="{y + 4}">{escape(label)}</text>'
    )
    url = None if current else href(node.uri)
    track = node.track or "none"
    attrs = f'class="trellis-graph-node trellis-graph-{track}" data-uri="{escape(node.uri)}"'
    if url is None:
        return f"<g {attrs}>{body}</g>"
    return f'<a {attrs} href="{escape(url)}">{body}</a>'


def _legend() -> str:
    return (
        '<span class="trellis-graph-legend"><span style="color:#2e7d32">●</span> technical · '
        '<span style="color:#6a1b9a">◆</span> non-technical · ○ no track · '
        '<span style="color:#e0631b">- - -</span> bridge between tracks</span>'
    )


def graph_page() -> str:
    """Return the generated garden-graph page's own Markdown; the picture is added with its links."""
    return (
        "---\ntitle: Garden graph\n---\n\n# Garden graph\n\n"
        "Every note, by quarter (columns) and track (rows). A line is a link; "
        "a dashed line is a bridge between the technical and the non-technical track. "
        "Select a note to open it.\n"
    )
