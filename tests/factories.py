"""Note factories for unit tests of the logic (no MkDocs)."""

from __future__ import annotations

from typing import Any

from trellis.notes import Note, TrackPlan
from trellis.quarters import parse_quarter


def make_note(src_uri: str, **fields: Any) -> Note:
    """Return a note; `quarter` may be given as text, `plan` as {track: {key: value}}."""
    if isinstance(fields.get("quarter"), str):
        fields["quarter"] = parse_quarter(fields["quarter"], 2026)
    if isinstance(fields.get("plan"), dict):
        fields["plan"] = {
            track: TrackPlan(**{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()})
            for track, entry in fields["plan"].items()
        }
    if fields.get("deliverable") and "status" not in fields:
        fields["status"] = "planned"
    fields.setdefault("title", src_uri.rsplit("/", 1)[-1].removesuffix(".md"))
    return Note(src_uri=src_uri, **fields)
