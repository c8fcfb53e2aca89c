"""Unit tests of trellis.frontend: math rendered at build time, Mermaid copied into the site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from trellis import frontend
from trellis.problems import Problem


def inline(tex: str) -> str:
    return f'<span class="arithmatex">\\({tex}\\)</span>'


def block(tex: str) -> str:
    return f'<div class="arithmatex">\\[\n{tex}\n\\]</div>'


def test_page_without_math_is_returned_untouched() -> None:
    """A page with no arithmatex output comes back as the very same string."""
    html = "<p>No formulas here, only $5 and \\(escaped\\) text.</p>"
    result, problems = frontend.render_math(html, "plain.md")
    assert result is html
    assert problems == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(inline("E = mc^2"), '<span class="arithmatex"><math', id="inline"),
        pytest.param(block("\\sum_i x_i"), '<div class="arithmatex"><math', id="display"),
        pytest.param(inline("a &lt; b"), "<mo>&#x0003C;</mo>", id="escaped-less-than"),
        pytest.param(block("a &amp;= b"), "<mo>&#x0003D;</mo>", id="escaped-ampersand"),
    ],
)
def test_formula_becomes_mathml(html: str, expected: str) -> None:
    """Each arithmatex span or div becomes MathML inside the same wrapper."""
    result, problems = frontend.render_math(f"<p>{html}</p>", "note.md")
    assert expected in result
    assert "\\(" not in result and "\\[" not in result
    assert problems == []


@pytest.mark.parametrize(
    ("html", "display"),
    [
        pytest.param(inline("x"), 'display="inline"', id="span-is-inline"),
        pytest.param(block("x"), 'display="block"', id="div-is-block"),
    ],
)
def test_display_follows_the_wrapper(html: str, display: str) -> None:
    """Spans become inline math and divs display (block) math."""
    result, _ = frontend.render_math(html, "note.md")
    assert display in result


def test_several_formulas_and_surrounding_text_survive() -> None:
    """Text between formulas is kept; every formula on the page is converted."""
    html = f"<p>a {inline('x')} b {inline('y')} c</p>\n{block('z')}\n<p>end</p>"
    result, problems = frontend.render_math(html, "note.md")
    assert result.count("<math") == 3
    assert result.startswith("<p>a <span") and result.endswith("<p>end</p>")
    assert " b <span" in result and " c</p>" in result
    assert problems == []


@pytest.mark.parametrize(
    ("tex", "message"),
    [
        pytest.param("\\frac{a", "unclosed '{' in '\\frac{a'", id="unclosed-brace"),
        pytest.param("a}", "unmatched '}' in 'a}'", id="unmatched-brace"),
        pytest.param("\\notacommand x", "unknown command \\notacommand", id="unknown-command"),
        pytest.param("  ", "empty formula", id="empty"),
    ],
)
def test_bad_formula_is_kept_and_reported(tex: str, message: str) -> None:
    """A formula that cannot convert stays as TeX and is named in one problem."""
    html = f"<p>{inline(tex)} and {inline('y')}</p>"
    result, problems = frontend.render_math(html, "2026/q1/attention.md")
    assert inline(tex) in result
    assert result.count("<math") == 1
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.key) == ("2026/q1/attention.md", "math")
    assert message in problem.message
    assert str(problem).startswith("2026/q1/attention.md: math: ")


def test_escaped_braces_do_not_count_as_groups() -> None:
    """`\\{` and `\\}` are literal braces, not an unbalanced group."""
    _, problems = frontend.render_math(inline("\\{ x \\mid x > 0 \\}"), "note.md")
    assert problems == []


def test_long_formula_is_clipped_in_the_message() -> None:
    """A long bad formula is shortened in the message, not printed whole."""
    tex = "\\frac{" + "x + " * 40
    _, problems = frontend.render_math(inline(tex), "note.md")
    assert "…" in problems[0].message
    assert len(problems[0].message) < 160


def test_mermaid_build_is_installed_and_real() -> None:
    """The pinned package carries Mermaid's release build, which the site serves."""
    source = frontend.find_mermaid_js()
    assert source is not None, "pip install -r requirements.txt"
    head = source.read_bytes()[:200]
    assert b"__esbuild_esm_mermaid" in head
    assert source.stat().st_size > 1_000_000


def test_copy_vendor_assets_puts_mermaid_in_the_site(tmp_path: Path) -> None:
    """Mermaid lands at MERMAID_URL in the site, byte for byte, with a notice."""
    problems = frontend.copy_vendor_assets(tmp_path)
    assert problems == []
    copied = tmp_path / frontend.MERMAID_URL
    source = frontend.find_mermaid_js()
    assert source is not None
    digest = hashlib.sha256
    assert digest(copied.read_bytes()).digest() == digest(source.read_bytes()).digest()
    assert "MIT" in (copied.parent / "NOTICE.txt").read_text(encoding="utf-8")


def test_missing_mermaid_package_is_a_problem(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the package, nothing is copied and the problem says how to install it."""
    monkeypatch.setattr(frontend, "MERMAID_PACKAGE", "trellis_no_such_package")
    problems = frontend.copy_vendor_assets(tmp_path)
    assert [type(problem) for problem in problems] == [Problem]
    assert "pip install -r requirements.txt" in problems[0].message
    assert not (tmp_path / frontend.MERMAID_URL).exists()


def test_template_loads_mermaid_from_the_copied_path() -> None:
    """overrides/main.html and MERMAID_URL name the same file."""
    template = Path(__file__).resolve().parents[1] / "overrides" / "main.html"
    assert f"'{frontend.MERMAID_URL}'" in template.read_text(encoding="utf-8")
