"""The year in the terminal: quarters, progress and guardrail breaches, as the dashboards count them.

Computed with the same functions as the year page (load_garden, find_breaches,
summarise_year), so the figures always match the site. Plain text; colour only
on a terminal, and never with NO_COLOR set.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import argparse  # noqa: E402 - after the path shim that makes `trellis` importable
import os  # noqa: E402

from trellis import clock  # noqa: E402
from trellis.dashboards import QuarterSummary, YearSummary, summarise_year  # noqa: E402
from trellis.guardrails import find_breaches  # noqa: E402
from trellis.loading import ConfigError, load_garden, read_config  # noqa: E402

PROG = "status"
BAR_WIDTH = 20
THEME_WIDTH = 36
_BOLD, _GREEN, _YELLOW, _DIM, _RESET = "\033[1m", "\033[32m", "\033[33m", "\033[2m", "\033[0m"


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Show the year's quarters, progress and guardrail breaches as a table.",
    )
    parser.add_argument("--year", type=int, help="the year to show (default: extra.trellis.year, else today's)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)")
    parser.add_argument("--docs", help="the garden's docs folder (default: docs_dir in mkdocs.yml)")
    return parser


def progress_bar(shipped: int, total: int, width: int = BAR_WIDTH) -> str:
    """Return `[####------]  40%`, or a note that there is nothing to ship."""
    if total == 0:
        return "optional: nothing to ship".ljust(width + 7)
    filled = round(width * shipped / total)
    return f"[{'#' * filled}{'-' * (width - filled)}] {round(100 * shipped / total):3d}%"


def clip(text: str, width: int) -> str:
    """Return text cut to a width, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _paint(text: str, code: str, colour: bool) -> str:
    return f"{code}{text}{_RESET}" if colour else text


def quarter_row(summary: QuarterSummary, colour: bool) -> str:
    """Return one quarter's line of the table."""
    phase = summary.phase.ljust(8)
    if summary.phase == "current":
        phase = _paint(phase, _BOLD + _GREEN, colour)
    elif summary.phase == "past":
        phase = _paint(phase, _DIM, colour)
    breaches = str(len(summary.breaches))
    cells = [
        str(summary.quarter).ljust(7),
        phase,
        clip(summary.theme or "—", THEME_WIDTH).ljust(THEME_WIDTH),
        f"{summary.shipped}/{summary.total}".rjust(7),
        progress_bar(summary.shipped, summary.total),
        str(summary.overdue).rjust(7),
        _paint(breaches.rjust(8), _YELLOW, colour) if summary.breaches else breaches.rjust(8),
    ]
    return "  ".join(cells).rstrip()


def format_year(year: YearSummary, colour: bool = False) -> str:
    """Return the whole status view: a heading, one line per quarter, then the breaches."""
    current = f"{year.current} is current" if year.current else "no quarter of it is current"
    lines = [
        _paint(f"{year.year}: {year.shipped}/{year.total} deliverables shipped", _BOLD, colour),
        f"today {year.today.isoformat()}: {current}",
        "",
        "  ".join([
            "quarter", "phase   ", "theme".ljust(THEME_WIDTH), "shipped",
            "progress".ljust(BAR_WIDTH + 7), "overdue", "breaches",
        ]),
    ]
    lines.extend(quarter_row(q, colour) for q in year.quarters)
    lines.append("")
    if not year.breaches:
        lines.append("guardrails: no breach")
    else:
        lines.append(f"guardrail breaches: {len(year.breaches)}")
        for breach in year.breaches:
            lines.append(_paint(f"  ! {breach.message}", _YELLOW, colour))
            lines.append(f"    notes: {', '.join(breach.notes)}")
    return "\n".join(lines)


def wants_colour(stream: object, environ: dict[str, str] | os._Environ[str]) -> bool:
    """Return whether to colour: only on a terminal, and never with NO_COLOR set."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"


def main(argv: list[str] | None = None) -> int:
    """Print the year's status from the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        config = read_config(Path(args.config), Path(args.docs) if args.docs else None)
    except ConfigError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    if not config.docs_dir.is_dir():
        print(f"{PROG}: {config.docs_dir}: no such docs folder", file=sys.stderr)
        return 2

    garden, _ = load_garden(config.docs_dir, config.settings, config.exclude_docs, config.notebooks.max_size_mb)
    breaches = find_breaches(garden.notes.values(), config.settings.limits)
    today = clock.today()
    year = args.year or config.settings.year or today.year
    summary = summarise_year(garden, year, breaches, today)
    print(format_year(summary, wants_colour(sys.stdout, os.environ)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
