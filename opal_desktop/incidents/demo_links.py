"""The demo vault's subjects, vehicles, links and series, following its seeded groups.

For each seeded series: one subject per recurring offender (described as on every report),
its vehicles (plate, make, model, colour), each offender linked to the incidents they appear
in and each vehicle to the incidents it was seen at (reasons start 'Seeded demo link:'), the
first offender as the driver of each vehicle and the others as passengers of the main one,
a best image from the stills, and a series named like the group holding all of it.

Left unlinked on purpose, so link suggestions have something to find: the newest incident
of every series, and any incident whose plate was only half read. They are recorded in
DemoSeries.unlinked_references.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from opal_desktop.domain.incident import Incident, OffenderDescription
from opal_desktop.evidence.queries import list_exhibits
from opal_desktop.incidents import records
from opal_desktop.incidents.demo_generate import display_plate
from opal_desktop.incidents.demo_series import SERIES, SeriesPlan
from opal_desktop.linking import links, series, subjects
from opal_desktop.linking.models import SubjectDetails, SubjectRole, VehicleRole
from opal_desktop.linking.vehicles import vehicle_for_vrm
from opal_desktop.vault.vault import Vault

if TYPE_CHECKING:
    from opal_desktop.incidents.demo import DemoSeries  # demo.py imports this module

REASON = "Seeded demo link: "


def link_demo_series(vault: Vault, seeded: Sequence[DemoSeries]) -> tuple[DemoSeries, ...]:
    """Create every seeded series' records; returns the series with what was made filled in."""
    plans = {plan.name: plan for plan in SERIES}
    return tuple(_link_one(vault, truth, plans[truth.name]) for truth in seeded)


def left_unlinked(incidents: dict[str, Incident]) -> tuple[str, ...]:
    """The newest incident, and any incident whose plate was only half read (oldest first)."""
    references = list(incidents)
    return tuple(
        ref
        for ref in references
        if ref == references[-1] or any("?" in v.vrm for v in incidents[ref].vehicles)
    )


def _link_one(vault: Vault, truth: DemoSeries, plan: SeriesPlan) -> DemoSeries:
    incidents = {ref: records.get(vault, ref) for ref in truth.incident_references}
    unlinked = left_unlinked(incidents)
    linked = [ref for ref in incidents if ref not in unlinked]
    people = {o.marks: _subject(vault, o, plan.name) for o in plan.offenders}
    with vault.transaction() as conn:  # every vehicle, described, even one no linked report saw
        for vehicle in plan.vehicles:
            vehicle_for_vrm(conn, vault, vehicle.vrm, vehicle.make, vehicle.model, vehicle.colour)
    for ref in linked:
        incident = incidents[ref]
        for offender in incident.offenders:
            links.link_subject(vault, ref, people[offender.marks], SubjectRole.OFFENDER,
                               f"{REASON}same {offender.marks} and {_first(offender.clothing)} on CCTV")  # fmt: skip
        for seen in incident.vehicles:
            links.link_vehicle(vault, ref, seen.vrm,
                               f"{REASON}{display_plate(seen.vrm)} seen leaving on CCTV",
                               make=seen.make, model=seen.model, colour=seen.colour)  # fmt: skip
    driver, *passengers = [people[o.marks] for o in plan.offenders]
    for number, vehicle in enumerate(plan.vehicles):
        links.link_subject_vehicle(vault, driver, vehicle.vrm, VehicleRole.DRIVER,
                                   f"{REASON}seen driving {display_plate(vehicle.vrm)} on CCTV")  # fmt: skip
        for passenger in passengers if number == 0 else []:
            links.link_subject_vehicle(vault, passenger, vehicle.vrm, VehicleRole.PASSENGER,
                                       f"{REASON}seen getting out of {display_plate(vehicle.vrm)} on CCTV")  # fmt: skip
    _best_images(vault, people, incidents, linked)
    reference = series.create_series(vault, plan.name, plan.description)
    series.add_members(vault, reference, "incident", linked)
    series.add_members(vault, reference, "subject", list(people.values()))
    series.add_members(vault, reference, "vehicle", [v.vrm for v in plan.vehicles])
    return dataclasses.replace(
        truth,
        series_reference=reference,
        subject_references=tuple(people.values()),
        unlinked_references=unlinked,
    )


def _first(clothing: str) -> str:
    return clothing.split(",")[0].strip() or "clothing"


def _subject(vault: Vault, offender: OffenderDescription, series_name: str) -> str:
    details = SubjectDetails(
        sex=offender.sex, age_range=offender.age_range, height=offender.height,
        build=offender.build, hair=offender.hair, clothing=offender.clothing,
        marks=offender.marks, notes=f"Seeded demo subject: one of the {series_name}.",
    )  # fmt: skip
    return subjects.create_subject(vault, details).reference


def _best_images(
    vault: Vault, people: dict[str, str], incidents: dict[str, Incident], linked: list[str]
) -> None:
    """Each subject's best image: the first still of the first linked incident they are in."""
    for marks, reference in people.items():
        for ref in linked:
            if any(o.marks == marks for o in incidents[ref].offenders):
                stills = [e for e in list_exhibits(vault, ref) if e.kind == "master"]
                if stills:
                    subjects.set_best_image(vault, reference, stills[0].id)
                    break
