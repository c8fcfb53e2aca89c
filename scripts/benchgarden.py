"""Deterministic synthetic gardens for the Trellis benchmark.

`generate_garden(n, seed)` is a pure function: it returns every file of a
garden of exactly `n` Markdown notes as `{docs-relative path: text}`, with no
clock, no I/O and no dependence on hash order. The same `n` and `seed` always
give the same bytes. `write_garden` puts such a mapping on disk.

The garden is laid out the way a person keeps one:

    index.md                      home page
    <year>/index.md               year page (`dashboard: year`)
    <year>/qN/index.md            quarter page with its `plan`
    <year>/qN/<note>.md           deliverables and working notes of the quarter
    notes/<topic>/<note>.md       evergreen notes

Each note holds 3 to 8 links to other notes of the garden, mixing relative
Markdown links (some with `#anchor`) and `[[wikilinks]]` by title, by file name
with a label, and by file name with a heading. Code fences and inline code
hold link-looking text that is not a link and names nothing in the garden.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SEED = 2026
# The year `extra.trellis.year` names in mkdocs.yml: a bare `Q1` means it.
BASE_YEAR = 2026
# A person writes about this many notes a year; more notes means more years.
NOTES_PER_YEAR = 1000
# Share of the notes (besides dashboards) that are evergreen.
EVERGREEN_SHARE = 0.25
MIN_LINKS = 3
MAX_LINKS = 8
TOPICS = ("machine-learning", "philosophy-of-science", "writing", "tools")
# Link-looking text inside code; none of these names a note of the garden.
FAKE_NAMES = ("fake", "not a note", "todo-later", "draft#nowhere")

TRACKS = ("technical", "non-technical")

# One plan per quarter: (title, theme, technical goal, focus, technical
# deliverables, non-technical theme, domain or None, domain options,
# non-technical deliverables). Taken from the shape of the 2026 roadmap.
QUARTER_PLANS = (
    (
        "Q1 (Jan–Mar): Foundations You Truly Own",
        "Re-derive, don’t skim",
        "Rebuild your mental model from first principles",
        ("Optimization mechanics", "Backprop as computation, not magic"),
        (
            "Hand-derived gradients for core models",
            "Minimal NN framework",
            "Backprop explained to my future self",
        ),
        "How knowledge is built",
        None,
        (
            "Philosophy of science (Popper, Kuhn, Lakatos)",
            "History of scientific revolutions",
        ),
        ("Short notes connecting this to ML research culture",),
    ),
    (
        "Q2 (Apr–Jun): Representation & Attention",
        "Why representations matter",
        "Understand what representations and attention compute",
        ("Embeddings & linear representations", "Attention from scratch"),
        (
            "Implement attention manually",
            "Small transformer on tiny data",
            "What attention actually computes",
        ),
        "Seeing structure",
        "Design and visual thinking",
        (),
        ("Diagrams explaining attention for humans",),
    ),
    (
        "Q3 (Jul–Sep): Systems & Scale Intuition",
        "From models to systems",
        "Build intuition for training at scale",
        ("Training dynamics at scale", "Evaluation: what metrics tell you"),
        (
            "End-to-end mini training pipeline",
            "Ablation experiments",
            "What broke when I scaled this",
        ),
        "Judgment & decision-making",
        "Applied epistemology",
        (),
        ("Where my ML intuition fails",),
    ),
    (
        "Q4 (Oct–Dec): Synthesis & Teaching",
        "Consolidation beats novelty",
        "Explain one thing publicly and well",
        ("Revisit earlier work with clarity", "Refactor and simplify"),
        (
            "Polished repo or demo",
            "Long-form synthesis post",
            "What I actually understand now",
        ),
        "Meaning & narrative",
        "Writing for non-experts",
        (),
        ("Essays for a general audience", "A blog post on learning in public"),
    ),
)

TECH_SUBJECTS = (
    "backprop", "momentum", "Adam", "loss landscapes", "implicit bias",
    "embeddings", "attention", "softmax", "layer norm", "residual streams",
    "tokenizers", "batch size", "learning-rate schedules", "ablations",
    "evaluation metrics", "data loaders", "gradient checks", "weight decay",
    "initialisation", "dropout", "KV caches", "positional encodings",
    "mixed precision", "checkpointing", "sampling", "perplexity",
    "linear probes", "overfitting", "scaling laws", "autodiff",
)
HUMAN_SUBJECTS = (
    "Popper", "Kuhn", "Lakatos", "falsification", "paradigms", "peer review",
    "forecasting", "base rates", "calibration", "cognitive bias", "diagrams",
    "drawing", "visual metaphors", "narrative", "plain language", "essays",
    "research culture", "scientific revolutions", "judgment", "explanation",
    "note-taking", "reading lists", "teaching", "metaphors", "storytelling",
)
TITLE_FRAMES = (
    "{s}", "Notes on {s}", "{s}, by hand", "Why {s} works", "{s} revisited",
    "A question about {s}", "{s} in one page", "What {s} hides",
    "{s} from scratch", "Reading log: {s}", "{s} for my future self",
    "Against {s}", "{s} and its failure modes", "Sketching {s}",
)
HEADINGS = (
    "Context", "What I tried", "Derivation", "Open questions", "Next steps",
    "Worked example", "Why it matters", "Reading notes", "What surprised me",
    "Summary", "Failure modes", "Connections",
)
SENTENCES = (
    "I keep coming back to this because the short version hides the mechanism.",
    "The first attempt was wrong in an instructive way.",
    "Writing it down slowly made the gap in my understanding visible.",
    "This is a working note; it will change as I learn more.",
    "The point is not the result but the path that led to it.",
    "A small example carries most of the intuition here.",
    "I should test this claim against a real run before trusting it.",
    "There is a simpler explanation that I have not found yet.",
)
LINK_LEADS = (
    "See {link} for the longer story.",
    "This builds on {link}.",
    "Compare with {link}.",
    "{link} says the opposite, and both are partly right.",
    "The derivation is in {link}.",
    "I first noticed this while writing {link}.",
)
TAGS = (
    "ml", "math", "optimization", "attention", "systems", "evaluation",
    "philosophy", "history", "design", "writing", "decisions", "teaching",
)
WORKING_STATUSES = ("idea", "in-progress", None)
DELIVERABLE_STATUSES = ("planned", "in-progress", "shipped", "dropped", None)
PAST_STATUSES = ("shipped", "shipped", "shipped", "dropped")


@dataclass
class NotePlan:
    """One note of the garden before its text is written."""

    path: str
    stem: str
    title: str
    kind: str  # home, year, quarter, deliverable, working, evergreen
    year: int | None = None
    quarter: int | None = None
    track: str | None = None
    topic: str | None = None
    deliverable: str | None = None
    headings: list[str] = field(default_factory=list)


def slugify(text: str) -> str:
    """Return the file-name slug of a title: lower case ASCII words and hyphens."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words) or "note"


