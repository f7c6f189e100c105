"""The key file: one random database key, wrapped once per user and once for recovery.

Each slot holds the database key encrypted with AES-256-GCM under Argon2id(secret, salt).
The associated data binds a slot to this vault, its id, kind and user, so a slot copied
from another vault or renamed to another user fails to open. Changing a password re-wraps
one slot; the database itself is never re-encrypted.

The file is JSON, written atomically, with an identical backup copy beside it. Each copy
carries a SHA-256 checksum of its own content, so damage that still parses (one changed
digit of the vault id, a flipped byte of a wrapped key) is recognised without a password.
Signing in tries the secret against the intact copy (both copies, for old files without a
checksum), repairs a damaged or missing copy from the good one, and says so; damage both
copies share is reported as damage, never as a wrong password.

A slot may also carry *extras*: secrets sealed under the same wrapping key (so no second
key derivation) and bound to the slot and their name. Each user's own audit-writer seed is
one; the role secret (managers, administrators, the recovery code) is another: see
audit_keys. The file also remembers the audit trail's head as last seen, so a database
copied back from earlier is noticed at sign-in (vault.head_guard).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from opal_desktop.errors import UnknownUser, VaultDamaged, VaultNotFound, WrongPassword

KEYFILE_NAME = "vault.keys"
KEYFILE_BACKUP_NAME = "vault.keys.bak"
FORMAT = "opal-desktop-keyfile"
FORMAT_VERSION = 1
KEY_BYTES = 32
RECOVERY_SLOT_ID = "recovery"

SlotKind = Literal["password", "recovery"]
# What a copy of the key file is found to be: "ok" (parses, checksum right), "unchecked"
# (parses, written before checksums), "damaged" (parses, checksum wrong), "unreadable"
# (does not parse), "missing".
CopyState = Literal["ok", "unchecked", "damaged", "unreadable", "missing"]

BOTH_COPIES_DAMAGED = (
    "The key file {main} and its backup copy {backup} in {folder} are both damaged or "
    "missing, so nobody can sign in with them (this is not a wrong password). Restore the "
    "vault from a backup (opal-desktop restore), or ask your administrator."
)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored per slot so it can be raised later without breaking old slots."""

    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    # Bounds stop a hostile key file from making us allocate gigabytes or spin for hours.
    def checked(self) -> KdfParams:
        if not (8 * 1024 <= self.memory_kib <= 2 * 1024 * 1024):
            raise VaultDamaged(
                "The key file asks for an impossible amount of memory. Restore it from a backup."
            )
        if not (1 <= self.iterations <= 20 and 1 <= self.lanes <= 16):
            raise VaultDamaged(
                "The key file has impossible key-derivation settings. Restore it from a backup."
            )
        return self


# Read at call time (not bound as a default argument) so tests can lower the cost.
DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_wrapping_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret.encode("utf-8"))


