"""UK local time inside SQL: SQLite has no time-zone database, so the clock changes of the
years asked for are read from zoneinfo (Europe/London) and handed to the query as a CASE.

`local_sql("i.occurred_start", 2025, 2026)` is an SQL expression giving the UK wall-clock
time ('YYYY-MM-DD HH:MM:SS') of a stored UTC time, right on both sides of every change.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from opal_desktop.domain.timeutil import LONDON, to_utc_text


def offset_spans(first_year: int, last_year: int) -> list[tuple[str, str, int]]:
    """(from UTC, until UTC, offset in hours) for each span of a non-zero UK offset."""
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    spans: list[tuple[str, str, int]] = []
    current = _offset(moment)
    since = moment
    while moment < end:
        step = moment + timedelta(days=1)
        if _offset(step) != current:
            hour = moment
            while _offset(hour) == current:  # the change falls on an hour boundary in the UK
                hour += timedelta(hours=1)
            if current:
                spans.append((to_utc_text(since), to_utc_text(hour), current))
            since, current, step = hour, _offset(hour), hour
        moment = step
    if current:
        spans.append((to_utc_text(since), to_utc_text(end), current))
    return spans


def _offset(moment: datetime) -> int:
    offset = moment.astimezone(LONDON).utcoffset()
    return int(offset.total_seconds() // 3600) if offset else 0


def local_sql(column: str, first_year: int, last_year: int) -> str:
    """SQL for the UK wall-clock time of `column` (stored UTC ISO text); literals only."""
    cases = " ".join(
        f"WHEN {column} >= '{start}' AND {column} < '{until}' THEN '+{hours} hours'"
        for start, until, hours in offset_spans(first_year, last_year)
    )
    shift = f"CASE {cases} ELSE '+0 hours' END" if cases else "'+0 hours'"
    return f"datetime(substr({column}, 1, 19), {shift})"
