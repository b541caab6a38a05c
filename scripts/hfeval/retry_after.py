"""The Retry-After header, read once for every HTTP client we run (the Hub gateway and the
Artificial Analysis client): both honour a server's wait the same way."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """A Retry-After header in seconds: delay-seconds ("120") or an HTTP date (RFC 9110).
    None when absent or unreadable; a date in the past is 0."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    with contextlib.suppress(ValueError):
        return max(0.0, float(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
