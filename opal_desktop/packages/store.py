"""Packages in the vault: create, edit, move through their lifecycle, record exports.

Lifecycle: draft -> exported (a non-draft export) -> submitted (the user says it was sent)
-> acknowledged (Opal confirmed receipt). Every change and every export, with its files'
SHA-256, is written to the audit trail.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput
from opal_desktop.packages.model import (
    NEXT_STATUS,
    Grading,
    Marking,
    PackageDraft,
    PackageRecord,
    Status,
    Submitter,
)
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.vault import Vault, organisation_code_from

_COLUMNS = (
    "p.id, p.uuid, p.reference, p.title, p.summary, coalesce(s.reference, ''), p.incident_refs, p.source_evaluation, "
    "p.intelligence_assessment, p.handling_code, p.handling_conditions, p.marking, p.legal_basis, p.submitter_name, "
    "p.submitter_role, p.submitter_contact, p.organisation, p.exhibit_choices, p.status, p.created_by, p.created_at, "
    "p.updated_at, p.check_json"
)


def _record(conn: Connection, row: Any) -> PackageRecord:
    draft = PackageDraft(
        title=row[3], summary=row[4], series_reference=row[5], incident_references=json.loads(row[6]),
        grading=Grading(row[7], row[8], row[9], row[10]), marking=Marking(row[11]), legal_basis=row[12],
        submitter=Submitter(row[13], row[14], row[15], row[16]), exhibit_choices=json.loads(row[17]),
    )  # fmt: skip
    exports = conn.execute(
        text("SELECT format, file_name, sha256, size_bytes, draft, exported_by, exported_at FROM package_exports "
             "WHERE package_id = :p ORDER BY id"), {"p": row[0]})  # fmt: skip
    keys = ("format", "file_name", "sha256", "size_bytes", "draft", "exported_by", "exported_at")
    return PackageRecord(
        id=int(row[0]), uuid=row[1], reference=row[2], draft=draft, status=Status(row[18]), created_by=row[19],
        created_at=row[20], updated_at=row[21], check=json.loads(row[22]) if row[22] else None,
        exports=tuple(dict(zip(keys, e, strict=True)) for e in exports),
    )  # fmt: skip


def _values(conn: Connection, draft: PackageDraft) -> dict[str, Any]:
    series_id = None
    if draft.series_reference:
        row = conn.execute(
            text("SELECT id FROM series WHERE reference = :r"),
            {"r": draft.series_reference.upper()},
        ).first()
        if row is None:
            raise InvalidInput(
                f"There is no series {draft.series_reference.upper()} in this vault."
            )
        series_id = int(row[0])
    g, sub = draft.grading, draft.submitter
    return {
        "title": draft.title.strip(), "summary": draft.summary.strip(), "series_id": series_id,
        "incident_refs": json.dumps(sorted({r.strip().upper() for r in draft.incident_references})),
        "se": g.source_evaluation, "ia": g.intelligence_assessment, "hc": g.handling_code,
        "hcc": g.handling_conditions.strip(), "marking": draft.marking.value, "legal": draft.legal_basis.strip(),
        "sn": sub.name.strip(), "sr": sub.role.strip(), "sc": sub.contact.strip(), "org": sub.organisation.strip(),
        "choices": json.dumps(draft.exhibit_choices, sort_keys=True),
    }  # fmt: skip


def _prefix(vault: Vault, conn: Connection) -> str:
    """'NG-LDS01': the organisation code and this vault's own store code.

    The organisation code is kept in the vault's settings the first time a package is made
    (derived from the organisation's name unless an administrator chose one), so a later
    change of the organisation's name does not change the references that follow. Packages
    made before there were prefixes keep their PKG-0001 references."""
    stored: dict[str, str] = dict(conn.execute(text("SELECT key, value FROM settings WHERE key IN "
                                    "('organisation_code', 'organisation')")).all())  # fmt: skip
    code = str(json.loads(stored.get("organisation_code", '""')))
    if not code:
        code = organisation_code_from(str(json.loads(stored.get("organisation", '""'))))
        conn.execute(
            text("INSERT INTO settings(key, value) VALUES ('organisation_code', :v) "
                 "ON CONFLICT(key) DO UPDATE SET value = :v"), {"v": json.dumps(code)})  # fmt: skip
        vault.audit(conn, "settings_changed", "settings", "",
                    f"organisation_code={code} (kept for every package reference)")  # fmt: skip
    home = conn.execute(text("SELECT code FROM stores WHERE is_home = 1")).scalar_one()
    return f"{code}-{home}"


def create_package(vault: Vault, draft: PackageDraft) -> PackageRecord:
    vault.require(Permission.EXPORT_PACKAGES)
    draft.checked()
    from opal_desktop.linking.common import next_reference

    with vault.transaction() as conn:
        # "PKG-0007" is numbered in this vault; the prefix makes it unique across a region
        reference = f"{_prefix(vault, conn)}-{next_reference(conn, 'PKG')}"
        conn.execute(
            text("INSERT INTO packages(uuid, reference, title, summary, series_id, incident_refs, source_evaluation, "
                 "intelligence_assessment, handling_code, handling_conditions, marking, legal_basis, submitter_name, "
                 "submitter_role, submitter_contact, organisation, exhibit_choices, status, created_by, created_at, "
                 "updated_by, updated_at) VALUES (:uuid, :ref, :title, :summary, :series_id, :incident_refs, :se, :ia, "
                 ":hc, :hcc, :marking, :legal, :sn, :sr, :sc, :org, :choices, 'draft', :me, :now, :me, :now)"),
            {"uuid": str(uuidlib.uuid4()), "ref": reference, "me": vault.actor.username, "now": utc_now(),
             **_values(conn, draft)},
        )  # fmt: skip
        vault.audit(conn, "package_created", "package", reference, f"{draft.title.strip()} ({draft.grading.code}, "
                    f"{draft.marking.value})")  # fmt: skip
    return get_package(vault, reference)


def update_package(vault: Vault, reference: str, draft: PackageDraft) -> PackageRecord:
    vault.require(Permission.EXPORT_PACKAGES)
    draft.checked()
    current = get_package(vault, reference)
    if current.status is not Status.DRAFT and current.status is not Status.EXPORTED:
        raise InvalidInput(
            f"{current.reference} was {current.status.value}; make a new package to change it."
        )
    with vault.transaction() as conn:
        conn.execute(
            text("UPDATE packages SET title = :title, summary = :summary, series_id = :series_id, "
                 "incident_refs = :incident_refs, source_evaluation = :se, intelligence_assessment = :ia, "
                 "handling_code = :hc, handling_conditions = :hcc, marking = :marking, legal_basis = :legal, "
                 "submitter_name = :sn, submitter_role = :sr, submitter_contact = :sc, organisation = :org, "
                 "exhibit_choices = :choices, updated_by = :me, updated_at = :now WHERE id = :id"),
            {**_values(conn, draft), "me": vault.actor.username, "now": utc_now(), "id": current.id},
        )  # fmt: skip
        vault.audit(
            conn,
            "package_changed",
            "package",
            current.reference,
            f"{draft.grading.code}, {draft.marking.value}",
        )
    return get_package(vault, reference)


def get_package(vault: Vault, reference: str) -> PackageRecord:
    vault.require(Permission.EXPORT_PACKAGES)
    with vault.engine.connect() as conn:
        row = conn.execute(
            text(
                f"SELECT {_COLUMNS} FROM packages p LEFT JOIN series s ON s.id = p.series_id WHERE p.reference = :r"
            ),
            {"r": reference.strip().upper()},
        ).first()
        if row is None:
            raise InvalidInput(f"There is no package {reference.strip().upper()} in this vault.")
        return _record(conn, row)


def list_packages(vault: Vault) -> list[PackageRecord]:
    vault.require(Permission.EXPORT_PACKAGES)
    with vault.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {_COLUMNS} FROM packages p LEFT JOIN series s ON s.id = p.series_id "
                                 "ORDER BY p.id DESC")).all()  # fmt: skip
        return [_record(conn, r) for r in rows]


def advance_status(vault: Vault, reference: str, to: Status, note: str = "") -> PackageRecord:
    """Mark an exported package as submitted, or a submitted one as acknowledged."""
    current = get_package(vault, reference)
    if NEXT_STATUS.get(current.status) is not to:
        raise InvalidInput(f"{current.reference} is {current.status.value}; it cannot be marked {to.value} now."
                           + (" Export it first." if current.status is Status.DRAFT else ""))  # fmt: skip
    with vault.transaction() as conn:
        conn.execute(text("UPDATE packages SET status = :s, status_changed_at = :now WHERE id = :id"),
                     {"s": to.value, "now": utc_now(), "id": current.id})  # fmt: skip
        vault.audit(
            conn, f"package_{to.value}", "package", current.reference, note or f"Marked {to.value}"
        )
    return get_package(vault, reference)


def record_export(
    vault: Vault,
    reference: str,
    files: list[dict[str, Any]],
    *,
    draft: bool,
    check: dict[str, Any] | None,
) -> PackageRecord:
    """After files are safely on disk: their names and SHA-256 in the vault and the audit trail."""
    current = get_package(vault, reference)
    now = utc_now()
    with vault.transaction() as conn:
        for item in files:
            conn.execute(
                text("INSERT INTO package_exports(package_id, format, file_name, sha256, size_bytes, draft, exported_by, "
                     "exported_at) VALUES (:p, :f, :n, :h, :s, :d, :me, :now)"),
                {"p": current.id, "f": item["format"], "n": item["file_name"], "h": item["sha256"],
                 "s": item["size_bytes"], "d": draft, "me": vault.actor.username, "now": now},
            )  # fmt: skip
            vault.audit(conn, "package_exported", "package", current.reference,
                        f"{item['file_name']} ({'DRAFT, ' if draft else ''}SHA-256 {item['sha256']})")  # fmt: skip
        status = current.status if draft or current.status is not Status.DRAFT else Status.EXPORTED
        conn.execute(text("UPDATE packages SET status = :s, check_json = :c WHERE id = :id"),
                     {"s": status.value, "c": json.dumps(check) if check else None, "id": current.id})  # fmt: skip
    return get_package(vault, reference)
