"""Printing incidents for `incidents list` and `incidents show`: tables for people, JSON for scripts.

Money is shown in pounds, times in UK time with GMT/BST; a missing crime reference says
MISSING wherever it would be read.
"""

from __future__ import annotations

import dataclasses
import enum
import textwrap
from datetime import date, datetime

from opal_desktop.cli.context import Context
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.domain import catalogue
from opal_desktop.domain.incident import Incident, problems
from opal_desktop.domain.money import format_pence
from opal_desktop.domain.reference import police_forces
from opal_desktop.domain.timeutil import show
from opal_desktop.incidents.csv_values import incident_type_id

MISSING = "MISSING"


def print_list(ctx: Context) -> int:
    from opal_desktop.incidents import listing, search

    args = ctx.args
    flt = listing.IncidentFilter(
        search=args.search,
        date_from=args.date_from,
        date_to=args.date_to,
        types=tuple(incident_type_id(t) for t in args.type),
        status=args.status or "",
        missing_crime_reference=args.missing_crime_ref,
        store_codes=tuple(code.strip().upper() for code in args.store),
        sort=listing.SortKey(_sort_key(args.sort)),
        descending=not args.ascending,
    )
    with ctx.signed_in() as vault:
        total = listing.count(vault, flt)
        rows = listing.page(vault, flt, 0, args.limit)
        retailers = listing.organisation_count(vault) > 1  # two retailers may share a store code
    if ctx.json:
        emit_json(
            {
                "total": total,
                "incidents": [
                    {**r.to_json(), "snippet": search.plain(r.snippet)}
                    if flt.search
                    else r.to_json()
                    for r in rows
                ],
            }
        )
        return 0
    if not rows:
        print("No incidents match." if total == 0 else "No incidents on this page.")
        return 0
    types = catalogue.incident_types()
    headers = [
        "REFERENCE",
        "OCCURRED (UK)",
        "TYPE",
        "LOSS",
        "CRIME REF",
        "STILLS",
        "OFFENDERS",
        "STATUS",
    ]
    table = [
        [
            r.reference,
            show(r.occurred_start, with_zone=True) or "not set",
            catalogue.label(types, r.incident_type) if r.incident_type else "not set",
            format_pence(r.loss_pence),
            "yes" if r.has_crime_reference else MISSING,
            r.stills_count,
            r.offender_count,
            r.status,
        ]
        + ([f"{r.store_code} · {r.retailer}"] if retailers else [])
        + ([_short(search.plain(r.snippet))] if flt.search else [])
        for r in rows
    ]
    extra = (["STORE · RETAILER"] if retailers else []) + (["MATCH"] if flt.search else [])
    print_table(headers + extra, table)
    print(f"\nShowing {len(rows):,} of {total:,} incident{'s' if total != 1 else ''}.")
    return 0


def _sort_key(name: str) -> str:
    from opal_desktop.cli.cmd_incidents import SORTS

    return SORTS[name]


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_incident(ctx: Context) -> int:
    from opal_desktop.incidents import records
    from opal_desktop.incidents.history import incident_history

    with ctx.signed_in() as vault:
        incident = records.get(vault, ctx.args.reference)
        custom = records.custom_tactics(vault)
        history = incident_history(vault, ctx.args.reference) if ctx.args.history else None
    if ctx.json:
        doc = incident_json(incident)
        if history is not None:
            doc["history"] = [h.to_json() for h in history]
        emit_json(doc)
        return 0
    _print_details(incident, custom)
    if history is not None:
        _heading("History")
        if not history:
            print("No audit entries about this incident.")
            return 0
        print_table(
            ["WHEN (UK)", "WHO", "ACTION", "WHAT"],
            [
                (show(datetime.fromisoformat(h.at), with_zone=True), h.actor, h.action, h.summary)
                for h in history
            ],
        )
    return 0


def _force_name(force_id: str) -> str:
    return next((f.name for f in police_forces() if f.id == force_id), force_id) or "not set"


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "not set"