def heading_anchor(heading: str) -> str:
    """Return the id MkDocs' `toc` gives a heading made of plain ASCII words."""
    return "-".join(heading.lower().split())


def yaml_str(text: str) -> str:
    """Return `text` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def garden_years(n: int) -> list[int]:
    """Return the years a garden of `n` notes spans, oldest first."""
    count = max(1, math.ceil(n / NOTES_PER_YEAR))
    return list(range(BASE_YEAR - count + 1, BASE_YEAR + 1))


def minimum_notes(years: int = 1) -> int:
    """Return the smallest garden size with room for dashboards and links."""
    return 1 + 5 * years + MAX_LINKS + 4


def quarter_dates(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a quarter."""
    first = dt.date(year, 3 * quarter - 2, 1)
    if quarter == 4:
        return first, dt.date(year, 12, 31)
    return first, dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def deliverable_names(year: int, quarter: int, track: str) -> list[str]:
    """Return the deliverables a quarter page plans for a track."""
    plan = QUARTER_PLANS[quarter - 1]
    names = plan[4] if track == "technical" else plan[8]
    if year == BASE_YEAR:
        return list(names)
    return [f"{name} ({year})" for name in names]


def quarter_spelling(rng: random.Random, year: int, quarter: int) -> str:
    """Return one of the spellings of a quarter the contract accepts."""
    spellings = [
        f"{year}-Q{quarter}",
        f"{year}-Q{quarter}",
        f"Q{quarter} {year}",
        f"{year}Q{quarter}",
        f"q{quarter}-{year}",
    ]
    if year == BASE_YEAR:
        spellings.append(f"Q{quarter}")
    return rng.choice(spellings)


