"""Notes: one record per note, validated from its front-matter."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import posixpath
import re
import reprlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from .problems import Problem
from .quarters import Quarter, parse_quarter
from .sources import Source

Track = Literal["technical", "non-technical"]
Status = Literal["idea", "planned", "in-progress", "shipped", "dropped"]
Audience = Literal["self", "general"]
Kind = Literal["markdown", "notebook"]

TRACKS: tuple[str, ...] = get_args(Track)
STATUSES: tuple[str, ...] = get_args(Status)
AUDIENCES: tuple[str, ...] = get_args(Audience)

_TRELLIS_KEYS = (
    "title", "quarter", "track", "theme", "domain", "deliverable", "status",
    "audience", "date", "shipped", "summary", "tags", "plan", "dashboard", "year",
    "months",
)
# Keys MkDocs and Material read themselves; never "corrected" into ours.
_THEME_KEYS = frozenset({
    "template", "hide", "search", "icon", "subtitle", "description", "comments",
    "social", "authors", "categories", "draft", "slug", "links", "readtime",
    "pin", "tags", "status",
})
_PLAN_KEYS = ("goal", "theme", "focus", "deliverables", "domain", "domain_options")
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 3, 6, 6, 60, 60
_HEADING = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_FENCED = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class TrackPlan:
    """What a quarter page plans for one track."""

    goal: str | None = None
    theme: str | None = None
    focus: tuple[str, ...] = ()
    deliverables: tuple[str, ...] = ()
    domain: str | None = None
    domain_options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """Everything Trellis knows about one note, from one read of its source."""

    src_uri: str
    kind: Kind = "markdown"
    title: str = ""
    quarter: Quarter | None = None
    track: Track | None = None
    theme: str | None = None
    domain: str | None = None
    deliverable: str | None = None
    status: Status | None = None
    audience: Audience = "self"
    date: dt.date | None = None
    shipped: dt.date | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    dashboard: str | None = None
    year: int | None = None
    plan: dict[str, TrackPlan] | None = field(default=None, compare=False)
    readable: bool = True
    has_front_matter: bool = False
    meta: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    body: str = field(default="", compare=False, repr=False)
    body_line: int = 1

    @property
    def is_deliverable(self) -> bool:
        return self.deliverable is not None

    @property
    def is_quarter_page(self) -> bool:
        return self.plan is not None and self.quarter is not None

    @property
    def is_essay(self) -> bool:
        return self.audience == "general"

    @property
    def stem(self) -> str:
        """The file name without extension: what a wikilink names."""
        return posixpath.splitext(posixpath.basename(self.src_uri))[0]


class _Checker:
    """Collects a note's problems while its values are converted."""

    def __init__(self, source: Source, path: str) -> None:
        self.source = source
        self.path = path
        self.problems: list[Problem] = list(source.problems)

    def report(self, key: str, message: str) -> None:
        line = self.source.key_lines.get(key)
        if line is None:
            line = next((v for k, v in self.source.key_lines.items() if k.lower() == key), None)
        self.problems.append(Problem(self.path, line, key, message))


def build_note(src_uri: str, source: Source, default_year: int | None, kind: Kind = "markdown") -> tuple[Note, list[Problem]]:
    """Return the note a source describes, and every problem found in its front-matter."""
    check = _Checker(source, src_uri)
    meta = _lower_keys(source.meta, check)
    for key, values in source.duplicates.items():
        _report_duplicate(check, key, values)
    _report_near_misses(check, meta)

    quarter = _quarter(check, meta, default_year)
    deliverable = _text(check, meta, "deliverable")
    status = _choice(check, meta, "status", STATUSES)
    if status is None and deliverable is not None:
        status = "planned"
    audience = _audience(check, meta, source.duplicates)
    title = _text(check, meta, "title") or first_heading(source.body) or title_from_path(src_uri)

    note = Note(
        src_uri=src_uri,
        kind=kind,
        title=title,
        quarter=quarter,
        track=_choice(check, meta, "track", TRACKS),  # type: ignore[arg-type]
        theme=_text(check, meta, "theme"),
        domain=_text(check, meta, "domain"),
        deliverable=deliverable,
        status=status,  # type: ignore[arg-type]
        audience=audience if source.readable else "self",
        date=_date(check, meta, "date"),
        shipped=_date(check, meta, "shipped"),
        summary=_text(check, meta, "summary"),
        tags=_tags(check, meta),
        dashboard=_choice(check, meta, "dashboard", ("year",)),
        year=_year(check, meta),
        plan=_plan(check, meta),
        readable=source.readable,
        has_front_matter=source.has_front_matter,
        meta=_clean_meta(meta, title),
        body=source.body,
        body_line=source.body_line,
    )
    return note, check.problems


