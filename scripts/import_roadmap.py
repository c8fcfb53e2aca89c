"""Turn a yearly roadmap (Markdown) into the garden's home, year, quarter and deliverable notes.

Never overwrites or deletes a file: a file that is already there is left as it
is, and the importer says how its front-matter differs from the roadmap.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

import argparse  # noqa: E402 - after the path shim that makes `trellis` importable
from typing import Any  # noqa: E402

import yaml  # noqa: E402

from trellis.roadmap import (  # noqa: E402
    Roadmap,
    RoadmapError,
    check_guardrail_settings,
    diff_front_matter,
    guardrail_limits,
    guardrail_settings_yaml,
    parse_roadmap,
    plan_files,
)
from trellis.loading import load_mkdocs_yaml  # noqa: E402
from trellis.sources import read_markdown  # noqa: E402

PROG = "import_roadmap"


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Write the garden a roadmap plans: docs/index.md, docs/<year>/index.md, "
            "docs/<year>/qN/index.md and one note per deliverable. Existing files are "
            "never overwritten; the importer reports how their front-matter differs."
        ),
    )
    parser.add_argument("roadmap", metavar="ROADMAP.md", help="the roadmap to import")
    parser.add_argument("--docs", default="docs", help="the garden's docs folder (default: docs)")
    parser.add_argument(
        "--mkdocs",
        help="mkdocs.yml whose extra.trellis.guardrails is checked (default: next to --docs)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be written; write nothing"
    )
    parser.add_argument("--year", type=int, help="the year, when the roadmap's title names none")
    return parser


def read_roadmap(path: Path, year: int | None) -> Roadmap:
    """Return the parsed roadmap; raises RoadmapError with a message naming the file."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        reason = error.strerror or error
        raise RoadmapError(f"{path}: cannot read the roadmap ({reason})") from error
    except UnicodeDecodeError as error:
        raise RoadmapError(
            f"{path}: byte {error.start} is not UTF-8; re-save the roadmap as UTF-8"
        ) from error
    try:
        return parse_roadmap(text, year)
    except RoadmapError as error:
        raise RoadmapError(f"{path}: {error}") from error


def compare_file(target: Path, planned: str, shown: str) -> list[str]:
    """Return report lines for a planned file that already exists."""
    data = target.read_bytes()
    if data == planned.encode("utf-8"):
        return [f"unchanged {shown}"]
    have = read_markdown(shown, data)
    want = read_markdown(shown, planned.encode("utf-8"))
    if not have.readable or not have.has_front_matter:
        return [f"differs {shown} (left as it is): its front-matter does not load"]
    differences = diff_front_matter(have.meta, want.meta)
    if not differences:
        return [f"kept {shown} (front-matter matches the roadmap; body edited)"]
    return [f"differs {shown} (left as it is):"] + [f"  {line}" for line in differences]


def find_unplanned(docs: Path, year: int, planned: dict[str, str]) -> list[str]:
    """Return report lines for deliverable notes of the year that the roadmap no longer plans."""
    lines = []
    for path in sorted((docs / str(year)).glob("q[1-4]/*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel in planned:
            continue
        meta = read_markdown(rel, path.read_bytes()).meta
        if "deliverable" in meta:
            lines.append(
                f"not in roadmap {_show(docs, rel)} "
                f"(deliverable: {meta['deliverable']!r}); left as it is"
            )
    return lines


def check_mkdocs(config_path: Path, limits: dict[str, int]) -> list[str]:
    """Return report lines on whether mkdocs.yml holds the roadmap's guardrail limits."""
    if not limits:
        return ["the roadmap states no guardrail limits; mkdocs.yml not checked"]
    block = guardrail_settings_yaml(limits)
    if not config_path.is_file():
        return [f"{config_path}: not found; the guardrail limits belong in it:", block.rstrip()]
    try:
        config: Any = load_mkdocs_yaml(config_path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return [f"{config_path}: cannot read it ({error}); guardrail limits not checked"]
    problems = check_guardrail_settings(config, limits)
    if not problems:
        return [f"checked {config_path}: guardrail limits match the roadmap"]
    if all(" is missing;" in problem for problem in problems):
        return [
            f"{config_path}: no guardrail limits; add this (the file is not edited):",
            block.rstrip(),
        ]
    return [f"{config_path}: {p} (the file is not edited)" for p in problems]


def _show(docs: Path, rel: str) -> str:
    return (docs / rel).as_posix()


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # "x" refuses to replace a file that appeared since it was checked.
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def run(args: argparse.Namespace) -> int:
    """Import the roadmap as the arguments say; return the exit status."""
    try:
        roadmap = read_roadmap(Path(args.roadmap), args.year)
    except RoadmapError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2

    docs = Path(args.docs)
    planned = plan_files(roadmap)
    verb = "would write" if args.dry_run else "wrote"
    for rel, text in planned.items():
        target = docs / rel
        if target.exists():
            lines = compare_file(target, text, _show(docs, rel))
        else:
            if not args.dry_run:
                _write(target, text)
            lines = [f"{verb} {_show(docs, rel)}"]
        print("\n".join(lines))

    for line in find_unplanned(docs, roadmap.year, planned):
        print(line)
    config_path = Path(args.mkdocs) if args.mkdocs else docs.parent / "mkdocs.yml"
    for line in check_mkdocs(config_path, guardrail_limits(roadmap)):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the importer from the command line."""
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
