"""Check the garden's front-matter and links without building the site.

Prints what `mkdocs build` would log as Trellis WARNINGs, one per line as
`path:line: message` with the path prefixed by the docs folder, so an editor or
a terminal can jump to it. Exit status: 0 when clean, 1 when a problem was
found, 2 when mkdocs.yml or the docs folder cannot be used.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import argparse  # noqa: E402 - after the path shim that makes `trellis` importable

from trellis import clock  # noqa: E402
from trellis.guardrails import find_breaches  # noqa: E402
from trellis.loading import ConfigError, describe_breach, load_garden, read_config  # noqa: E402

PROG = "check"


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Validate every note's front-matter and links the way the MkDocs build does, "
            "without building. Prints each problem as path:line: message."
        ),
    )
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)")
    parser.add_argument("--docs", help="the garden's docs folder (default: docs_dir in mkdocs.yml)")
    return parser


def find_problems(config_path: Path, docs: Path | None) -> list[str]:
    """Return every line the build would warn about, in the build's order; raises ConfigError.

    Not checked here: a notebook over extra.trellis.notebooks.max_size_mb and
    the build's checks of notebook outputs and kernels, which need the rendering.
    """
    config = read_config(config_path, docs)
    if not config.docs_dir.is_dir():
        raise ConfigError(f"{config.docs_dir}: no such docs folder")
    lines = [f"{config.path}: {problem}" for problem in config.problems]
    epoch = clock.epoch_problem()
    if epoch:
        lines.append(epoch)
    lines.extend(f"{config.path}: {problem}" for problem in config.notebook_problems)

    garden, problems = load_garden(config.docs_dir, config.settings, config.exclude_docs, config.notebooks.max_size_mb)
    # Problems name docs-relative paths; prefixed with the folder they open from here.
    lines.extend(f"{config.docs_dir.as_posix()}/{problem}" for problem in problems)
    if config.settings.breach_level == "warn":  # only then do breaches fail `--strict`
        breaches = find_breaches(garden.notes.values(), config.settings.limits)
        lines.extend(describe_breach(breach) for breach in breaches)
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the check from the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        lines = find_problems(Path(args.config), Path(args.docs) if args.docs else None)
    except ConfigError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    if lines:
        print(f"{PROG}: {len(lines)} problem{'s' if len(lines) != 1 else ''}", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
