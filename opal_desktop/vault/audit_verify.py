"""Checking the audit trail: its chain, every entry's signature, and the HMAC seal.

The checkpoint public key is trusted from the role secret when the person checking holds
it (a manager or administrator); otherwise it is the one the vault recorded, which anyone
holding the database key could have replaced. The report says which.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from opal_desktop.vault import audit_keys
from opal_desktop.vault.audit import GENESIS_HASH, _read_seal, _seal_mac, entry_hash
from opal_desktop.vault.audit_keys import ROLE_SIGNER, WRITER_PREFIX, AuditSigner

ROLE_KEY_META = "audit_role_key"  # meta row: the checkpoint public key, hex
# A recovery code made before signed entries holds no checkpoint key: signing in with it
# registers a new writer key for the administrator, signed by itself.
_BY_RECOVERY = ("recovery_key_registered", "password_reset_by_recovery")


@dataclass(frozen=True)
class AuditReport:
    intact: bool
    count: int
    first_bad_id: int | None = None
    problem: str = ""
    unsigned: int = 0  # entries written before signing began (schema before 0011)
    last_checkpoint: int = 0  # the last entry signed with the checkpoint key
    basis: str = ""  # how the checkpoint key was trusted
    warnings: tuple[str, ...] = field(default=())

    def sentence(self) -> str:
        if self.intact:
            return f"The audit trail is intact: {self.count} entries, chain, signatures and seal verified."
        where = f" at entry {self.first_bad_id}" if self.first_bad_id is not None else ""
        return f"The audit trail has been tampered with{where}: {self.problem}"

    def details(self) -> list[str]:
        """Further lines for people: what the signatures prove, and any warnings."""
        lines = list(self.warnings)
        if self.intact and self.count:
            if self.unsigned:
                lines.append(
                    f"Entries 1 to {self.unsigned} were written before entries were signed: "
                    "they are proved only from the first checkpoint after them."
                )
            if self.last_checkpoint:
                lines.append(
                    f"Entries 1 to {self.last_checkpoint} are vouched for by a manager's "
                    f"or administrator's checkpoint signature ({self.basis})."
                )
        return lines


def recorded_role_key(conn: Connection) -> str | None:
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": ROLE_KEY_META}).first()
    return str(row[0]) if row else None


def _trust(conn: Connection, keys: AuditSigner | bytes) -> tuple[bytes, str | None, str]:
    if isinstance(keys, AuditSigner):
        if keys.role_secret is not None:
            return keys.legacy_seal_key, keys.trusted_role_key, "checked with your manager key"
        return (
            keys.legacy_seal_key,
            keys.trusted_role_key or recorded_role_key(conn),
            "checked against the key this vault recorded; a manager's check is stronger",
        )
    return keys, recorded_role_key(conn), "checked against the key this vault recorded"


def unsigned_phrase(count: int) -> str:
    """How the entry that makes the checkpoint key states the unsigned entries before it."""
    return f"the {count} entries written before signing began"


def _allowed_unsigned(row: tuple[object, ...]) -> int:
    """Unsigned entries may only come before the one that made the checkpoint key (an
    upgraded vault), and only as many as it says; a vault made since has none."""
    if str(row[3]) != "audit_keys_established":
        return 0
    found = re.search(r"the (\d+) entries written before signing began", str(row[6]))
    return int(found.group(1)) if found else 0


class _Walk:
    """Walks entries in order, keeping the writer keys registered so far."""

    def __init__(self, role_key: str | None) -> None:
        self.role_key = role_key
        self.keys: dict[str, str] = {}
        self.history: dict[str, set[str]] = {}
        self.signing_started = False
        self.unsigned = 0
        self.last_checkpoint = 0
        self.warnings: list[str] = []

    def check(self, entry_id: int, row: tuple[object, ...]) -> str | None:
        """The problem with this entry's signature, or None."""
        record_type, record_id, digest = str(row[4]), str(row[5]), str(row[8])
        signer, signature, registers = str(row[9] or ""), str(row[10] or ""), str(row[11] or "")
        if not signer:
            if self.signing_started:
                return "it carries no signature: it was added with the database key alone."
            self.unsigned += 1
            return None
        self.signing_started = True
        message = audit_keys.entry_message(digest, registers)
        if signer == ROLE_SIGNER:
            if self.role_key is None:
                return "it is signed with a checkpoint key this vault has no record of."
            if not audit_keys.check_signature(self.role_key, signature, message):
                return (
                    "its checkpoint signature does not match: it, or an entry before it, was "
                    "changed or resealed with another key."
                )
            if not self.last_checkpoint and self.unsigned > _allowed_unsigned(row):
                return (
                    "entries before it carry no signature, though this vault signs every entry: "
                    "the signatures were stripped and the trail rewritten."
                )
            self.last_checkpoint = entry_id
        elif signer.startswith(WRITER_PREFIX):
            name = signer[len(WRITER_PREFIX) :]
            self_registering = registers and record_type == "user" and record_id == name
            # A first key signs its own registration; so does one set with the recovery code.
            new_key = name not in self.keys or str(row[3]) in _BY_RECOVERY
            key = registers if self_registering and new_key else self.keys.get(name)
            if key is None:
                return f"it is signed by {name}, whose audit key was never registered."
            if not audit_keys.check_signature(key, signature, message):
                return "its signature does not match: it was changed, or signed by someone else."
            # An officer's key speaks only for them (failed sign-ins are noted for others).
            if str(row[2]) != name and str(row[3]) != "sign_in_failed":
                return f"it names {row[2]} as its writer but is signed by {name}."
        else:
            return "its signature is of an unknown kind."
        if registers and record_type == "user":
            known = self.history.setdefault(record_id, set())
            self_signed = signer == WRITER_PREFIX + record_id
            first_self = self_signed and record_id not in self.keys
            by_recovery = self_signed and str(row[3]) in _BY_RECOVERY
            if by_recovery and not first_self and registers not in known:
                # An old recovery code holds no checkpoint key: allowed, and said.
                self.warnings.append(f"Entry {entry_id}: {record_id}'s audit key was replaced "
                                     "with the recovery code.")  # fmt: skip
            elif signer != ROLE_SIGNER and not first_self and registers not in known:
                return f"it replaces {record_id}'s audit key without a manager's signature."
            known.add(registers)
            self.keys[record_id] = registers
        return None


_COLUMNS = (
    "id, at, actor, action, record_type, record_id, summary, prev_hash, hash, "
    "signer, signature, registers_key"
)


def verify(conn: Connection, keys: AuditSigner | bytes) -> AuditReport:
    seal_key, role_key, basis = _trust(conn, keys)
    walk = _Walk(role_key)
    expected_prev = GENESIS_HASH
    count = 0
    for row in conn.execute(text(f"SELECT {_COLUMNS} FROM audit_log ORDER BY id")):
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
        problem = walk.check(entry_id, tuple(row))
        if problem is not None:
            return AuditReport(False, count - 1, entry_id, problem)
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
    # A vault with a checkpoint key has at least one entry it signed (the one that made it):
    # a trail with none had every signature stripped and was rewritten.
    established = isinstance(keys, AuditSigner) and keys.role_secret is not None
    if (established or recorded_role_key(conn)) and count and not walk.last_checkpoint:
        return AuditReport(False, count, 1, "no entry carries this vault's checkpoint "
                           "signature: the signatures were stripped and the trail rewritten.")  # fmt: skip
    return AuditReport(True, count, unsigned=walk.unsigned, last_checkpoint=walk.last_checkpoint,
                       basis=basis, warnings=tuple(walk.warnings))  # fmt: skip
