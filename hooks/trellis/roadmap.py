"""The roadmap: reading a yearly Markdown roadmap, and the garden files it plans.

A roadmap is the person's own text (see `../shared/roadmap-2026.md`): a title with
the year, one section per quarter with a theme and two tracks (technical, the
AI/ML primary track, and non-technical), and yearly guardrails. People write it
by hand or paste it from a chat, so the reader goes line by line and tolerates
other heading levels, emphasis, emoji, missing parts and chatty text around it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from .quarters import Quarter

Track = Literal["technical", "non-technical"]
TRACKS: tuple[Track, ...] = ("technical", "non-technical")


class RoadmapError(ValueError):
    """The text holds no usable roadmap; the message says what is missing."""


@dataclass(frozen=True)
class TrackPlan:
    """One track of one quarter, as the roadmap writes it."""

    track: Track
    goal: str | None = None
    theme: str | None = None
    focus: tuple[str, ...] = ()
    deliverables: tuple[str, ...] = ()
    # The bullets under a non-technical theme: one is the domain; several
    # after "Pick one" are options the person still has to choose from.
    domains: tuple[str, ...] = ()

    @property
    def domain(self) -> str | None:
        return self.domains[0] if len(self.domains) == 1 else None

    @property
    def domain_options(self) -> tuple[str, ...]:
        return self.domains if len(self.domains) > 1 else ()


@dataclass(frozen=True)
class QuarterPlan:
    """One quarter section of the roadmap."""

    number: int
    months: str | None
    title: str | None
    theme: str | None
    tracks: tuple[TrackPlan, ...] = ()

    def track(self, name: Track) -> TrackPlan | None:
        return next((t for t in self.tracks if t.track == name), None)

    @property
    def heading(self) -> str:
        """The quarter's display title, e.g. `Q1 (Jan–Mar): Foundations You Truly Own`."""
        text = f"Q{self.number}"
        if self.months:
            text += f" ({self.months})"
        return f"{text}: {self.title}" if self.title else text


@dataclass(frozen=True)
class Roadmap:
    """A whole yearly roadmap."""

    year: int
    title: str
    quarters: tuple[QuarterPlan, ...]
    guardrails: tuple[str, ...] = ()


