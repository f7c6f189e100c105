"""Links: incident to subject, incident to vehicle, subject to vehicle.

Each link records who made it, when and why; unlinking keeps the row with who, when and why
it was undone. Nothing is linked without a person saying so.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.incidents import refs
from opal_desktop.linking.common import across_stores, incident_row, now, require_text
from opal_desktop.linking.models import Link, SubjectRole, VehicleRole
from opal_desktop.linking.subjects import get_subject
from opal_desktop.linking.vehicles import vehicle_for_vrm
from opal_desktop.vault.vault import Vault

KINDS = {
    "incident-subject": ("incident_subject_links", "incident_id", "subject_id"),
    "incident-vehicle": ("incident_vehicle_links", "incident_id", "vehicle_id"),
    "subject-vehicle": ("subject_vehicle_links", "subject_id", "vehicle_id"),
}
_NAMES = {
    "incident_id": refs.name_sql("l.incident_id"),  # NG/REF when two organisations have REF
    "subject_id": "(SELECT reference FROM subjects WHERE id = l.subject_id)",
    "vehicle_id": "(SELECT vrm FROM vehicles WHERE id = l.vehicle_id)",
}


def _select(kind: str) -> str:
    table, left, right = KINDS[kind]
    return (
        f"SELECT l.id, '{kind}', {_NAMES[left]}, {_NAMES[right]}, l.role, l.reason, l.linked_by, l.linked_at, "
        f"l.unlinked_by, l.unlinked_at, l.unlink_reason FROM {table} l"
    )


def _link(row: Any) -> Link:
    return Link(*row)


def _insert(
    vault: Vault, conn: Connection, kind: str, left_id: int, right_id: int, role: str, reason: str
) -> Link:
    table, left, right = KINDS[kind]
    existing = conn.execute(
        text(f"SELECT id FROM {table} WHERE {left} = :a AND {right} = :b AND unlinked_at IS NULL"),
        {"a": left_id, "b": right_id},
    ).first()
    if existing is not None:
        raise InvalidInput("These are already linked. Unlink first if the role is wrong.")
    result = conn.execute(
        text(f"INSERT INTO {table}({left}, {right}, role, reason, linked_by, linked_at) "
             "VALUES (:a, :b, :role, :reason, :me, :now)"),
        {"a": left_id, "b": right_id, "role": role, "reason": reason, "me": vault.actor.username, "now": now()},
    )  # fmt: skip
    link = _link(
        conn.execute(text(f"{_select(kind)} WHERE l.id = :id"), {"id": result.lastrowid}).one()
    )
    what = f"{link.left} ↔ {link.right}" + (f" as {role}" if role else "")
    vault.audit(conn, "linked", kind, f"{link.left}|{link.right}", f"{what}: {reason}")
    return link


def link_subject(
    vault: Vault, incident_reference: str, subject_reference: str, role: SubjectRole, reason: str
) -> Link:
    reason = require_text(
        reason, "why this person is linked (for example 'same scar and cap on CCTV')"
    )
    subject = get_subject(vault, subject_reference)
    if subject.merged_into:
        raise InvalidInput(
            f"{subject.reference} was merged into {subject.merged_into}. Link that profile instead."
        )
    with vault.transaction() as conn:
        incident_id, _store = incident_row(conn, vault, incident_reference)
        return _insert(vault, conn, "incident-subject", incident_id, subject.id, role.value, reason)


def link_vehicle(
    vault: Vault,
    incident_reference: str,
    vrm: str,
    reason: str,
    *,
    make: str = "",
    model: str = "",
    colour: str = "",
) -> Link:
    reason = require_text(reason, "why this vehicle is linked (for example 'seen leaving on CCTV')")
    with vault.transaction() as conn:
        incident_id, _store = incident_row(conn, vault, incident_reference)
        vehicle = vehicle_for_vrm(conn, vault, vrm, make, model, colour)
        return _insert(vault, conn, "incident-vehicle", incident_id, vehicle.id, "", reason)


def link_subject_vehicle(
    vault: Vault, subject_reference: str, vrm: str, role: VehicleRole, reason: str
) -> Link:
    reason = require_text(reason, "why this person is linked to the vehicle")
    subject = get_subject(vault, subject_reference)
    with vault.transaction() as conn:
        vehicle = vehicle_for_vrm(conn, vault, vrm)
        return _insert(vault, conn, "subject-vehicle", subject.id, vehicle.id, role.value, reason)


def unlink(vault: Vault, kind: str, link_id: int, reason: str) -> Link:
    """Undo a link; the row stays, saying who undid it, when and why."""
    reason = require_text(reason, "why the link is being removed")
    table, left, _right = KINDS[kind]
    with vault.transaction() as conn:
        row = conn.execute(text(f"{_select(kind)} WHERE l.id = :id"), {"id": link_id}).first()
        if row is None or row[9] is not None:
            raise InvalidInput("That link does not exist or was already removed.")
        link = _link(row)
        if left == "incident_id":
            incident_row(conn, vault, link.left)  # the store rule
        elif not across_stores(vault) and link.linked_by != vault.actor.username:
            raise PermissionDenied("remove a link someone else made", vault.actor.role.label)
        conn.execute(
            text(
                f"UPDATE {table} SET unlinked_by = :me, unlinked_at = :now, unlink_reason = :why WHERE id = :id"
            ),
            {"me": vault.actor.username, "now": now(), "why": reason, "id": link_id},
        )
        vault.audit(
            conn,
            "unlinked",
            kind,
            f"{link.left}|{link.right}",
            f"{link.left} ↔ {link.right}: {reason}",
        )
        return _link(conn.execute(text(f"{_select(kind)} WHERE l.id = :id"), {"id": link_id}).one())


def links_of(
    vault: Vault, *, incident: str = "", subject: str = "", vrm: str = "", history: bool = False
) -> list[Link]:
    """Links touching one incident, subject or vehicle (active ones, or all with history=True)."""
    found: list[Link] = []
    active = "" if history else " AND l.unlinked_at IS NULL"
    with vault.engine.connect() as conn:
        if incident:
            incident_id, _store = incident_row(conn, vault, incident)
            for kind in ("incident-subject", "incident-vehicle"):
                found += [
                    _link(r)
                    for r in conn.execute(
                        text(f"{_select(kind)} WHERE l.incident_id = :i{active}"),
                        {"i": incident_id},
                    )
                ]
        if subject:
            subject_id = get_subject(vault, subject).id
            for kind in ("incident-subject", "subject-vehicle"):
                found += [
                    _link(r)
                    for r in conn.execute(
                        text(f"{_select(kind)} WHERE l.subject_id = :s{active}"), {"s": subject_id}
                    )
                ]
        if vrm:
            for kind in ("incident-vehicle", "subject-vehicle"):
                found += [_link(r) for r in conn.execute(
                    text(f"{_select(kind)} WHERE l.vehicle_id = (SELECT id FROM vehicles WHERE vrm = :v){active}"),
                    {"v": vrm.upper().replace(" ", "")})]  # fmt: skip
    if not vault.can(Permission.EDIT_ANY_STORE_INCIDENTS):
        mine = _own_incidents(
            vault, {link.left for link in found if link.kind.startswith("incident")}
        )
        found = [
            link for link in found if not link.kind.startswith("incident") or link.left in mine
        ]
    return sorted(found, key=lambda link: link.linked_at)


def _own_incidents(vault: Vault, references: set[str]) -> set[str]:
    if not references:
        return set()
    with vault.engine.connect() as conn:
        rows = conn.execute(
            text(f"SELECT {refs.name_sql('i.id')} FROM incidents i WHERE i.store_id = :s"),
            {"s": vault.actor.store_id},
        )
        return {r[0] for r in rows} & references
