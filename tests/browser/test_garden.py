"""The garden as a person sees it: a real Chromium over a real build, offline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Garden, Watch
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

NOTE = "trellis-fixture/seedling-gradients/"
# Material's header is sticky: hide it so it does not cover element shots.
NO_HEADER = ".md-header { visibility: hidden !important; }"
NOTE_TITLE = "Seedling gradients"
TAGS_PAGE = "trellis-fixture/tags/"

def visit(tab: Page, garden: Garden, path: str) -> None:
    """Open a page of the garden and wait until it has loaded."""
    tab.goto(garden.url(path), wait_until="load")


def assert_offline_and_clean(watch: Watch, where: str) -> None:
    """Fail naming every request that left loopback and every error reported."""
    assert not watch.third_party(), f"{where}: requests left loopback: {watch.third_party()}"
    assert not watch.errors, f"{where}: errors: {watch.errors}"


def test_every_page_loads_offline_without_errors(
    garden: Garden,
    page: tuple[Page, Watch],
) -> None:
    """Every built page loads with no console error and no request beyond loopback."""
    tab, watch = page
    pages = garden.pages()
    assert pages, "the build wrote no HTML page"

    problems = []
    for path in pages:
        watch.requests.clear()
        watch.errors.clear()
        visit(tab, garden, path)
        if tab.locator("pre.mermaid, div.mermaid").count():
            tab.locator("div.mermaid svg").first.wait_for()
        if watch.third_party() or watch.errors:
            problems.append(f"{path}: {watch.third_party() + watch.errors}")
    assert not problems, "\n".join(problems)


def test_no_page_names_a_font_or_script_host(garden: Garden) -> None:
    """No built page links a stylesheet, font or script from another host."""
    offenders = []
    for path in garden.pages():
        text = (garden.site / path).read_text("utf-8", "replace")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "unpkg.com", "cdn.jsdelivr"):
            if host in text:
                offenders.append(f"{path}: {host}")
    assert not offenders, "\n".join(offenders)


def test_formula_becomes_rendered_math(garden: Garden, page: tuple[Page, Watch]) -> None:
    """Inline and display formulas become MathML with a real size on screen."""
    tab, watch = page
    visit(tab, garden, NOTE)

    inline = tab.locator("span.arithmatex > math").first
    display = tab.locator("div.arithmatex > math[display=block]").first
    for element in (inline, display):
        box = element.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, box
    assert "\\(" not in tab.locator("article").inner_text()
    assert_offline_and_clean(watch, NOTE)


def test_mermaid_fence_becomes_svg(garden: Garden, page: tuple[Page, Watch]) -> None:
    """A mermaid fence is drawn as an SVG by the site's own copy of Mermaid."""
    tab, watch = page
    visit(tab, garden, NOTE)

    svg = tab.locator("div.mermaid svg").first
    svg.wait_for()
    assert "Sprout" in (svg.text_content() or "")
    assert any(url.endswith("/assets/trellis/vendor/mermaid.min.js") for url in watch.requests)
    assert_offline_and_clean(watch, NOTE)


def test_search_finds_a_note_by_title(garden: Garden, page: tuple[Page, Watch]) -> None:
    """Typing a note's title into Material's search box lists that note."""
    tab, watch = page
    visit(tab, garden, "")

    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially(NOTE_TITLE)  # Material reacts to keys, not to a filled value
    hit = tab.locator(".md-search-result__item", has_text=NOTE_TITLE).first
    hit.wait_for()
    assert NOTE.rstrip("/") in (hit.locator("a").first.get_attribute("href") or "")
    assert_offline_and_clean(watch, "search")


def test_tags_page_lists_tags(garden: Garden, page: tuple[Page, Watch]) -> None:
    """The tags page lists each tag with the notes that carry it."""
    tab, watch = page
    visit(tab, garden, TAGS_PAGE)

    tags = tab.locator("article .md-tag").all_inner_texts()
    assert {"calculus", "trellis-fixture"} <= {tag.strip() for tag in tags}, tags
    section = tab.locator("article h2#tag\\:calculus + ul")
    assert NOTE_TITLE in section.inner_text()
    assert_offline_and_clean(watch, TAGS_PAGE)


def dashboard_page(garden: Garden, marker: str) -> str:
    """Return the first page carrying a dashboard class, failing if none does."""
    pages = garden.pages_with(marker)
    assert pages, f"no built page contains {marker!r}"
    return pages[0]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["wide", "phone"])
def test_year_dashboard_shows_four_quarters(
    garden: Garden,
    page: tuple[Page, Watch],
    artifacts: Path,
    width: int,
    height: int,
) -> None:
    """The year page shows four quarters with progress bars: in a row when wide, stacked on a phone."""
    tab, watch = page
    tab.set_viewport_size({"width": width, "height": height})
    path = dashboard_page(garden, "trellis-dashboard trellis-year")
    visit(tab, garden, path)

    quarters = tab.locator(".trellis-year .trellis-quarter")
    assert quarters.count() == 4
    boxes = []
    for index in range(4):
        quarter = quarters.nth(index)
        bar = quarter.locator(".progress .progress-bar")
        assert bar.count() == 1, f"quarter {index + 1} has no progress bar"
        assert quarter.locator(".progress").bounding_box()["width"] > 0
        boxes.append(quarter.bounding_box())

    lefts = [box["x"] for box in boxes]
    tops = [box["y"] for box in boxes]
    if width >= 1200:
        assert len({round(top) for top in tops}) == 1, f"not side by side: {boxes}"
        assert lefts == sorted(lefts) and len(set(lefts)) == 4, boxes
    else:
        assert len({round(left) for left in lefts}) == 1, f"not stacked: {boxes}"
        assert tops == sorted(tops) and len(set(tops)) == 4, boxes
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"

    tab.locator(".trellis-year").first.screenshot(
        path=str(artifacts / f"year-{width}.png"),
        style=NO_HEADER,
    )
    assert_offline_and_clean(watch, path)


def test_quarter_dashboard_shows_tracks_and_statuses(
    garden: Garden,
    page: tuple[Page, Watch],
    artifacts: Path,
) -> None:
    """A quarter page shows its tracks with a status badge per deliverable."""
    tab, watch = page
    path = dashboard_page(garden, "trellis-quarter-dashboard")
    visit(tab, garden, path)

    dashboard = tab.locator(".trellis-quarter-dashboard").first
    assert dashboard.locator(".trellis-track").count() >= 1
    badge = dashboard.locator(".trellis-status").first
    box = badge.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0

    dashboard.screenshot(path=str(artifacts / "quarter-1280.png"), style=NO_HEADER)
    assert_offline_and_clean(watch, path)
