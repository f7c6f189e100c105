"""Times are stored in UTC and shown in UK time (Europe/London: GMT in winter, BST in summer)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from opal_desktop.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")

_UK_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc_text(moment: datetime) -> str:
    """Storage form: ISO-8601 in UTC with 'Z'-free offset, sortable as text."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: say which zone it is in")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_utc_text(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def london_to_utc(local: datetime) -> datetime:
    """A wall-clock time in the UK to UTC. In the autumn hour that happens twice, the first is meant."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    return local.replace(tzinfo=LONDON, fold=0).astimezone(UTC)


def utc_to_london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def show(moment: datetime | None, with_zone: bool = False) -> str:
    """'21/11/2026 18:05' in UK time (with 'GMT'/'BST' if asked)."""
    if moment is None:
        return ""
    local = utc_to_london(moment)
    text = local.strftime("%d/%m/%Y %H:%M")
    return f"{text} {local.tzname()}" if with_zone else text


def parse_uk_date(text: str, what: str = "date") -> date:
    """dd/mm/yyyy (also dd-mm-yy, dd.mm.yyyy) or ISO yyyy-mm-dd."""
    raw = text.strip()
    match = _UK_DATE.match(raw)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000
            return date(year, month, day)
        iso = _ISO_DATE.match(raw)
        if iso:
            return date(*(int(g) for g in iso.groups()))
    except ValueError:
        pass
    raise InvalidInput(
        f"The {what} '{raw}' is not a date. Type it as day/month/year, like 21/11/2026."
    )


def parse_uk_datetime(text: str, what: str = "date and time") -> datetime:
    """'21/11/2026 18:05' (UK time) -> aware UTC datetime. A date alone means midnight."""
    raw = " ".join(text.replace("T", " ").split())
    date_part, _, time_part = raw.partition(" ")
    day = parse_uk_date(date_part, what)
    clock = time(0, 0)
    if time_part:
        match = _TIME.match(time_part)
        if not match:
            raise InvalidInput(
                f"The time in '{raw}' is not a time. Type it as hours:minutes, like 18:05."
            )
        hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
        if hours > 23 or minutes > 59 or seconds > 59:
            raise InvalidInput(f"The time in '{raw}' is not a time of day.")
        clock = time(hours, minutes, seconds)
    return london_to_utc(datetime.combine(day, clock))


def add_months(day: date, months: int) -> date:
    """Same day N months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
