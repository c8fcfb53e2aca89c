"""The roadmap importer: parsing roadmaps, planning the garden, and the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from trellis.roadmap import (
    Roadmap,
    RoadmapError,
    check_guardrail_settings,
    diff_front_matter,
    guardrail_limits,
    is_for_general_audience,
    note_title,
    parse_roadmap,
    plan_files,
    slugify,
    strip_emphasis,
    unique_slugs,
)

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "import_roadmap.py"
DOCS = REPO / "docs"
ROADMAP = Path(__file__).resolve().parent / "data" / "roadmap-2026.md"
SHARED_ROADMAP = REPO.parent / "shared" / "roadmap-2026.md"
GUARDRAILS_YAML = """\
extra:
  trellis:
    guardrails:
      # a comment the importer must keep
      themes_per_quarter: 1
      domains_per_half_year: 1
"""


def run_import(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def read_tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def front_matter(text: str) -> dict:
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def roadmap_2026() -> Roadmap:
    return parse_roadmap(ROADMAP.read_text(encoding="utf-8"))


def deliverables_per_quarter(roadmap: Roadmap) -> dict[int, tuple[int, int]]:
    counts = {}
    for quarter in roadmap.quarters:
        tech, non_tech = quarter.track("technical"), quarter.track("non-technical")
        counts[quarter.number] = (
            len(tech.deliverables) if tech else 0,
            len(non_tech.deliverables) if non_tech else 0,
        )
    return counts


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    """A garden imported from the 2026 roadmap, with its own mkdocs.yml."""
    (tmp_path / "mkdocs.yml").write_text(GUARDRAILS_YAML, encoding="utf-8")
    result = run_import(ROADMAP, "--docs", tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    return tmp_path


# --- The 2026 roadmap and the committed garden -----------------------------------


def test_data_copy_matches_shared_roadmap() -> None:
    """tests/data holds the same roadmap as ../shared, when ../shared is there."""
    if not SHARED_ROADMAP.is_file():
        # CI always runs beside shared/; a clone elsewhere has only the copy.
        assert not os.environ.get("CI"), "../shared/roadmap-2026.md is missing in CI"
        pytest.skip("../shared/roadmap-2026.md is not next to this checkout (outside CI)")
    assert ROADMAP.read_bytes() == SHARED_ROADMAP.read_bytes()


def test_committed_docs_are_the_import_of_2026(tmp_path: Path) -> None:
    """Importing the 2026 roadmap gives exactly the committed docs/ notes, byte for byte."""
    result = run_import(ROADMAP, "--docs", tmp_path / "docs", "--mkdocs", REPO / "mkdocs.yml")
    assert result.returncode == 0, result.stderr

    written = read_tree(tmp_path / "docs")
    committed = {
        path: data
        for path, data in read_tree(DOCS).items()
        if path.endswith((".md", ".ipynb"))
    }
    assert sorted(written) == sorted(committed)
    for path, data in written.items():
        assert data.decode("utf-8") == committed[path].decode("utf-8"), path


def test_2026_has_four_quarters_of_three_plus_one_deliverables() -> None:
    """The 2026 roadmap has 16 deliverables: 3 technical and 1 non-technical per quarter."""
    roadmap = roadmap_2026()
    assert roadmap.year == 2026
    assert deliverables_per_quarter(roadmap) == {n: (3, 1) for n in (1, 2, 3, 4)}
    notes = [p for p in plan_files(roadmap) if not p.endswith("index.md")]
    assert len(notes) == 16


def test_2026_quarter_one_plan() -> None:
    """Q1 reads as the roadmap writes it, typography and "Pick one" options included."""
    q1 = roadmap_2026().quarters[0]
    assert (q1.number, q1.months, q1.title) == (1, "Jan–Mar", "Foundations You Truly Own")
    assert q1.theme == "Re-derive, don’t skim"
    tech = q1.track("technical")
    assert tech is not None
    assert tech.goal == "Rebuild your mental model from first principles"
    assert tech.focus[0] == "Optimization mechanics (GD, momentum, Adam → why they work)"
    assert tech.deliverables[2] == "One clean write-up: “Backprop explained to my future self”"
    non_tech = q1.track("non-technical")
    assert non_tech is not None
    assert non_tech.theme == "How knowledge is built"
    assert non_tech.domain is None
    assert non_tech.domain_options == (
        "Philosophy of science (Popper, Kuhn, Lakatos)",
        "History of scientific revolutions",
    )


def test_2026_guardrails_and_chat_tail() -> None:
    """The yearly guardrails are read and the chat's closing offer is ignored."""
    roadmap = roadmap_2026()
    assert roadmap.guardrails == (
        "1 primary AI goal per quarter",
        "1 non-technical domain per half-year",
        "If it doesn’t ship something → it’s optional",
    )
    assert guardrail_limits(roadmap) == {"themes_per_quarter": 1, "domains_per_half_year": 1}
    assert "Notion" not in repr(roadmap)


