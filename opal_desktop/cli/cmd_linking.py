"""`subjects list|show`, `vehicles list|show`, `series list|show [--chart FILE.png]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context, file_errors
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.cli.parsing import add_command, subcommands

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.linking.models import Link


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    subjects = subcommands(
        add_command(commands, "subjects", common, summary="list and show subject profiles")
    )
    add_command(subjects, "list", common, summary="list subject profiles (people of interest)", handler=run_subjects,
                json_output=True, examples="  opal-desktop --user manager subjects list")  # fmt: skip
    show = add_command(subjects, "show", common, summary="show one profile with its links", handler=run_subject,
                       json_output=True, examples="  opal-desktop --user manager subjects show SUBJ-0007")  # fmt: skip
    show.add_argument("reference", metavar="REF")
    vehicles = subcommands(
        add_command(commands, "vehicles", common, summary="list and show vehicles")
    )
    add_command(vehicles, "list", common, summary="list vehicles by number plate", handler=run_vehicles,
                json_output=True, examples="  opal-desktop --user manager vehicles list")  # fmt: skip
    one = add_command(vehicles, "show", common, summary="show one vehicle with its links", handler=run_vehicle,
                      json_output=True, examples="  opal-desktop --user manager vehicles show 'YR19 KXD'")  # fmt: skip
    one.add_argument("vrm", metavar="VRM")
    series = subcommands(
        add_command(commands, "series", common, summary="list and show series (managers)")
    )
    add_command(series, "list", common, summary="list series of linked incidents", handler=run_series_list,
                json_output=True, examples="  opal-desktop --user manager series list")  # fmt: skip
    detail = add_command(
        series, "show", common, summary="show a series: summary, timeline, members", handler=run_series,
        json_output=True,
        examples="  opal-desktop --user manager series show SER-0001\n"
                 "  opal-desktop --user manager series show SER-0001 --chart ser-0001.png",
    )  # fmt: skip
    detail.add_argument("reference", metavar="REF")
    detail.add_argument(
        "--chart", type=Path, metavar="FILE.png", help="also save the link chart as a PNG"
    )


def run_subjects(ctx: Context) -> int:
    from opal_desktop.linking import subjects

    with ctx.signed_in() as vault:
        found = subjects.list_subjects(vault)
    if ctx.json:
        emit_json([s.to_json() for s in found])
    elif not found:
        print("No subject profiles yet.")
    else:
        print_table(
            ["SUBJECT", "DESCRIPTION", "INCIDENTS"],
            [(s.label, s.details.description(), s.incident_count) for s in found],
        )
    return 0


def run_subject(ctx: Context) -> int:
    from opal_desktop.linking import links, subjects

    with ctx.signed_in() as vault:
        subject = subjects.get_subject(vault, ctx.args.reference)
        linked = links.links_of(vault, subject=subject.reference)
    if ctx.json:
        emit_json(subject.to_json() | {"links": [link.to_json() for link in linked]})
        return 0
    d = subject.details
    print_facts([("Subject", subject.label), ("Description", d.description() or "-"), ("Known name", d.name or "-"),
                 ("Aliases", d.aliases or "-"), ("Notes", d.notes or "-"), ("Merged into", subject.merged_into or "-"),
                 ("Review date", subject.review_date.strftime("%d/%m/%Y") if subject.review_date else "-")])  # fmt: skip
    _print_links(linked)
    return 0


def _print_links(linked: list[Link]) -> None:
    rows = [
        (link.left, link.right, link.role or "-", link.reason, link.linked_by)
        for link in linked
        if isinstance(link, Link)
    ]
    if rows:
        print()
        print_table(["FROM", "TO", "ROLE", "WHY", "BY"], rows)


def run_vehicles(ctx: Context) -> int:
    from opal_desktop.linking import vehicles

    with ctx.signed_in() as vault:
        found = vehicles.list_vehicles(vault)
    if ctx.json:
        emit_json([v.to_json() for v in found])
    elif not found:
        print("No vehicles linked yet.")
    else:
        print_table(
            ["VRM", "MAKE", "MODEL", "COLOUR", "INCIDENTS"],
            [(v.vrm, v.make, v.model, v.colour, v.incident_count) for v in found],
        )
    return 0


def run_vehicle(ctx: Context) -> int:
    from opal_desktop.linking import links, vehicles

    with ctx.signed_in() as vault:
        vehicle = vehicles.get_vehicle(vault, ctx.args.vrm)
        linked = links.links_of(vault, vrm=vehicle.vrm)
    if ctx.json:
        emit_json(vehicle.to_json() | {"links": [link.to_json() for link in linked]})
        return 0
    print_facts(
        [
            ("Vehicle", vehicle.label),
            ("Notes", vehicle.notes or "-"),
            ("Incidents", vehicle.incident_count),
        ]
    )
    _print_links(linked)
    return 0


def run_series_list(ctx: Context) -> int:
    from opal_desktop.linking import series

    with ctx.signed_in() as vault:
        found = series.list_series(vault)
    if ctx.json:
        emit_json([{"reference": r, "name": n, "incidents": c} for r, n, c in found])
    elif not found:
        print("No series yet.")
    else:
        print_table(["SERIES", "NAME", "INCIDENTS"], found)
    return 0


def run_series(ctx: Context) -> int:
    from opal_desktop.domain.money import format_pence
    from opal_desktop.domain.timeutil import from_utc_text, show
    from opal_desktop.linking import chart, series

    with ctx.signed_in() as vault:
        found = series.summary(vault, ctx.args.reference)
        line = series.timeline(vault, found.reference)
        picture = (
            chart.render_png(chart.series_graph(vault, found.reference)) if ctx.args.chart else None
        )
    if picture is not None:
        from opal_desktop.fileio import atomic_write

        with file_errors(ctx.args.chart, "write"):
            atomic_write(ctx.args.chart, picture, mode=0o644)
    if ctx.json:
        events = [row | {"occurred_start": row["occurred_start"].isoformat() if row["occurred_start"] else None}
                  for row in line]  # fmt: skip
        emit_json(found.to_json() | {"timeline": events})
        return 0
    span = " to ".join(show(from_utc_text(t)).split(" ")[0] for t in (found.first, found.last) if t)
    print_facts([
        ("Series", f"{found.reference} {found.name}"), ("Incidents", len(found.incident_references)),
        ("Dates", span or "-"), ("Total loss", format_pence(found.total_loss_pence)),
        ("Stores", ", ".join(found.store_codes) or "-"), ("Police force areas", ", ".join(found.force_ids) or "-"),
        ("Tactics", ", ".join(f"{t} ({n})" for t, n in found.tactics) or "-"),
        ("People", ", ".join(found.subject_references) or "-"), ("Vehicles", ", ".join(found.vrms) or "-"),
        ("Missing crime refs", ", ".join(found.missing_crime_references) or "none"),
    ])  # fmt: skip
    print()
    print_table(
        ["WHEN (UK)", "INCIDENT", "STORE", "TYPE", "LOSS", "CRIME REF", "PEOPLE", "PLATES"],
        [(show(row["occurred_start"]), row["reference"], row["store_code"], row["incident_type"],
          format_pence(row["loss_pence"]), "yes" if row["has_crime_reference"] else "MISSING",
          ", ".join(row["subjects"]) or "-", ", ".join(row["vrms"]) or "-") for row in line],
    )  # fmt: skip
    if picture is not None:
        print(f"\nSaved the link chart to {ctx.args.chart}.")
    return 0
