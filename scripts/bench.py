"""Benchmark Trellis against plain MkDocs + Material on synthetic gardens.

    python scripts/bench.py                      # N=300, 3 repeats, a/b/c
    python scripts/bench.py --notes 1000,3000 --targets
    python scripts/bench.py --notes 3000 --notes 1000 --check   # exit 1 on a miss
    python scripts/bench.py --configs a,b --edit-notes 0        # no hooks, no edit

For each N a garden of N notes is generated (scripts/benchgarden.py, seeded, so
every run builds the same bytes) into a temporary folder and built
`--repeats` times by each configuration, every build in a fresh
`python -m mkdocs build -q` process with SOURCE_DATE_EPOCH fixed:

    a  plain MkDocs + Material defaults: search, basic Markdown extensions
    b  Trellis' mkdocs.yml without its `hooks:` key
    c  Trellis' mkdocs.yml as it is (the garden build)

Wall time and peak memory (ru_maxrss of that one build process, read with
os.wait4) are reported as the median over the repeats, with ratios taken
within the same run. Separately, the edit measure builds one garden of
`--edit-notes` notes in one process, changes one note's status and builds
again, the way `mkdocs serve` does after a save (see `measure_edit`).
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchgarden  # noqa: E402  (the script's own folder is put on the path above)

REPO = Path(__file__).resolve().parent.parent
REPO_CONFIG = REPO / "mkdocs.yml"
HOOKS_FILE = REPO / "hooks" / "trellis_hooks.py"
# Builds see this "today": mid-Q2 2026, so dashboards have past, current and
# upcoming quarters. Fixed so every run renders the same pages.
SOURCE_DATE_EPOCH = calendar.timegm((2026, 5, 15, 12, 0, 0))
CONFIGS = {
    "a": "plain Material",
    "b": "Trellis site, no hooks",
    "c": "Trellis garden",
}
# Files under the repo's docs/ that the site configuration may name
# (extra_css and the like) are copied into every bench garden; notes are not.
NOTE_SUFFIXES = (".md", ".ipynb")
# The edit measure: which rebuild counts against the target. "serve" is what
# `mkdocs serve` does after a save (a full build in the same process);
# "dirty" is `mkdocs serve --dirty` (only the saved page is rebuilt).
EDIT_MODE = "dirty"


@dataclass(frozen=True)
class Run:
    """One timed build in its own process."""

    wall_s: float
    cpu_s: float
    peak_mib: float
    returncode: int
    pages: int


@dataclass(frozen=True)
class Result:
    """The median of the repeated builds of one configuration on one garden."""

    notes: int
    config: str
    wall_s: float | None
    peak_mib: float | None
    pages: int | None
    walls: tuple[float, ...] = ()
    problem: str | None = None
    cpu_s: float | None = None


@dataclass(frozen=True)
class Ratios:
    """Ratios between configurations measured on the same garden in one run."""

    notes: int
    speedup_a_over_c: float | None
    overhead_c_over_b: float | None
    peak_c_over_b: float | None


@dataclass(frozen=True)
class EditResult:
    """A full build and the rebuilds after an edit, all in one process."""

    notes: int
    config: str
    note: str
    full_s: float
    rebuild_s: float
    dirty_s: float
    rebuild_pages: int
    dirty_pages: int
    mode: str = EDIT_MODE

    @property
    def edit_s(self) -> float:
        return self.dirty_s if self.mode == "dirty" else self.rebuild_s

    @property
    def ratio(self) -> float:
        return self.edit_s / self.full_s


@dataclass(frozen=True)
class Target:
    """One performance target and whether this run meets it."""

    name: str
    value: float | None
    limit: float
    at_least: bool

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        met = self.value >= self.limit if self.at_least else self.value <= self.limit
        return "PASS" if met else "FAIL"


# --- configurations ----------------------------------------------------------


def plain_config(docs_dir: Path, site_dir: Path) -> dict:
    """Return configuration a: Material with its defaults, search, basic extensions."""
    return {
        "site_name": "Bench garden",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {"name": "material"},
        "plugins": ["search"],
        "markdown_extensions": [
            "admonition",
            "attr_list",
            "tables",
            {"toc": {"permalink": True}},
            "pymdownx.highlight",
            "pymdownx.superfences",
        ],
    }


def load_repo_config(path: Path = REPO_CONFIG) -> dict:
    """Return the repo's mkdocs.yml as data, read with MkDocs' own YAML loader."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with path.open("rb") as handle:
        return yaml_load(handle, loader=get_yaml_loader())