def test_committed_front_matter_loads_back_to_the_plan() -> None:
    """Every committed note's YAML loads back to what the roadmap says, as strings."""
    roadmap = roadmap_2026()
    plan = {}
    for quarter in roadmap.quarters:
        for track in quarter.tracks:
            for deliverable in track.deliverables:
                plan[deliverable] = (f"2026-Q{quarter.number}", track.track)

    notes = sorted((DOCS / "2026").glob("q*/*.md"))
    assert notes
    seen = {}
    for path in notes:
        meta = front_matter(path.read_text(encoding="utf-8"))
        assert isinstance(meta["title"], str)
        if path.name == "index.md":
            quarter = roadmap.quarters[int(path.parent.name[1]) - 1]
            assert meta["theme"] == quarter.theme
            assert meta["plan"]["technical"]["deliverables"] == list(
                quarter.track("technical").deliverables
            )
            continue
        seen[meta["deliverable"]] = (meta["quarter"], meta["track"])
        assert meta["status"] == "planned"
    assert seen == plan


def test_committed_text_comes_from_the_roadmap() -> None:
    """Every string in the committed plans is text of the roadmap (emphasis aside)."""
    source = strip_emphasis(ROADMAP.read_text(encoding="utf-8"))

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    for path in sorted((DOCS / "2026").glob("q*/index.md")):
        meta = front_matter(path.read_text(encoding="utf-8"))
        for text in strings(meta["plan"]) + [meta["theme"]]:
            assert text in source, (path.name, text)


def test_only_the_general_audience_deliverable_is_public() -> None:
    """Only Q4's essays for a general audience carry `audience: general`."""
    public = [
        p.relative_to(DOCS).as_posix()
        for p in sorted(DOCS.rglob("*.md"))
        if front_matter(p.read_text(encoding="utf-8")).get("audience") == "general"
    ]
    assert public == ["2026/q4/1-2-essays-or-blog-posts-for-a-general-audience.md"]


# --- Variants people write ------------------------------------------------------

VARIANT_2027 = """\
# 2027 Quarterly Roadmap

## **Q1 (Jan–Mar): Probability**

**Theme:** _Uncertainty first_

### AI / ML (Primary)

**Focus**

- Bayes
**Deliverables**

- Notes on priors
- A small sampler
- Write-up: _“Why sampling works”_

### Non-Technical (Secondary)

**Theme:** _Old maps_

- History of cartography

**Deliverable**

- A hand-drawn map

## **Q2 (Apr–Jun): Search**

### AI / ML

**Deliverables**

- Beam search from scratch
"""

VARIANT_FEWER = """\
# 2026 Roadmap

## Q3 (Jul–Sep): Only one quarter

### AI / ML

**Deliverables**

- One thing
"""

VARIANT_EMOJI = """\
# 🗺️ 2026 Quarterly Roadmap 🚀

## 🌱 **Q1 (Jan–Mar): Seeds** ✨

🎯 **Theme:** _Grow_

### 🤖 AI / ML (Primary)

🎯 **Goal:** Learn
**Deliverables**

- First 🌿 note
- Second note

### 📚 Non-Technical (Secondary)

**Deliverable**

- A poem
"""

