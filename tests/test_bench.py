"""The benchmark: its synthetic garden, its arithmetic, and one tiny real run."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import bench
import benchgarden

SCRIPT = Path(bench.__file__)
FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"`[^`\n]*`")
WIKILINK = re.compile(r"\[\[([^\[\]]+)\]\]")
MARKDOWN_LINK = re.compile(r"(?<!\[)\[([^\[\]]+)\]\(([^)\s]+)\)")


def split_note(text: str) -> tuple[dict, list[str]]:
    """Return a note's front-matter and its body lines."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 3)
        return yaml.safe_load(text[4:end]) or {}, text[end + 5 :].split("\n")
    return {}, text.split("\n")


def prose_and_code(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return the body lines outside code fences, inline code removed, and those inside."""
    prose, code, fence = [], [], None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and line.startswith(fence):
            fence = None
        elif fence is not None:
            code.append(line)
        else:
            prose.append(INLINE_CODE.sub("", line))
    return prose, code


class Garden:
    """A generated garden read back the way Trellis reads notes."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.meta: dict[str, dict] = {}
        self.prose: dict[str, list[str]] = {}
        self.code: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}
        self.headings: dict[str, list[str]] = {}
        for path, text in files.items():
            meta, body = split_note(text)
            prose, code = prose_and_code(body)
            self.meta[path], self.prose[path], self.code[path] = meta, prose, code
            h1 = [line[2:] for line in prose if line.startswith("# ")]
            self.titles[path] = str(meta.get("title") or (h1[0] if h1 else path))
            self.headings[path] = [line[3:] for line in prose if line.startswith("## ")]
        self.by_name: dict[str, list[str]] = {}
        for path, title in self.titles.items():
            stem = posixpath.splitext(posixpath.basename(path))[0]
            for name in {stem.lower(), title.lower()}:
                self.by_name.setdefault(name, []).append(path)

    def links(self, path: str) -> list[tuple[str, str]]:
        """Return (kind, raw) for every real link of a note."""
        found = []
        for line in self.prose[path]:
            found += [("wiki", raw) for raw in WIKILINK.findall(line)]
            found += [("md", target) for _, target in MARKDOWN_LINK.findall(line)]
        return found

    def resolve(self, path: str, kind: str, raw: str) -> tuple[str | None, str | None]:
        """Return the target note and anchor/heading a link names, or None."""
        if kind == "md":
            target, _, anchor = raw.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            return (target if target in self.files else None), anchor or None
        name, _, _label = raw.partition("|")
        name, _, heading = name.partition("#")
        matches = self.by_name.get(name.lower(), [])
        return (matches[0] if len(set(matches)) == 1 else None), heading or None


@pytest.fixture(scope="module")
def garden() -> Garden:
    return Garden(benchgarden.generate_garden(300, seed=7))


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    """The same N and seed write byte-identical trees."""
    for name in ("one", "two"):
        benchgarden.write_garden(benchgarden.generate_garden(120, seed=3), tmp_path / name)
    trees = [
        {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*")
         if p.is_file()}
        for name in ("one", "two")
    ]
    assert trees[0] == trees[1]
    assert len(trees[0]) == 120


def test_another_seed_gives_another_garden() -> None:
    """The seed changes the garden."""
    assert benchgarden.generate_garden(60, seed=1) != benchgarden.generate_garden(60, seed=2)


@pytest.mark.parametrize(
    ("notes", "years"),
    [(20, 1), (300, 1), (1000, 1), (1001, 2), (3000, 3)],
    ids=["tiny", "default", "one-year", "two-years", "three-years"],
)
def test_garden_has_exactly_n_notes(notes: int, years: int) -> None:
    """N notes, a year page per year, a quarter page per quarter."""
    files = benchgarden.generate_garden(notes)
    assert len(files) == notes
    assert all(path.endswith(".md") for path in files)
    year_pages = [p for p, text in files.items() if "\ndashboard: year\n" in text]
    assert len(year_pages) == years
    quarter_pages = [p for p in files if re.fullmatch(r"\d{4}/q[1-4]/index\.md", p)]
    assert len(quarter_pages) == 4 * years


def test_too_small_a_garden_is_refused() -> None:
    """A garden too small for dashboards and links is an error."""
    with pytest.raises(ValueError, match="at least"):
        benchgarden.generate_garden(5)


