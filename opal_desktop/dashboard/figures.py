"""The dashboard's figures as plain data: what the screen draws, the report prints and
`stats --json` writes. Money in pence; times of day in UK local time. Each item names the
`Drill` that opens the incident list on exactly the incidents it counts (see drill.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from opal_desktop.dashboard.scope import Scope

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Drill:
    """What a click on a figure lists: a kind and its key, e.g. ("tactic", "booster-bag")."""

    kind: str
    key: str = ""
    label: str = ""  # what the list says it is showing


@dataclass(frozen=True)
class Week:
    start: date
    end: date  # inclusive (the last week of a period may be short)
    incidents: int
    loss_pence: int
    last_year_incidents: int | None  # None without a period to compare with
    last_year_loss_pence: int | None

    @property
    def drill(self) -> Drill:
        return Drill("week", self.start.isoformat(), f"week of {self.start:%d/%m/%Y}")

    @property
    def drill_last_year(self) -> Drill:
        return Drill("week-last-year", self.start.isoformat(),
                     f"same week a year earlier than {self.start:%d/%m/%Y}")  # fmt: skip


@dataclass(frozen=True)
class Ranked:
    """One row of a top-N list: an offence type, a tactic or a line of goods."""

    key: str
    label: str
    incidents: int
    pence: int  # loss (types, tactics) or value taken (goods)
    drill: Drill


@dataclass(frozen=True)
class Repeat:
    """A subject or vehicle seen at two or more of the stores in scope."""

    key: str  # SUBJ-0003, or the normalised VRM
    label: str
    incidents: int
    stores: tuple[str, ...]
    force_areas: tuple[str, ...]
    drill: Drill


@dataclass(frozen=True)
class Waiting:
    reference: str
    store_code: str
    reported_on: date
    days: int  # days since it was reported, to the day the figures were made


@dataclass(frozen=True)
class SeriesReadiness:
    reference: str
    name: str
    incidents: int
    ready: bool
    blocking: int
    verdict: str
    drill: Drill


@dataclass(frozen=True)
class Readiness:
    with_crime_reference: int
    missing_crime_reference: int
    median_days_to_crime_reference: float | None  # None: no reference added after logging
    measured: int  # incidents the median is taken over
    waiting: tuple[Waiting, ...]  # reported to the police, no crime reference yet, oldest first
    waiting_total: int
    series: tuple[SeriesReadiness, ...] | None  # None: this person may not see series

    @property
    def share_with_crime_reference(self) -> float | None:
        total = self.with_crime_reference + self.missing_crime_reference
        return self.with_crime_reference / total if total else None


@dataclass(frozen=True)
class Figures:
    scope: Scope
    made_on: date
    incidents: int
    loss_pence: int
    weeks: tuple[Week, ...]
    heat: tuple[tuple[int, ...], ...]  # [weekday Monday=0][hour 0..23], UK local time
    types: tuple[Ranked, ...]
    tactics: tuple[Ranked, ...]
    goods: tuple[Ranked, ...]
    subjects: tuple[Repeat, ...]
    vehicles: tuple[Repeat, ...]
    readiness: Readiness
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        r = self.readiness
        share = r.share_with_crime_reference
        return {
            "scope": self.scope.to_json(),
            "made_on": self.made_on.isoformat(),
            "incidents": self.incidents,
            "loss_pence": self.loss_pence,
            "weeks": [
                {
                    "start": w.start.isoformat(),
                    "end": w.end.isoformat(),
                    "incidents": w.incidents,
                    "loss_pence": w.loss_pence,
                    "last_year_incidents": w.last_year_incidents,
                    "last_year_loss_pence": w.last_year_loss_pence,
                }
                for w in self.weeks
            ],
            "weekday_hour": {day: list(row) for day, row in zip(WEEKDAYS, self.heat, strict=True)},
            "top_types": [_ranked(x) for x in self.types],
            "top_tactics": [_ranked(x) for x in self.tactics],
            "top_goods": [_ranked(x, "value_pence") for x in self.goods],
            "repeat_subjects": [_repeat(x) for x in self.subjects],
            "repeat_vehicles": [_repeat(x) for x in self.vehicles],
            "readiness": {
                "with_crime_reference": r.with_crime_reference,
                "missing_crime_reference": r.missing_crime_reference,
                "share_with_crime_reference": round(share, 4) if share is not None else None,
                "median_days_to_crime_reference": r.median_days_to_crime_reference,
                "median_measured_over": r.measured,
                "waiting_total": r.waiting_total,
                "waiting_longest": [
                    {
                        "reference": w.reference,
                        "store": w.store_code,
                        "reported_on": w.reported_on.isoformat(),
                        "days": w.days,
                    }
                    for w in r.waiting
                ],
                "series": None
                if r.series is None
                else [
                    {
                        "reference": s.reference,
                        "name": s.name,
                        "incidents": s.incidents,
                        "ready": s.ready,
                        "blocking": s.blocking,
                        "verdict": s.verdict,
                    }
                    for s in r.series
                ],
            },
            "notes": list(self.notes),
        }


def _ranked(item: Ranked, money: str = "loss_pence") -> dict[str, object]:
    return {"key": item.key, "label": item.label, "incidents": item.incidents, money: item.pence}


def _repeat(item: Repeat) -> dict[str, object]:
    return {"key": item.key, "label": item.label, "incidents": item.incidents,
            "stores": list(item.stores), "force_areas": list(item.force_areas)}  # fmt: skip