@dataclass(frozen=True)
class Slot:
    id: str
    kind: SlotKind
    username: str | None
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    created_at: str
    # name -> (nonce, sealed bytes): secrets sealed under this slot's wrapping key
    extras: tuple[tuple[str, bytes, bytes], ...] = ()
    writer_public_key: str = ""  # the public half of the user's audit-writer key, hex

    def extra_names(self) -> set[str]:
        return {name for name, _, _ in self.extras}

    def extra_associated_data(self, vault_id: str, name: str) -> bytes:
        return self.associated_data(vault_id) + b"|extra:" + name.encode("utf-8")

    @property
    def display_name(self) -> str:
        """The key file keeps no names (they stay in the encrypted database): show the username."""
        return self.username or "Recovery code"

    def associated_data(self, vault_id: str) -> bytes:
        bound = {
            "format": FORMAT,
            "vault": vault_id,
            "slot": self.id,
            "kind": self.kind,
            "username": self.username,
            "kdf": [self.kdf.memory_kib, self.kdf.iterations, self.kdf.lanes],
        }
        return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "username": self.username,
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
                "salt": _b64(self.salt),
            },
            "cipher": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped),
            "created_at": self.created_at,
            **({"writer_public_key": self.writer_public_key} if self.writer_public_key else {}),
            **(
                {"extras": {n: {"nonce": _b64(nc), "sealed": _b64(w)} for n, nc, w in self.extras}}
                if self.extras
                else {}
            ),
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Slot:
        kdf = doc["kdf"]
        if kdf["name"] != "argon2id" or doc["cipher"] != "aes-256-gcm":
            raise ValueError("unsupported slot algorithms")
        kind = doc["kind"]
        if kind not in ("password", "recovery"):
            raise ValueError("unknown slot kind")
        return cls(
            id=str(doc["id"]),
            kind=kind,
            username=doc["username"],
            kdf=KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
            salt=_unb64(kdf["salt"]),
            nonce=_unb64(doc["nonce"]),
            wrapped=_unb64(doc["wrapped_key"]),
            created_at=str(doc["created_at"]),
            extras=tuple(
                (str(name), _unb64(e["nonce"]), _unb64(e["sealed"]))
                for name, e in sorted(dict(doc.get("extras") or {}).items())
            ),
            writer_public_key=str(doc.get("writer_public_key") or "")[:128],
        )


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _checked_uuid(value: object) -> str:
    text = str(value).lower()
    if not _UUID.match(text):
        raise ValueError("vault id is not a UUID")
    return text


def user_slot_id(username: str) -> str:
    return f"user:{username}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _checksum(doc: dict[str, Any]) -> str:
    """SHA-256 of the document without its checksum, in one canonical spelling."""
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def wrap_key(
    vault_id: str,
    key: bytes,
    secret: str,
    *,
    slot_id: str,
    kind: SlotKind,
    username: str | None,
    kdf: KdfParams,
    extras: dict[str, bytes] | None = None,
    writer_public_key: str = "",
) -> Slot:
    import secrets  # here, not at the top: the sign-in window only reads this file

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    unsealed = Slot(slot_id, kind, username, kdf, salt, nonce, b"", _now(),
                    writer_public_key=writer_public_key)  # fmt: skip
    wrapping_key = derive_wrapping_key(secret, salt, kdf)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, key, unsealed.associated_data(vault_id))
    opened = OpenedSlot(vault_id, replace(unsealed, wrapped=wrapped), key, wrapping_key)
    return opened.with_extras(extras or {})


@dataclass(frozen=True)
class OpenedSlot:
    """A slot opened with its secret: the database key, and the wrapping key that seals and
    opens the slot's extras without deriving it again."""

    vault_id: str
    slot: Slot
    key: bytes
    wrapping_key: bytes

    def unseal(self, name: str) -> bytes | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        for found, nonce, sealed in self.slot.extras:
            if found == name:
                try:
                    return AESGCM(self.wrapping_key).decrypt(
                        nonce, sealed, self.slot.extra_associated_data(self.vault_id, name)
                    )
                except InvalidTag:
                    return None  # moved from another slot or damaged: as if absent
        return None

    def with_extras(
        self, add: dict[str, bytes], remove: tuple[str, ...] = (), writer_public_key: str = ""
    ) -> Slot:
        """The slot with `add` sealed in (replacing same-named ones) and `remove` taken out."""
        import secrets

        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        slot = self.slot
        if writer_public_key:
            slot = replace(slot, writer_public_key=writer_public_key)
        kept = [e for e in slot.extras if e[0] not in add and e[0] not in remove]
        for name, value in sorted(add.items()):
            nonce = secrets.token_bytes(12)
            ad = slot.extra_associated_data(self.vault_id, name)
            kept.append((name, nonce, AESGCM(self.wrapping_key).encrypt(nonce, value, ad)))
        return replace(slot, extras=tuple(sorted(kept)))


