"""How times and other values read on screen."""

from __future__ import annotations

from datetime import UTC, datetime


def local_time(iso_utc: str | None, empty: str = "Never") -> str:
    """'2026-11-21T14:02:03Z' -> '21 Nov 2026 14:02' in this PC's time zone."""
    if not iso_utc:
        return empty
    try:
        moment = datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return iso_utc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d %b %Y %H:%M")
