"""HTML for what Trellis adds to a page. Takes finished data; never reads notes."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .dashboards import QuarterSummary, TrackSummary, YearSummary, year_position
from .guardrails import Breach
from .notes import Note
from .publishing import reading_minutes

Href = Callable[[str], "str | None"]  # src_uri -> URL relative to the page, or None when not built

_TRACK_NAMES = {"technical": "AI / ML (primary)", "non-technical": "Non-technical (secondary)"}


def _link(href: Href, uri: str | None, text: str) -> str:
    url = href(uri) if uri else None
    return f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text)


def progress_bar(done: int, total: int) -> str:
    """Return a pymdownx-style progress bar: done out of total."""
    percent = round(100 * done / total) if total else 0
    step = percent - percent % 20
    return (
        f'<div class="progress progress-{step}plus" data-done="{done}" data-total="{total}">'
        f'<div class="progress-bar" style="width:{percent}%">'
        f'<p class="progress-label">{done}/{total}</p></div></div>'
    )


def breaches_list(breaches: tuple[Breach, ...], href: Href, title: Callable[[str], str]) -> str:
    if not breaches:
        return ""
    items = []
    for breach in breaches:
        named = ", ".join(_link(href, uri, title(uri)) for uri in breach.notes)
        items.append(
            f'<li class="trellis-guardrail" data-rule="{breach.rule}">'
            f"⚠ {escape(breach.message)}<br><small>Notes: {named}</small></li>"
        )
    return f'<ul class="trellis-breaches">{"".join(items)}</ul>'


def year_dashboard(year: YearSummary, href: Href, title: Callable[[str], str]) -> str:
    """Return the year dashboard: four quarters side by side and a timeline."""
    cards = []
    for q in year.quarters:
        cards.append(
            f'<section class="trellis-quarter trellis-{q.phase}" data-quarter="{q.quarter}" '
            f'data-shipped="{q.shipped}" data-total="{q.total}" data-overdue="{q.overdue}" '
            f'data-breaches="{len(q.breaches)}" data-bridges="{q.bridges}">'
            f"<h3>{_link(href, q.page, q.title)}</h3>"
            f'<p class="trellis-phase">{q.quarter.months} · {q.phase}</p>'
            + (f'<p class="trellis-theme"><em>{escape(q.theme)}</em></p>' if q.theme else "")
            + progress_bar(q.shipped, q.total)
            + f'<p class="trellis-count">{q.shipped} of {q.total} deliverables shipped'
            + (f", {q.overdue} not shipped" if q.overdue else "")
            + f" · {q.bridges} cross-track link{'s' if q.bridges != 1 else ''}</p>"
            + breaches_list(q.breaches, href, title)
            + "</section>"
        )
    return (
        f'<div class="trellis-dashboard trellis-year" data-year="{year.year}" '
        f'data-today="{year.today.isoformat()}" data-shipped="{year.shipped}" data-total="{year.total}" '
        f'data-breaches="{len(year.breaches)}">'
        + timeline(year)
        + f'<div class="trellis-quarters">{"".join(cards)}</div>'
        + f'<p class="trellis-count">{year.shipped} of {year.total} deliverables shipped in {year.year}.</p>'
        + "</div>"
    )


def timeline(year: YearSummary) -> str:
    """Return the four quarters as a bar, with a marker where today falls."""
    segments = "".join(
        f'<span class="trellis-segment trellis-{q.phase}">Q{q.quarter.number}</span>' for q in year.quarters
    )
    position = year_position(year.today, year.year)
    marker = (
        f'<span class="trellis-today" style="left:{position}%" title="{year.today.isoformat()}"></span>'
        if position is not None else ""
    )
    return f'<div class="trellis-timeline" aria-label="{year.year} timeline">{segments}{marker}</div>'


def quarter_dashboard(q: QuarterSummary, href: Href, title: Callable[[str], str]) -> str:
    """Return a quarter's plan and, per track, its deliverables."""
    tracks = "".join(_track_section(t, href, title) for t in q.tracks)
    return (
        f'<div class="trellis-dashboard trellis-quarter-dashboard" data-quarter="{q.quarter}" '
        f'data-shipped="{q.shipped}" data-total="{q.total}" data-phase="{q.phase}" '
        f'data-bridges="{q.bridges}">'
        f'<p class="trellis-phase">{q.quarter.months} {q.quarter.year} · {q.phase}'
        + (f" · theme: <em>{escape(q.theme)}</em>" if q.theme else "")
        + "</p>"
        + progress_bar(q.shipped, q.total)
        + f'<p class="trellis-count trellis-bridges">{q.bridges} cross-track '
        + f"link{'s' if q.bridges != 1 else ''} (bridges) written in this quarter's notes</p>"
        + breaches_list(q.breaches, href, title)
        + tracks
        + "</div>"
    )