@dataclass
class KeyFile:
    vault_id: str
    created_at: str
    slots: list[Slot] = field(default_factory=list)
    # The audit trail's head when this file was last written: {"count", "hash", "at"}.
    audit_head: dict[str, Any] | None = None
    role_public_key: str = ""  # the checkpoint key's public half (audit_keys), hex

    @classmethod
    def new(cls) -> KeyFile:
        import uuid  # here, not at the top: the sign-in window only reads key files

        return cls(vault_id=str(uuid.uuid4()), created_at=_now())

    # --- reading and writing -------------------------------------------------------

    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / KEYFILE_NAME).exists() or (folder / KEYFILE_BACKUP_NAME).exists()

    @classmethod
    def load(cls, folder: Path) -> KeyFile:
        """Read the key file for its list of users: an intact copy first, else any that parses.

        Reads only; signing in goes through `unlock`, which also repairs."""
        copies = read_copies(folder)
        for copy in sorted(copies, key=lambda c: _PREFERENCE.index(c.state)):
            if copy.keyfile is not None:
                return copy.keyfile
        raise VaultDamaged(BOTH_COPIES_DAMAGED.format(main=KEYFILE_NAME, backup=KEYFILE_BACKUP_NAME,
                                                      folder=folder))  # fmt: skip

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        return cls._parse(data)[0]

    @classmethod
    def _parse(cls, data: bytes) -> tuple[KeyFile, bool | None]:
        """The key file, and whether its checksum is right (None: written before checksums)."""
        if len(data) > 1024 * 1024:
            raise ValueError("key file too large")
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict):
            raise ValueError("not a key file")
        if doc.get("format") != FORMAT:
            raise ValueError("not a key file")
        if doc.get("version") != FORMAT_VERSION:
            raise ValueError("unknown key file version")
        slots = [Slot.from_json(s) for s in doc["slots"]]
        ids = [s.id for s in slots]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate slots")
        head = doc.get("audit_head")
        keyfile = cls(
            vault_id=_checked_uuid(doc["vault_id"]),
            created_at=str(doc["created_at"]),
            slots=slots,
            audit_head=dict(head) if isinstance(head, dict) else None,
            role_public_key=str(doc.get("role_public_key") or "")[:128],
        )
        stored = doc.pop("checksum", None)
        intact = None if stored is None else hmac.compare_digest(str(stored), _checksum(doc))
        return keyfile, intact

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "created_at": self.created_at,
            "note": "Wrapped keys only. Without this file or its backup the vault cannot be opened.",
            "slots": [s.to_json() for s in self.slots],
        }
        if self.role_public_key:
            doc["role_public_key"] = self.role_public_key
        if self.audit_head is not None:
            doc["audit_head"] = self.audit_head
        doc["checksum"] = _checksum(doc)
        return (json.dumps(doc, indent=2) + "\n").encode("utf-8")

    def save(self, folder: Path) -> None:
        data = self.to_bytes()
        from opal_desktop.fileio import atomic_write  # lazily, like secrets: start-up cost

        atomic_write(folder / KEYFILE_NAME, data)
        atomic_write(folder / KEYFILE_BACKUP_NAME, data)

    # --- slots ---------------------------------------------------------------------

    def user_slots(self) -> list[Slot]:
        return [s for s in self.slots if s.kind == "password"]

    def slot(self, slot_id: str) -> Slot | None:
        return next((s for s in self.slots if s.id == slot_id), None)

    def slot_for_user(self, username: str) -> Slot:
        slot = self.slot(user_slot_id(username))
        if slot is None or slot.username != username:
            raise UnknownUser(username)
        return slot

    def unwrap(self, slot: Slot, secret: str) -> bytes:
        """Return the database key, or raise WrongPassword. Runs Argon2id: call off the GUI thread."""
        return self.open_slot(slot, secret).key

    def open_user(self, username: str, password: str) -> OpenedSlot:
        return self.open_slot(self.slot_for_user(username), password)

    def open_recovery(self, code: str) -> OpenedSlot:
        slot = self.slot(RECOVERY_SLOT_ID)
        if slot is None:
            raise VaultDamaged("This vault has no recovery slot. Restore the vault from a backup.")
        try:
            return self.open_slot(slot, normalise_recovery_code(code))
        except WrongPassword:
            raise WrongPassword("the recovery code") from None

    def open_slot(self, slot: Slot, secret: str) -> OpenedSlot:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        wrapping_key = derive_wrapping_key(secret, slot.salt, slot.kdf.checked())
        try:
            key = AESGCM(wrapping_key).decrypt(
                slot.nonce, slot.wrapped, slot.associated_data(self.vault_id)
            )
        except InvalidTag:
            raise WrongPassword(slot.username or "the recovery code") from None
        if len(key) != KEY_BYTES:
            raise VaultDamaged(
                "The key file holds a key of the wrong size. Restore it from a backup."
            )
        return OpenedSlot(self.vault_id, slot, key, wrapping_key)

    def unwrap_user(self, username: str, password: str) -> bytes:
        return self.unwrap(self.slot_for_user(username), password)

    def put_slot(self, slot: Slot) -> None:
        self.slots = [s for s in self.slots if s.id != slot.id] + [slot]

    def set_user_password(
        self,
        key: bytes,
        username: str,
        password: str,
        kdf: KdfParams | None = None,
        extras: dict[str, bytes] | None = None,
        writer_public_key: str = "",
    ) -> None:
        self.put_slot(
            wrap_key(
                self.vault_id,
                key,
                password,
                slot_id=user_slot_id(username),
                kind="password",
                username=username,
                kdf=kdf or DEFAULT_KDF,
                extras=extras,
                writer_public_key=writer_public_key,
            )
        )

    def remove_user(self, username: str) -> None:
        self.slots = [s for s in self.slots if s.id != user_slot_id(username)]

    def set_recovery_code(
        self,
        key: bytes,
        code: str,
        kdf: KdfParams | None = None,
        extras: dict[str, bytes] | None = None,
    ) -> None:
        self.put_slot(
            wrap_key(
                self.vault_id,
                key,
                normalise_recovery_code(code),
                slot_id=RECOVERY_SLOT_ID,
                kind="recovery",
                username=None,
                kdf=kdf or DEFAULT_KDF,
                extras=extras,
            )
        )

    def unwrap_recovery(self, code: str) -> bytes:
        return self.open_recovery(code).key