def test_every_note_has_three_to_eight_links(garden: Garden) -> None:
    """Links per note, outside code, stay within 3..8."""
    counts = {path: len(garden.links(path)) for path in garden.files}
    assert counts, "no notes"
    assert min(counts.values()) >= 3
    assert max(counts.values()) <= 8


def test_every_link_target_exists(garden: Garden) -> None:
    """Every Markdown link and wikilink resolves to one note, and its anchor to a heading."""
    problems = []
    for path in garden.files:
        for kind, raw in garden.links(path):
            target, anchor = garden.resolve(path, kind, raw)
            if target is None:
                problems.append(f"{path}: {raw}")
            elif kind == "md" and anchor:
                slugs = [benchgarden.heading_anchor(h) for h in garden.headings[target]]
                if anchor not in slugs:
                    problems.append(f"{path}: {raw} (no such anchor)")
            elif kind == "wiki" and anchor and anchor not in garden.headings[target]:
                problems.append(f"{path}: {raw} (no such heading)")
    assert problems == []


def test_link_syntaxes_all_appear(garden: Garden) -> None:
    """Relative links with and without anchors, and every wikilink form, are used."""
    raws = [link for path in garden.files for link in garden.links(path)]
    md = [raw for kind, raw in raws if kind == "md"]
    wiki = [raw for kind, raw in raws if kind == "wiki"]
    assert any(raw.startswith("../") and "#" in raw for raw in md)
    assert any("#" not in raw for raw in md)
    assert any(raw.endswith("index.md") for raw in md)
    assert any("|" in raw for raw in wiki)
    assert any("#" in raw for raw in wiki)
    assert any("|" not in raw and "#" not in raw and " " in raw for raw in wiki)
    assert any(raw != raw.lower() for raw in wiki) and any(raw == raw.lower() for raw in wiki)


def test_code_holds_link_looking_text_that_names_nothing(garden: Garden) -> None:
    """Code fences and inline code contain [[..]] and [x](y.md) that are not notes."""
    code = [line for lines in garden.code.values() for line in lines]
    fake_wikis = [raw for line in code for raw in WIKILINK.findall(line)]
    assert fake_wikis
    assert any("[x](y.md)" in line for line in code)
    for raw in fake_wikis:
        assert raw.partition("#")[0].lower() not in garden.by_name
    inline = [text for text in garden.files.values() if "`[[not a link]]`" in text]
    assert inline


def test_front_matter_covers_every_kind(garden: Garden) -> None:
    """Quarter spellings, tracks, statuses, shipped dates, audiences, tags, summaries."""
    metas = list(garden.meta.values())
    quarters = {str(meta["quarter"]) for meta in metas if "quarter" in meta}
    for pattern in (r"\d{4}-Q\d", r"Q\d \d{4}", r"\d{4}Q\d", r"q\d-\d{4}", r"Q\d"):
        assert any(re.fullmatch(pattern, quarter) for quarter in quarters), pattern
    assert {meta.get("track") for meta in metas} >= {"technical", "non-technical"}
    statuses = {meta.get("status") for meta in metas}
    assert statuses >= {"idea", "planned", "in-progress", "shipped", "dropped"}
    assert any(meta.get("status") == "shipped" and "shipped" in meta for meta in metas)
    assert {meta.get("audience") for meta in metas} >= {"general", "self"}
    assert any(isinstance(meta.get("tags"), list) for meta in metas)
    assert any("summary" in meta for meta in metas)
    assert any("theme" in meta and "plan" not in meta for meta in metas)
    assert any("domain" in meta for meta in metas)
    assert any(not meta for meta in metas), "some evergreen note has no front-matter"


def test_deliverables_are_named_in_their_quarter_plan(garden: Garden) -> None:
    """A note's `deliverable` is one its quarter page plans for its track."""
    delivered = [(p, m) for p, m in garden.meta.items() if "deliverable" in m]
    assert delivered
    for path, meta in delivered:
        plan = garden.meta[posixpath.join(posixpath.dirname(path), "index.md")]["plan"]
        assert meta["deliverable"] in plan[meta["track"]]["deliverables"], path


def test_notes_are_laid_out_by_year_quarter_and_topic(garden: Garden) -> None:
    """Paths are index.md, <year>/..., <year>/qN/... or notes/<topic>/..."""
    layout = re.compile(
        r"index\.md|\d{4}/index\.md|\d{4}/q[1-4]/[a-z0-9-]+\.md|notes/[a-z-]+/[a-z0-9-]+\.md"
    )
    assert all(layout.fullmatch(path) for path in garden.files)
    assert len({path.split("/")[1] for path in garden.files if path.startswith("notes/")}) >= 3


