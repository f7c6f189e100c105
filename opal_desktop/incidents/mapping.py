"""Between the Incident dataclass and its rows, and the text the search indexes hold."""

from __future__ import annotations

import re
from datetime import date, datetime

from opal_desktop.domain.incident import (
    GoodsLine,
    Incident,
    OffenderDescription,
    Police,
    Status,
    VehicleSeen,
    Violence,
)
from opal_desktop.domain.timeutil import from_utc_text, to_utc_text
from opal_desktop.incidents.models import GoodsRow, IncidentRow, OffenderRow, TacticRow, VehicleRow


def _when(text: str | None) -> datetime | None:
    return from_utc_text(text) if text else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def from_row(row: IncidentRow) -> Incident:
    return Incident(
        id=row.id,
        uuid=row.uuid,
        reference=row.reference,
        store_code=row.store.code,
        store_id=row.store_id,
        organisation_id=row.store.organisation.uuid,
        retailer=row.store.organisation.name,
        status=Status(row.status),
        occurred_start=_when(row.occurred_start),
        occurred_end=_when(row.occurred_end),
        reported_at=_when(row.reported_at),
        location=row.location,
        incident_type=row.incident_type,
        tactics=sorted(t.tactic for t in row.tactics),
        goods=[GoodsLine(g.description, g.quantity, g.unit_pence, g.sku) for g in row.goods],
        recovered_pence=row.recovered_pence,
        damage_pence=row.damage_pence,
        police=Police(
            force_id=row.force_id,
            crime_reference=row.crime_reference,
            incident_number=row.police_incident_number,
            reported_on=_day(row.reported_to_police_on),
            officer_name=row.police_officer_name,
            collar_number=row.police_collar_number,
            attended=row.police_attended,
        ),
        violence=Violence(row.threats, row.weapon_type, row.injuries, row.staff_involved),
        offender_count=row.offender_count,
        offenders=[
            OffenderDescription(
                o.sex, o.age_range, o.height, o.build, o.hair, o.clothing, o.marks, o.ic_code
            )
            for o in row.offenders
        ],
        vehicles=[VehicleSeen(v.vrm, v.make, v.model, v.colour, v.direction) for v in row.vehicles],
        witnesses=row.witnesses,
        narrative=row.narrative,
        review_date=_day(row.review_date),
        version=row.version,
        created_by=row.created_by,
        created_at=from_utc_text(row.created_at),
        updated_by=row.updated_by,
        updated_at=from_utc_text(row.updated_at),
    )


def fill_row(row: IncidentRow, incident: Incident, keep_ic_codes: bool) -> None:
    """Copy the editable fields onto a row (identity, store and audit columns are the caller's)."""
    row.status = incident.status.value
    row.occurred_start = to_utc_text(incident.occurred_start) if incident.occurred_start else None
    row.occurred_end = to_utc_text(incident.occurred_end) if incident.occurred_end else None
    row.reported_at = to_utc_text(incident.reported_at) if incident.reported_at else None
    row.location = incident.location.strip()
    row.incident_type = incident.incident_type
    row.stolen_pence = incident.stolen_pence
    row.recovered_pence = incident.recovered_pence
    row.damage_pence = incident.damage_pence
    row.loss_pence = incident.loss_pence
    police = incident.police
    row.force_id = police.force_id
    row.crime_reference = police.crime_reference.strip()
    row.has_crime_reference = incident.has_crime_reference
    row.police_incident_number = police.incident_number.strip()
    row.reported_to_police_on = police.reported_on.isoformat() if police.reported_on else None
    row.police_officer_name = police.officer_name.strip()
    row.police_collar_number = police.collar_number.strip()
    row.police_attended = police.attended
    row.threats = incident.violence.threats
    row.weapon_type = incident.violence.weapon_type.strip()
    row.injuries = incident.violence.injuries.strip()
    row.staff_involved = incident.violence.staff_involved.strip()
    row.offender_count = incident.offender_count
    row.witnesses = incident.witnesses.strip()
    row.narrative = incident.narrative.strip()
    row.review_date = incident.review_date.isoformat() if incident.review_date else None
    row.goods = [
        GoodsRow(
            position=i,
            description=g.description.strip(),
            sku=g.sku.strip(),
            quantity=g.quantity,
            unit_pence=g.unit_pence,
        )
        for i, g in enumerate(incident.goods)
    ]
    row.offenders = [
        OffenderRow(
            position=i,
            sex=o.sex,
            age_range=o.age_range,
            height=o.height,
            build=o.build,
            hair=o.hair,
            clothing=o.clothing,
            marks=o.marks,
            ic_code=o.ic_code if keep_ic_codes else "",
        )
        for i, o in enumerate(incident.offenders)
    ]
    row.vehicles = [
        VehicleRow(
            position=i,
            vrm=v.vrm,
            make=v.make,
            model=v.model,
            colour=v.colour,
            direction=v.direction,
        )
        for i, v in enumerate(incident.vehicles)
    ]
    row.tactics = [TacticRow(tactic=t) for t in sorted(set(incident.tactics))]


def words_document(incident: Incident, reference: str | None = None) -> dict[str, str]:
    """Columns of the word index: what a user might remember about an incident."""
    return {
        "reference": reference or incident.reference,
        "narrative": "\n".join(
            filter(
                None,
                [
                    incident.narrative,
                    incident.witnesses,
                    incident.violence.weapon_type,
                    incident.violence.injuries,
                ],
            )
        ),
        "goods": "\n".join(f"{g.description} {g.sku}".strip() for g in incident.goods),
        "offenders": "\n".join(o.summary() for o in incident.offenders),
        "vehicles": "\n".join(
            " ".join(filter(None, [v.vrm, v.colour, v.make, v.model, v.direction]))
            for v in incident.vehicles
        ),
        "police": " ".join(
            filter(
                None,
                [
                    incident.police.crime_reference,
                    incident.police.incident_number,
                    incident.police.officer_name,
                    incident.police.collar_number,
                ],
            )
        ),
        "location": incident.location,
    }


_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text.upper())


def identifiers_document(incident: Incident, reference: str | None = None) -> str:
    """Short identifiers, compacted, for substring (trigram) matching: plates, numbers, SKUs."""
    police = incident.police
    parts = [
        _compact(reference or incident.reference),
        _compact(police.crime_reference),
        _compact(police.incident_number),
    ]
    parts += [v.vrm for v in incident.vehicles]
    parts += [_compact(g.sku) for g in incident.goods]
    return " ".join(p for p in parts if p)