# --- both copies: which one to trust, and repairing the other ---------------------------

_PREFERENCE: tuple[CopyState, ...] = ("ok", "unchecked", "damaged", "unreadable", "missing")


@dataclass(frozen=True)
class KeyFileCopy:
    name: str  # KEYFILE_NAME or KEYFILE_BACKUP_NAME
    path: Path
    state: CopyState
    data: bytes | None = None
    keyfile: KeyFile | None = None


def _read_copy(path: Path) -> KeyFileCopy:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return KeyFileCopy(path.name, path, "missing")
    except OSError:
        return KeyFileCopy(path.name, path, "unreadable")
    try:
        keyfile, intact = KeyFile._parse(data)
    except (ValueError, KeyError, TypeError, AttributeError):  # JSON, base64, shape
        return KeyFileCopy(path.name, path, "unreadable", data)
    state: CopyState = "unchecked" if intact is None else ("ok" if intact else "damaged")
    return KeyFileCopy(path.name, path, state, data, keyfile)


def read_copies(folder: Path) -> tuple[KeyFileCopy, KeyFileCopy]:
    """Both copies, main first; VaultNotFound if neither is there."""
    main = _read_copy(folder / KEYFILE_NAME)
    backup = _read_copy(folder / KEYFILE_BACKUP_NAME)
    if main.state == "missing" and backup.state == "missing":
        raise VaultNotFound(folder)
    return main, backup