class _Names:
    """Hands out titles and file names unique across the garden."""

    def __init__(self) -> None:
        self.titles: dict[str, int] = {}
        self.stems: dict[str, int] = {}

    def title(self, rng: random.Random, subjects: tuple[str, ...]) -> str:
        frame = rng.choice(TITLE_FRAMES)
        base = frame.format(s=rng.choice(subjects))
        base = base[0].upper() + base[1:]
        return self._unique(self.titles, base, " {}")

    def stem(self, title: str) -> str:
        return self._unique(self.stems, slugify(title), "-{}")

    def reserve_title(self, title: str) -> str:
        return self._unique(self.titles, title, " {}")

    @staticmethod
    def _unique(seen: dict[str, int], base: str, suffix: str) -> str:
        key = base.lower()
        count = seen.get(key, 0) + 1
        seen[key] = count
        if count == 1:
            return base
        candidate = base + suffix.format(count)
        seen[candidate.lower()] = 1
        return candidate


def plan_notes(n: int, rng: random.Random) -> list[NotePlan]:
    """Return the notes of a garden of `n` notes: paths, titles, kinds."""
    years = garden_years(n)
    if n < minimum_notes(len(years)):
        raise ValueError(f"a garden needs at least {minimum_notes(len(years))} notes, got {n}")
    names = _Names()
    notes = [NotePlan("index.md", "index", names.reserve_title("My learning garden"), "home")]
    for year in years:
        title = names.reserve_title(f"{year} roadmap")
        notes.append(NotePlan(f"{year}/index.md", "index", title, "year", year=year))
        for quarter in range(1, 5):
            plan_title = QUARTER_PLANS[quarter - 1][0].replace(
                f"Q{quarter} ", f"Q{quarter} {year} ", 1
            )
            notes.append(
                NotePlan(
                    f"{year}/q{quarter}/index.md",
                    "index",
                    names.reserve_title(plan_title),
                    "quarter",
                    year=year,
                    quarter=quarter,
                )
            )

    remaining = n - len(notes)
    evergreen = round(remaining * EVERGREEN_SHARE)
    slots = [(year, quarter) for year in years for quarter in range(1, 5)]
    pending = {
        (year, quarter, track): deliverable_names(year, quarter, track)
        for year, quarter in slots
        for track in TRACKS
    }
    for index in range(remaining - evergreen):
        year, quarter = slots[index * len(slots) // (remaining - evergreen)]
        track = "technical" if rng.random() < 0.6 else "non-technical"
        subjects = TECH_SUBJECTS if track == "technical" else HUMAN_SUBJECTS
        title = names.title(rng, subjects)
        stem = names.stem(title)
        todo = pending[(year, quarter, track)]
        # The first notes of a quarter and track ship its planned deliverables;
        # one plan entry in four stays without a note, as plans do.
        deliverable = None
        if todo and rng.random() < 0.5:
            name = todo.pop(0)
            deliverable = name if rng.random() < 0.8 else None
        notes.append(
            NotePlan(
                f"{year}/q{quarter}/{stem}.md",
                stem,
                title,
                "deliverable" if deliverable else "working",
                year=year,
                quarter=quarter,
                track=track,
                deliverable=deliverable,
            )
        )
    for index in range(evergreen):
        topic = TOPICS[index % len(TOPICS)]
        subjects = TECH_SUBJECTS if topic in ("machine-learning", "tools") else HUMAN_SUBJECTS
        title = names.title(rng, subjects)
        stem = names.stem(title)
        notes.append(NotePlan(f"notes/{topic}/{stem}.md", stem, title, "evergreen", topic=topic))

    for note in notes:
        note.headings = rng.sample(HEADINGS, rng.randint(2, 4))
    return notes


def group_notes(notes: list[NotePlan]) -> dict[tuple[int | None, int | None], list[NotePlan]]:
    """Return the notes by (year, quarter); year pages also list their year's notes."""
    groups: dict[tuple[int | None, int | None], list[NotePlan]] = {}
    for note in notes:
        groups.setdefault((note.year, note.quarter), []).append(note)
        if note.quarter is not None:
            groups.setdefault((note.year, None), []).append(note)
    return groups


def link_targets(
    note: NotePlan,
    notes: list[NotePlan],
    groups: dict[tuple[int | None, int | None], list[NotePlan]],
    rng: random.Random,
) -> list[NotePlan]:
    """Return 3 to 8 distinct notes `note` links to, nearby ones first."""
    count = rng.randint(MIN_LINKS, MAX_LINKS)
    near = groups[(note.year, note.quarter)]
    if note.kind == "home":
        near = [other for other in notes if other.kind == "year"]
    chosen: list[NotePlan] = []
    if note.kind == "working":
        # Working notes point at a deliverable of their quarter and track, which
        # is what a quarter dashboard counts.
        deliverables = [
            other
            for other in near
            if other.kind == "deliverable" and other.track == note.track
        ]
        if deliverables:
            chosen.append(rng.choice(deliverables))
    while len(chosen) < count:
        pool = near if rng.random() < 0.6 else notes
        other = rng.choice(pool)
        if other is not note and all(other is not seen for seen in chosen):
            chosen.append(other)
    return chosen


def render_link(note: NotePlan, target: NotePlan, rng: random.Random) -> str:
    """Return one link from `note` to `target` in a randomly chosen syntax."""
    relative = posixpath.relpath(target.path, posixpath.dirname(note.path) or ".")
    heading = rng.choice(target.headings)
    forms = ["md", "md-anchor", "wiki-title"]
    if target.stem != "index":
        forms += ["wiki-label", "wiki-heading", "wiki-title-lower"]
    form = rng.choice(forms)
    if form == "md":
        return f"[{target.title}]({relative})"
    if form == "md-anchor":
        return f"[{heading.lower()} in {target.title}]({relative}#{heading_anchor(heading)})"
    if form == "wiki-title":
        return f"[[{target.title}]]"
    if form == "wiki-title-lower":
        return f"[[{target.title.lower()}]]"
    if form == "wiki-label":
        return f"[[{target.stem}|{rng.choice(('this note', 'here', target.title.lower()))}]]"
    return f"[[{target.stem}#{heading}]]"


def render_code(rng: random.Random, with_fake_links: bool) -> list[str]:
    """Return the lines of a code fence, some holding link-looking text."""
    fence = rng.choice(("```", "```", "~~~"))
    lines = [fence + rng.choice(("python", "text", "markdown"))]
    if with_fake_links:
        fake = rng.choice(FAKE_NAMES)
        lines += [
            f"# In Markdown, [[{fake}]] would be a wikilink,",
            "# and [x](y.md) a link; in code they are text.",
            'pattern = r"\\[\\[(.+?)\\]\\]"',
        ]
    else:
        lines += [
            "def step(w, grad, lr=0.1):",
            "    return w - lr * grad",
        ]
    lines.append(fence)
    return lines


def render_front_matter(note: NotePlan, rng: random.Random) -> list[str]:
    """Return the YAML front-matter lines of a note, fences included."""
    if note.kind == "home":
        return ["---", f"title: {yaml_str(note.title)}", "---"]
    if note.kind == "year":
        lines = ["---", f"title: {yaml_str(note.title)}", "dashboard: year"]
        if note.year != BASE_YEAR:
            lines.append(f"year: {note.year}")
        return lines + ["---"]
    if note.kind == "quarter":
        return render_quarter_page(note)

    lines = ["---"]
    title_in_body = rng.random() < 0.2
    if not title_in_body:
        lines.append(f"title: {yaml_str(note.title)}")
    if note.kind == "evergreen":
        if rng.random() < 0.15:
            return []  # an evergreen note without any front-matter
        lines += render_common_keys(rng, note, audience_general=rng.random() < 0.1)
        return lines + ["---"]

    assert note.year is not None and note.quarter is not None
    first, last = quarter_dates(note.year, note.quarter)
    lines.append(f"quarter: {quarter_spelling(rng, note.year, note.quarter)}")
    lines.append(f"track: {note.track}")
    plan = QUARTER_PLANS[note.quarter - 1]
    if rng.random() < 0.03:
        # A note that strays from the quarter's theme: a guardrail breach.
        lines.append(f"theme: {yaml_str('Side quest: ' + rng.choice(TECH_SUBJECTS))}")
    elif rng.random() < 0.2:
        lines.append(f"theme: {yaml_str(plan[1] if note.track == 'technical' else plan[5])}")
    if note.track == "non-technical" and plan[6] and rng.random() < 0.3:
        lines.append(f"domain: {yaml_str(plan[6])}")
    written = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    lines.append(f"date: {written.isoformat()}")

    general = False
    if note.kind == "deliverable":
        lines.append(f"deliverable: {yaml_str(note.deliverable or '')}")
        statuses = PAST_STATUSES if note.year < BASE_YEAR else DELIVERABLE_STATUSES
        status = rng.choice(statuses)
        if status:
            lines.append(f"status: {status}")
        if status == "shipped":
            shipped = written + dt.timedelta(days=rng.randint(0, (last - written).days))
            if rng.random() < 0.9:
                lines.append(f"shipped: {shipped.isoformat()}")
            general = rng.random() < 0.4
    else:
        status = rng.choice(WORKING_STATUSES)
        if status:
            lines.append(f"status: {status}")
    lines += render_common_keys(rng, note, audience_general=general)
    return lines + ["---"]


def render_common_keys(rng: random.Random, note: NotePlan, audience_general: bool) -> list[str]:
    """Return the audience, tags and summary lines a note may carry."""
    lines = []
    if audience_general:
        lines.append("audience: general")
        if note.kind == "evergreen":
            lines.append("status: shipped")
    elif rng.random() < 0.3:
        lines.append("audience: self")
    if rng.random() < 0.7:
        tags = rng.sample(TAGS, rng.randint(1, 3))
        if rng.random() < 0.5:
            lines.append("tags: [" + ", ".join(tags) + "]")
        else:
            lines += ["tags:"] + [f"  - {tag}" for tag in tags]
    if rng.random() < 0.6:
        lines.append(f"summary: {yaml_str(rng.choice(SENTENCES))}")
    return lines


def render_quarter_page(note: NotePlan) -> list[str]:
    """Return the front-matter of a quarter page in the README's `plan` format."""
    assert note.year is not None and note.quarter is not None
    plan = QUARTER_PLANS[note.quarter - 1]
    lines = [
        "---",
        f"title: {yaml_str(note.title)}",
        f"quarter: {note.year}-Q{note.quarter}",
        f"theme: {yaml_str(plan[1])}",
        "plan:",
        "  technical:",
        f"    goal: {yaml_str(plan[2])}",
        "    focus:",
    ]
    lines += [f"      - {yaml_str(item)}" for item in plan[3]]
    lines.append("    deliverables:")
    lines += [
        f"      - {yaml_str(name)}"
        for name in deliverable_names(note.year, note.quarter, "technical")
    ]
    lines += ["  non-technical:", f"    theme: {yaml_str(plan[5])}"]
    if plan[6]:
        lines.append(f"    domain: {yaml_str(plan[6])}")
    else:
        lines.append("    domain_options:")
        lines += [f"      - {yaml_str(option)}" for option in plan[7]]
    lines.append("    deliverables:")
    lines += [
        f"      - {yaml_str(name)}"
        for name in deliverable_names(note.year, note.quarter, "non-technical")
    ]
    return lines + ["---"]


def render_note(
    note: NotePlan,
    notes: list[NotePlan],
    groups: dict[tuple[int | None, int | None], list[NotePlan]],
    rng: random.Random,
    index: int,
) -> str:
    """Return the full text of one note."""
    front = render_front_matter(note, rng)
    has_title = any(line.startswith("title:") for line in front)
    targets = link_targets(note, notes, groups, rng)
    links = [render_link(note, target, rng) for target in targets]

    body: list[str] = []
    if not has_title or rng.random() < 0.3:
        body += [f"# {note.title}", ""]
    body += [rng.choice(SENTENCES) + " " + rng.choice(LINK_LEADS).format(link=links[0]), ""]
    rest = links[1:]
    per_section = math.ceil(len(rest) / len(note.headings)) if rest else 0
    # Every fifth note carries link-looking text in code, so any garden of
    # more than a handful of notes has some.
    fake_at = rng.randrange(len(note.headings)) if index % 5 == 0 else -1
    for number, heading in enumerate(note.headings):
        section, rest = rest[:per_section], rest[per_section:]
        body += [f"## {heading}", "", rng.choice(SENTENCES)]
        if section:
            body.append(rng.choice(LINK_LEADS).format(link=section[0]))
        body.append("")
        if len(section) > 1:
            body += [f"- {rng.choice(('Related', 'Background', 'Follow-up'))}: {link}"
                     for link in section[1:]]
            body.append("")
        if number == fake_at:
            body += render_code(rng, with_fake_links=True) + [""]
            body += ["Inline, `[[not a link]]` and `[a](b.md)` stay code too.", ""]
        elif rng.random() < 0.15:
            body += render_code(rng, with_fake_links=False) + [""]
    text = "\n".join(front + ([""] if front else []) + body)
    return text.rstrip("\n") + "\n"


def generate_garden(n: int, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """Return the files of a garden of `n` notes as {docs-relative path: text}."""
    rng = random.Random(f"trellis-bench:{n}:{seed}")
    notes = plan_notes(n, rng)
    groups = group_notes(notes)
    return {
        note.path: render_note(note, notes, groups, rng, index)
        for index, note in enumerate(notes)
    }


def write_garden(files: dict[str, str], docs_dir: Path) -> None:
    """Write a generated garden under `docs_dir`, which should be empty."""
    for path, text in sorted(files.items()):
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