def _track_section(t: TrackSummary, href: Href, title: Callable[[str], str]) -> str:
    plan = t.plan
    parts = [f"<h3>{escape(_TRACK_NAMES[t.track])}</h3>"]
    if plan and plan.goal:
        parts.append(f'<p class="trellis-goal"><strong>Goal:</strong> {escape(plan.goal)}</p>')
    if plan and plan.theme:
        parts.append(f'<p class="trellis-theme"><strong>Theme:</strong> <em>{escape(plan.theme)}</em></p>')
    if plan and plan.domain:
        parts.append(f'<p class="trellis-domain"><strong>Domain:</strong> {escape(plan.domain)}</p>')
    elif plan and plan.domain_options:
        options = "".join(f"<li>{escape(o)}</li>" for o in plan.domain_options)
        parts.append(
            '<div class="trellis-domain-options"><strong>Domain — pick one</strong> '
            f"(write <code>domain:</code> on this page once chosen):<ul>{options}</ul></div>"
        )
    if plan and plan.focus:
        parts.append("<p><strong>Focus</strong></p><ul class=\"trellis-focus\">"
                     + "".join(f"<li>{escape(f)}</li>" for f in plan.focus) + "</ul>")
    if t.optional:
        parts.append('<p class="trellis-optional">Optional: nothing to ship in this track, '
                     "so it is left out of progress.</p>")
    else:
        parts.append(_deliverables_table(t, href, title))
    if t.working_notes:
        notes = "".join(f"<li>{_link(href, uri, title(uri))}</li>" for uri in t.working_notes)
        parts.append(f'<p><strong>Working notes</strong></p><ul class="trellis-working">{notes}</ul>')
    return (
        f'<section class="trellis-track trellis-{t.track}" data-track="{t.track}" '
        f'data-shipped="{t.shipped}" data-total="{t.total}">{"".join(parts)}</section>'
    )


def _deliverables_table(t: TrackSummary, href: Href, title: Callable[[str], str]) -> str:
    rows = []
    for row in t.deliverables:
        status = row.status.replace(" ", "-")
        marks = ' <span class="trellis-overdue">not shipped</span>' if row.overdue else ""
        working = ", ".join(_link(href, uri, title(uri)) for uri in row.working_notes) or "—"
        rows.append(
            f'<tr class="trellis-deliverable" data-status="{escape(status)}">'
            f"<td>{_link(href, row.note, row.title)}</td>"
            f'<td><span class="trellis-status trellis-status-{escape(status)}">{escape(row.status)}</span>{marks}</td>'
            f"<td>{working}</td></tr>"
        )
    return (
        '<table class="trellis-deliverables"><thead><tr><th>Deliverable</th><th>Status</th>'
        f'<th>Working notes linking here</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def backlinks_block(target: Note, sources: list[tuple[Note, str]], href: Href) -> str:
    """Return the notes linking here, each with its track, quarter and the sentence it links in."""
    if not sources:
        return ""
    items = []
    for note, context in sources:
        bridge = target.track and note.track and note.track != target.track
        facts = " · ".join(str(x) for x in (note.track, note.quarter) if x)
        items.append(
            f'<li class="trellis-backlink{" trellis-bridge" if bridge else ""}" data-track="{note.track or ""}">'
            f"{_link(href, note.src_uri, note.title)}"
            + (f' <small class="trellis-facts">{escape(facts)}</small>' if facts else "")
            + (f'<br><q class="trellis-context">{escape(context)}</q>' if context else "")
            + "</li>"
        )
    return (
        f'<aside class="trellis-backlinks" data-count="{len(sources)}"><h2 id="trellis-backlinks">'
        f'Linked from</h2><ul>{"".join(items)}</ul></aside>'
    )


def essays_block(essays: list[Note], href: Href, public: bool) -> str:
    """Return the essay index: newest first, with date, summary and reading time."""
    if not essays:
        return ('<div class="trellis-essays" data-count="0"><p>No essays yet. An essay is a note with '
                "<code>audience: general</code>; it is published once its status is "
                "<code>shipped</code>.</p></div>")
    items = []
    for note in essays:
        day = note.shipped or note.date
        draft = "" if note.status == "shipped" else (
            f' <span class="trellis-draft trellis-status trellis-status-{note.status or "idea"}">'
            f"draft · {escape(note.status or 'no status')}</span>"
        )
        items.append(
            f'<li class="trellis-essay" data-status="{note.status or ""}">{_link(href, note.src_uri, note.title)}{draft}'
            + (f' <time datetime="{day.isoformat()}">{day.isoformat()}</time>' if day else "")
            + f' <small class="trellis-reading">{reading_minutes(note.body)} min read</small>'
            + (f'<br><span class="trellis-summary">{escape(note.summary)}</span>' if note.summary else "")
            + "</li>"
        )
    return f'<div class="trellis-essays" data-count="{len(essays)}"><ul>{"".join(items)}</ul></div>'
