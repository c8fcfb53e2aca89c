"""What a reader's browser gets: math rendered at build time, Mermaid served from the site.

Nothing here touches MkDocs. The glue calls `render_math` on each page's HTML
(`on_page_content`) and `copy_vendor_assets` once the site is written
(`on_post_build`), and logs the problems they return as WARNINGs.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import re
import shutil
from pathlib import Path

from latex2mathml.converter import convert as _latex_to_mathml

from trellis.problems import Problem

# pymdownx.arithmatex with `generic: true` writes `\(...\)` in a span and
# `\[...\]` in a div, with the TeX HTML-escaped. Each alternative carries its
# own closing tag so a `\)` inside a display formula cannot end it early.
_ARITHMATEX = re.compile(
    r"""
    <span\ class="arithmatex">\\\((?P<inline>.*?)\\\)</span>
    | <div\ class="arithmatex">\s*\\\[(?P<block>.*?)\\\]\s*</div>
    """,
    re.DOTALL | re.VERBOSE,
)

# latex2mathml keeps a command it does not know as text (`<mi>\foo</mi>`)
# instead of failing, so a leftover backslash-word in the output is an error.
_UNKNOWN_COMMAND = re.compile(r">(\\[A-Za-z]+)<")

# Where the copied Mermaid lives in the built site; overrides/main.html loads
# it on pages that have a Mermaid diagram. Keep the two in step.
MERMAID_URL = "assets/trellis/vendor/mermaid.min.js"

# The PyPI package whose wheel carries Mermaid's own release build
# (`dist/mermaid.min.js`, byte for byte) and the file's place inside it.
MERMAID_PACKAGE = "mermaidx"
MERMAID_FILE = "assets/mermaid.js"

_MERMAID_NOTICE = """\
mermaid.min.js is Mermaid's release build (https://mermaid.js.org),
copied at build time from the '{package}' Python package installed with the
garden's requirements. Mermaid is MIT-licensed, copyright Knut Sveidqvist
and the Mermaid contributors.
"""


def render_math(page_html: str, path: str = "") -> tuple[str, list[Problem]]:
    """Return the page with each arithmatex formula as MathML, plus the formulas that failed.

    A formula that does not convert is left as it was (the reader sees its TeX)
    and named in a problem; `path` is the page's docs-relative path.
    """
    if "arithmatex" not in page_html:
        return page_html, []

    problems: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        display = "inline" if match["inline"] is not None else "block"
        tex = html.unescape(match["inline"] if display == "inline" else match["block"])
        mathml, error = _convert(tex.strip(), display)
        if error:
            message = f"{error} in '{_clip(tex)}'; the page shows its TeX"
            problems.append(Problem(path, None, "math", message))
            return match[0]
        tag = "span" if display == "inline" else "div"
        return f'<{tag} class="arithmatex">{mathml}</{tag}>'

    return _ARITHMATEX.sub(replace, page_html), problems


@functools.lru_cache(maxsize=4096)
def _convert(tex: str, display: str) -> tuple[str, str | None]:
    """Return (MathML, None) for a formula, or ("", why it failed)."""
    if not tex:
        return "", "empty formula"
    depth = _brace_depth(tex)
    if depth != 0:
        side = "unclosed '{'" if depth > 0 else "unmatched '}'"
        return "", f"{side}"
    try:
        mathml = _latex_to_mathml(tex, display=display)
    except Exception as error:  # noqa: BLE001 - latex2mathml raises many kinds; all mean "bad TeX"
        return "", f"cannot convert ({type(error).__name__}: {error})"
    unknown = _UNKNOWN_COMMAND.search(mathml)
    if unknown:
        return "", f"unknown command {unknown[1]}"
    return mathml, None


def _brace_depth(tex: str) -> int:
    """Return opened minus closed groups; escaped braces (`\\{`) do not count."""
    depth = 0
    for token in re.findall(r"\\.|[{}]", tex):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return depth
    return depth


def _clip(tex: str, limit: int = 60) -> str:
    flat = " ".join(tex.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def find_mermaid_js() -> Path | None:
    """Return the installed Mermaid build, or None when its package is missing."""
    # find_spec locates the package without importing it (importing would
    # load its JavaScript engine, which the build does not need).
    spec = importlib.util.find_spec(MERMAID_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / MERMAID_FILE
        if candidate.is_file():
            return candidate
    return None


def copy_vendor_assets(site_dir: str | Path) -> list[Problem]:
    """Copy Mermaid into the built site at `MERMAID_URL`; return a problem when it cannot."""
    source = find_mermaid_js()
    if source is None:
        message = (
            f"Mermaid diagrams will not render: the '{MERMAID_PACKAGE}' package "
            f"(or its {MERMAID_FILE}) is not installed; "
            "install the pinned requirements: pip install -r requirements.txt"
        )
        return [Problem(MERMAID_URL, None, None, message)]

    target = Path(site_dir) / MERMAID_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    notice = target.with_name("NOTICE.txt")
    notice.write_text(_MERMAID_NOTICE.format(package=MERMAID_PACKAGE), encoding="utf-8")
    return []