VARIANT_PROSE = """\
Sure! Here is a roadmap you can use. It is **ambitious** but doable.

Deliverables matter more than plans, so keep them small.

# 2026 Quarterly Roadmap

## Q2 (Apr–Jun): Attention

Theme: Looking closely

### AI / ML

This quarter is about attention. Focus on doing, not reading.

Focus:
- Attention by hand

Deliverables:
- Attention by hand, in numpy

---

### Non-Technical

Theme: Seeing

- Drawing

Deliverable: A sketchbook

---

If you want next, I can:

1. Add **deliverables** per week
2. Turn this into a template

- Just tell me which.
"""

VARIANT_TWO = """\
# 2026 Quarterly Roadmap

### Q1 (Jan–Mar): Two things

_Theme:_ Less

#### AI / ML

**Deliverables**

- First
- Second

#### Non-Technical

Pick one:

- A
- B

Deliverables

- Essay

### Q2 (Apr–Jun): Again

#### AI / ML

Deliverables

- Third
- Fourth
"""

VARIANT_LEVELS = """\
2026 Quarterly Roadmap
======================

**Q1 (Jan–Mar): Bold lines instead of headings**

**Theme:** One

**AI / ML**

* Deliverables:
* not a label, an item

Deliverables

* Real one

**Non-Technical**

Deliverable

1. Numbered one
"""


@pytest.mark.parametrize(
    ("text", "year", "counts", "guardrails"),
    [
        pytest.param(VARIANT_2027, 2027, {1: (3, 1), 2: (1, 0)}, (), id="year-2027"),
        pytest.param(VARIANT_FEWER, 2026, {3: (1, 0)}, (), id="fewer-sections"),
        pytest.param(
            VARIANT_2027.replace("\n", "\r\n"), 2027, {1: (3, 1), 2: (1, 0)}, (), id="crlf"
        ),
        pytest.param(VARIANT_EMOJI, 2026, {1: (2, 1)}, (), id="emoji"),
        pytest.param(VARIANT_PROSE, 2026, {2: (1, 1)}, (), id="chatty-prose"),
        pytest.param(VARIANT_TWO, 2026, {1: (2, 1), 2: (2, 0)}, (), id="two-deliverables"),
        pytest.param(
            VARIANT_FEWER
            + "\n## Yearly Guardrails\n\n- **2 domains per half-year**\n\nThanks!\n- no\n",
            2026,
            {3: (1, 0)},
            ("2 domains per half-year",),
            id="guardrails-then-chat",
        ),
    ],
)
def test_variants_give_quarters_and_deliverables(
    text: str, year: int, counts: dict[int, tuple[int, int]], guardrails: tuple[str, ...]
) -> None:
    """Roadmaps written differently give the right year, quarters and deliverables."""
    roadmap = parse_roadmap(text)
    assert roadmap.year == year
    assert deliverables_per_quarter(roadmap) == counts
    assert roadmap.guardrails == guardrails


@pytest.mark.parametrize(
    ("text", "quarter", "track", "expected"),
    [
        pytest.param(
            VARIANT_2027,
            1,
            "technical",
            ("Notes on priors", "A small sampler", "Write-up: “Why sampling works”"),
            id="emphasis-stripped",
        ),
        pytest.param(
            VARIANT_EMOJI, 1, "technical", ("First 🌿 note", "Second note"), id="inner-emoji-kept"
        ),
        pytest.param(VARIANT_PROSE, 2, "non-technical", ("A sketchbook",), id="inline-deliverable"),
        pytest.param(VARIANT_LEVELS, 1, "technical", ("Real one",), id="bold-line-headings"),
        pytest.param(VARIANT_LEVELS, 1, "non-technical", ("Numbered one",), id="numbered-list"),
    ],
)
def test_variant_deliverable_text(
    text: str, quarter: int, track: str, expected: tuple[str, ...]
) -> None:
    """Deliverables keep their words and lose only Markdown emphasis."""
    plan = next(q for q in parse_roadmap(text).quarters if q.number == quarter)
    assert plan.track(track).deliverables == expected  # type: ignore[arg-type, union-attr]


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        pytest.param(VARIANT_2027, "theme", "Uncertainty first", id="quarter-theme"),
        pytest.param(VARIANT_EMOJI, "theme", "Grow", id="emoji-theme"),
        pytest.param(VARIANT_PROSE, "theme", "Looking closely", id="plain-theme"),
        pytest.param(VARIANT_TWO, "theme", "Less", id="italic-label"),
        pytest.param(VARIANT_FEWER, "months", "Jul–Sep", id="months"),
        pytest.param(VARIANT_EMOJI, "title", "Seeds", id="emoji-title"),
    ],
)
def test_variant_quarter_fields(text: str, field: str, expected: str) -> None:
    """Quarter themes, months and titles are read whatever the decoration."""
    assert getattr(parse_roadmap(text).quarters[0], field) == expected