def trellis_config(
    repo_config: dict,
    docs_dir: Path,
    site_dir: Path,
    hooks: bool,
    repo: Path = REPO,
) -> dict:
    """Return configuration b (hooks=False) or c: the repo's site, moved to temp."""
    config = dict(repo_config)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme = dict(theme)
        theme["custom_dir"] = str(repo / theme["custom_dir"])
        config["theme"] = theme
    if "watch" in config:
        config["watch"] = [str(repo / entry) for entry in config["watch"]]
    if hooks:
        config["hooks"] = [str(repo / entry) for entry in config.get("hooks", [])]
    else:
        config.pop("hooks", None)
    return config


def write_config(config: dict, path: Path) -> None:
    """Write a configuration as YAML MkDocs reads back (`!!python/name` included)."""
    import yaml

    # The full Dumper, not safe_dump: mkdocs.yml names Python functions
    # (superfences' fence formats) and they must survive the round trip.
    text = yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")


def config_skip_reason(config: str) -> str | None:
    """Return why a configuration cannot run here, or None when it can."""
    if config == "c" and not HOOKS_FILE.is_file():
        return f"skipped: {HOOKS_FILE.relative_to(REPO)} not found"
    return None


# --- running builds ----------------------------------------------------------


def build_env() -> dict[str, str]:
    """Return the environment of a bench build: reproducible, never public."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(SOURCE_DATE_EPOCH)
    env.pop("TRELLIS_PUBLIC", None)
    return env


def count_pages(site_dir: Path) -> int:
    """Return how many HTML pages a build wrote."""
    return sum(1 for _ in site_dir.rglob("*.html")) if site_dir.is_dir() else 0


def maxrss_mib(kib_or_bytes: int) -> float:
    """Return ru_maxrss in MiB (Linux counts KiB, macOS bytes)."""
    if sys.platform == "darwin":
        return kib_or_bytes / 2**20
    return kib_or_bytes / 2**10


def time_build(config_file: Path, site_dir: Path, log_file: Path) -> Run:
    """Build once in a fresh process; return its wall time and peak memory."""
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]
    with log_file.open("ab") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=config_file.parent,
            env=build_env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        # wait4 gives this one child's rusage; RUSAGE_CHILDREN would be the
        # maximum over every child this process ever had.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall,
        usage.ru_utime + usage.ru_stime,
        maxrss_mib(usage.ru_maxrss),
        process.returncode,
        count_pages(site_dir),
    )


def summarise(notes: int, config: str, runs: Sequence[Run]) -> Result:
    """Return the median result of repeated runs, or the first failure."""
    for run in runs:
        if run.returncode != 0:
            problem = f"failed (exit {run.returncode})"
            return Result(notes, config, None, None, None, problem=problem)
    return Result(
        notes,
        config,
        statistics.median(run.wall_s for run in runs),
        statistics.median(run.peak_mib for run in runs),
        runs[-1].pages,
        walls=tuple(run.wall_s for run in runs),
        cpu_s=statistics.median(run.cpu_s for run in runs),
    )


def prepare_garden(notes: int, seed: int, root: Path) -> Path:
    """Write the garden of `notes` notes under root/docs; return the docs folder."""
    docs_dir = root / "docs"
    benchgarden.write_garden(benchgarden.generate_garden(notes, seed), docs_dir)
    repo_docs = REPO / "docs"
    if repo_docs.is_dir():
        for path in sorted(repo_docs.rglob("*")):
            if path.is_file() and path.suffix not in NOTE_SUFFIXES:
                target = docs_dir / path.relative_to(repo_docs)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    return docs_dir


def write_configs(root: Path, docs_dir: Path, configs: Iterable[str]) -> dict[str, Path]:
    """Write one mkdocs.yml per configuration under root; return their paths."""
    repo_config = load_repo_config()
    paths = {}
    for name in configs:
        site_dir = root / f"site-{name}"
        if name == "a":
            config = plain_config(docs_dir, site_dir)
        else:
            config = trellis_config(repo_config, docs_dir, site_dir, hooks=name == "c")
        paths[name] = root / f"mkdocs-{name}.yml"
        write_config(config, paths[name])
    return paths


def bench_garden(
    notes: int,
    configs: Sequence[str],
    repeats: int,
    seed: int,
    root: Path,
) -> list[Result]:
    """Build one garden `repeats` times per configuration; return the medians."""
    docs_dir = prepare_garden(notes, seed, root)
    runnable = [name for name in configs if config_skip_reason(name) is None]
    config_files = write_configs(root, docs_dir, runnable)
    runs: dict[str, list[Run]] = {name: [] for name in runnable}

    # Interleave the configurations so drift in the machine's load hits all alike.
    for repeat in range(repeats):
        for name in runnable:
            log_file = root / f"build-{name}.log"
            run = time_build(config_files[name], root / f"site-{name}", log_file)
            runs[name].append(run)
            progress(
                f"N={notes} {name} run {repeat + 1}/{repeats}: {run.wall_s:.2f} s wall, "
                f"{run.cpu_s:.2f} s CPU, {run.peak_mib:.0f} MiB, exit {run.returncode}"
            )
            if run.returncode != 0:
                progress(tail(log_file))

    results = []
    for name in configs:
        reason = config_skip_reason(name)
        if reason:
            results.append(Result(notes, name, None, None, None, problem=reason))
        else:
            results.append(summarise(notes, name, runs[name]))
    return results


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def tail(log_file: Path, lines: int = 15) -> str:
    """Return the last lines of a build log, indented."""
    text = log_file.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join("    " + line for line in text[-lines:])


# --- the edit measure --------------------------------------------------------


def pick_edit_note(files: dict[str, str]) -> str:
    """Return the note the edit measure changes: an unshipped deliverable if any."""
    deliverables = [path for path, text in sorted(files.items()) if "\ndeliverable:" in text]
    for path in deliverables:
        if "\nstatus: shipped" not in files[path]:
            return path
    return deliverables[0] if deliverables else sorted(files)[-1]


def set_status(text: str, status: str) -> str:
    """Return a note's text with its front-matter `status` set to `status`."""
    lines = text.split("\n")
    if lines[0] != "---" or "---" not in lines[1:]:
        return f"---\nstatus: {status}\n---\n\n{text}"
    end = lines.index("---", 1)
    for index in range(1, end):
        if lines[index].startswith("status:"):
            lines[index] = f"status: {status}"
            return "\n".join(lines)
    lines.insert(end, f"status: {status}")
    return "\n".join(lines)


