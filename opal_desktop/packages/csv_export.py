"""incidents.csv: one row per incident, for spreadsheets and for loading into other systems.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return) as a
formula, so text from incidents (narratives, names typed by staff, imported CSVs) could run
as a formula on the analyst's machine. Every text cell starting with one of those characters
gets an apostrophe in front (OWASP "CSV injection"); README.txt says so, and package.json
keeps the exact values. Numbers are written as numbers. UTF-8 with a byte-order mark so
Excel shows £ and accents; rows end CRLF as RFC 4180 says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Column = tuple[str, Callable[[dict[str, Any]], object]]


def neutralise(value: str) -> str:
    """'=HYPERLINK(…)' -> "'=HYPERLINK(…)"; anything else unchanged."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _join(items: list[str]) -> str:
    return "; ".join(i for i in items if i)


def _offender(o: dict[str, Any]) -> str:
    keys = ("sex", "age_range", "height", "build", "hair", "clothing", "marks")
    return ", ".join(str(o[k]) for k in keys if o.get(k))


def _vehicle(v: dict[str, Any]) -> str:
    return " ".join(str(v[k]) for k in ("vrm", "colour", "make", "model") if v.get(k))


COLUMNS: tuple[Column, ...] = (
    ("reference", lambda i: i["reference"]),
    ("uuid", lambda i: i["uuid"]),
    ("version", lambda i: i["version"]),
    ("store_code", lambda i: i["store_code"]),
    ("retailer", lambda i: i.get("retailer", "")),  # two retailers may both have a store LDS01
    ("status", lambda i: i["status"]),
    ("occurred_start_utc", lambda i: i.get("occurred_start") or ""),
    ("occurred_end_utc", lambda i: i.get("occurred_end") or ""),
    ("reported_at_utc", lambda i: i.get("reported_at") or ""),
    ("incident_type", lambda i: i.get("incident_type", "")),
    ("location", lambda i: i.get("location", "")),
    ("tactics", lambda i: _join(i.get("tactics", []))),
    (
        "goods",
        lambda i: _join([f"{g['quantity']} x {g['description']}" for g in i.get("goods", [])]),
    ),
    ("stolen_pence", lambda i: i["stolen_pence"]),
    ("recovered_pence", lambda i: i.get("recovered_pence", 0)),
    ("damage_pence", lambda i: i.get("damage_pence", 0)),
    ("loss_pence", lambda i: i["loss_pence"]),
    ("police_force", lambda i: i["police"].get("force_id", "")),
    ("crime_reference", lambda i: i["police"].get("crime_reference", "")),
    ("police_incident_number", lambda i: i["police"].get("incident_number", "")),
    ("reported_to_police_on", lambda i: i["police"].get("reported_on") or ""),
    ("officer", lambda i: i["police"].get("officer_name", "")),
    ("collar_number", lambda i: i["police"].get("collar_number", "")),
    ("offender_count", lambda i: i.get("offender_count", 0)),
    ("offenders", lambda i: _join([_offender(o) for o in i.get("offenders", [])])),
    ("vehicles", lambda i: _join([_vehicle(v) for v in i.get("vehicles", [])])),
    ("threats", lambda i: "yes" if i.get("violence", {}).get("threats") else "no"),
    ("weapon", lambda i: i.get("violence", {}).get("weapon_type", "")),
    ("injuries", lambda i: i.get("violence", {}).get("injuries", "")),
    ("witnesses", lambda i: i.get("witnesses", "")),
    ("narrative", lambda i: i.get("narrative", "")),
    ("exhibits", lambda i: i.get("_exhibit_refs", "")),
)


def incidents_csv(data: dict[str, Any]) -> bytes:
    """The incidents of a package.json document as CSV bytes (UTF-8 with BOM, CRLF)."""
    refs = {e["uuid"]: e["reference"] for e in data.get("exhibits", [])}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    for incident in data["incidents"]:
        row = incident | {
            "_exhibit_refs": _join([refs.get(u, u) for u in incident.get("exhibits", [])])
        }
        values = [get(row) for _, get in COLUMNS]
        writer.writerow(
            [neutralise(v) if isinstance(v, str) else ("" if v is None else v) for v in values]
        )
    return out.getvalue().encode("utf-8-sig")
