"""Creating, saving, completing and reading incidents, with roles, references and the audit trail.

Officers work on their own store's incidents; managers and admins on any store's.
Every save that changes something is written to the audit trail with what changed.
"""

from __future__ import annotations

import dataclasses
import uuid as uuidlib
from datetime import date

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from opal_desktop.domain.incident import Incident, Police, Status, blocking_problems
from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import add_months, to_utc_text, utc_now, utc_to_london
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.incidents import history, refs
from opal_desktop.incidents.mapping import fill_row, from_row, identifiers_document, words_document
from opal_desktop.incidents.models import IncidentRow, ReferenceCounter
from opal_desktop.incidents.refs import IncidentNotFound as IncidentNotFound  # re-exported
from opal_desktop.vault.models import Store
from opal_desktop.vault.vault import Vault


class EditConflict(InvalidInput):
    def __init__(self, reference: str, by: str) -> None:
        super().__init__(
            f"{reference} was changed by {by} while you were editing it. "
            "Reopen it to see their changes, then make yours again."
        )


def custom_tactics(vault: Vault) -> dict[str, str]:
    value = vault.settings().get("custom_tactics") or {}
    return dict(value) if isinstance(value, dict) else {}


def new_incident(vault: Vault) -> Incident:
    """A blank incident for the signed-in user's store, with the store's police force filled in."""
    require_store_access(vault, vault.actor.store_code, vault.actor.store_id)
    store = vault.home_store() if vault.actor.store_id == vault.home_store().id else None
    force = store.force_id if store else ""
    return Incident(
        store_code=vault.actor.store_code,
        store_id=vault.actor.store_id,
        reported_at=utc_now().replace(microsecond=0),
        police=Police(force_id=force),
    )


def require_store_access(vault: Vault, store_code: str, store_id: int | None = None) -> None:
    """Officers: their own store only. By store row when known: another retailer's store may
    have the same code as theirs."""
    own = (
        store_id == vault.actor.store_id
        if store_id is not None
        else store_code == vault.actor.store_code
    )
    if not own and not vault.can(Permission.EDIT_ANY_STORE_INCIDENTS):
        raise PermissionDenied(f"work on incidents of store {store_code}", vault.actor.role.label)
    if not vault.can(Permission.EDIT_OWN_STORE_INCIDENTS):
        raise PermissionDenied("work on incidents", vault.actor.role.label)


def _store(session: Session, code: str, store_id: int | None = None) -> Store:
    """The incident's store: by row when known, else by code, this vault's own organisation's
    store first (another organisation's store may have the same code)."""
    if store_id is not None:
        by_id = session.get(Store, store_id)
        if by_id is not None and by_id.code == code:  # else the code was changed: it decides
            return by_id
    found = session.scalars(select(Store).where(Store.code == code)).all()
    if not found:
        raise InvalidInput(f"There is no store with code {code} in this vault.")
    home = [s for s in found if s.organisation.is_home]
    if not home and len(found) > 1:
        raise InvalidInput(f"{len(found)} organisations have a store {code} here: open the "
                           "incident from that store's list to log it.")  # fmt: skip
    return (home or found)[0]


def _allocate_reference(session: Session, store: Store, year: int) -> str:
    counter = session.get(ReferenceCounter, (store.id, year))
    if counter is None:
        counter = ReferenceCounter(store_id=store.id, year=year, last_number=0)
        session.add(counter)
    counter.last_number += 1
    if counter.last_number > 99_999:
        raise InvalidInput(f"Store {store.code} has used every incident number for {year}.")
    return f"{store.code}-{year}-{counter.last_number:05d}"


def _review_date(vault: Vault, incident: Incident) -> date | None:
    anchor = incident.occurred_start or incident.reported_at
    if anchor is None:
        return None
    months = vault.settings().get("retention_months", 24)
    return add_months(utc_to_london(anchor).date(), int(months) if isinstance(months, int) else 24)


def _reindex(session: Session, incident: Incident) -> None:
    conn = session.connection()
    conn.execute(text("DELETE FROM incident_words WHERE rowid = :id"), {"id": incident.id})
    conn.execute(text("DELETE FROM incident_identifiers WHERE rowid = :id"), {"id": incident.id})
    doc = words_document(incident)
    conn.execute(
        text(
            "INSERT INTO incident_words(rowid, reference, narrative, goods, offenders, vehicles, police, location) "
            "VALUES (:id, :reference, :narrative, :goods, :offenders, :vehicles, :police, :location)"
        ),
        {"id": incident.id, **doc},
    )
    conn.execute(
        text("INSERT INTO incident_identifiers(rowid, identifiers) VALUES (:id, :ids)"),
        {"id": incident.id, "ids": identifiers_document(incident)},
    )


