"""Trellis' settings under `extra.trellis` in mkdocs.yml: declared once, validated once."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .guardrails import Limits

Level = Literal["warn", "info", "ignore"]
LEVELS = ("warn", "info", "ignore")


@dataclass(frozen=True)
class Settings:
    """Every `extra.trellis` setting, with its default."""

    year: int | None = None  # the roadmap's year; a bare `quarter: Q1` means this year
    limits: Limits = field(default_factory=Limits)  # guardrails.themes_per_quarter / domains_per_half_year
    breach_level: Level = "info"  # guardrails.level: how a guardrail breach is logged
    publish: Literal["essays", "all"] = "essays"  # which notes the public build keeps
    pruned_nav: Level = "warn"  # public build: a hand-written nav entry naming a private note
    public_assets: tuple[str, ...] = ("assets/",)  # folders always copied to the public site


def parse_settings(extra: Any) -> tuple[Settings, list[str]]:
    """Return the settings and a problem per unusable value (a full key path each)."""
    problems: list[str] = []
    raw = extra.get("trellis", {}) if isinstance(extra, Mapping) else {}
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return Settings(), [f"extra.trellis is {raw!r}; expected a mapping of settings"]
    known = {"year", "guardrails", "publish", "pruned_nav", "public_assets", "notebooks"}  # notebooks: trellis.notebooks
    for key in raw:
        if key not in known:
            problems.append(f"extra.trellis.{key} is not a Trellis setting; expected one of {', '.join(sorted(known))}")

    settings = Settings()
    year = raw.get("year")
    if year is not None:
        if isinstance(year, int) and not isinstance(year, bool):
            settings = dataclasses.replace(settings, year=year)
        else:
            problems.append(f"extra.trellis.year is {year!r}; expected a year such as 2026")

    guardrails = raw.get("guardrails") or {}
    if not isinstance(guardrails, dict):
        problems.append(f"extra.trellis.guardrails is {guardrails!r}; expected a mapping")
        guardrails = {}
    limits = {}
    for key in ("themes_per_quarter", "domains_per_half_year"):
        value = guardrails.get(key)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            limits[key] = value
        else:
            problems.append(f"extra.trellis.guardrails.{key} is {value!r}; expected a whole number of at least 1")
    for key in guardrails:
        if key not in ("themes_per_quarter", "domains_per_half_year", "level"):
            problems.append(f"extra.trellis.guardrails.{key} is not a guardrail setting")
    settings = dataclasses.replace(settings, limits=Limits(**limits))

    for key, path, allowed in (
        ("level", "guardrails.level", LEVELS),
        ("pruned_nav", "pruned_nav", LEVELS),
        ("publish", "publish", ("essays", "all")),
    ):
        source = guardrails if key == "level" else raw
        value = source.get(key)
        if value is None:
            continue
        if value in allowed:
            name = "breach_level" if key == "level" else key
            settings = dataclasses.replace(settings, **{name: value})
        else:
            problems.append(f"extra.trellis.{path} is {value!r}; expected one of {', '.join(allowed)}")

    assets = raw.get("public_assets")
    if assets is not None:
        if isinstance(assets, list) and all(isinstance(a, str) for a in assets):
            settings = dataclasses.replace(settings, public_assets=tuple(a.strip("/") + "/" for a in assets))
        else:
            problems.append(f"extra.trellis.public_assets is {assets!r}; expected a list of folders")
    return settings, problems