@pytest.mark.parametrize(
    ("text", "domain", "options"),
    [
        pytest.param(VARIANT_2027, "History of cartography", (), id="one-domain"),
        pytest.param(VARIANT_TWO, None, ("A", "B"), id="pick-one"),
        pytest.param(VARIANT_PROSE, "Drawing", (), id="plain-theme-domain"),
    ],
)
def test_domain_or_options(text: str, domain: str | None, options: tuple[str, ...]) -> None:
    """One named domain is the domain; "Pick one" with several leaves options."""
    plan = parse_roadmap(text).quarters[0].track("non-technical")
    assert plan is not None
    assert (plan.domain, plan.domain_options) == (domain, options)


def test_prose_and_chat_are_not_plan() -> None:
    """Sentences and the chat's numbered offer add no focus or deliverable."""
    plan = parse_roadmap(VARIANT_PROSE).quarters[0].track("technical")
    assert plan is not None
    assert plan.focus == ("Attention by hand",)
    assert "template" not in repr(parse_roadmap(VARIANT_PROSE))


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        pytest.param("# Roadmap\n\n## Q1\n\n- x\n", 2030, 2030, id="flag-when-title-has-none"),
        pytest.param("# 2031 Roadmap\n\n## Q1\n", None, 2031, id="title"),
        pytest.param("# 2031 Roadmap\n\n## Q1\n", 2031, 2031, id="title-and-same-flag"),
    ],
)
def test_year_from_title_else_flag(text: str, year: int | None, expected: int) -> None:
    """The year comes from the title, else from --year."""
    assert parse_roadmap(text, year).year == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("# 2026 Roadmap\n\nNothing planned.\n", "no quarters found", id="no-quarters"),
        pytest.param("# Roadmap\n\n## Q1: x\n", "no year found", id="no-year"),
        pytest.param("# 2026\n\n## Q1\n## Q1\n", "Q1 appears again", id="twice"),
    ],
)
def test_unusable_roadmaps_raise(text: str, message: str) -> None:
    """A text with no quarter, no year or a repeated quarter raises RoadmapError."""
    with pytest.raises(RoadmapError, match=message):
        parse_roadmap(text)


# --- Planning helpers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Hand-derived gradients", "hand-derived-gradients", id="plain"),
        pytest.param("2–3 short notes", "2-3-short-notes", id="en-dash"),
        pytest.param("Re-derive, don’t skim", "re-derive-dont-skim", id="apostrophe"),
        pytest.param("Café naïve — résumé", "cafe-naive-resume", id="accents"),
        pytest.param("🌱 🌿", "note", id="nothing-left"),
        pytest.param("word " * 20, "-".join(["word"] * 12), id="cut-at-word-boundary"),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    """Slugs are lower-case ASCII words joined by '-', at most about 60 characters."""
    assert slugify(text) == expected
    assert len(slugify(text)) <= 60


def test_unique_slugs() -> None:
    """Colliding slugs are numbered, and `index` is never a note's slug."""
    assert unique_slugs(["A b", "a B", "Index", "a-b"]) == ["a-b", "a-b-2", "index-2", "a-b-3"]


@pytest.mark.parametrize(
    ("deliverable", "title"),
    [
        pytest.param("Write-up: “Backprop explained”", "Backprop explained", id="curly"),
        pytest.param('Essay: "Why"', "Why", id="straight"),
        pytest.param("Polished repo or demo", "Polished repo or demo", id="none"),
        pytest.param("“A” and “B”", "“A” and “B”", id="two-quotes"),
    ],
)
def test_note_title(deliverable: str, title: str) -> None:
    """A note's title is the quoted work when there is one, else the deliverable."""
    assert note_title(deliverable) == title


