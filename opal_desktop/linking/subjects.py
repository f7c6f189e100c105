"""Subject profiles: people of interest, known by an automatic label until a name is known."""

from __future__ import annotations

import uuid as uuidlib
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.timeutil import add_months, utc_now, utc_to_london
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.linking.common import across_stores, next_reference, now, visible_subject_clause
from opal_desktop.linking.models import Subject, SubjectDetails
from opal_desktop.vault.vault import Vault

_DETAIL_COLUMNS = (
    "sex",
    "age_range",
    "height",
    "build",
    "hair",
    "clothing",
    "marks",
    "name",
    "aliases",
    "notes",
)
_SELECT = (
    "SELECT s.id, s.reference, "
    + ", ".join(f"s.{c}" for c in _DETAIL_COLUMNS)
    + ", s.best_exhibit_id, "
    "s.review_date, coalesce(m.reference, ''), s.created_by, s.created_at, "
    "(SELECT count(*) FROM incident_subject_links l WHERE l.subject_id = s.id AND l.unlinked_at IS NULL) "
    "FROM subjects s LEFT JOIN subjects m ON m.id = s.merged_into_id"
)


def _subject(row: Any) -> Subject:
    details = SubjectDetails(**{c: row[2 + i] for i, c in enumerate(_DETAIL_COLUMNS)})
    review = row[13]
    return Subject(
        id=int(row[0]), reference=row[1], details=details, best_exhibit_id=row[12],
        review_date=date.fromisoformat(review) if review else None, merged_into=row[14],
        created_by=row[15], created_at=row[16], incident_count=int(row[17]),
    )  # fmt: skip


def _review_date(vault: Vault) -> str:
    months = vault.settings().get("retention_months", 24)
    return add_months(
        utc_to_london(utc_now()).date(), months if isinstance(months, int) else 24
    ).isoformat()


def create_subject(
    vault: Vault, details: SubjectDetails, conn: Connection | None = None
) -> Subject:
    """A new profile. Either a description or a name is needed to tell people apart."""
    if not details.description() and not details.name.strip():
        raise InvalidInput(
            "Describe the person (for example 'tall male, red cap') or give a known name."
        )
    if conn is None:
        with vault.transaction() as own:
            return create_subject(vault, details, own)
    reference = next_reference(conn, "SUBJ")
    values = {c: getattr(details, c).strip() for c in _DETAIL_COLUMNS}
    stamp = now()
    result = conn.execute(
        text(
            f"INSERT INTO subjects(uuid, reference, {', '.join(_DETAIL_COLUMNS)}, review_date, created_by, "
            f"created_at, updated_by, updated_at) VALUES (:uuid, :ref, {', '.join(':' + c for c in _DETAIL_COLUMNS)}, "
            ":review, :me, :now, :me, :now)"
        ),
        {"uuid": str(uuidlib.uuid4()), "ref": reference, **values, "review": _review_date(vault),
         "me": vault.actor.username, "now": stamp},
    )  # fmt: skip
    subject_id = int(result.lastrowid or 0)
    summary = details.description() + (" (name recorded)" if details.name.strip() else "")
    vault.audit(conn, "subject_created", "subject", reference, summary)
    return _get_by_id(conn, subject_id)


def _get_by_id(conn: Connection, subject_id: int) -> Subject:
    row = conn.execute(text(f"{_SELECT} WHERE s.id = :id"), {"id": subject_id}).first()
    if row is None:
        raise InvalidInput("That subject no longer exists.")
    return _subject(row)


def get_subject(vault: Vault, reference: str) -> Subject:
    clause, params = visible_subject_clause(vault)
    with vault.engine.connect() as conn:
        row = conn.execute(
            text(f"{_SELECT} WHERE s.reference = :ref AND {clause}"),
            {"ref": reference.strip().upper(), **params},
        ).first()
    if row is None:
        raise InvalidInput(
            f"There is no subject {reference.strip().upper()} you can see in this vault."
        )
    return _subject(row)


def list_subjects(vault: Vault, include_merged: bool = False) -> list[Subject]:
    clause, params = visible_subject_clause(vault)
    merged = "" if include_merged else " AND s.merged_into_id IS NULL"
    with vault.engine.connect() as conn:
        rows = conn.execute(text(f"{_SELECT} WHERE {clause}{merged} ORDER BY s.id"), params).all()
    return [_subject(r) for r in rows]


def update_subject(vault: Vault, reference: str, details: SubjectDetails) -> Subject:
    """Correct or add to a profile; every changed field is named in the audit trail."""
    current = get_subject(vault, reference)
    if (
        not across_stores(vault)
        and current.created_by != vault.actor.username
        and current.incident_count == 0
    ):
        raise PermissionDenied("change this subject", vault.actor.role.label)
    changed = [
        c for c in _DETAIL_COLUMNS if getattr(current.details, c) != getattr(details, c).strip()
    ]
    if not changed:
        return current
    with vault.transaction() as conn:
        conn.execute(
            text(f"UPDATE subjects SET {', '.join(f'{c} = :{c}' for c in changed)}, updated_by = :me, "
                 "updated_at = :now WHERE id = :id"),
            {**{c: getattr(details, c).strip() for c in changed}, "me": vault.actor.username, "now": now(),
             "id": current.id},
        )  # fmt: skip
        shown = [("name" if c in ("name", "aliases") else c) for c in changed]
        vault.audit(
            conn,
            "subject_changed",
            "subject",
            current.reference,
            "Changed: " + ", ".join(dict.fromkeys(shown)),
        )
        return _get_by_id(conn, current.id)


def set_best_image(vault: Vault, reference: str, exhibit_id: int | None) -> Subject:
    """The still that shows this person best (an exhibit of an incident they are linked to)."""
    subject = get_subject(vault, reference)
    with vault.transaction() as conn:
        summary = "Best image removed"
        if exhibit_id is not None:
            ok = conn.execute(
                text("SELECT e.reference FROM exhibits e JOIN incident_subject_links l ON l.incident_id = e.incident_id "
                     "WHERE e.id = :e AND l.subject_id = :s AND l.unlinked_at IS NULL"),
                {"e": exhibit_id, "s": subject.id},
            ).first()  # fmt: skip
            if ok is None:
                raise InvalidInput("Choose a still from an incident this subject is linked to.")
            summary = f"Best image: {ok[0]}"
        conn.execute(
            text("UPDATE subjects SET best_exhibit_id = :e WHERE id = :id"),
            {"e": exhibit_id, "id": subject.id},
        )
        vault.audit(conn, "subject_changed", "subject", subject.reference, summary)
        return _get_by_id(conn, subject.id)
