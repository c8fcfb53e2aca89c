"""Finding and resolving links: every form people write, and what is not a link."""

from __future__ import annotations

import pytest

from trellis.links import build_resolver, find_links, mask_code, resolve_url

NOTES = {
    "index.md": "Home",
    "notes/a.md": "Alpha",
    "notes/b.md": "Bravo note",
    "notes/Weekly Plan.md": "Weekly Plan",
    "notes/café.md": "Café",
    "notes/sub/deep.md": "Deep",
    "projects/index.md": "Projects",
    "projects/alpha/README.md": "Alpha project",
    "projects/alpha/target.md": "Target A",
    "projects/beta/target.md": "Target B",
    "essays/why.md": "Why I garden",
    "nb/intro.ipynb": "Intro notebook",
}
FILES = ["notes/img/diagram.png", "notes/image.png"]
RESOLVER = build_resolver(NOTES, FILES)


def targets(body: str, source: str = "notes/a.md") -> list[str | None]:
    """Return the targets of the links found in a body."""
    links, _ = find_links(source, body, RESOLVER)
    return [link.target for link in links]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[b](b.md)", ["notes/b.md"]),
        ("[b](./b.md)", ["notes/b.md"]),
        ("[b](./b.md#part-two)", ["notes/b.md"]),
        ("[home](../index.md)", ["index.md"]),
        ("[deep](sub/deep.md)", ["notes/sub/deep.md"]),
        ("[plan](Weekly%20Plan.md)", ["notes/Weekly Plan.md"]),
        ("[plan](<Weekly Plan.md>)", ["notes/Weekly Plan.md"]),
        ("[café](café.md)", ["notes/café.md"]),
        ("[café](caf%C3%A9.md)", ["notes/café.md"]),
        ("[projects](../projects/)", ["projects/index.md"]),
        ("[projects](../projects)", ["projects/index.md"]),
        ("[alpha](../projects/alpha/)", ["projects/alpha/README.md"]),
        ("[alpha](../projects/alpha/README.md)", ["projects/alpha/README.md"]),
        ("[b](../b/)", ["notes/b.md"]),  # use_directory_urls: written as the page URL
        ("[b](b.html)", ["notes/b.md"]),  # use_directory_urls: false
        ("[b](b)", ["notes/b.md"]),
        ("[nb](../nb/intro.ipynb)", ["nb/intro.ipynb"]),
        ("[b](b.md 'title')", ["notes/b.md"]),
        ("![d](img/diagram.png)", ["notes/img/diagram.png"]),
        ("[web](https://example.org/b.md)", []),
        ("[mail](mailto:x@example.org)", []),
        ("[here](#a-heading)", []),
        ("[missing](nothing.md)", []),
    ],
)
def test_markdown_links(body: str, expected: list[str]) -> None:
    """Relative Markdown links resolve to the note or file they name."""
    assert targets(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[[b]]", ["notes/b.md"]),
        ("[[B]]", ["notes/b.md"]),
        ("[[b.md]]", ["notes/b.md"]),
        ("[[b|the other one]]", ["notes/b.md"]),
        ("[[b#Part two]]", ["notes/b.md"]),
        ("[[b#Part two|label]]", ["notes/b.md"]),
        ("[[bravo note]]", ["notes/b.md"]),  # by title
        ("[[weekly plan]]", ["notes/Weekly Plan.md"]),
        ("[[weekly-plan]]", ["notes/Weekly Plan.md"]),
        ("[[Café]]", ["notes/café.md"]),
        ("[[why]]", ["essays/why.md"]),  # unique anywhere
        ("[[Why I garden]]", ["essays/why.md"]),
        ("[[essays/why]]", ["essays/why.md"]),
        ("[[sub/deep]]", ["notes/sub/deep.md"]),
        ("[[./b]]", ["notes/b.md"]),
        ("[[../projects/alpha/target]]", ["projects/alpha/target.md"]),
        ("[[projects/alpha]]", ["projects/alpha/README.md"]),
        ("[[projects/alpha/]]", ["projects/alpha/README.md"]),
        ("[[projects/alpha/README]]", ["projects/alpha/README.md"]),
        ("[[projects]]", ["projects/index.md"]),
        ("[[projects/index]]", ["projects/index.md"]),
        ("[[intro]]", ["nb/intro.ipynb"]),
        ("![[image.png]]", ["notes/image.png"]),
        ("![[diagram.png]]", ["notes/img/diagram.png"]),
        ("[[#Heading here]]", ["notes/a.md"]),
        ("[[nothing at all]]", [None]),
    ],
)
def test_wikilinks(body: str, expected: list[str | None]) -> None:
    """Wikilinks resolve by file name or title, case-insensitive, with |label and #heading."""
    assert targets(body) == expected