def _print_details(incident: Incident, custom: dict[str, str]) -> None:
    police, violence = incident.police, incident.violence
    occurred = show(incident.occurred_start, with_zone=True) or "not set"
    if incident.occurred_end:
        occurred += f" until {show(incident.occurred_end, with_zone=True)}"
    types = catalogue.incident_types()
    print_facts(
        [
            ("Reference", incident.reference),
            ("Store", incident.store_code),
            ("Retailer", incident.retailer or "not recorded"),
            ("Status", incident.status.label),
            ("Occurred", occurred),
            ("Logged", show(incident.reported_at, with_zone=True) or "not set"),
            ("Where", incident.location or "not set"),
            (
                "Type",
                catalogue.label(types, incident.incident_type)
                if incident.incident_type
                else "not set",
            ),
            (
                "Tactics",
                ", ".join(catalogue.label(catalogue.tactics(custom), t) for t in incident.tactics)
                or "none",
            ),
            ("Review date", _day(incident.review_date)),
            ("Created", f"{show(incident.created_at, with_zone=True)} by {incident.created_by}"),
            (
                "Last changed",
                f"{show(incident.updated_at, with_zone=True)} by {incident.updated_by}",
            ),
        ]
    )
    _heading("Police")
    print_facts(
        [
            ("Force", _force_name(police.force_id)),
            ("Crime reference", police.crime_reference or f"{MISSING}: add it when the force gives one"),
            ("Incident (log) number", police.incident_number or "none"),
            ("Reported to police", _day(police.reported_on)),
            ("Officer", " ".join(p for p in (police.officer_name, police.collar_number and f"(collar {police.collar_number})") if p) or "not known"),
            ("Attended", "not known" if police.attended is None else police.attended),
        ]
    )  # fmt: skip
    _heading("Goods and loss")
    if incident.goods:
        print_table(
            ["DESCRIPTION", "SKU", "QTY", "UNIT", "TOTAL"],
            [
                (g.description, g.sku or "-", g.quantity, format_pence(g.unit_pence), format_pence(g.total_pence))
                for g in incident.goods
            ],
        )  # fmt: skip
        print()
    print_facts(
        [
            ("Stolen", format_pence(incident.stolen_pence)),
            ("Recovered", format_pence(incident.recovered_pence)),
            ("Damage", format_pence(incident.damage_pence)),
            ("Loss", format_pence(incident.loss_pence)),
        ]
    )
    _heading(f"Offenders ({incident.offender_count})")
    for number, offender in enumerate(incident.offenders, start=1):
        ic = f" [{offender.ic_code}]" if offender.ic_code else ""
        print(f"{number}. {offender.summary() or 'no description'}{ic}")
    if not incident.offenders:
        print("No descriptions.")
    _heading("Vehicles")
    if incident.vehicles:
        print_table(
            ["VRM", "MAKE", "MODEL", "COLOUR", "DIRECTION"],
            [(v.vrm or "-", v.make, v.model, v.colour, v.direction) for v in incident.vehicles],
        )
    else:
        print("None seen.")
    if violence.threats or violence.weapon_type or violence.injuries or violence.staff_involved:
        _heading("Violence")
        print_facts(
            [
                ("Threats", violence.threats),
                ("Weapon", violence.weapon_type or "none"),
                ("Injuries", violence.injuries or "none"),
                ("Staff involved", violence.staff_involved or "not recorded"),
            ]
        )
    _heading("Witnesses")
    print(incident.witnesses or "None recorded.")
    _heading("What happened")
    print(textwrap.fill(incident.narrative, 88) if incident.narrative else "Not described yet.")
    to_do = problems(incident, custom)
    if to_do:
        _heading("Still to do")
        for problem in to_do:
            print(f"- {problem.message}")


def _heading(title: str) -> None:
    print(f"\n{title}\n{'-' * len(title)}")


def incident_json(incident: Incident) -> dict[str, object]:
    """Every field, dates as ISO 8601 (UTC for times), money in pence, plus the totals."""
    doc = _plain(dataclasses.asdict(incident))
    assert isinstance(doc, dict)
    for line, goods in zip(doc["goods"], incident.goods, strict=True):
        line["total_pence"] = goods.total_pence
    doc.update(
        stolen_pence=incident.stolen_pence,
        loss_pence=incident.loss_pence,
        has_crime_reference=incident.has_crime_reference,
    )
    return doc


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return value