def save(vault: Vault, incident: Incident) -> Incident:
    """Create or update. Drafts may be incomplete; a complete incident must stay complete."""
    if incident.id is not None:  # a new one: checked once its store is known, below
        require_store_access(vault, incident.store_code, incident.store_id)
    else:
        require_store_access(vault, incident.store_code)
    if incident.status is Status.COMPLETE:
        _check_complete(vault, incident)
    show_ic = bool(vault.settings().get("show_ethnic_appearance"))
    now = utc_now()
    incident = dataclasses.replace(incident, review_date=_review_date(vault, incident))
    with vault.session() as session, session.begin():
        if incident.id is None:
            store = _store(session, incident.store_code, incident.store_id)
            require_store_access(vault, store.code, store.id)
            year = utc_to_london(incident.occurred_start or now).year
            row = IncidentRow(
                uuid=str(uuidlib.uuid4()),
                reference=_allocate_reference(session, store, year),
                store_id=store.id,
                version=1,
                created_by=vault.actor.username,
                created_at=to_utc_text(now),
                updated_by=vault.actor.username,
                updated_at=to_utc_text(now),
            )
            fill_row(row, incident, show_ic)
            session.add(row)
            session.flush()
            saved = from_row(row)
            vault.audit(
                session.connection(),
                "incident_created",
                "incident",
                refs.audit_id(session.connection(), row.id),
                history.created_summary(saved),
            )
        else:
            row = _locked_row(session, incident.id)
            if row.version != incident.version:
                raise EditConflict(row.reference, row.updated_by)
            before = from_row(row)
            require_store_access(vault, before.store_code, before.store_id)
            fill_row(row, incident, show_ic)
            session.flush()
            after = from_row(row)
            changes = history.describe_changes(before, after)
            if not changes:
                return _named(session, before)
            row.version += 1
            row.updated_by = vault.actor.username
            row.updated_at = to_utc_text(now)
            session.flush()
            saved = from_row(row)
            action = (
                "incident_completed"
                if before.status != after.status and after.status is Status.COMPLETE
                else "incident_changed"
            )
            audit_id = refs.audit_id(session.connection(), row.id)
            vault.audit(session.connection(), action, "incident", audit_id, changes)
        _reindex(session, saved)
        return _named(session, saved)


def _named(session: Session, incident: Incident) -> Incident:
    """With the name that opens it again (NG/REF when another organisation has REF)."""
    assert incident.id is not None
    return dataclasses.replace(
        incident, name=refs.shown(session.connection(), [incident.id])[incident.id]
    )


def _locked_row(session: Session, incident_id: int) -> IncidentRow:
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise IncidentNotFound(f"#{incident_id}")
    return row


def _check_complete(vault: Vault, incident: Incident) -> None:
    missing = blocking_problems(incident, custom_tactics(vault))
    if missing:
        raise InvalidInput("To mark it complete: " + " ".join(p.message for p in missing))


def mark_complete(vault: Vault, incident: Incident) -> Incident:
    return save(vault, dataclasses.replace(incident, status=Status.COMPLETE))


def reopen_as_draft(vault: Vault, incident: Incident) -> Incident:
    return save(vault, dataclasses.replace(incident, status=Status.DRAFT))


def get(vault: Vault, reference: str) -> Incident:
    """By reference (`NG/LDS01-2026-00001` when two organisations use LDS01-2026-00001)."""
    with vault.session() as session:
        row = session.get(IncidentRow, refs.resolve(session.connection(), reference).id)
        assert row is not None
        incident = _named(session, from_row(row))
    require_store_access(vault, incident.store_code, incident.store_id)
    return incident


def get_many(vault: Vault, references: list[str]) -> list[Incident]:
    """Several incidents in one query, in the order asked (a package export loads 50)."""
    with vault.session() as session:
        ids = [refs.resolve(session.connection(), r).id for r in references]
        rows = session.scalars(select(IncidentRow).where(IncidentRow.id.in_(ids))).all()
        found = {row.id: from_row(row) for row in rows}
        names = refs.shown(session.connection(), ids)
        found = {i: dataclasses.replace(incident, name=names[i]) for i, incident in found.items()}
    for store_id, code in {(i.store_id, i.store_code) for i in found.values()}:
        require_store_access(vault, code, store_id)
    return [found[i] for i in ids]


def get_by_id(vault: Vault, incident_id: int) -> Incident:
    with vault.session() as session:
        row = session.get(IncidentRow, incident_id)
        if row is None:
            raise IncidentNotFound(f"#{incident_id}")
        incident = _named(session, from_row(row))
    require_store_access(vault, incident.store_code, incident.store_id)
    return incident


def delete_incident(vault: Vault, incident: Incident, reason: str) -> None:
    """Delete with a reason; the audit trail keeps who, when, why and what it was."""
    if not reason.strip():
        raise InvalidInput("Say why this incident is being deleted.")
    require_store_access(vault, incident.store_code, incident.store_id)
    if incident.id is None:
        return
    with vault.session() as session, session.begin():
        row = _locked_row(session, incident.id)
        summary = f"Deleted: {reason.strip()} (was: {history.created_summary(from_row(row))})"
        conn = session.connection()
        audit_id = refs.audit_id(conn, row.id)
        conn.execute(text("DELETE FROM incident_words WHERE rowid = :id"), {"id": incident.id})
        conn.execute(
            text("DELETE FROM incident_identifiers WHERE rowid = :id"), {"id": incident.id}
        )
        session.execute(delete(IncidentRow).where(IncidentRow.id == incident.id))
        vault.audit(conn, "incident_deleted", "incident", audit_id, summary)
