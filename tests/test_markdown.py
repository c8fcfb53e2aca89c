"""What MkDocs renders for a note: wikilinks as links, and in public nothing private pasted in."""

from __future__ import annotations

import logging

import pytest

from factories import make_note
from trellis.garden import build_garden, restrict
from trellis.markdown import rewrite_links

PRIVATE = make_note("notes/journal.md", title="Journal", body="secret")


@pytest.mark.parametrize(
    ("docs_name", "written"),
    [("docs", "docs/notes/journal.md"), ("garden", "garden/notes/journal.md"), ("garden", "notes/journal.md")],
    ids=["default-folder", "own-folder", "docs-relative"],
)
def test_private_snippet_is_dropped_whatever_the_docs_folder(docs_name: str, written: str) -> None:
    """A snippet line pasting a private note is removed with a WARNING, with the docs folder named or not."""
    essay = make_note("essay.md", title="Essay", body=f'Intro.\n\n--8<-- "{written}"\n\nEnd.',
                      audience="general", status="shipped")
    garden = restrict(build_garden([essay, PRIVATE]), {"essay.md"})
    text, messages = rewrite_links(essay, garden, public=True, docs_name=docs_name)
    assert "--8<--" not in text and "Intro." in text and "End." in text
    assert [level for level, _ in messages] == [logging.WARNING]


def test_wikilink_becomes_a_relative_markdown_link() -> None:
    """`[[Journal|my journal]]` is written as a Markdown link MkDocs converts."""
    note = make_note("essay.md", title="Essay", body="See [[Journal|my journal]].")
    text, messages = rewrite_links(note, build_garden([note, PRIVATE]), public=False, docs_name="docs")
    assert text == "See [my journal](notes/journal.md)." and messages == []
