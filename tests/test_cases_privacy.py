"""Field cases 07-10: private notes leaking through tags, nav, search and attachments.

Each case's input is copied from tests/cases/<case>/input and built with the
repo's config merged with the case's mkdocs-extra.yml. The cases call a note
with `audience: general` public; under Trellis' rule an essay is public once it
has also shipped, so each case is built twice: as written (its "public" notes
stay private too) and with those notes shipped (`shipped=True`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from gardens import REPO, Build, build, case_garden

CASES = REPO / "tests/cases"
_HREF = re.compile(r"""(?:href|src)="([^"]*)\"""")
_GENERAL = re.compile(r"^audience: general$", re.MULTILINE)


def case_build(root: Path, case: str, *, shipped: bool, public: bool = True) -> Build:
    """Copy a case, merge its extra config into the repo's, optionally ship its general notes; build."""
    path = case_garden(root, case)
    if shipped:
        for note_path in (root / "docs").rglob("*.md"):
            text = note_path.read_text(encoding="utf-8")
            text = re.sub(r"^status: .*\n", "", text, flags=re.MULTILINE)
            note_path.write_text(_GENERAL.sub("audience: general\nstatus: shipped", text), encoding="utf-8")
    return build(path, public=public)


def broken_links(site: Path) -> list[str]:
    """Return `page -> href` for every site-internal link or source that names no built file."""
    broken = []
    base = "https://site.invalid/"
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            target = urljoin(base + rel, href)
            if not target.startswith(base) or href.startswith("#"):
                continue
            path = site / urlsplit(target).path.removeprefix("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{rel} -> {href}")
    return broken


def leaks(result: Build, marker: str) -> list[str]:
    """Return the output files (gzip decompressed) whose path or text holds the marker."""
    return [p for p, t in result.all_text().items() if marker.lower() in (p + t).lower()]


def test_cases_are_present() -> None:
    """Every owned case has its input copied into the repo."""
    names = sorted(p.parent.name for p in CASES.glob("*/input"))
    assert {"07-tags-index-private-leak", "08-nav-lists-private-note", "09-search-index-private-content",
            "10-private-attachments-copied"} <= set(names)


@pytest.mark.parametrize("shipped", [False, True], ids=["as-written", "shipped"])
@pytest.mark.parametrize(
    ("case", "marker"),
    [
        ("07-tags-index-private-leak", "ZQX07"),
        ("07-tags-index-private-leak", "zqx07-secret-tag"),
        ("08-nav-lists-private-note", "ZQX08"),
        ("09-search-index-private-content", "ZQX09"),
        ("10-private-attachments-copied", "ZQX10"),
    ],
)
def test_no_canary_and_no_broken_link(tmp_path: Path, case: str, marker: str, shipped: bool) -> None:
    """The public build has the case's canary in no file or file name, no dead internal link, no audit finding."""
    result = case_build(tmp_path, case, shipped=shipped)
    assert result.returncode == 0, result.log
    assert leaks(result, marker) == []
    assert broken_links(result.site) == []
    assert [line for line in result.lines("ERROR") if "leak audit" in line] == []


def test_07_private_tag_only_in_garden_build(tmp_path: Path) -> None:
    """Case 07: the garden build's tags page lists both notes and the secret tag; the public one neither."""
    garden = case_build(tmp_path / "garden", "07-tags-index-private-leak", shipped=True, public=False)
    tags = garden.html("tags/")
    assert "zqx07-secret-tag" in tags and "Quarterly plan" in tags and "Salary review prep" in tags
    public = case_build(tmp_path / "public", "07-tags-index-private-leak", shipped=True)
    page = public.html("notes/public-tagged/")
    assert "planning" in page
    assert "Salary review prep" not in page  # not in its backlinks
    assert not (public.site / "tags").exists()  # tags.md is a self note: not published


def test_08_nav_pruned_with_warnings(tmp_path: Path) -> None:
    """Case 08: private nav entries and the all-private section vanish; one warning per private entry."""
    result = case_build(tmp_path, "08-nav-lists-private-note", shipped=True)
    assert [w for w in result.trellis("WARNING") if w.startswith("nav names")] == [
        "nav names notes/offer-compare.md, which is private: it is left out of the public navigation",
        "nav names notes/references-draft.md, which is private: it is left out of the public navigation",
    ]
    assert "notes/offer-compare" not in result.html("404.html")
    goals = result.html("notes/q1-goals/")  # navigation.prune: the Q1 section is open here
    assert "Retro" in goals and "Job search" not in goals


def test_09_search_index_and_embeds(tmp_path: Path) -> None:
    """Case 09: search has no private location; the snippet and the embed are dropped with warnings."""
    result = case_build(tmp_path, "09-search-index-private-content", shipped=True)
    index = json.loads((result.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if "journal" in d["location"] or "unlisted" in d["location"]] == []
    assert any(d["location"].startswith("notes/public-roundup/") for d in index["docs"])
    warned = [w for w in result.trellis("WARNING") if "public-roundup.md" in w and "private-journal.md" in w]
    assert len(warned) == 2, result.trellis("WARNING")


def test_10_attachments_follow_public_notes(tmp_path: Path) -> None:
    """Case 10: the public note's two images are copied, once; private and orphan files are not."""
    result = case_build(tmp_path, "10-private-attachments-copied", shipped=True)
    copied = sorted(p.name for p in (result.site / "attachments").iterdir())
    assert copied == ["public-chart.svg", "shared-diagram.svg"]