@pytest.mark.parametrize(
    ("deliverable", "general"),
    [
        pytest.param("1–2 essays or blog posts for a general audience", True, id="q4"),
        pytest.param("Diagrams explaining attention (for humans)", False, id="humans"),
        pytest.param("Long-form synthesis post or talk outline", False, id="post"),
    ],
)
def test_general_audience(deliverable: str, general: bool) -> None:
    """Only a deliverable that says so is for a general audience."""
    assert is_for_general_audience(deliverable) is general


def test_technical_theme_written_only_when_it_differs() -> None:
    """plan.technical.theme is written only when it is not the quarter's theme."""
    text = "# 2026\n\n## Q1: x\n\nTheme: A\n\n### AI / ML\n\nTheme: B\n\nDeliverables:\n- d\n"
    files = plan_files(parse_roadmap(text))
    assert front_matter(files["2026/q1/index.md"])["plan"]["technical"]["theme"] == "B"
    files = plan_files(parse_roadmap(VARIANT_2027))
    assert "theme" not in front_matter(files["2027/q1/index.md"])["plan"]["technical"]


def test_diff_front_matter() -> None:
    """Differences are listed per dotted key: changed, missing and extra."""
    lines = diff_front_matter(
        {"status": "shipped", "plan": {"technical": {"goal": "g"}}, "shipped": "2026-02-01"},
        {"status": "planned", "plan": {"technical": {"goal": "g", "focus": ["f"]}}},
    )
    assert lines == [
        "status: the file has 'shipped'; the roadmap plans 'planned'",
        "plan.technical.focus: missing in the file; the roadmap plans ['f']",
        "shipped: only in the file ('2026-02-01')",
    ]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param(yaml.safe_load(GUARDRAILS_YAML), [], id="same"),
        pytest.param(
            yaml.safe_load(GUARDRAILS_YAML.replace("per_quarter: 1", "per_quarter: 2")),
            ["extra.trellis.guardrails.themes_per_quarter is 2; the roadmap says 1"],
            id="differs",
        ),
        pytest.param(
            {},
            [
                "extra.trellis.guardrails.themes_per_quarter is missing; the roadmap says 1",
                "extra.trellis.guardrails.domains_per_half_year is missing; the roadmap says 1",
            ],
            id="missing",
        ),
    ],
)
def test_check_guardrail_settings(config: dict, expected: list[str]) -> None:
    """mkdocs.yml's guardrail limits are compared with the roadmap's."""
    limits = {"themes_per_quarter": 1, "domains_per_half_year": 1}
    assert check_guardrail_settings(config, limits) == expected


# --- The command line -------------------------------------------------------------


def test_help() -> None:
    """--help describes the command and exits 0."""
    result = run_import("--help")
    assert result.returncode == 0
    for option in ("--docs", "--mkdocs", "--dry-run", "--year"):
        assert option in result.stdout