# --- Reading lines -----------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?P<mark>=|-)(?P=mark)+\s*$")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(?P<text>.*\S)\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].*?)\1\s*:?\s*$")
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")
_QUARTER = re.compile(
    r"""^(?:Q|Quarter\s*)(?P<q>[1-4])\b
        (?:\s*(?:19|20)\d{2})?                 # `Q1 2027`
        \s*(?:\((?P<months>[^)]*)\))?          # `(Jan–Mar)`
        \s*[:—–-]?\s*(?P<title>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_NON_TECHNICAL = re.compile(r"non[-\s]?tech|secondary", re.IGNORECASE)
_TECHNICAL = re.compile(r"\bAI\b|\bML\b|technical|primary", re.IGNORECASE)
_LABEL = re.compile(
    r"^(?P<label>goals?|themes?|focus(?:\s+areas?)?|deliverables?|domains?)\b"
    r"\s*(?P<colon>[:—–-])?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_PICK = re.compile(r"^(?:pick|choose)\s+(?:one|1)\b", re.IGNORECASE)
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"),
)
# Emoji and their joiners: symbols people put around headings and labels.
_DECORATION_CATEGORIES = {"So", "Sk", "Cf", "Mn", "Cs", "Co"}


def strip_emphasis(text: str) -> str:
    """Return text without Markdown bold/italic markers, keeping what they wrap."""
    for pattern in _EMPHASIS:
        previous = None
        while previous != text:
            previous, text = text, pattern.sub(r"\1", text)
    return text


def _is_decoration(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in _DECORATION_CATEGORIES


def clean_text(text: str) -> str:
    """Return text without emphasis and without emoji or spaces at either end."""
    text = strip_emphasis(text).strip()
    start, end = 0, len(text)
    while start < end and _is_decoration(text[start]):
        start += 1
    while end > start and _is_decoration(text[end - 1]):
        end -= 1
    return text[start:end]


# --- Parsing -------------------------------------------------------------------


@dataclass
class _TrackDraft:
    track: Track
    goal: str | None = None
    theme: str | None = None
    focus: list[str] = field(default_factory=list)
    deliverables: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)

    def freeze(self) -> TrackPlan:
        return TrackPlan(
            self.track,
            self.goal,
            self.theme,
            tuple(self.focus),
            tuple(self.deliverables),
            tuple(self.domains),
        )


@dataclass
class _QuarterDraft:
    number: int
    months: str | None
    title: str | None
    level: int
    line: int
    theme: str | None = None
    tracks: dict[Track, _TrackDraft] = field(default_factory=dict)

    def draft(self, track: Track) -> _TrackDraft:
        return self.tracks.setdefault(track, _TrackDraft(track))

    def freeze(self) -> QuarterPlan:
        tracks = tuple(self.tracks[t].freeze() for t in TRACKS if t in self.tracks)
        return QuarterPlan(self.number, self.months, self.title, self.theme, tracks)


@dataclass
class _State:
    """Where the reader is: which section, track and list the next line belongs to."""

    title: str | None = None
    year: int | None = None
    quarters: list[_QuarterDraft] = field(default_factory=list)
    guardrails: list[str] = field(default_factory=list)
    section: Literal["quarter", "guardrails"] | None = None
    track: Track | None = None
    # the list or value that the next bullet or line fills
    slot: str | None = None


def parse_roadmap(text: str, year: int | None = None) -> Roadmap:
    """Return the roadmap a Markdown text describes.

    `year` is used when the title names none. Raises RoadmapError when no
    quarter section is found or no year is known.
    """
    state = _State()
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(_atx_headings(lines), start=1):
        _read_line(state, line, number)

    if not state.quarters:
        raise RoadmapError(
            "no quarters found; expected headings such as '## Q1 (Jan–Mar): Title'"
        )
    found = state.year
    if found is not None and year is not None and found != year:
        raise RoadmapError(f"the title says {found} but --year says {year}")
    if found is None and year is None:
        raise RoadmapError(
            "no year found; put it in the title ('# 2027 Quarterly Roadmap') or pass --year"
        )
    resolved = found if found is not None else year
    assert resolved is not None
    quarters = tuple(q.freeze() for q in sorted(state.quarters, key=lambda q: q.number))
    title = state.title or f"{resolved} Roadmap"
    return Roadmap(resolved, title, quarters, tuple(state.guardrails))


def _atx_headings(lines: list[str]) -> list[str]:
    """Return the lines with underlined (setext) headings written as `#` headings.

    The underline becomes a blank line, so line numbers stay those of the text.
    """
    out = list(lines)
    for i in range(1, len(lines)):
        above = lines[i - 1]
        underline = _SETEXT.match(lines[i])
        structural = _HEADING.match(above) or _ITEM.match(above) or _RULE.match(above)
        plain = above.strip() and not structural
        if underline and plain:
            marks = "#" if underline["mark"] == "=" else "##"
            out[i - 1], out[i] = f"{marks} {above.strip()}", ""
    return out


def _read_line(state: _State, line: str, number: int) -> None:
    """Advance the reader by one line."""
    if not line.strip():
        return
    if _RULE.match(line):
        state.slot = None
        if state.section == "guardrails":
            state.section = None
        return
    heading = _HEADING.match(line)
    if heading:
        _read_heading(state, clean_text(heading["text"]), len(heading["marks"]), number)
        return
    bold = _BOLD_LINE.match(line)
    if bold and _heading_kind(clean_text(bold["text"])) is not None:
        _read_heading(state, clean_text(bold["text"]), 7, number)
        return
    item = _ITEM.match(line)
    if item:
        _read_item(state, clean_text(item["text"]))
        return
    _read_text(state, line)


def _heading_kind(text: str) -> str | None:
    if _QUARTER.match(text):
        return "quarter"
    if re.search(r"guardrail", text, re.IGNORECASE):
        return "guardrails"
    if _NON_TECHNICAL.search(text):
        return "non-technical"
    if _TECHNICAL.search(text):
        return "technical"
    return None


def _read_heading(state: _State, text: str, level: int, number: int) -> None:
    kind = _heading_kind(text)
    state.slot = None
    if kind == "quarter":
        _open_quarter(state, text, level, number)
    elif kind == "guardrails":
        state.section, state.track = "guardrails", None
    elif kind in TRACKS and state.section == "quarter":
        state.track = kind  # type: ignore[assignment]
        state.quarters[-1].draft(state.track)
    elif state.section is None and not state.quarters and state.title is None:
        year = _YEAR.search(text)
        if year:
            state.title, state.year = text, int(year["year"])
    elif state.section == "quarter" and level <= state.quarters[-1].level:
        # An unknown heading as high as the quarter's ends the quarter.
        state.section, state.track = None, None
    else:
        state.track = None


def _open_quarter(state: _State, text: str, level: int, number: int) -> None:
    match = _QUARTER.match(text)
    assert match is not None
    quarter = int(match["q"])
    for seen in state.quarters:
        if seen.number == quarter:
            raise RoadmapError(
                f"line {number}: Q{quarter} appears again (first on line {seen.line})"
            )
    months = clean_text(match["months"] or "") or None
    title = clean_text(match["title"]) or None
    state.quarters.append(_QuarterDraft(quarter, months, title, level, number))
    state.section, state.track = "quarter", None


def _read_item(state: _State, text: str) -> None:
    if not text:
        return
    if state.section == "guardrails":
        state.guardrails.append(text)
        return
    if state.section != "quarter" or state.slot is None:
        return
    _fill_slot(state, text)


def _read_text(state: _State, line: str) -> None:
    if state.section == "guardrails":
        # Prose after the guardrail list is the chat talking again.
        if state.guardrails:
            state.section = None
        return
    if state.section != "quarter":
        return
    text = clean_text(line)
    if _PICK.match(text):
        state.slot = "domains"
        return
    label = _LABEL.match(text)
    if label and _is_label(line, label):
        _read_label(state, label["label"].lower(), clean_text(label["rest"]))
    elif state.slot in ("goal", "theme"):
        _fill_slot(state, clean_text(line))
    else:
        state.slot = None


def _is_label(line: str, label: re.Match[str]) -> bool:
    """True when a line is `Goal: …`, `**Focus**` or a bare `Deliverables`, not prose."""
    emphasised = line.lstrip()[:1] in ("*", "_")
    return bool(label["colon"]) or not label["rest"] or emphasised


def _read_label(state: _State, label: str, rest: str) -> None:
    if label.startswith("goal"):
        slot = "goal"
    elif label.startswith("theme"):
        slot = "theme"
    elif label.startswith("focus"):
        slot = "focus"
    elif label.startswith("deliverable"):
        slot = "deliverables"
    else:
        slot = "domains"
    if slot == "theme" and state.track is None:
        state.slot = "theme"
    elif state.track is None:
        # Labels before any track heading: the primary track, except domains.
        state.track = "non-technical" if slot == "domains" else "technical"
        state.quarters[-1].draft(state.track)
    state.slot = slot
    if rest:
        _fill_slot(state, rest)


def _fill_slot(state: _State, text: str) -> None:
    quarter = state.quarters[-1]
    slot = state.slot
    if slot == "theme" and state.track is None:
        quarter.theme, state.slot = text, None
        return
    assert state.track is not None and slot is not None
    draft = quarter.draft(state.track)
    if slot in ("goal", "theme"):
        setattr(draft, slot, text)
        # Bullets under a non-technical theme name its domain.
        state.slot = "domains" if slot == "theme" and state.track == "non-technical" else None
    else:
        getattr(draft, slot).append(text)


# --- Planning the garden ---------------------------------------------------------

_QUOTED = re.compile(r"“(?P<curly>[^”]+)”|\"(?P<straight>[^\"]+)\"")
_GENERAL = re.compile(r"\bgeneral\s+(?:audience|public|readers?)\b", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’ʼ]")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "a": 1, "an": 1, "single": 1}
SLUG_LENGTH = 60


def quarter_id(roadmap: Roadmap, quarter: QuarterPlan) -> str:
    """Return the front-matter quarter, e.g. `2026-Q1`."""
    return str(Quarter(roadmap.year, quarter.number))


def note_title(deliverable: str) -> str:
    """Return a deliverable note's title: the work it names in quotes, else its text."""
    quoted = [m["curly"] or m["straight"] for m in _QUOTED.finditer(deliverable)]
    if len(quoted) == 1 and quoted[0].strip():
        return quoted[0].strip()
    return deliverable


def is_for_general_audience(deliverable: str) -> bool:
    """Return whether the deliverable itself says it is for a general audience."""
    return bool(_GENERAL.search(deliverable))


def slugify(text: str, length: int = SLUG_LENGTH) -> str:
    """Return lower-case ASCII words joined by `-`, cut at a word boundary near `length`."""
    text = _APOSTROPHES.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    chars = []
    for char in decomposed:
        if unicodedata.category(char) == "Mn":
            continue
        chars.append(char.lower() if char.isascii() and char.isalnum() else " ")
    words = "".join(chars).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > length and slug:
            break
        slug = candidate
    return slug[:length] or "note"


def unique_slugs(titles: list[str]) -> list[str]:
    """Return one slug per title, numbered `-2`, `-3` where they would collide."""
    taken = {"index"}
    slugs = []
    for title in titles:
        base = slugify(title)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs.append(slug)
    return slugs


def render_note(meta: dict[str, Any], body: str) -> str:
    """Return a Markdown file: YAML front-matter between `---` fences, then the body."""
    block = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{block}---\n\n{body.rstrip()}\n"


def track_meta(quarter: QuarterPlan, plan: TrackPlan) -> dict[str, Any]:
    """Return one track's entry under a quarter page's `plan`."""
    meta: dict[str, Any] = {}
    if plan.goal:
        meta["goal"] = plan.goal
    if plan.theme and plan.theme != quarter.theme:
        meta["theme"] = plan.theme
    if plan.domain:
        meta["domain"] = plan.domain
    if plan.domain_options:
        meta["domain_options"] = list(plan.domain_options)
    if plan.focus:
        meta["focus"] = list(plan.focus)
    if plan.deliverables:
        meta["deliverables"] = list(plan.deliverables)
    return meta


def quarter_meta(roadmap: Roadmap, quarter: QuarterPlan) -> dict[str, Any]:
    """Return a quarter page's front-matter, in the README's `plan` format."""
    meta: dict[str, Any] = {"title": quarter.heading, "quarter": quarter_id(roadmap, quarter)}
    if quarter.months:
        meta["months"] = quarter.months
    if quarter.theme:
        meta["theme"] = quarter.theme
    plan = {t.track: track_meta(quarter, t) for t in quarter.tracks}
    if plan:
        meta["plan"] = plan
    return meta


def deliverable_meta(
    roadmap: Roadmap, quarter: QuarterPlan, track: Track, deliverable: str
) -> dict[str, Any]:
    """Return a deliverable note's front-matter."""
    meta: dict[str, Any] = {
        "title": note_title(deliverable),
        "quarter": quarter_id(roadmap, quarter),
        "track": track,
        "deliverable": deliverable,
        "status": "planned",
    }
    if is_for_general_audience(deliverable):
        meta["audience"] = "general"
    return meta


def _home_page(roadmap: Roadmap) -> str:
    meta = {"title": f"{roadmap.year} garden"}
    body = (
        f"Welcome to a learning garden grown along the "
        f"[{roadmap.title}]({roadmap.year}/index.md), one quarter at a time."
    )
    return render_note(meta, body)


def _year_page(roadmap: Roadmap) -> str:
    meta = {"title": roadmap.title, "dashboard": "year", "year": roadmap.year}
    if not roadmap.guardrails:
        return render_note(meta, "This roadmap names no yearly guardrails.")
    rules = "\n".join(f"- {rule}" for rule in roadmap.guardrails)
    body = f"## Yearly guardrails\n\n{rules}"
    return render_note(meta, body)


def _quarter_files(roadmap: Roadmap, quarter: QuarterPlan) -> dict[str, str]:
    folder = f"{roadmap.year}/q{quarter.number}"
    files = {
        f"{folder}/index.md": render_note(
            quarter_meta(roadmap, quarter),
            f"Part of the [{roadmap.title}](../index.md).",
        )
    }
    pairs = [(t.track, d) for t in quarter.tracks for d in t.deliverables]
    slugs = unique_slugs([note_title(d) for _, d in pairs])
    for (track, deliverable), slug in zip(pairs, slugs):
        body = (
            f"A planned deliverable of the {track} track "
            f"in the [Q{quarter.number} plan](index.md)."
        )
        meta = deliverable_meta(roadmap, quarter, track, deliverable)
        files[f"{folder}/{slug}.md"] = render_note(meta, body)
    return files


def plan_files(roadmap: Roadmap) -> dict[str, str]:
    """Return the garden the roadmap plans: docs-relative path -> file text."""
    files = {"index.md": _home_page(roadmap), f"{roadmap.year}/index.md": _year_page(roadmap)}
    for quarter in roadmap.quarters:
        files.update(_quarter_files(roadmap, quarter))
    return files


# --- Comparing with what is there ------------------------------------------------


def _flatten(meta: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in meta.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = value
    return flat


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff_front_matter(existing: dict[str, Any], planned: dict[str, Any]) -> list[str]:
    """Return one line per front-matter key whose value differs, by dotted key path."""
    have, want = _flatten(existing), _flatten(planned)
    lines = []
    for key in want:
        if key not in have:
            lines.append(f"{key}: missing in the file; the roadmap plans {_short(want[key])}")
        elif have[key] != want[key]:
            lines.append(
                f"{key}: the file has {_short(have[key])}; the roadmap plans {_short(want[key])}"
            )
    for key in have:
        if key not in want:
            lines.append(f"{key}: only in the file ({_short(have[key])})")
    return lines


# --- Guardrail limits ------------------------------------------------------------

_LIMIT_RULES = (
    ("themes_per_quarter", re.compile(r"per\s+quarter", re.IGNORECASE)),
    ("domains_per_half_year", re.compile(r"domains?\b.*per\s+half[-\s]?year", re.IGNORECASE)),
)
_LEADING_NUMBER = re.compile(r"^\s*(?P<n>\d+|[a-z]+)\b", re.IGNORECASE)


def guardrail_limits(roadmap: Roadmap) -> dict[str, int]:
    """Return the `extra.trellis.guardrails` limits the roadmap's guardrails state."""
    limits: dict[str, int] = {}
    for rule in roadmap.guardrails:
        number = _LEADING_NUMBER.match(rule)
        if number is None:
            continue
        word = number["n"].lower()
        count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
        for key, pattern in _LIMIT_RULES:
            if count is not None and key not in limits and pattern.search(rule):
                limits[key] = count
                break
    return limits


def check_guardrail_settings(config: Any, limits: dict[str, int]) -> list[str]:
    """Return how `extra.trellis.guardrails` in a loaded mkdocs.yml differs from the limits."""
    settings: Any = config
    for key in ("extra", "trellis", "guardrails"):
        settings = settings.get(key) if isinstance(settings, dict) else None
    if not isinstance(settings, dict):
        settings = {}
    problems = []
    for key, value in limits.items():
        if key not in settings:
            problems.append(f"extra.trellis.guardrails.{key} is missing; the roadmap says {value}")
        elif settings[key] != value:
            problems.append(
                f"extra.trellis.guardrails.{key} is {settings[key]!r}; the roadmap says {value}"
            )
    return problems


def guardrail_settings_yaml(limits: dict[str, int]) -> str:
    """Return the mkdocs.yml block that holds the limits."""
    block = {"extra": {"trellis": {"guardrails": dict(limits)}}}
    return yaml.safe_dump(block, sort_keys=False, allow_unicode=True, width=1_000_000)