# --- the runner's arithmetic ----------------------------------------------------


def result(notes: int, config: str, wall: float, peak: float = 100.0) -> bench.Result:
    # CPU time is half the wall time, so a test can tell which one was used.
    return bench.Result(notes, config, wall, peak, notes + 1, walls=(wall,), cpu_s=wall / 2)


MEASURED = [
    result(1000, "a", 30.0, 200.0),
    result(1000, "b", 9.0, 180.0),
    result(1000, "c", 10.0, 240.0),
    result(3000, "a", 120.0, 400.0),
    result(3000, "b", 28.0, 300.0),
    result(3000, "c", 30.0, 420.0),
]


def test_ratios_are_taken_per_garden_size() -> None:
    """a/c speed-up, c/b overhead and peak c/b come from the same N."""
    ratios = {item.notes: item for item in bench.compute_ratios(MEASURED)}
    assert ratios[1000].speedup_a_over_c == pytest.approx(3.0)
    assert ratios[1000].overhead_c_over_b == pytest.approx(10 / 9)
    assert ratios[3000].speedup_a_over_c == pytest.approx(4.0)
    assert ratios[3000].peak_c_over_b == pytest.approx(1.4)


def test_ratios_on_cpu_time_use_cpu_time() -> None:
    """--metric cpu takes the ratios from CPU seconds."""
    results = MEASURED + [
        bench.Result(300, "b", 10.0, 1.0, 1, cpu_s=4.0),
        bench.Result(300, "c", 10.0, 1.0, 1, cpu_s=5.0),
    ]
    by_notes = {item.notes: item for item in bench.compute_ratios(results, "cpu")}
    assert by_notes[300].overhead_c_over_b == pytest.approx(1.25)
    assert by_notes[1000].speedup_a_over_c == pytest.approx(3.0)


def test_growth_compares_one_config_across_sizes() -> None:
    """Growth is c(large) / c(small)."""
    assert bench.growth(MEASURED, 1000, 3000) == pytest.approx(3.0)
    assert bench.growth(MEASURED, 1000, 5000) is None


def test_missing_or_failed_configs_give_no_ratio() -> None:
    """A skipped configuration leaves its ratios empty, not zero."""
    skipped = [
        result(300, "a", 5.0),
        result(300, "b", 2.0),
        bench.Result(300, "c", None, None, None, problem="skipped"),
    ]
    (ratios,) = bench.compute_ratios(skipped)
    assert ratios.speedup_a_over_c is None and ratios.overhead_c_over_b is None


@pytest.mark.parametrize(
    ("edit_ratio", "verdicts"),
    [
        (0.2, ["PASS", "FAIL", "PASS", "PASS", "PASS"]),
        (0.3, ["PASS", "FAIL", "PASS", "PASS", "FAIL"]),
        (None, ["PASS", "FAIL", "PASS", "PASS", "n/a"]),
    ],
    ids=["edit-fast", "edit-slow", "edit-not-measured"],
)
def test_targets_are_judged_on_the_numbers(edit_ratio: float | None, verdicts: list[str]) -> None:
    """a/c >= 3, c/b <= 1.10, growth <= 3.5, peak c/b <= 1.5, edit <= 0.25."""
    edit = None
    if edit_ratio is not None:
        edit = bench.EditResult(1000, "c", "x.md", 10.0, 9.0, edit_ratio * 10, 1001, 2)
    # c at 3000 takes 31.5 s: a/c 3.8, c/b 1.125 (over 1.10), growth 3.15, peak 1.4.
    slow_c = [r for r in MEASURED if (r.notes, r.config) != (3000, "c")]
    slow_c.append(result(3000, "c", 31.5, 420.0))
    assert [t.verdict for t in bench.evaluate_targets(slow_c, edit)] == verdicts


def test_targets_without_the_big_garden_are_not_measured() -> None:
    """Without N=3000 the size targets say n/a rather than pass."""
    targets = bench.evaluate_targets([r for r in MEASURED if r.notes == 1000], None)
    assert {t.verdict for t in targets} == {"n/a"}