def site_mtimes(site_dir: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in site_dir.rglob("*.html")}


def changed_pages(before: dict[Path, int], site_dir: Path) -> int:
    """Return how many HTML pages were written since the `before` snapshot."""
    after = site_mtimes(site_dir)
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime)


def save_note(note_file: Path, status: str, site_dir: Path) -> None:
    """Change a note's status and date it after every output page, as an editor save."""
    note_file.write_text(set_status(note_file.read_text(encoding="utf-8"), status), "utf-8")
    newest = max(site_mtimes(site_dir).values(), default=0)
    stamp = max(newest, note_file.stat().st_mtime_ns) + 1_000_000_000
    os.utime(note_file, ns=(stamp, stamp))


def measure_edit(config_file: Path, note_file: Path, notes: int, config_name: str) -> EditResult:
    """Time a full build, then rebuilds after editing one note, in this process.

    Mirrors `mkdocs serve`: after a save it reloads the configuration (hooks
    stay loaded) and builds again, fully, or with `--dirty` only the changed
    pages. Both rebuilds are measured; EDIT_MODE picks the one the target uses.
    """
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    serve_url = "http://127.0.0.1:8000/"

    config = load_config(str(config_file))
    site_dir = Path(config.site_dir)
    start = time.perf_counter()
    build(config, serve_url=serve_url)
    full = time.perf_counter() - start

    before = site_mtimes(site_dir)
    save_note(note_file, "shipped", site_dir)
    config = load_config(str(config_file))
    start = time.perf_counter()
    build(config, serve_url=serve_url)
    rebuild = time.perf_counter() - start
    rebuild_pages = changed_pages(before, site_dir)

    before = site_mtimes(site_dir)
    save_note(note_file, "in-progress", site_dir)
    config = load_config(str(config_file))
    start = time.perf_counter()
    build(config, serve_url=serve_url, dirty=True)
    dirty = time.perf_counter() - start
    dirty_pages = changed_pages(before, site_dir)

    return EditResult(
        notes=notes,
        config=config_name,
        note=note_file.relative_to(config.docs_dir).as_posix(),
        full_s=full,
        rebuild_s=rebuild,
        dirty_s=dirty,
        rebuild_pages=rebuild_pages,
        dirty_pages=dirty_pages,
    )