def first_heading(body: str) -> str | None:
    """Return the text of the first `# heading` outside fenced code."""
    match = _HEADING.search(_FENCED.sub("", body))
    return match.group("title").strip() if match else None


def title_from_path(src_uri: str) -> str:
    """Return MkDocs' title for a file with no title: its name, readable."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if stem in ("index", "README"):
        stem = posixpath.basename(posixpath.dirname(src_uri)) or "Home"
    return stem.replace("-", " ").replace("_", " ").capitalize()


def with_inherited(note: Note, plans: dict[Quarter, dict[str, TrackPlan]], quarter_themes: dict[Quarter, str | None]) -> Note:
    """Return the note with theme and domain filled from its quarter page's plan."""
    if note.quarter is None or note.track is None or note.is_quarter_page:
        return note
    plan = plans.get(note.quarter, {}).get(note.track)
    theme = note.theme or (plan.theme if plan else None) or quarter_themes.get(note.quarter)
    domain = None
    if note.track == "non-technical":
        domain = note.domain or (plan.domain if plan else None) or theme
    if theme == note.theme and domain == note.domain:
        return note
    return dataclasses.replace(note, theme=theme, domain=domain)


def _lower_keys(meta: dict[str, Any], check: _Checker) -> dict[str, Any]:
    lowered: dict[str, Any] = {}
    for key, value in meta.items():
        low = key.lower()
        if low in lowered and low != key:
            check.report(low, f"is given twice (as {low!r} and {key!r}); the later one is used")
        lowered[low] = value
    return lowered


def _report_duplicate(check: _Checker, key: str, values: list[Any]) -> None:
    shown = ", ".join(repr(v) for v in values)
    if key.lower() == "audience":
        check.report("audience", f"is given {len(values)} times ({shown}); the stricter 'self' wins when they differ")
    else:
        check.report(key, f"is given {len(values)} times ({shown}); the last one is used")


def _report_near_misses(check: _Checker, meta: dict[str, Any]) -> None:
    for key in meta:
        if key in _TRELLIS_KEYS or key in _THEME_KEYS:
            continue
        close = difflib.get_close_matches(key, _TRELLIS_KEYS, n=1, cutoff=0.75)
        if close:
            check.report(key, f"is not a Trellis key; did you mean {close[0]!r}?")


def _scalar_text(value: Any) -> str | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value).strip() or None