def test_summary_takes_medians_and_reports_failures() -> None:
    """Medians of wall and peak; one failed build fails the configuration."""
    runs = [
        bench.Run(3.0, 2.5, 100.0, 0, 21),
        bench.Run(1.0, 0.5, 120.0, 0, 21),
        bench.Run(2.0, 1.5, 90.0, 0, 21),
    ]
    summary = bench.summarise(20, "a", runs)
    assert (summary.wall_s, summary.cpu_s, summary.peak_mib, summary.pages) == (2.0, 1.5, 100.0, 21)
    failed = bench.summarise(20, "c", runs + [bench.Run(0.5, 0.4, 50.0, 1, 0)])
    assert failed.wall_s is None and failed.problem == "failed (exit 1)"


def test_tables_name_every_config_and_ratio() -> None:
    """The printed tables carry each configuration and the growth line."""
    text = bench.format_results(MEASURED)
    for name, label in bench.CONFIGS.items():
        assert f"{name}  {label}" in text
    ratios = bench.format_ratios(MEASURED, [1000, 3000])
    assert "3.00x" in ratios and "growth c(3000)/c(1000): 3.00x" in ratios


@pytest.mark.parametrize(
    ("values", "sizes"),
    [(None, [300]), (["1000,3000"], [1000, 3000]), (["300", "20, 300"], [300, 20])],
    ids=["default", "comma", "repeated"],
)
def test_notes_flag_accepts_lists(values: list[str] | None, sizes: list[int]) -> None:
    """--notes may repeat and may hold comma-separated sizes."""
    assert bench.parse_notes(values) == sizes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nstatus: planned\n---\nbody\n", "---\nstatus: shipped\n---\nbody\n"),
        ("---\ntitle: x\n---\nbody\n", "---\ntitle: x\nstatus: shipped\n---\nbody\n"),
        ("body\n", "---\nstatus: shipped\n---\n\nbody\n"),
    ],
    ids=["replace", "insert", "no-front-matter"],
)
def test_set_status_edits_only_front_matter(text: str, expected: str) -> None:
    """The edit measure changes one note's status and nothing else."""
    assert bench.set_status(text, "shipped") == expected


def test_edit_note_is_an_unshipped_deliverable() -> None:
    """The edited note is a deliverable that has not shipped yet."""
    files = benchgarden.generate_garden(300)
    meta, _ = split_note(files[bench.pick_edit_note(files)])
    assert "deliverable" in meta and meta.get("status") != "shipped"


def test_trellis_config_moves_paths_and_drops_hooks(tmp_path: Path) -> None:
    """b drops `hooks:`, c keeps them absolute; custom_dir becomes absolute."""
    repo_config = {
        "theme": {"name": "material", "custom_dir": "overrides"},
        "hooks": ["hooks/h.py"],
    }
    docs, site = tmp_path / "docs", tmp_path / "site"
    b = bench.trellis_config(repo_config, docs, site, hooks=False, repo=tmp_path)
    c = bench.trellis_config(repo_config, docs, site, hooks=True, repo=tmp_path)
    assert "hooks" not in b
    assert c["hooks"] == [str(tmp_path / "hooks/h.py")]
    assert b["theme"]["custom_dir"] == str(tmp_path / "overrides")
    assert repo_config["theme"]["custom_dir"] == "overrides", "the input is left alone"


def test_written_config_reads_back_with_python_names(tmp_path: Path) -> None:
    """The repo's mkdocs.yml survives the rewrite, superfences' format function included."""
    from mkdocs.config import load_config

    repo_config = bench.load_repo_config()
    config = bench.trellis_config(repo_config, tmp_path / "docs", tmp_path / "site", hooks=False)
    (tmp_path / "docs").mkdir()
    bench.write_config(config, tmp_path / "mkdocs.yml")
    loaded = load_config(str(tmp_path / "mkdocs.yml"))
    assert loaded.docs_dir == str(tmp_path / "docs")
    assert not loaded.hooks


# --- one tiny real run ----------------------------------------------------------


def test_tiny_bench_run_reports_all_three_configurations(tmp_path: Path) -> None:
    """bench.py on 20 notes prints a row per configuration and the edit measure."""
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--notes", "20",
            "--repeats", "1",
            "--edit-notes", "20",
            "--targets",
            "--json", str(tmp_path / "bench.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith("    20  ")]
    assert [row[1] for row in rows[:3]] == ["a", "b", "c"]
    for row in rows[:2]:
        assert float(row[-5]) > 0 and float(row[-4]) > 0, row  # wall and CPU seconds
    # c may be skipped (no hooks yet) or fail (hooks broken): the bench says
    # so in its row and the build tests own that failure, not this one.
    assert "edit measure" in done.stdout
    assert (tmp_path / "bench.json").is_file()