def bench_edit(notes: int, config_name: str, seed: int, root: Path) -> EditResult | str:
    """Run `measure_edit` in a fresh process on its own garden; return it or a problem."""
    docs_dir = prepare_garden(notes, seed, root)
    config_file = write_configs(root, docs_dir, [config_name])[config_name]
    files = benchgarden.generate_garden(notes, seed)
    note_file = docs_dir / pick_edit_note(files)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--edit-worker",
        json.dumps([str(config_file), str(note_file), notes, config_name]),
    ]
    done = subprocess.run(
        command,
        cwd=root,
        env=build_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return f"edit measure failed (exit {done.returncode}):\n{done.stderr[-3000:]}"
    return EditResult(**json.loads(done.stdout.strip().splitlines()[-1]))


# --- ratios, targets, tables (pure) -------------------------------------------


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """Return numerator / denominator, or None when either is missing."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def index_results(results: Iterable[Result]) -> dict[tuple[int, str], Result]:
    return {(result.notes, result.config): result for result in results}


def compute_ratios(results: Sequence[Result], metric: str = "wall") -> list[Ratios]:
    """Return the a/c, c/b and peak c/b ratios for every N, on wall or CPU time."""
    time_field = f"{metric}_s"
    table = index_results(results)
    ratios = []
    for notes in sorted({result.notes for result in results}):

        def value(config: str, field: str) -> float | None:
            result = table.get((notes, config))
            return getattr(result, field) if result else None

        ratios.append(
            Ratios(
                notes,
                speedup_a_over_c=ratio(value("a", time_field), value("c", time_field)),
                overhead_c_over_b=ratio(value("c", time_field), value("b", time_field)),
                peak_c_over_b=ratio(value("c", "peak_mib"), value("b", "peak_mib")),
            )
        )
    return ratios


def growth(
    results: Sequence[Result],
    small: int,
    large: int,
    config: str = "c",
    metric: str = "wall",
) -> float | None:
    """Return time(large) / time(small) for one configuration, or None."""
    table = index_results(results)
    small_result, large_result = table.get((small, config)), table.get((large, config))
    if small_result is None or large_result is None:
        return None
    time_field = f"{metric}_s"
    return ratio(getattr(large_result, time_field), getattr(small_result, time_field))


def evaluate_targets(
    results: Sequence[Result],
    edit: EditResult | None,
    at: int = 3000,
    base: int = 1000,
    metric: str = "wall",
) -> list[Target]:
    """Return Trellis' performance targets checked against this run's numbers."""
    by_notes = {item.notes: item for item in compute_ratios(results, metric)}
    at_n = by_notes.get(at)
    return [
        Target(f"a/c speed-up at N={at}", at_n and at_n.speedup_a_over_c, 3.0, True),
        Target(f"c/b overhead at N={at}", at_n and at_n.overhead_c_over_b, 1.10, False),
        Target(f"c({at})/c({base}) growth", growth(results, base, at, "c", metric), 3.5, False),
        Target(f"peak memory c/b at N={at}", at_n and at_n.peak_c_over_b, 1.5, False),
        Target("edit rebuild / full build", edit.ratio if edit else None, 0.25, False),
    ]


def fmt(value: float | None, pattern: str, unit: str = "") -> str:
    """Return a number formatted, or a dash padded to the same width when missing."""
    if value is None:
        return "-".rjust(len(format(0.0, pattern)) + len(unit))
    return format(value, pattern) + unit


def format_results(results: Sequence[Result]) -> str:
    """Return the table of medians, one row per N and configuration."""
    lines = [
        f"{'N':>6}  {'config':<27} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'pages':>6}"
        "  wall per run (s)",
    ]
    for result in results:
        label = f"{result.config}  {CONFIGS[result.config]}"
        if result.problem:
            lines.append(f"{result.notes:>6}  {label:<27} {result.problem}")
            continue
        runs = " ".join(f"{wall:.2f}" for wall in result.walls)
        lines.append(
            f"{result.notes:>6}  {label:<27} {fmt(result.wall_s, '8.2f')} "
            f"{fmt(result.cpu_s, '8.2f')} {fmt(result.peak_mib, '9.1f')} {result.pages:>6}  {runs}"
        )
    return "\n".join(lines)


def format_ratios(results: Sequence[Result], notes: Sequence[int], metric: str = "wall") -> str:
    """Return the ratio table, and the growth of c when two Ns were measured."""
    lines = [
        f"ratios on {metric} time, same run",
        f"{'N':>6}  {'a/c speed-up':>12}  {'c/b overhead':>12}  {'peak c/b':>8}",
    ]
    for item in compute_ratios(results, metric):
        lines.append(
            f"{item.notes:>6}  {fmt(item.speedup_a_over_c, '11.2f', 'x')}  "
            f"{fmt(item.overhead_c_over_b, '11.2f', 'x')}  {fmt(item.peak_c_over_b, '7.2f', 'x')}"
        )
    measured = sorted(set(notes))
    if len(measured) >= 2:
        small, large = measured[0], measured[-1]
        value = growth(results, small, large, "c", metric)
        lines.append(f"growth c({large})/c({small}): {fmt(value, '.2f', 'x')}")
    return "\n".join(lines)


def format_edit(edit: EditResult) -> str:
    """Return the edit measure as a few lines."""
    return "\n".join(
        [
            f"edit measure, N={edit.notes}, config {edit.config}, note {edit.note}:",
            f"  full build (in process)       {edit.full_s:8.2f} s",
            f"  rebuild after edit (serve)    {edit.rebuild_s:8.2f} s"
            f"  ({edit.rebuild_pages} pages written)",
            f"  rebuild after edit (--dirty)  {edit.dirty_s:8.2f} s"
            f"  ({edit.dirty_pages} pages written)",
            f"  edit/full ({edit.mode})        {edit.ratio:8.2f}",
        ]
    )


def format_targets(targets: Sequence[Target]) -> str:
    lines = []
    for target in targets:
        sign = ">=" if target.at_least else "<="
        lines.append(
            f"{target.verdict:<4}  {target.name:<30} {fmt(target.value, '6.2f')}  "
            f"(target {sign} {target.limit:g})"
        )
    return "\n".join(lines)


# --- command line -------------------------------------------------------------


def parse_notes(values: Sequence[str] | None) -> list[int]:
    """Return the garden sizes from repeated and comma-separated --notes values."""
    sizes: list[int] = []
    for value in values or ["300"]:
        for part in value.split(","):
            if part.strip():
                size = int(part)
                if size not in sizes:
                    sizes.append(size)
    return sizes


def parse_configs(value: str) -> list[str]:
    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [name for name in names if name not in CONFIGS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown configuration {unknown}; expected a, b, c")
    return names


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Benchmark Trellis builds on synthetic gardens.",
    )
    parser.add_argument(
        "--notes",
        action="append",
        metavar="N[,N...]",
        help="garden size; repeat or comma-separate for several (default 300)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="builds per config (median shown)")
    parser.add_argument("--seed", type=int, default=benchgarden.DEFAULT_SEED)
    parser.add_argument(
        "--configs",
        type=parse_configs,
        default=list(CONFIGS),
        help="which configurations to build, e.g. a,b (default a,b,c)",
    )
    parser.add_argument(
        "--edit-notes",
        type=int,
        default=1000,
        help="garden size of the edit measure; 0 skips it (default 1000)",
    )
    parser.add_argument(
        "--edit-config",
        choices=("b", "c"),
        help="configuration of the edit measure (default c, or b without hooks)",
    )
    parser.add_argument(
        "--metric",
        choices=("wall", "cpu"),
        default="wall",
        help="time the ratios and targets use; cpu is steadier on a busy machine",
    )
    parser.add_argument("--targets", action="store_true", help="print PASS/FAIL per target")
    parser.add_argument(
        "--check",
        action="store_true",
        help="like --targets, and exit 1 when a target fails or was not measured",
    )
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary gardens")
    parser.add_argument("--edit-worker", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.edit_worker:
        config_file, note_file, notes, config_name = json.loads(args.edit_worker)
        edit = measure_edit(Path(config_file), Path(note_file), notes, config_name)
        print(json.dumps(asdict(edit)))
        return 0

    sizes = parse_notes(args.notes)
    if args.repeats < 1:
        print("bench.py: --repeats must be at least 1", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    root = Path(tempfile.mkdtemp(prefix="trellis-bench-"))
    try:
        results: list[Result] = []
        for notes in sizes:
            results += bench_garden(notes, args.configs, args.repeats, args.seed, root / str(notes))

        edit: EditResult | None = None
        edit_problem = None
        if args.edit_notes:
            edit_config = args.edit_config or ("c" if config_skip_reason("c") is None else "b")
            outcome = bench_edit(args.edit_notes, edit_config, args.seed, root / "edit")
            if isinstance(outcome, EditResult):
                edit = outcome
            else:
                edit_problem = outcome
    finally:
        if args.keep:
            progress(f"gardens kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    load_after = os.getloadavg()
    print(
        f"Trellis bench: seed {args.seed}, {args.repeats} build(s) per config, median shown, "
        f"SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}"
    )
    # Other work on the machine slows wall time; the load average says how much.
    print(
        f"{os.cpu_count()} CPUs, 1-min load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after"
    )
    print(format_results(results))
    print()
    print(format_ratios(results, sizes, args.metric))
    if edit:
        print()
        print(format_edit(edit))
    elif edit_problem:
        print()
        print(edit_problem)

    targets = evaluate_targets(results, edit, metric=args.metric)
    if args.targets or args.check:
        print()
        print(format_targets(targets))
    if args.json:
        payload = {
            "seed": args.seed,
            "repeats": args.repeats,
            "metric": args.metric,
            "load_average": [load_before[0], load_after[0]],
            "results": [asdict(result) for result in results],
            "ratios": [asdict(item) for item in compute_ratios(results, args.metric)],
            "edit": asdict(edit) if edit else None,
            "targets": [{**asdict(t), "verdict": t.verdict} for t in targets],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if args.check and any(target.verdict != "PASS" for target in targets):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
