"""The incident record as the rest of the app sees it: plain dataclasses and their rules.

No I/O here: the vault stores these, the editor and CSV import fill them in.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from opal_desktop.domain import catalogue

MIN_NARRATIVE = 20
REFERENCE_PATTERN = re.compile(r"^[A-Z0-9]{2,10}-\d{4}-\d{5}$")


class Status(enum.StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return "Draft" if self is Status.DRAFT else "Complete"


def normalise_vrm(text: str) -> str:
    """A number plate as stored and matched: upper case, no spaces or dashes. '?' marks an unread character."""
    return re.sub(r"[^A-Z0-9?]", "", text.upper())


def vrm_is_plausible(vrm: str) -> bool:
    return 2 <= len(vrm) <= 8


@dataclass
class GoodsLine:
    description: str
    quantity: int = 1
    unit_pence: int = 0
    sku: str = ""

    @property
    def total_pence(self) -> int:
        return self.quantity * self.unit_pence


@dataclass
class OffenderDescription:
    sex: str = ""  # "male", "female", "unknown"
    age_range: str = ""  # e.g. "25-35"
    height: str = ""  # free text, e.g. "5'10\"" or "178 cm"
    build: str = ""
    hair: str = ""
    clothing: str = ""
    marks: str = ""  # distinguishing marks, tattoos, scars
    ic_code: str = ""  # only kept when an admin has switched the field on

    def summary(self) -> str:
        parts = [
            self.sex,
            self.age_range and f"aged {self.age_range}",
            self.height,
            self.build,
            self.hair and f"{self.hair} hair",
            self.clothing,
            self.marks,
        ]
        return ", ".join(p for p in parts if p)


@dataclass
class VehicleSeen:
    vrm: str = ""
    make: str = ""
    model: str = ""
    colour: str = ""
    direction: str = ""  # direction of travel

    def __post_init__(self) -> None:
        self.vrm = normalise_vrm(self.vrm)


@dataclass
class Police:
    force_id: str = ""
    crime_reference: str = ""
    incident_number: str = ""  # the force's log number: not a crime number
    reported_on: date | None = None
    officer_name: str = ""
    collar_number: str = ""
    attended: bool | None = None


@dataclass
class Violence:
    threats: bool = False
    weapon_type: str = ""
    injuries: str = ""
    staff_involved: str = ""


@dataclass
class Incident:
    store_code: str
    occurred_start: datetime | None = None  # aware, UTC
    occurred_end: datetime | None = None
    reported_at: datetime | None = None  # when staff logged it
    location: str = ""
    incident_type: str = ""
    tactics: list[str] = field(default_factory=list)
    goods: list[GoodsLine] = field(default_factory=list)
    recovered_pence: int = 0
    damage_pence: int = 0
    police: Police = field(default_factory=Police)
    violence: Violence = field(default_factory=Violence)
    offender_count: int = 0
    offenders: list[OffenderDescription] = field(default_factory=list)
    vehicles: list[VehicleSeen] = field(default_factory=list)
    witnesses: str = ""
    narrative: str = ""
    status: Status = Status.DRAFT
    review_date: date | None = None
    # Set by the vault:
    id: int | None = None
    uuid: str = ""
    reference: str = ""
    # Where the store is: the store row here and its organisation (store codes are only
    # unique within one organisation). Filled in when read from the vault.
    store_id: int | None = None
    organisation_id: str = ""
    retailer: str = ""
    # what opens it again: the reference, or NG/REF when another organisation has REF too
    name: str = ""
    version: int = 0
    created_by: str = ""
    created_at: datetime | None = None
    updated_by: str = ""
    updated_at: datetime | None = None

    @property
    def stolen_pence(self) -> int:
        return sum(line.total_pence for line in self.goods)

    @property
    def loss_pence(self) -> int:
        """What the store is out of pocket: stolen and not recovered, plus damage."""
        return max(self.stolen_pence - self.recovered_pence, 0) + self.damage_pence

    @property
    def has_crime_reference(self) -> bool:
        return bool(self.police.crime_reference.strip())


@dataclass(frozen=True)
class Problem:
    """One thing to fix, tied to the field it concerns so the editor can show it there."""

    field: str
    message: str
    blocks_completion: bool = True


def problems(incident: Incident, custom_tactics: dict[str, str] | None = None) -> list[Problem]:
    """Everything wrong or missing, in the editor's order. Drafts may be saved with any of these."""
    found: list[Problem] = []

    def need(condition: bool, field_name: str, message: str, blocks: bool = True) -> None:
        if not condition:
            found.append(Problem(field_name, message, blocks))

    need(
        incident.occurred_start is not None,
        "occurred_start",
        "Enter when it happened (date and time).",
    )
    if incident.occurred_start and incident.occurred_end:
        need(
            incident.occurred_end >= incident.occurred_start,
            "occurred_end",
            "The end time is before the start time. Check both.",
        )
    if incident.occurred_start and incident.reported_at:
        need(
            incident.occurred_start <= incident.reported_at,
            "occurred_start",
            "The incident cannot have happened after it was logged. Check the date.",
        )
    need(bool(incident.incident_type), "incident_type", "Choose the type of incident.")
    if incident.incident_type:
        need(
            catalogue.is_incident_type(incident.incident_type),
            "incident_type",
            f"'{incident.incident_type}' is not a known incident type. Choose one from the list.",
        )
    need(
        bool(incident.location.strip()),
        "location",
        "Say where in the store it happened (for example 'Aisle 4, spirits').",
    )
    need(
        len(incident.narrative.strip()) >= MIN_NARRATIVE,
        "narrative",
        f"Describe what happened in at least {MIN_NARRATIVE} characters.",
    )
    need(
        incident.offender_count >= 1,
        "offender_count",
        "Say how many offenders there were (at least 1).",
    )
    need(
        incident.offender_count >= len(incident.offenders),
        "offender_count",
        "There are more offender descriptions than offenders. Raise the count or remove a description.",
    )
    need(
        bool(incident.police.force_id),
        "police.force_id",
        "Choose the police force the incident was reported to.",
    )
    need(
        incident.police.reported_on is not None,
        "police.reported_on",
        "Enter the date it was reported to the police. Opal needs incidents reported to the local force.",
    )
    for number, line in enumerate(incident.goods, start=1):
        need(
            bool(line.description.strip()),
            f"goods.{number}",
            f"Goods line {number} needs a description.",
        )
        need(
            line.quantity >= 1,
            f"goods.{number}",
            f"Goods line {number} needs a quantity of at least 1.",
        )
    need(
        incident.recovered_pence <= incident.stolen_pence or not incident.goods,
        "recovered_pence",
        "More was recovered than was stolen. Check the values.",
        blocks=True,
    )
    for number, vehicle in enumerate(incident.vehicles, start=1):
        need(
            not vehicle.vrm or vrm_is_plausible(vehicle.vrm),
            f"vehicles.{number}",
            f"Vehicle {number}: '{vehicle.vrm}' is not a number plate. Use ? for characters you could not read.",
        )
    for tactic in incident.tactics:
        need(
            catalogue.is_tactic(tactic, custom_tactics),
            "tactics",
            f"'{tactic}' is not a known tactic.",
        )
    need(
        incident.has_crime_reference,
        "police.crime_reference",
        "No police crime reference yet: add it when the force gives one. Opal needs it for a referral.",
        blocks=False,
    )
    return found


def blocking_problems(
    incident: Incident, custom_tactics: dict[str, str] | None = None
) -> list[Problem]:
    return [p for p in problems(incident, custom_tactics) if p.blocks_completion]
