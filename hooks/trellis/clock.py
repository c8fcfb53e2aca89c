"""The one place that knows what "today" is."""

from __future__ import annotations

import datetime as dt
import os


def today(environ: dict[str, str] | None = None) -> dt.date:
    """Return the build's date: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            pass  # an unusable value falls back to the clock; the glue warns about it
    return dt.date.today()


def epoch_problem(environ: dict[str, str] | None = None) -> str | None:
    """Return a message when SOURCE_DATE_EPOCH is set but is not a Unix time."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return f"SOURCE_DATE_EPOCH is {epoch!r}; expected seconds since 1970, using today's date"
    return None
