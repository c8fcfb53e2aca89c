"""Reference-style links (`[text][ref]` with `[ref]: url`) are links like any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from gardens import build, note, write_garden
from trellis.links import build_resolver, find_links

RESOLVER = build_resolver({"a.md": "A", "notes/b.md": "B"})


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("See [the note][b].\n\n[b]: notes/b.md", [("notes/b.md", "the note", "")]),
        ("See [B][].\n\n[b]: notes/b.md#part", [("notes/b.md", "B", "part")]),
        ("![chart][c]\n\n[c]: <notes/b.md>", [("notes/b.md", "chart", "")]),
        ("[one][x]\n\n[x]: notes/b.md\n[x]: a.md", [("notes/b.md", "one", "")]),
        ("`[code][b]`\n\n[b]: notes/b.md", []),
        ("[no definition][zzz]", []),
        ("[[b]] is a wikilink, not [b][] twice\n\n[b]: notes/b.md", [("notes/b.md", "b", ""), ("notes/b.md", "b", "")]),
    ],
    ids=["full", "collapsed-with-anchor", "image-angle-brackets", "first-definition-wins", "in-code", "undefined", "beside-wikilink"],
)
def test_reference_links_are_found(body: str, found: list[tuple[str, str, str]]) -> None:
    """Each use of a defined reference is one link to its target; code and undefined names are not."""
    links, problems = find_links("a.md", body, RESOLVER)
    assert [(link.target, link.label, link.anchor) for link in links] == found
    assert problems == []


def test_public_essay_reference_link_to_private_note_keeps_only_its_words(tmp_path: Path) -> None:
    """In the public build a reference link to a private note is its text; the audit finds nothing."""
    notes = {
        "index.md": note("Home."),
        "essay.md": note("Read [my private diary][d] for more.\n\n[d]: diary.md\n", title="An essay about learning",
                         audience="general", status="shipped"),
        "diary.md": note("ZQXREF secret.", title="Diary of private thoughts"),
    }
    result = build(write_garden(tmp_path, notes), public=True, strict=True)
    assert result.returncode == 0, result.log
    page = result.html("essay/")
    assert "my private diary" in page and "diary/" not in page
    for path, text in result.all_text().items():
        assert "ZQXREF" not in text and "Diary of private thoughts" not in text, path
        assert "diary.md" not in text and "diary/" not in text, path
    garden = build(write_garden(tmp_path / "garden", notes))
    assert "Read" in garden.html("diary/") and "trellis-backlinks" in garden.html("diary/")
