"""Bad input in a real build: every note is built, every problem is one exact WARNING line."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from gardens import Build, build, note, write_garden

YAML_PRIVATE = "the note is built but kept private until it is fixed"
_LOG_LINE = "2026-01-15 10:00:00 INFO worker-3 processed batch 1234 in 56 ms; queue depth 7\n"

# path -> (bytes or text as written, the exact WARNING lines it gives, in order).
CORPUS: dict[str, tuple[str | bytes, list[str]]] = {
    "notes/bom.md": (b"\xef\xbb\xbf---\ntitle: Saved with a BOM\n---\nBody\n", []),
    "notes/crlf.md": (b"---\r\ntitle: Saved with CRLF\r\n---\r\nBody\r\n", []),
    "notes/cr.md": (b"---\rtitle: Saved with CR\r---\rBody\r", []),
    "notes/tab.md": (
        "---\ntitle: Tabbed\ntags:\n\t- x\n---\nBody\n",
        [f"notes/tab.md:4: front-matter is not valid YAML (a TAB indents a line; YAML allows only spaces); {YAML_PRIVATE}"],
    ),
    "notes/bad-yaml.md": (
        "---\ntitle: [Broken\n---\nBody\n",
        [f"notes/bad-yaml.md:3: front-matter is not valid YAML (did not find expected ',' or ']'); {YAML_PRIVATE}"],
    ),
    "notes/list.md": (
        "---\n- a\n- b\n---\nBody\n",
        ["notes/list.md:2: front-matter is a list, expected key: value lines; "
         "the note is kept private until it is a mapping"],
    ),
    "notes/scalar.md": (
        "---\njust some words\n---\nBody\n",
        ["notes/scalar.md:2: front-matter is a str, expected key: value lines; "
         "the note is kept private until it is a mapping"],
    ),
    "notes/unclosed.md": (
        "---\ntitle: Never closed\n\nBody\n",
        ["notes/unclosed.md:1: front-matter has an opening '---' but no closing '---'; "
         "the note is kept private until the fence is closed"],
    ),
    "notes/empty.md": ("", []),
    "notes/only-front.md": ("---\ntitle: Only front-matter\n---", []),
    "notes/date-string.md": ("---\ntitle: String date\ndate: '2026-01-15'\n---\n", []),
    "notes/date-yaml.md": ("---\ntitle: YAML date\ndate: 2026-01-15\n---\n", []),
    "notes/date-zone.md": ("---\ntitle: Zoned\ndate: 2026-01-15T23:30:00-05:00\n---\n", []),
    "notes/date-bad.md": (
        "---\ntitle: Bad date\ndate: 2026-13-45\nshipped: last week\n---\n",
        ["notes/date-bad.md:3: date: is '2026-13-45'; expected an ISO date such as 2026-03-31",
         "notes/date-bad.md:4: shipped: is 'last week'; expected an ISO date such as 2026-03-31"],
    ),
    "notes/title-number.md": ("---\ntitle: 2026\ntags: [2026, 1.5]\n---\n", []),
    "notes/title-date.md": ("---\ntitle: 2026-01-15\n---\n", []),
    "notes/title-list.md": (
        "---\ntitle: [a, b]\n---\n# Heading title\n",
        ["notes/title-list.md:2: title: is a list (['a', 'b']); expected text"],
    ),
    "notes/other-case.md": ("---\nTitle: Capitalised\nQuarter: 2026-Q1\nSTATUS: Shipped\n---\n", []),
    "notes/unknown-keys.md": (
        "---\ntitle: Unknown keys\nstatsu: shipped\naliases: [x]\n---\n",
        ["notes/unknown-keys.md:3: statsu: is not a Trellis key; did you mean 'status'?"],
    ),
    "notes/duplicate-key.md": (
        "---\ntitle: First\ntitle: Second\n---\n",
        ["notes/duplicate-key.md:2: title: is given 2 times ('First', 'Second'); the last one is used"],
    ),
    "notes/same-title-1.md": ("---\ntitle: Same title\n---\n", []),
    "notes/same-title-2.md": ("---\ntitle: Same title\n---\n", []),
    "notes/latin-1.md": (
        b"---\ntitle: Caf\xe9 notes\n---\nBody\n",
        ["notes/latin-1.md:2: bytes at offset 14 are not UTF-8; undecodable bytes are shown as "
         "\N{REPLACEMENT CHARACTER} and the note is kept private (re-save the file as UTF-8)"],
    ),
    "notes/fenceless.md": (
        "Quarter: 2026-Q1\n\nBody\n",
        ["notes/fenceless.md:1: no front matter: the first line 'Quarter: 2026-Q1' looks like a "
         "'key: value' line without '---' fences; it stays page text and the note is private"],
    ),
    "notes/long-line.md": ("---\ntitle: Long line\n---\n" + "word " * 400_000 + "\n", []),
    # 20 MB: a pasted log, the way a person makes a note this big.
    "notes/huge.md": (
        "---\ntitle: Huge log\n---\nSee [[bom]].\n\n```text\n" + _LOG_LINE * (20_000_000 // len(_LOG_LINE)) + "```\n",
        [],
    ),
}
# Files that are not notes: never a page, never a problem, never published.
JUNK = {
    "~note.md": "---\ntitle: ZQXJUNK lock\n---\n",
    "note.md~": "---\ntitle: ZQXJUNK backup\n---\n",
    "#note.md#": "ZQXJUNK emacs",
    ".note.md.swp": b"b0VIM ZQXJUNK",
    ".DS_Store": b"\x00\x00\x00\x01Bud1 ZQXJUNK",
    ".obsidian/workspace.json": '{"title": "ZQXJUNK"}',
    ".obsidian/templates/t.md": "# ZQXJUNK template",
    ".trash/old.md": "---\ntitle: ZQXJUNK trashed\n---\n[[nowhere]]\n",
    "notes/.hidden.md": "# ZQXJUNK hidden",
}
ASSETS = {"notes/picture.png": b"\x89PNG\r\n\x1a\nZQXASSET", "notes/paper.pdf": b"%PDF-1.4 ZQXASSET"}


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build, dict[str, str], dict[str, str], dict[str, str]]:
    """The corpus built as the garden and as the public site, with the docs tree hashed around each build."""
    root = tmp_path_factory.mktemp("bad-input")
    notes = {path: text for path, (text, _) in CORPUS.items()}
    config = write_garden(root, {"index.md": note("# Home\n", title="Home"), **notes, **JUNK, **ASSETS})
    before = _tree(root / "docs")
    garden = build(config)
    after_garden = _tree(root / "docs")
    # Both builds write site/: keep the garden's output aside before the public build.
    garden = dataclasses.replace(garden, site=garden.site.rename(root / "garden-site"))
    public = build(config, public=True)
    return garden, public, before, after_garden, _tree(root / "docs")


def test_corpus_is_not_empty() -> None:
    """The corpus holds the issue's cases."""
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("path", sorted(CORPUS))
def test_each_note_is_built_with_its_exact_warnings(corpus, path: str) -> None:
    """Every note has a page, and its problems are its exact WARNING lines, each once."""
    garden = corpus[0]
    assert garden.returncode == 0, garden.log[-3000:]
    assert (garden.site / path.removesuffix(".md") / "index.html").is_file()
    mine = [line for line in garden.trellis("WARNING") if line.startswith(f"{path}:") or line.startswith(f"{path}: ")]
    assert mine == CORPUS[path][1]


