"""Vehicles as records: one per number plate (VRM), linked to incidents and subjects."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.incident import normalise_vrm, vrm_is_plausible
from opal_desktop.errors import InvalidInput
from opal_desktop.linking.common import across_stores, now
from opal_desktop.linking.models import Vehicle
from opal_desktop.vault.vault import Vault

_SELECT = (
    "SELECT v.id, v.vrm, v.make, v.model, v.colour, v.notes, "
    "(SELECT count(*) FROM incident_vehicle_links l WHERE l.vehicle_id = v.id AND l.unlinked_at IS NULL) "
    "FROM vehicles v"
)


def _vehicle(row: Any) -> Vehicle:
    return Vehicle(int(row[0]), row[1], row[2], row[3], row[4], row[5], int(row[6]))


def checked_vrm(text_value: str) -> str:
    vrm = normalise_vrm(text_value)
    if not vrm_is_plausible(vrm):
        raise InvalidInput(
            f"'{text_value.strip()}' is not a number plate. Type it like AB12 CDE; use ? for characters nobody could read."
        )
    return vrm


def vehicle_for_vrm(
    conn: Connection, vault: Vault, vrm: str, make: str = "", model: str = "", colour: str = ""
) -> Vehicle:
    """The vehicle record for a plate, made on first use; blanks are filled in from what is given."""
    vrm = checked_vrm(vrm)
    row = conn.execute(text(f"{_SELECT} WHERE v.vrm = :vrm"), {"vrm": vrm}).first()
    if row is None:
        conn.execute(
            text(
                "INSERT INTO vehicles(uuid, vrm, make, model, colour, notes, created_by, created_at) "
                "VALUES (:uuid, :vrm, :make, :model, :colour, '', :me, :now)"
            ),
            {"uuid": str(uuidlib.uuid4()), "vrm": vrm, "make": make.strip(), "model": model.strip(),
             "colour": colour.strip(), "me": vault.actor.username, "now": now()},
        )  # fmt: skip
        vault.audit(
            conn, "vehicle_created", "vehicle", vrm, " ".join(p for p in (colour, make, model) if p)
        )
    else:
        fills = {
            k: v.strip()
            for k, v in (("make", make), ("model", model), ("colour", colour))
            if v.strip()
        }
        current = _vehicle(row)
        fills = {k: v for k, v in fills.items() if not getattr(current, k)}
        if fills:
            conn.execute(
                text(
                    f"UPDATE vehicles SET {', '.join(f'{k} = :{k}' for k in fills)} WHERE id = :id"
                ),
                {**fills, "id": current.id},
            )
    found = conn.execute(text(f"{_SELECT} WHERE v.vrm = :vrm"), {"vrm": vrm}).one()
    return _vehicle(found)


def _visible(vault: Vault) -> tuple[str, dict[str, Any]]:
    if across_stores(vault):
        return "1", {}
    return (
        "EXISTS (SELECT 1 FROM incident_vehicle_links l JOIN incidents i ON i.id = l.incident_id JOIN stores st "
        "ON st.id = i.store_id WHERE l.vehicle_id = v.id AND l.unlinked_at IS NULL AND st.id = :my_store)",
        {"my_store": vault.actor.store_id},  # by row: codes repeat across organisations
    )


def list_vehicles(vault: Vault) -> list[Vehicle]:
    clause, params = _visible(vault)
    with vault.engine.connect() as conn:
        return [
            _vehicle(r)
            for r in conn.execute(text(f"{_SELECT} WHERE {clause} ORDER BY v.vrm"), params)
        ]


def get_vehicle(vault: Vault, vrm: str) -> Vehicle:
    clause, params = _visible(vault)
    with vault.engine.connect() as conn:
        row = conn.execute(
            text(f"{_SELECT} WHERE v.vrm = :vrm AND {clause}"),
            {"vrm": normalise_vrm(vrm), **params},
        ).first()
    if row is None:
        raise InvalidInput(f"There is no vehicle {normalise_vrm(vrm)} you can see in this vault.")
    return _vehicle(row)


def update_vehicle(
    vault: Vault, vrm: str, *, make: str, model: str, colour: str, notes: str
) -> Vehicle:
    current = get_vehicle(vault, vrm)
    values = {
        "make": make.strip(),
        "model": model.strip(),
        "colour": colour.strip(),
        "notes": notes.strip(),
    }
    changed = [k for k, v in values.items() if getattr(current, k) != v]
    if not changed:
        return current
    with vault.transaction() as conn:
        conn.execute(text(f"UPDATE vehicles SET {', '.join(f'{k} = :{k}' for k in changed)} WHERE id = :id"),
                     {**values, "id": current.id})  # fmt: skip
        vault.audit(
            conn, "vehicle_changed", "vehicle", current.vrm, "Changed: " + ", ".join(changed)
        )
    return get_vehicle(vault, vrm)