def test_output_says_what_was_written(tmp_path: Path) -> None:
    """Each written file gets a `wrote <path>` line."""
    docs = tmp_path / "docs"
    result = run_import(ROADMAP, "--docs", docs, "--mkdocs", REPO / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert f"wrote {docs.as_posix()}/2026/q1/index.md" in result.stdout.splitlines()
    assert result.stdout.count("wrote ") == 22


def test_rerun_after_editing_a_note_changes_nothing(garden: Path) -> None:
    """Re-running leaves every file as it is and reports an edited note's difference."""
    note = garden / "docs/2026/q1/hand-derived-gradients-for-core-models.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("status: planned", "status: shipped"), encoding="utf-8")
    before = read_tree(garden)

    result = run_import(ROADMAP, "--docs", garden / "docs")
    assert result.returncode == 0, result.stderr
    assert read_tree(garden) == before
    assert "wrote" not in result.stdout
    lines = result.stdout.splitlines()
    shown = (garden / "docs").as_posix()
    edited = f"{shown}/2026/q1/hand-derived-gradients-for-core-models.md"
    at = lines.index(f"differs {edited} (left as it is):")
    assert lines[at + 1] == "  status: the file has 'shipped'; the roadmap plans 'planned'"
    assert f"unchanged {shown}/2026/q1/index.md" in lines


def test_rerun_after_roadmap_change_adds_files(garden: Path, tmp_path: Path) -> None:
    """A changed roadmap adds new notes, keeps old ones and reports the plan's differences."""
    changed = tmp_path / "changed.md"
    changed.write_text(
        ROADMAP.read_text(encoding="utf-8").replace("- Ablation experiments", "- Ablation study"),
        encoding="utf-8",
    )
    before = read_tree(garden / "docs")

    result = run_import(changed, "--docs", garden / "docs")
    assert result.returncode == 0, result.stderr
    after = read_tree(garden / "docs")
    assert set(after) - set(before) == {"2026/q3/ablation-study.md"}
    assert all(after[path] == data for path, data in before.items())
    shown = (garden / "docs").as_posix()
    assert f"differs {shown}/2026/q3/index.md (left as it is):" in result.stdout
    assert f"not in roadmap {shown}/2026/q3/ablation-experiments.md" in result.stdout


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    """--dry-run prints the plan and writes no file."""
    result = run_import(
        ROADMAP, "--docs", tmp_path / "docs", "--mkdocs", REPO / "mkdocs.yml", "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "docs").exists()
    assert result.stdout.count("would write ") == 22


def test_dry_run_on_existing_garden_reports(garden: Path) -> None:
    """--dry-run over an existing garden reports and changes nothing."""
    before = read_tree(garden)
    result = run_import(ROADMAP, "--docs", garden / "docs", "--dry-run")
    assert result.returncode == 0
    assert read_tree(garden) == before
    assert result.stdout.count("unchanged ") == 22


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(None, "cannot read the roadmap", id="missing"),
        pytest.param(b"# 2026 Roadmap\n\nJust prose.\n", "no quarters found", id="no-quarters"),
        pytest.param(b"# 2026\n\n## Q1 \xff\n", "not UTF-8", id="not-utf8"),
    ],
)
def test_bad_input_exits_non_zero_naming_the_file(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    """Bad input exits non-zero, names the file and writes nothing."""
    roadmap = tmp_path / "my-roadmap.md"
    if content is not None:
        roadmap.write_bytes(content)
    result = run_import(roadmap, "--docs", tmp_path / "docs")
    assert result.returncode != 0
    assert str(roadmap) in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        pytest.param(GUARDRAILS_YAML, "guardrail limits match the roadmap", id="same"),
        pytest.param(
            GUARDRAILS_YAML.replace("per_quarter: 1", "per_quarter: 3"),
            "themes_per_quarter is 3; the roadmap says 1 (the file is not edited)",
            id="differs",
        ),
        pytest.param(
            "site_name: x\nmarkdown_extensions:\n  - x:\n      f: !!python/name:os.path.join\n",
            "      themes_per_quarter: 1",
            id="missing-prints-yaml",
        ),
    ],
)
def test_mkdocs_guardrails_checked_not_edited(tmp_path: Path, config: str, expected: str) -> None:
    """mkdocs.yml's guardrail limits are checked and reported, never rewritten."""
    mkdocs = tmp_path / "mkdocs.yml"
    mkdocs.write_text(config, encoding="utf-8")
    result = run_import(ROADMAP, "--docs", tmp_path / "docs", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert mkdocs.read_text(encoding="utf-8") == config


def test_year_flag_on_the_command_line(tmp_path: Path) -> None:
    """--year names the folder when the roadmap's title has no year."""
    roadmap = tmp_path / "roadmap.md"
    text = "# My roadmap\n\n## Q2 (Apr–Jun): Plans\n\n### AI / ML\n\nDeliverables:\n- Thing\n"
    roadmap.write_text(text, encoding="utf-8")
    result = run_import(roadmap, "--docs", tmp_path / "docs", "--year", "2028")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs/2028/q2/thing.md").is_file()
    meta = front_matter((tmp_path / "docs/2028/q2/thing.md").read_text(encoding="utf-8"))
    assert meta == {
        "title": "Thing",
        "quarter": "2028-Q2",
        "track": "technical",
        "deliverable": "Thing",
        "status": "planned",
    }