@dataclass(frozen=True)
class Unlocked:
    """A key file that opened, and the database key. `repair()` then puts right a copy that
    differs from the one that opened (call it holding the vault's instance lock)."""

    folder: Path
    keyfile: KeyFile
    key: bytes
    good: KeyFileCopy
    other: KeyFileCopy
    opened: OpenedSlot | None = None  # when `attempt` returned the opened slot

    def repair(self) -> str | None:
        """Rewrite the other copy from the good one (atomically) if they differ, and return
        the sentence for the person signing in; None when both copies were already right."""
        return _repair_from(self.folder, self.good, self.other)


def unlock(folder: Path, attempt: Callable[[KeyFile], bytes | OpenedSlot]) -> Unlocked:
    """Open the database key with `attempt` (a slot unwrap), trying the copies worth trying.

    An intact copy (checksum right) decides alone, the main one before the backup: the
    main file is written first, so when both are intact but differ the main one is newer
    and an old password that only the backup still takes is a wrong password. With no
    intact copy every copy that parses is tried. Raises WrongPassword/UnknownUser as the
    trusted copy says, or VaultDamaged when no copy that could be trusted is left. Writes
    nothing: see Unlocked.repair."""
    main, backup = read_copies(folder)
    intact = [c for c in (main, backup) if c.state == "ok"]
    candidates = intact[:1] or [c for c in (main, backup) if c.keyfile is not None]
    first_error: Exception | None = None
    for copy in candidates:
        assert copy.keyfile is not None
        try:
            result = attempt(copy.keyfile)
        except (WrongPassword, UnknownUser, VaultDamaged) as error:
            # Only a copy that can be trusted may call it a wrong password: a damaged copy
            # cannot tell damage from a wrong password.
            if first_error is None and copy.state in ("ok", "unchecked"):
                first_error = error
            continue
        other = backup if copy is main else main
        if isinstance(result, OpenedSlot):
            return Unlocked(folder, copy.keyfile, result.key, copy, other, result)
        return Unlocked(folder, copy.keyfile, result, copy, other)
    if first_error is not None:
        raise first_error
    raise VaultDamaged(BOTH_COPIES_DAMAGED.format(main=KEYFILE_NAME, backup=KEYFILE_BACKUP_NAME,
                                                  folder=folder))  # fmt: skip


_WHAT_WAS_WRONG: dict[CopyState, str] = {
    "ok": "was out of date (a change to it was interrupted)",
    "unchecked": "did not match",
    "damaged": "was damaged",
    "unreadable": "was damaged and could not be read",
    "missing": "was missing",
}


def _describe_copy(name: str) -> str:
    return f"The key file {name}" if name == KEYFILE_NAME else f"The key file's backup copy {name}"


def _repair_from(folder: Path, good: KeyFileCopy, other: KeyFileCopy) -> str | None:
    assert good.data is not None
    if good.state == "damaged":  # opened, but no intact copy is left to repair from
        return (
            f"Both copies of the key file in {folder} are damaged. You are signed in, but "
            "others may not be able to: restore the vault from a backup, or ask your "
            "administrator."
        )
    if other.data == good.data:
        return None
    # Read again under the lock: if either copy changed since (another program saved the
    # key file meanwhile), leave both alone rather than overwrite a newer file.
    if _read_copy(good.path).data != good.data or _read_copy(other.path).data != other.data:
        return None
    from opal_desktop.fileio import atomic_write

    what = f"{_describe_copy(other.name)} {_WHAT_WAS_WRONG[other.state]}"
    try:
        atomic_write(other.path, good.data)
    except OSError as error:
        reason = error.strerror or str(error)
        return (
            f"{what}, and it could not be repaired ({reason}). You are signed in with "
            f"{good.name}; ask your administrator to make a backup of the vault now."
        )
    return f"{what}; it has been repaired from {good.name}. Nothing else was changed."


# --- recovery codes: 160 random bits, Base32 in groups of four -----------------------

_RECOVERY_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_recovery_code() -> str:
    import secrets

    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_code(code: str) -> str:
    """Accept the code as people type it: any case, spaces or dashes, 0/O and 1/I mixed up."""
    compact = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_RECOVERY_LOOKALIKES)
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)
