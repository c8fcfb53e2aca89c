"""`extra.trellis` settings: defaults, valid values, and messages naming the full key path."""

from __future__ import annotations

import pytest

from trellis.guardrails import Limits
from trellis.settings import Settings, parse_settings


def test_defaults() -> None:
    """No `extra.trellis` gives the documented defaults and no problem."""
    assert parse_settings({}) == (Settings(), [])


def test_values_are_read() -> None:
    """Every setting is read from its key."""
    settings, problems = parse_settings({"trellis": {
        "year": 2027,
        "guardrails": {"themes_per_quarter": 2, "domains_per_half_year": 3, "level": "warn"},
        "publish": "all",
        "pruned_nav": "ignore",
        "public_assets": ["assets", "img/"],
    }})
    assert problems == []
    assert settings == Settings(
        year=2027, limits=Limits(2, 3), breach_level="warn", publish="all",
        pruned_nav="ignore", public_assets=("assets/", "img/"),
    )


@pytest.mark.parametrize(
    ("trellis", "message"),
    [
        ({"year": "soon"}, "extra.trellis.year is 'soon'; expected a year such as 2026"),
        ({"guardrails": {"themes_per_quarter": 0}}, "extra.trellis.guardrails.themes_per_quarter is 0; expected a whole number of at least 1"),
        ({"guardrails": {"level": "loud"}}, "extra.trellis.guardrails.level is 'loud'; expected one of warn, info, ignore"),
        ({"guardrails": {"domains": 1}}, "extra.trellis.guardrails.domains is not a guardrail setting"),
        ({"publish": "everything"}, "extra.trellis.publish is 'everything'; expected one of essays, all"),
        ({"colour": "green"}, "extra.trellis.colour is not a Trellis setting; expected one of guardrails, notebooks, pruned_nav, public_assets, publish, year"),
    ],
    ids=["year", "limit", "level", "unknown-guardrail", "publish", "unknown-key"],
)
def test_bad_values_name_the_key_path(trellis: dict, message: str) -> None:
    """A bad setting is reported with its full key path and what was expected; defaults are kept."""
    settings, problems = parse_settings({"trellis": trellis})
    assert problems == [message]
    assert settings.limits == Limits()
