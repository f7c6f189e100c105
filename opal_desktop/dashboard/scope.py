"""What a dashboard, report or `stats` run covers: a period of UK dates and the stores.

The period defaults to the last full calendar month (or, for `stats` with no options, to all
time); the stores to every store the person may see (an officer: their own store only, the
same rule as the incident list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput
from opal_desktop.incidents.listing import IncidentFilter, stores
from opal_desktop.vault.vault import Vault

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class Period:
    start: date  # first UK day, inclusive
    end: date  # last UK day, inclusive
    label: str  # "November 2026"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def year_before(self) -> Period:
        return Period(
            _minus_year(self.start), _minus_year(self.end), f"{self.label}, a year earlier"
        )

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def month(year: int, number: int) -> Period:
    first = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), f"{_MONTHS[number - 1]} {year}")


def last_full_month(today: date) -> Period:
    previous = today.replace(day=1) - timedelta(days=1)
    return month(previous.year, previous.month)


def period_choices(today: date) -> list[Period | None]:
    """What the dashboard offers: the last full month first, the eleven before it, this
    month so far, the last 12 months, all time (None)."""
    months: list[Period | None] = []
    latest = last_full_month(today)
    year, number = latest.start.year, latest.start.month
    for _ in range(12):
        months.append(month(year, number))
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
    this_month = Period(today.replace(day=1), today, "This month so far")
    year_ago = Period(_minus_year(today) + timedelta(days=1), today, "Last 12 months")
    return [*months, this_month, year_ago, None]


def parse_period(text: str) -> Period | None:
    """'2026-11' (a month), '2026' (a year), '2026-10-01..2026-12-31', or 'all' (None)."""
    raw = text.strip().lower()
    if raw == "all":
        return None
    found = _MONTH.match(raw)
    if found and 1 <= int(found[2]) <= 12 and int(found[1]) >= 2000:
        return month(int(found[1]), int(found[2]))
    found = _YEAR.match(raw)
    if found and int(found[1]) >= 2000:
        year = int(found[1])
        return Period(date(year, 1, 1), date(year, 12, 31), str(year))
    found = _RANGE.match(raw)
    if found:
        try:
            start, end = date.fromisoformat(found[1]), date.fromisoformat(found[2])
        except ValueError:
            start = end = None  # type: ignore[assignment]
        if start is not None and end is not None and start <= end:
            label = f"{start:%d/%m/%Y} to {end:%d/%m/%Y}"
            return Period(start, end, label)
    raise InvalidInput(
        f"The period '{text.strip()}' is not one: give a month like 2026-11, a year like 2026, "
        "dates like 2026-10-01..2026-12-31, or 'all'."
    )


@dataclass(frozen=True)
class Scope:
    period: Period | None  # None: all time
    store_codes: tuple[str, ...]  # the stores counted (never empty once resolved)
    all_stores: bool  # True when these are every store the person may see

    def incident_filter(self, period: Period | None = None) -> IncidentFilter:
        """The incident list's filter for everything in scope (or the same stores in `period`)."""
        chosen = period if period is not None else self.period
        return IncidentFilter(
            date_from=chosen.start if chosen else None,
            date_to=chosen.end if chosen else None,
            # every store this person may see: no store clause (the list's own store rule still
            # holds officers to theirs), which lets SQLite scan rather than look up 100k rows
            store_codes=() if self.all_stores else self.store_codes,
        )

    @property
    def label(self) -> str:
        when = self.period.label if self.period else "All time"
        where = (
            "all stores"
            if self.all_stores and len(self.store_codes) > 1
            else ", ".join(self.store_codes)
        )
        return f"{when} · {where}"

    def to_json(self) -> dict[str, object]:
        return {
            "period": self.period.to_json() if self.period else None,
            "stores": list(self.store_codes),
        }


def visible_stores(vault: Vault) -> tuple[str, ...]:
    """Every store this person may see figures for: an officer their own, others all."""
    if not vault.can(Permission.EDIT_ANY_STORE_INCIDENTS):
        return (vault.actor.store_code,)
    return tuple(s.code for s in stores(vault))


def resolve(
    vault: Vault,
    *,
    period: str | None,
    store_list: str | None,
    today: date,
    default: str = "last-month",
) -> Scope:
    """The scope for `--period` and `--stores` as typed (None: the defaults)."""
    if period is None:
        chosen = last_full_month(today) if default == "last-month" else None
    else:
        chosen = parse_period(period)
    allowed = visible_stores(vault)
    if store_list is None or not store_list.strip():
        return Scope(chosen, allowed, True)
    return Scope(
        chosen, choose_stores(vault, [c for c in store_list.split(",") if c.strip()]), False
    )


def choose_stores(vault: Vault, codes: list[str]) -> tuple[str, ...]:
    """Validated store codes, upper case, in the order given, each once."""
    known = {s.code for s in stores(vault)}
    allowed = set(visible_stores(vault))
    chosen: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if code not in known:
            listed = ", ".join(sorted(known))
            raise InvalidInput(f"There is no store {code} in this vault; the stores are {listed}.")
        if code not in allowed:
            raise InvalidInput(
                f"You may see only {vault.actor.store_code}'s figures, not {code}'s: "
                "ask a manager for the other stores."
            )
        if code not in chosen:
            chosen.append(code)
    if not chosen:
        raise InvalidInput("No store given: name one or more store codes, like LDS01,YRK01.")
    return tuple(chosen)
