"""HTML comments are notes to self: the public build leaves them out, the garden keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gardens import build, note, write_garden
from trellis.publishing import strip_comments

ESSAY = note(
    "Public words.\n\n<!-- ZQXCOMMENT remember to ask Sam -->\n\n"
    "```html\n<!-- shown as code -->\n```\n",
    title="An essay", audience="general", status="shipped",
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a</p><!-- x --><p>b</p>", "<p>a</p><p>b</p>"),
        ("<p>a</p><!--\nmany\nlines\n-->", "<p>a</p>"),
        ("<code>&lt;!-- kept --&gt;</code>", "<code>&lt;!-- kept --&gt;</code>"),
        ("<p>none</p>", "<p>none</p>"),
    ],
    ids=["inline", "multi-line", "escaped-in-code", "no-comment"],
)
def test_strip_comments(html: str, expected: str) -> None:
    """Comments go; comments written as code stay."""
    assert strip_comments(html) == expected


def test_public_build_drops_comments_garden_keeps_them(tmp_path: Path) -> None:
    """The comment is in no public output file, and still in the garden page."""
    notes = {"index.md": note("Home."), "essay.md": ESSAY}
    public = build(write_garden(tmp_path / "public", notes), public=True, strict=True)
    assert public.returncode == 0, public.log
    assert all("ZQXCOMMENT" not in text for text in public.all_text().values())
    assert "shown as code" in public.html("essay/")
    garden = build(write_garden(tmp_path / "garden", notes))
    assert "ZQXCOMMENT" in garden.html("essay/")
