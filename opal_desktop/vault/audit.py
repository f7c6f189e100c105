"""The hash-chained audit trail.

Each entry holds the SHA-256 of the one before it, and the latest hash and count are
sealed in the meta table with an HMAC under a key derived from the vault key. Editing an
entry breaks its hash; deleting one breaks the chain; cutting the tail off breaks the seal.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, text

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


def append(
    conn: Connection,
    seal_key: bytes,
    *,
    actor: str,
    action: str,
    record_type: str = "",
    record_id: str = "",
    summary: str = "",
    at: str | None = None,
) -> int:
    """Append one entry inside the caller's transaction; returns its id."""
    seal = _read_seal(conn)
    count, prev_hash = (seal[0], seal[1]) if seal else (0, GENESIS_HASH)
    entry_id = count + 1
    at = at or utc_now()
    digest = entry_hash(entry_id, at, actor, action, record_type, record_id, summary, prev_hash)
    conn.execute(
        text(
            "INSERT INTO audit_log(id, at, actor, action, record_type, record_id, summary, prev_hash, hash) "
            "VALUES (:id, :at, :actor, :action, :rt, :rid, :summary, :prev, :hash)"
        ),
        {
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
    _write_seal(conn, seal_key, entry_id, digest)
    return entry_id


@dataclass(frozen=True)
class PendingEntry:
    action: str
    record_type: str
    record_id: str
    summary: str


def append_many(conn: Connection, seal_key: bytes, actor: str, entries: list[PendingEntry]) -> None:
    """Append a batch in one statement (bulk imports): the same chain as `append`, one seal."""
    if not entries:
        return
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
            )
        )
        prev_hash = digest
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    dbapi.executemany(
        "INSERT INTO audit_log(id, at, actor, action, record_type, record_id, summary, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    _write_seal(conn, seal_key, count, prev_hash)


@dataclass(frozen=True)
class AuditReport:
    intact: bool
    count: int
    first_bad_id: int | None = None
    problem: str = ""

    def sentence(self) -> str:
        if self.intact:
            return f"The audit trail is intact: {self.count} entries, chain and seal verified."
        where = f" at entry {self.first_bad_id}" if self.first_bad_id is not None else ""
        return f"The audit trail has been tampered with{where}: {self.problem}"


def verify(conn: Connection, seal_key: bytes) -> AuditReport:
    rows = conn.execute(
        text(
            "SELECT id, at, actor, action, record_type, record_id, summary, prev_hash, hash "
            "FROM audit_log ORDER BY id"
        )
    )
    expected_prev = GENESIS_HASH
    count = 0
    for row in rows:
        count += 1
        entry_id = int(row[0])
        if entry_id != count:
            if entry_id > count + 1:
                gap = f"entries {count} to {entry_id - 1} are missing."
            elif entry_id > count:
                gap = f"entry {count} is missing."
            else:
                gap = f"entry {entry_id} is out of order."
            return AuditReport(False, count - 1, count, gap)
        if row[7] != expected_prev:
            return AuditReport(
                False, count - 1, entry_id, "it does not follow on from the entry before it."
            )
        recomputed = entry_hash(entry_id, row[1], row[2], row[3], row[4], row[5], row[6], row[7])
        if recomputed != row[8]:
            return AuditReport(
                False, count - 1, entry_id, "its contents were changed after it was written."
            )
        expected_prev = row[8]
    seal = _read_seal(conn)
    if seal is None:
        if count == 0:
            return AuditReport(True, 0)
        return AuditReport(False, count, None, "the seal over the trail is missing.")
    sealed_count, sealed_hash, mac = seal
    if not hmac.compare_digest(mac, _seal_mac(seal_key, sealed_count, sealed_hash)):
        return AuditReport(False, count, None, "the seal over the trail was altered.")
    if sealed_count != count or sealed_hash != expected_prev:
        return AuditReport(
            False,
            count,
            min(count, sealed_count) + 1,
            f"the trail holds {count} entries but {sealed_count} were sealed: entries were removed.",
        )
    return AuditReport(True, count)