def test_wikilink_label_and_anchor() -> None:
    """A wikilink keeps its label and heading apart from its target."""
    (link,), _ = find_links("notes/a.md", "see [[B#Part two|the rest]].", RESOLVER)
    assert (link.written, link.anchor, link.label, link.kind) == ("B", "Part two", "the rest", "wiki")


@pytest.mark.parametrize(
    ("source", "body", "expected"),
    [
        ("projects/alpha/README.md", "[[target]]", ["projects/alpha/target.md"]),
        ("projects/beta/x.md", "[[target]]", ["projects/beta/target.md"]),
        ("projects/beta/x.md", "[Target](target)", ["projects/beta/target.md"]),
        ("index.md", "[[projects/beta/target]]", ["projects/beta/target.md"]),
    ],
)
def test_own_folder_first(source: str, body: str, expected: list[str]) -> None:
    """A name in the linking note's own folder wins over the same name elsewhere."""
    assert targets(body, source) == expected


@pytest.mark.parametrize(
    "body",
    [
        "`[[b]]`",
        "``[[b]] with ` inside``",
        "```\n[[b]]\n```",
        "````md\n```\n[[b]]\n```\n````",
        "~~~\n[[b]]\n~~~",
        "~~~~\n[b](b.md)\n~~~~",
        '!!! note\n    ```bash\n    if [[ -n "$X" ]]; then\n    ```',
        '=== "Tab"\n\n    ```toml\n    [[b]]\n    ```',
        "Text.\n\n    [[b]] in indented code\n",
        "<pre>[[b]]</pre>",
        "<code>[b](b.md)</code>",
        "<!-- [[b]] -->",
        "<!--\n[[b]]\n-->",
        "\\[[b]]",
    ],
)
def test_not_links(body: str) -> None:
    """Code spans, fenced, indented and HTML code, comments and escapes hold no links."""
    assert targets(body) == []


def test_list_continuation_is_not_code() -> None:
    """A link indented under a list item is a link, not indented code."""
    assert targets("- item\n\n    see [[b]]\n") == ["notes/b.md"]


def test_mask_keeps_offsets() -> None:
    """Masking keeps length and line breaks, so offsets still point into the original."""
    text = "a `x` b\n```\ncode\n```\nc"
    masked = mask_code(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "see [[nothing at all]]",
            "notes/a.md:1: wikilink [[nothing at all]] matches no note; it is shown as plain text",
        ),
        (
            "\n[[target]]",
            "notes/a.md:2: wikilink [[target]] matches 2 notes (projects/beta/target.md, "
            "projects/alpha/target.md); it links to projects/beta/target.md: write the path, "
            "e.g. [[projects/beta/target]], to choose",
        ),
    ],
)
def test_wikilink_problems(body: str, message: str) -> None:
    """A wikilink matching no note or several is a problem naming file, line, link and candidates."""
    _, problems = find_links("notes/a.md", body, RESOLVER)
    assert [str(p) for p in problems] == [message]


def test_ambiguous_pick_is_deterministic() -> None:
    """Of several candidates the one with fewest folders, then shortest path, then A–Z wins."""
    resolver = build_resolver({"x/y/n.md": "1", "b/n.md": "2", "a/n.md": "3", "aa/n.md": "4"})
    target, candidates = resolver.resolve_wiki("n", "z/q.md")
    assert target == "a/n.md"
    assert candidates == ("a/n.md", "b/n.md", "aa/n.md", "x/y/n.md")


def test_line_numbers_count_front_matter() -> None:
    """A problem's line is the line in the file, front-matter included."""
    _, problems = find_links("notes/a.md", "x\n[[zzz]]", RESOLVER, body_line=5)
    assert problems[0].line == 6


def test_context_is_the_sentence() -> None:
    """A link's context is the sentence it sits in, as plain text."""
    body = "First idea. The **second** links [[b|Bravo]] for a reason. Third."
    (link,), _ = find_links("notes/a.md", body, RESOLVER)
    assert link.context == "The second links Bravo for a reason"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/notes/b.md", "notes/b.md"),
        ("../../outside.md", None),
        ("b.md?x=1", "notes/b.md"),
    ],
)
def test_resolve_url(url: str, expected: str | None) -> None:
    """Site-absolute links resolve from the docs root; links leaving the docs do not resolve."""
    assert resolve_url(url, "notes/a.md", RESOLVER) == expected
