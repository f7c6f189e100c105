"""Organisations: whose stores are in this vault, and which certificates speak for them.

A store is its organisation plus its code: two retailers may both have a store LDS01. Each
vault makes its organisation id (a UUID) when it is created; its packages carry it with the
signer's certificate. On import the id is bound to that certificate's fingerprint, so another
trusted sender cannot claim it later (`claim`), and ownership of imported records is decided
by organisation id, never by the certificate's (possibly truncated) O= name.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, text

LEGACY_NAMESPACE = uuid.UUID("5b0c7e9e-4f0a-4c52-9d0e-0a1ea7d05e10")  # also in migration 0010


def legacy_id(fingerprint: str) -> str:
    """The organisation id of a vault or package from before organisation ids: derived from
    its signing certificate, so a store vault upgraded later and the regional vault that
    imported its old packages agree on it."""
    return str(uuid.uuid5(LEGACY_NAMESPACE, fingerprint.lower()))


@dataclass(frozen=True)
class Organisation:
    id: int  # row id in this vault
    uuid: str  # the organisation id packages carry
    name: str
    code: str  # NG: package references and qualified incident references (NG/LDS01-...)
    is_home: bool

    def to_json(self) -> dict[str, str]:
        return {"id": self.uuid, "name": self.name, "code": self.code}


_COLUMNS = "id, uuid, name, code, is_home"


def _one(conn: Connection, where: str, **params: object) -> Organisation | None:
    row = conn.execute(text(f"SELECT {_COLUMNS} FROM organisations WHERE {where}"), params).first()
    return None if row is None else Organisation(int(row[0]), str(row[1]), str(row[2]),
                                                 str(row[3]), bool(row[4]))  # fmt: skip


def home(conn: Connection) -> Organisation:
    found = _one(conn, "is_home")
    assert found is not None, "every vault has its own organisation (migration 0010)"
    return found


def by_uuid(conn: Connection, org_uuid: str) -> Organisation | None:
    return _one(conn, "uuid = :u", u=org_uuid)


def count(conn: Connection) -> int:
    """How many organisations have stores here: above 1, screens name the retailer."""
    return int(conn.execute(text(
        "SELECT count(DISTINCT organisation_id) FROM stores")).scalar_one())  # fmt: skip


def fingerprints(conn: Connection, organisation: Organisation) -> set[str]:
    """The certificates that speak for an organisation: this vault's own signing identities
    for the home organisation, else those bound on import."""
    if organisation.is_home:
        sql, params = "SELECT fingerprint_sha256 FROM signing_identities", {}
    else:
        sql = "SELECT fingerprint FROM organisation_certificates WHERE organisation_id = :o"
        params = {"o": organisation.id}
    return {str(f) for f in conn.execute(text(sql), params).scalars()}


def add(conn: Connection, org_uuid: str, name: str, code: str, now: str) -> Organisation:
    new_id = conn.execute(
        text("INSERT INTO organisations(uuid, name, code, is_home, created_at) "
             "VALUES (:u, :n, :c, 0, :now)"),
        {"u": org_uuid, "n": name[:200], "c": code[:8], "now": now},
    ).lastrowid  # fmt: skip
    return Organisation(int(new_id), org_uuid, name[:200], code[:8], False)


def bind(conn: Connection, organisation: Organisation, fingerprint: str, by: str, now: str) -> None:
    conn.execute(
        text("INSERT OR IGNORE INTO organisation_certificates(organisation_id, fingerprint, "
             "bound_by, bound_at) VALUES (:o, :f, :by, :now)"),
        {"o": organisation.id, "f": fingerprint, "by": by, "now": now},
    )  # fmt: skip


def update_home(conn: Connection, name: str | None = None, code: str | None = None) -> None:
    """Keep the home row in step with Settings (organisation name and code)."""
    if name is not None:
        conn.execute(text("UPDATE organisations SET name = :n WHERE is_home"), {"n": name[:200]})
    if code is not None:
        conn.execute(text("UPDATE organisations SET code = :c WHERE is_home"), {"c": code[:8]})
