"""What the series screens ask the worker to do. Everything here runs on the worker thread.

The summary arrives already in words (UK dates, pounds, store and force names, tactic
labels), and the link chart as chart.py's Graph (drawn natively; "Save chart as image…"
writes chart.py's PNG of the same graph).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opal_desktop.linking.chart import Graph
    from opal_desktop.linking.models import SeriesSummary
    from opal_desktop.vault.vault import Vault

CHART_SIZE = (1600, 900)


@dataclass(frozen=True)
class TimelineRow:
    reference: str
    when: str  # UK date and time
    store: str
    incident_type: str
    loss: str
    people: str
    vehicles: str
    crime_reference: str  # "Yes" or "Missing"


@dataclass(frozen=True)
class SeriesData:
    summary: SeriesSummary
    facts: list[tuple[str, str]]  # (heading, value) in reading order
    timeline: list[TimelineRow]
    chart: Graph


def series_rows(vault: Vault) -> list[tuple[str, str, int]]:
    from opal_desktop.linking import series

    return series.list_series(vault)


def _uk_day(iso_utc: str | None) -> str:
    from opal_desktop.domain.timeutil import from_utc_text, show

    return show(from_utc_text(iso_utc)).split(" ")[0] if iso_utc else ""


def _span(summary: SeriesSummary) -> str:
    from opal_desktop.domain.timeutil import from_utc_text, utc_to_london

    if not summary.first or not summary.last:
        return "No dates yet"
    first, last = _uk_day(summary.first), _uk_day(summary.last)
    days = (
        utc_to_london(from_utc_text(summary.last)).date()
        - utc_to_london(from_utc_text(summary.first)).date()
    ).days + 1
    return first if first == last else f"{first} to {last} ({days} days)"


def facts(vault: Vault, summary: SeriesSummary) -> list[tuple[str, str]]:
    from opal_desktop.domain import catalogue
    from opal_desktop.domain.money import format_pence
    from opal_desktop.domain.reference import force_by_id
    from opal_desktop.incidents import listing, records

    names = {s.code: s.name for s in listing.stores(vault)}
    choices = catalogue.tactics(records.custom_tactics(vault))
    count = len(summary.incident_references)
    missing = summary.missing_crime_references
    return [
        ("Incidents", str(count)),
        ("Dates", _span(summary)),
        ("Total loss", format_pence(summary.total_loss_pence)),
        (
            "Stores",
            ", ".join(f"{c} {names.get(c, '')}".strip() for c in summary.store_codes) or "None",
        ),
        (
            "Police force areas",
            ", ".join(force_by_id(f).name for f in summary.force_ids) or "None recorded",
        ),
        (
            "Tactics",
            ", ".join(f"{catalogue.label(choices, t)} ({n})" for t, n in summary.tactics)
            or "None recorded",
        ),
        ("People", ", ".join(summary.subject_references) or "None yet"),
        ("Vehicles", ", ".join(summary.vrms) or "None yet"),
        ("Crime references", f"Missing for {', '.join(missing)}" if missing else "All recorded"),
    ]


def load_series(vault: Vault, reference: str) -> SeriesData:
    from opal_desktop.domain import catalogue
    from opal_desktop.domain.money import format_pence
    from opal_desktop.domain.timeutil import show
    from opal_desktop.linking import chart, series

    found = series.summary(vault, reference)
    types = catalogue.incident_types()
    timeline = [
        TimelineRow(
            reference=str(row["reference"]),
            when=show(row["occurred_start"]) if row["occurred_start"] else "Not set",
            store=str(row["store_code"]),
            incident_type=catalogue.label(types, str(row["incident_type"]))
            if row["incident_type"]
            else "",
            loss=format_pence(int(row["loss_pence"])),
            people=", ".join(row["subjects"]),
            vehicles=", ".join(row["vrms"]),
            crime_reference="Yes" if row["has_crime_reference"] else "Missing",
        )
        for row in series.timeline(vault, reference)
    ]
    return SeriesData(found, facts(vault, found), timeline, chart.series_graph(vault, reference))


def save_chart(vault: Vault, reference: str, path: Path) -> Path:
    """Write the link chart as a PNG at `path` (whole or not at all)."""
    from opal_desktop.errors import BadFile
    from opal_desktop.fileio import atomic_write
    from opal_desktop.linking import chart

    if path.suffix.lower() != ".png":
        path = path.with_name(path.name + ".png")
    data = chart.render_png(chart.series_graph(vault, reference), *CHART_SIZE)
    try:
        atomic_write(path, data, mode=0o644)
    except OSError as error:
        raise BadFile(
            f"The chart could not be saved in {path.parent} ({error.strerror}). Choose another folder."
        ) from error
    return path


def remove_member(vault: Vault, reference: str, kind: str, key: str, reason: str) -> None:
    from opal_desktop.linking import series

    series.remove_member(vault, reference, kind, key, reason)
