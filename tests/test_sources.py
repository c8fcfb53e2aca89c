"""Reading a Markdown note's bytes: encodings, line endings, fences, YAML that does not load."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.notes import build_note
from trellis.sources import read_markdown

FRONT = b"---\ntitle: A\naudience: general\n---\nBody\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(FRONT, id="utf8-lf"),
        pytest.param(b"\xef\xbb\xbf" + FRONT, id="bom"),
        pytest.param(FRONT.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(b"\xef\xbb\xbf" + FRONT.replace(b"\n", b"\r\n"), id="bom-crlf"),
        pytest.param(FRONT.replace(b"\n", b"\r"), id="cr"),
        pytest.param(FRONT.replace(b"---\nBody", b"...\nBody"), id="dots-closing-fence"),
    ],
)
def test_same_note_whatever_the_editor_saved(data: bytes) -> None:
    """BOM, CRLF, CR and a `...` closing fence all give the same meta, body and body line."""
    source = read_markdown("a.md", data)
    assert (source.meta, source.body, source.body_line) == ({"title": "A", "audience": "general"}, "Body\n", 5)
    assert source.readable and source.problems == ()
    assert source.key_lines == {"title": 2, "audience": 3}


@pytest.mark.parametrize(
    ("data", "readable", "has_front_matter", "body"),
    [
        pytest.param(b"", True, False, "", id="empty-file"),
        pytest.param(b"---\ntitle: A\n---", True, True, "", id="only-front-matter"),
        pytest.param(b"---\n---\nBody", True, True, "Body", id="empty-front-matter"),
        pytest.param(b"---\n- a\n---\nBody", False, True, "Body", id="list"),
        pytest.param(b"---\njust words\n---\nBody", False, True, "Body", id="scalar"),
        pytest.param(b"---\ntitle: A\n\nBody", False, True, "Body", id="unclosed"),
        pytest.param(b"Title: A\n\nBody", True, False, "Title: A\n\nBody", id="fenceless-key-value"),
        pytest.param(b"---\ntitle: caf\xe9\n---\nBody", False, True, "Body", id="latin-1"),
    ],
)
def test_shapes_of_front_matter(data: bytes, readable: bool, has_front_matter: bool, body: str) -> None:
    """Each shape keeps the body; only a block that cannot be trusted makes the note unreadable."""
    source = read_markdown("a.md", data)
    assert (source.readable, source.has_front_matter, source.body) == (readable, has_front_matter, body)


def test_unreadable_block_keeps_raw_yaml_out_of_the_body() -> None:
    """YAML that does not load is neither meta nor body text: `audience: general` shows nowhere."""
    source = read_markdown("a.md", b"---\naudience: general\ntags:\n\t- x\n---\nBody\n")
    assert source.meta == {} and source.body == "Body\n" and not source.readable


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        pytest.param("date: 2026-01-15", dt.date(2026, 1, 15), id="yaml-date"),
        pytest.param("date: '2026-01-15'", dt.date(2026, 1, 15), id="string-date"),
        pytest.param("date: 2026-01-15T23:30:00-05:00", dt.date(2026, 1, 15), id="datetime-with-zone"),
        pytest.param("date: 2026-01-15 10:00:00Z", dt.date(2026, 1, 15), id="datetime-utc"),
        pytest.param("date: '2026-01-15T10:00:00+02:00'", dt.date(2026, 1, 15), id="string-datetime"),
    ],
)
def test_dates_in_every_form(yaml_text: str, expected: dt.date) -> None:
    """A date as text, a YAML date or a datetime with a zone is the day written, without a problem."""
    note, problems = build_note("a.md", read_markdown("a.md", f"---\n{yaml_text}\n---\n".encode()), 2026)
    assert (note.date, problems) == (expected, [])


def test_impossible_yaml_date_is_the_key_problem() -> None:
    """`date: 2026-13-45` looks like a YAML date but is reported on its key, not as broken YAML."""
    note, problems = build_note("a.md", read_markdown("a.md", b"---\ntitle: A\ndate: 2026-13-45\n---\n"), 2026)
    assert note.readable and note.title == "A"
    assert [str(p) for p in problems] == ["a.md:3: date: is '2026-13-45'; expected an ISO date such as 2026-03-31"]


def test_alias_bomb_is_reported_short() -> None:
    """YAML aliases that nest into a huge list give a short message, not a huge repr."""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    data = ("---\n" + "\n".join(levels) + "\ntitle: *i\n---\n").encode()
    _, problems = build_note("a.md", read_markdown("a.md", data), 2026)
    assert len(problems) == 1 and len(str(problems[0])) < 200


# Front-matter text a person could type: keys Trellis knows, YAML punctuation, tabs, odd characters.
_WORDS = st.sampled_from([
    "title", "Title", "quarter", "QUARTER", "status", "audience", "date", "tags", "plan",
    "technical", "deliverables", "2026-Q1", "Q9", "shipped", "general", "2026-13-45", "2026-01-15",
    "- ", ": ", ":", "[", "]", "{", "}", "&a", "*a", "!!python/object", "!!binary", "? ", "|", ">",
    "'", '"', "#", "\t", "  ", "\n", "\r\n", "\r", "---", "...", "~", "null", "yes", "1e9", "\x00",
    "\ufeff", "é", "\u2028",
])
_FRONT_TEXT = st.lists(_WORDS, max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_FRONT_TEXT, st.text(max_size=40))
def test_any_front_matter_parses_or_yields_problems(block: str, body: str) -> None:
    """Any text between fences gives a note or problems, never an exception; unreadable notes say why."""
    data = f"---\n{block}\n---\n{body}".encode("utf-8", "surrogatepass")
    source = read_markdown("n.md", data)
    note, problems = build_note("n.md", source, 2026)
    assert isinstance(note.title, str) and note.title
    assert note.readable or problems
    assert all(p.path == "n.md" and (p.line is None or p.line >= 1) for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_note(data: bytes) -> None:
    """Any bytes at all give a note with a title and string-only meta keys."""
    note, problems = build_note("n.md", read_markdown("n.md", data), None)
    assert note.title and all(isinstance(k, str) for k in note.meta)
    assert note.readable or problems