def test_no_other_warnings(corpus) -> None:
    """The build warns about the corpus' problems and nothing else, each problem once."""
    expected = [line for _, lines in CORPUS.values() for line in lines]
    assert sorted(corpus[0].warnings) == sorted(f"trellis: {line}" for line in expected)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("notes/bom", "Saved with a BOM"),
        ("notes/crlf", "Saved with CRLF"),
        ("notes/cr", "Saved with CR"),
        ("notes/title-number", "2026"),
        ("notes/title-date", "2026-01-15"),
        ("notes/title-list", "Heading title"),
        ("notes/other-case", "Capitalised"),
        ("notes/only-front", "Only front-matter"),
        ("notes/empty", "Empty"),
        ("notes/latin-1", "Caf\N{REPLACEMENT CHARACTER} notes"),
    ],
)
def test_titles_understood(corpus, path: str, title: str) -> None:
    """Titles come from front-matter in any encoding, numbers and dates as text, else heading or name."""
    assert f"<title>{title} - " in corpus[0].html(f"{path}/")


def test_unreadable_front_matter_is_never_page_text(corpus) -> None:
    """Raw YAML that could not be read is not shown; a banner says why."""
    html = corpus[0].html("notes/tab/")
    assert "trellis-unreadable" in html and "Tabbed" not in html


def test_fenceless_first_line_stays_text(corpus) -> None:
    """A `Key: value` first line without fences stays visible on the page."""
    assert "Quarter: 2026-Q1" in corpus[0].html("notes/fenceless/")


@pytest.mark.parametrize("build_index", [0, 1], ids=["garden", "public"])
def test_junk_is_never_a_note_nor_published(corpus, build_index: int) -> None:
    """Editor leftovers, dot-files and dot-folders appear in no built file, in either build."""
    site = corpus[build_index]
    leaks = [name for name, text in site.all_text().items() if "ZQXJUNK" in text]
    assert leaks == []
    assert not any(w for w in site.warnings if "note.md" in w or ".trash" in w or ".obsidian" in w)


def test_images_and_pdfs_are_files_not_notes(corpus) -> None:
    """The garden copies images and PDFs as files; the public build copies them only when a public note uses them."""
    garden, public = corpus[0], corpus[1]
    assert (garden.site / "notes/picture.png").is_file() and (garden.site / "notes/paper.pdf").is_file()
    assert not (garden.site / "notes/picture/index.html").exists()
    assert not (public.site / "notes/picture.png").exists() and not (public.site / "notes/paper.pdf").exists()


def test_public_build_keeps_only_the_home_page(corpus) -> None:
    """No corpus note is public (none is a shipped essay), unreadable ones included; the build still passes."""
    public = corpus[1]
    assert public.returncode == 0, public.log[-3000:]
    assert not (public.site / "notes").exists()
    assert (public.site / "index.html").is_file()


def test_builds_never_write_into_docs(corpus) -> None:
    """The docs tree is byte-identical before and after the garden build and the public build."""
    _, _, before, after_garden, after_public = corpus
    assert after_garden == before
    assert after_public == before
