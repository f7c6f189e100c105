"""One section per incident: details, goods, police, violence, offenders, vehicles, stills."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from opal_desktop.domain.incident import Incident
from opal_desktop.packages import pdf_words as words
from opal_desktop.packages.pdf_pages import Context, Tick
from opal_desktop.packages.pdf_stills import Picture
from opal_desktop.packages.pdf_styles import (
    CELL,
    CELL_BOLD,
    H1,
    H3,
    TINY,
    WIDTH,
    Text,
    TextRows,
    grid_style,
    key_values,
    para,
)
from opal_desktop.packages.snapshot import PackageExhibit

STILL_HEIGHT = 95 * mm


def incident_sections(ctx: Context) -> list[Flowable]:
    story: list[Flowable] = []
    for incident in ctx.snapshot.incidents:
        story += _section(ctx, incident)
        story.append(Tick(ctx.tick))
    return story


def _section(ctx: Context, incident: Incident) -> list[Flowable]:
    store = ctx.store_of(incident)
    police = incident.police
    story: list[Flowable] = [
        PageBreak(),
        para(f"{incident.reference}: {words.incident_type(incident.incident_type)}", H1),
        key_values(
            [
                ("When (UK time)", words.when(incident)),
                (
                    "Logged by staff",
                    words.when_text(incident.reported_at.isoformat())
                    if incident.reported_at
                    else "",
                ),
                ("Retailer", ctx.retailer_of(incident)),
                ("Store", store),
                ("Came from", _came_from(ctx, incident)),
                ("Store address", words.store_place(ctx.store(incident.store_code))),
                ("Location in store", incident.location),
                ("Type", words.incident_type(incident.incident_type)),
                ("Tactics", words.tactics(incident.tactics)),
                ("Offenders", str(incident.offender_count) if incident.offender_count else ""),
                ("Witnesses", incident.witnesses),
            ]
        ),
        para("Narrative", H3),
        para(incident.narrative or "—"),
    ]
    story += _goods(incident)
    story += [para("Police", H3), key_values([
        ("Force", words.force_name(police.force_id)),
        ("Crime reference", words.crime_reference(incident)),
        ("Incident (log) number", police.incident_number or "none given"),
        ("Reported to police", police.reported_on.strftime("%d/%m/%Y") if police.reported_on else ""),
        ("Officer", " ".join(p for p in (police.officer_name, police.collar_number) if p)),
        ("Police attended", words.yes_no(police.attended)),
    ])]  # fmt: skip
    violence = incident.violence
    if violence.threats or violence.weapon_type or violence.injuries or violence.staff_involved:
        story += [para("Violence and threats", H3), key_values([
            ("Threats made", words.yes_no(violence.threats)), ("Weapon", violence.weapon_type),
            ("Injuries", violence.injuries), ("Staff involved", violence.staff_involved),
        ])]  # fmt: skip
    story += _people_and_vehicles(incident)
    exhibits = [e for e in ctx.snapshot.exhibits if e.incident_uuid == incident.uuid]
    for number, exhibit in enumerate(exhibits):
        heading = [para(f"Stills ({len(exhibits)})", H3)] if number == 0 else []
        story.append(_still(ctx, exhibit, heading))
    return story


def _came_from(ctx: Context, incident: Incident) -> str:
    """'package NG-LDS01-PKG-0001, signed by …, imported 03/12/2026 … by admin' (see Provenance)."""
    record = ctx.origin(incident.uuid)
    if not record or not record["chain"]:
        return "recorded in this vault" if record else ""
    hop = record["chain"][0]
    there = hop["source_reference"]
    at_store = f" (its reference there: {there})" if there and there != incident.reference else ""
    return (f"package {hop['package']['reference']} signed by {hop['signer']['common_name']}{at_store}, "
            f"imported {words.when_text(hop['imported_at'])} by {hop['imported_by']}; see Provenance")  # fmt: skip


def _goods(incident: Incident) -> list[Flowable]:
    if not incident.goods and not incident.recovered_pence and not incident.damage_pence:
        return []
    rows: list[list[Any]] = [[para(h, CELL_BOLD) for h in ("Goods", "SKU", "Qty", "Each", "Total")]]
    for line in incident.goods:
        rows.append([para(line.description, CELL), para(line.sku, CELL), para(str(line.quantity), CELL),
                     para(words.money(line.unit_pence), CELL), para(words.money(line.total_pence), CELL)])  # fmt: skip
    totals = [("Stolen", incident.stolen_pence), ("Recovered", -incident.recovered_pence),
              ("Damage", incident.damage_pence), ("Loss", incident.loss_pence)]  # fmt: skip
    first_total = len(rows)
    for label, pence in totals:
        rows.append(
            [
                "",
                "",
                "",
                para(label, CELL_BOLD),
                para(words.money(pence), CELL_BOLD if label == "Loss" else CELL),
            ]
        )
    widths = [28 * mm, 10 * mm, 22 * mm, 22 * mm]
    table = Table(rows, colWidths=[WIDTH - sum(widths), *widths], repeatRows=1)
    table.setStyle(grid_style(extra=[("LINEABOVE", (3, first_total), (-1, first_total), 0.8, colors.black),
                                     ("LINEBELOW", (0, first_total), (2, -1), 0, colors.white)]))  # fmt: skip
    return [para("Goods and loss", H3), table]


def _people_and_vehicles(incident: Incident) -> list[Flowable]:
    story: list[Flowable] = []
    if incident.offenders:
        story.append(para("Offender descriptions", H3))
        rows: list[list[Any]] = [[para(h, CELL_BOLD) for h in ("#", "Sex, age", "Height, build", "Hair",
                                                                 "Clothing", "Distinguishing marks")]]  # fmt: skip
        for number, o in enumerate(incident.offenders, start=1):
            rows.append([para(str(number), CELL), para(", ".join(p for p in (o.sex, o.age_range) if p), CELL),
                         para(", ".join(p for p in (o.height, o.build) if p), CELL), para(o.hair, CELL),
                         para(o.clothing, CELL), para(o.marks, CELL)])  # fmt: skip
        widths = [7 * mm, 24 * mm, 28 * mm, 22 * mm, 50 * mm]
        table = Table(rows, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
        table.setStyle(grid_style())
        story.append(table)
    if incident.vehicles:
        story.append(para("Vehicles seen", H3))
        rows = [
            [para(h, CELL_BOLD) for h in ("VRM", "Make", "Model", "Colour", "Direction of travel")]
        ]
        for v in incident.vehicles:
            rows.append([para(v.vrm or "unknown", CELL_BOLD), para(v.make, CELL), para(v.model, CELL),
                         para(v.colour, CELL), para(v.direction, CELL)])  # fmt: skip
        widths = [28 * mm, 28 * mm, 28 * mm, 24 * mm]
        table = Table(rows, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
        table.setStyle(grid_style())
        story.append(table)
    return story


def still_caption(exhibit: PackageExhibit) -> TextRows:
    """Exhibit reference and SHA-256 beneath a still, then where it came from."""
    info = exhibit.info
    kind = (f"redacted copy of {info.master_reference}" if info.kind == "redacted"
            else "master (original, unaltered)")  # fmt: skip
    converted = "" if info.format == "JPEG" else f"; {info.format} shown converted for display"
    if info.format == "JPEG" and info.frames > 1:  # an MPO is recorded as a JPEG of N pictures
        converted = (f"; a multi-picture JPEG (MPO) of {info.frames} pictures: the first is shown, "
                     "the master file keeps them all")  # fmt: skip
    details = [
        f"SHA-256 {info.sha256}",
        f"Camera: {info.camera or 'not recorded'} · CCTV time shown: "
        f"{info.cctv_time_shown or 'not recorded'} · Clock offset: "
        f"{words.clock_offset(info.clock_offset_seconds)}",
    ]
    if info.caption:
        details.append(f"Caption: {info.caption}")
    lines = [Text(f" — {kind}{converted}", TINY, lead=f"Exhibit {info.reference}")]
    # a line break in a caption reads as a space here, as it always has; long lines wrap
    lines += [Text(line.replace("\n", " "), TINY) for line in details]
    return TextRows(lines, WIDTH, pad_x=3, pad_y=0.5)


def _still(ctx: Context, exhibit: PackageExhibit, heading: list[Flowable]) -> Flowable:
    picture = Picture(ctx.registry, ctx.source(exhibit), WIDTH, STILL_HEIGHT)
    return KeepTogether(
        [*heading, picture, Spacer(1, 1.5 * mm), still_caption(exhibit), Spacer(1, 5 * mm)]
    )
