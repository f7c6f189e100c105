"""The hash-chained, signed audit trail.

Each entry holds the SHA-256 of the one before it. Since schema 0011 each entry is also
signed (audit_keys): by the checkpoint key when a manager or administrator writes it, so
the signature vouches for the whole chain before it, else by the writer's own key, whose
public half an earlier entry registered. Whoever holds only the database key (any
password opens it) can therefore rewrite nothing before the last manager's entry, nor
anyone else's entry after it, without `verify` naming it. Cutting the tail off is caught
by the head kept outside the database (vault.head_guard) and by checkpoints handed out
with every package and backup (audit_checkpoint). The HMAC seal in the meta table, under
a key derived from the vault key, is kept for the count and for older readers only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from opal_desktop.vault.audit_keys import AuditSigner

if TYPE_CHECKING:
    from opal_desktop.vault.audit_verify import AuditReport

GENESIS_HASH = "0" * 64
SEAL_KEY = "audit_seal"


def seal_key_from(vault_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None, info=b"opal-desktop audit seal v1").derive(
        vault_key
    )


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def entry_hash(
    entry_id: int,
    at: str,
    actor: str,
    action: str,
    record_type: str,
    record_id: str,
    summary: str,
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [entry_id, at, actor, action, record_type, record_id, summary, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _seal_mac(seal_key: bytes, count: int, last_hash: str) -> str:
    return hmac.new(seal_key, f"{count}|{last_hash}".encode(), hashlib.sha256).hexdigest()


def _read_seal(conn: Connection) -> tuple[int, str, str] | None:
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": SEAL_KEY}).first()
    if row is None:
        return None
    doc = json.loads(row[0])
    return int(doc["count"]), str(doc["last_hash"]), str(doc["mac"])


def _write_seal(conn: Connection, seal_key: bytes, count: int, last_hash: str) -> None:
    value = json.dumps(
        {"count": count, "last_hash": last_hash, "mac": _seal_mac(seal_key, count, last_hash)}
    )
    conn.execute(
        text(
            "INSERT INTO meta(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"
        ),
        {"k": SEAL_KEY, "v": value},
    )


def _sealing(signer: AuditSigner | bytes) -> tuple[bytes, AuditSigner | None]:
    """The HMAC seal key, and the signer (None: a pre-0011 schema, as old fixtures write)."""
    if isinstance(signer, AuditSigner):
        return signer.legacy_seal_key, signer
    return signer, None


def append(
    conn: Connection,
    seal_key: AuditSigner | bytes,
    *,
    actor: str,
    action: str,
    record_type: str = "",
    record_id: str = "",
    summary: str = "",
    at: str | None = None,
    registers_key: str = "",
) -> int:
    """Append one entry inside the caller's transaction; returns its id. `registers_key`
    records a user's audit-writer public key (record_type "user", record_id the user)."""
    hmac_key, signer = _sealing(seal_key)
    seal = _read_seal(conn)
    count, prev_hash = (seal[0], seal[1]) if seal else (0, GENESIS_HASH)
    entry_id = count + 1
    at = at or utc_now()
    digest = entry_hash(entry_id, at, actor, action, record_type, record_id, summary, prev_hash)
    signed = "" if signer is None else ", signer, signature, registers_key"
    values = "" if signer is None else ", :signer, :signature, :registers"
    who, signature = ("", "") if signer is None else signer.sign_entry(digest, registers_key)
    conn.execute(
        text(
            "INSERT INTO audit_log(id, at, actor, action, record_type, record_id, summary, "
            f"prev_hash, hash{signed}) "
            f"VALUES (:id, :at, :actor, :action, :rt, :rid, :summary, :prev, :hash{values})"
        ),
        {
            "signer": who,
            "signature": signature,
            "registers": registers_key,
            "id": entry_id,
            "at": at,
            "actor": actor,
            "action": action,
            "rt": record_type,
            "rid": record_id,
            "summary": summary,
            "prev": prev_hash,
            "hash": digest,
        },
    )
    _write_seal(conn, hmac_key, entry_id, digest)
    return entry_id


@dataclass(frozen=True)
class PendingEntry:
    action: str
    record_type: str
    record_id: str
    summary: str


def append_many(
    conn: Connection, seal_key: AuditSigner | bytes, actor: str, entries: list[PendingEntry]
) -> None:
    """Append a batch in one statement (bulk imports): the same chain as `append`, one seal."""
    if not entries:
        return
    hmac_key, signer = _sealing(seal_key)
    assert signer is not None, "bulk appends need the current schema"
    seal = _read_seal(conn)
    count, prev_hash = (seal[0], seal[1]) if seal else (0, GENESIS_HASH)
    at = utc_now()
    rows = []
    for entry in entries:
        count += 1
        digest = entry_hash(
            count,
            at,
            actor,
            entry.action,
            entry.record_type,
            entry.record_id,
            entry.summary,
            prev_hash,
        )
        who, signature = signer.sign_entry(digest)
        rows.append(
            (
                count,
                at,
                actor,
                entry.action,
                entry.record_type,
                entry.record_id,
                entry.summary,
                prev_hash,
                digest,
                who,
                signature,
            )
        )
        prev_hash = digest
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    dbapi.executemany(
        "INSERT INTO audit_log(id, at, actor, action, record_type, record_id, summary, prev_hash, "
        "hash, signer, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    _write_seal(conn, hmac_key, count, prev_hash)


def head(conn: Connection) -> tuple[int, str]:
    """The trail's last entry as the database holds it: (count, hash); (0, genesis) if empty."""
    row = conn.execute(text("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)


def hash_at(conn: Connection, entry_id: int) -> str | None:
    if entry_id == 0:
        return GENESIS_HASH
    row = conn.execute(text("SELECT hash FROM audit_log WHERE id = :id"), {"id": entry_id}).first()
    return str(row[0]) if row else None


def verify(conn: Connection, keys: AuditSigner | bytes) -> AuditReport:
    """Check the chain, every signature and the seal (see audit_verify)."""
    from opal_desktop.vault.audit_verify import verify as verify_trail_rows

    return verify_trail_rows(conn, keys)