def _text(check: _Checker, meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    text = _scalar_text(value)
    if text is None and value not in ("",):
        check.report(key, f"is a {type(value).__name__} ({_short(value)}); expected text")
    return text


def _choice(check: _Checker, meta: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    text = (_scalar_text(value) or "").lower().replace("_", "-").replace(" ", "-")
    if text in allowed:
        return text
    hint = difflib.get_close_matches(text, allowed, n=1, cutoff=0.6)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    check.report(key, f"is {_short(value)}; expected one of {', '.join(allowed)}{suggestion}")
    return None


def _audience(check: _Checker, meta: dict[str, Any], duplicates: dict[str, list[Any]]) -> Audience:
    values = next((v for k, v in duplicates.items() if k.lower() == "audience"), None)
    if values and len({str(v).strip().lower() for v in values}) > 1:
        return "self"
    if meta.get("audience") is None:
        return "self"
    chosen = _choice(check, meta, "audience", AUDIENCES)
    return "general" if chosen == "general" else "self"


def _quarter(check: _Checker, meta: dict[str, Any], default_year: int | None) -> Quarter | None:
    value = meta.get("quarter")
    if value is None:
        return None
    quarter = parse_quarter(value, default_year)
    if quarter is None:
        expected = "a quarter such as 2026-Q1 (also Q1 2026, 2026Q1, q1-2026"
        expected += ", or Q1 with extra.trellis.year set)" if default_year is None else ", or Q1)"
        check.report("quarter", f"is {_short(value)}; expected {expected}")
    return quarter


def _date(check: _Checker, meta: dict[str, Any], key: str) -> dt.date | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        check.report(key, f"is {_short(value)}; expected an ISO date such as 2026-03-31")
        return None


def _tags(check: _Checker, meta: dict[str, Any]) -> tuple[str, ...]:
    value = meta.get("tags")
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        return (str(value),)
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) and v is not None for v in value):
        return tuple(str(v) for v in value)
    check.report("tags", f"is {_short(value)}; expected a list of words")
    return ()


def _year(check: _Checker, meta: dict[str, Any]) -> int | None:
    value = meta.get("year")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 3000:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    check.report("year", f"is {_short(value)}; expected a year such as 2026")
    return None


def _plan(check: _Checker, meta: dict[str, Any]) -> dict[str, TrackPlan] | None:
    value = meta.get("plan")
    if value is None:
        return None
    if not isinstance(value, dict):
        check.report("plan", f"is {_short(value)}; expected one entry per track ({', '.join(TRACKS)})")
        return None
    plan: dict[str, TrackPlan] = {}
    for track, entry in value.items():
        name = str(track).lower()
        if name not in TRACKS:
            check.report("plan", f"has a track {_short(track)}; expected {' or '.join(TRACKS)}")
            continue
        if not isinstance(entry, dict):
            check.report("plan", f"{name} is {_short(entry)}; expected goal, focus, deliverables …")
            continue
        plan[name] = _track_plan(check, name, entry)
    return plan


def _track_plan(check: _Checker, track: str, entry: dict[str, Any]) -> TrackPlan:
    def texts(key: str) -> tuple[str, ...]:
        value = entry.get(key)
        if value is None:
            return ()
        if isinstance(value, list):
            return tuple(t for t in (_scalar_text(v) for v in value) if t)
        check.report("plan", f"{track}.{key} is {_short(value)}; expected a list")
        return ()

    for key in entry:
        if str(key) not in _PLAN_KEYS:
            check.report("plan", f"{track}.{key} is not a plan key; expected {', '.join(_PLAN_KEYS)}")
    return TrackPlan(
        goal=_scalar_text(entry.get("goal")),
        theme=_scalar_text(entry.get("theme")),
        focus=texts("focus"),
        deliverables=texts("deliverables"),
        domain=_scalar_text(entry.get("domain")),
        domain_options=texts("domain_options"),
    )


def _clean_meta(meta: dict[str, Any], title: str) -> dict[str, Any]:
    """Return the meta MkDocs and Material get: text where they expect text."""
    clean = dict(meta)
    clean["title"] = title  # a YAML date or number here breaks Material's tags plugin
    if "tags" in clean:
        tags = clean["tags"]
        clean["tags"] = [str(t) for t in tags] if isinstance(tags, list) else [str(tags)]
    for key in ("date", "shipped"):
        if isinstance(clean.get(key), (dt.date, dt.datetime)):
            clean[key] = clean[key].isoformat()
    return clean


def _short(value: Any) -> str:
    # reprlib, not repr: YAML aliases can nest a small block into a huge list.
    text = f"'{value}'" if isinstance(value, dt.date) else _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
