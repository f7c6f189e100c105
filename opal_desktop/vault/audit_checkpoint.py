"""External checkpoints: the trail's head, signed, handed out in every package and backup.

A checkpoint is small and leaves the vault: package.json and a backup's manifest carry it,
so whoever keeps them holds proof of the trail as it was. It holds the entry count, the
last entry's hash, a 4-byte digest of every entry (so a later rewrite can be located, not
only noticed) and the signature of the checkpoint key (a manager or administrator made the
package or backup). `verify_against` proves the vault's trail still begins with exactly
that history, or names the first entry that differs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, text

from opal_desktop.errors import BadFile
from opal_desktop.vault import audit_keys
from opal_desktop.vault.audit import GENESIS_HASH, utc_now
from opal_desktop.vault.audit_keys import ROLE_SIGNER, WRITER_PREFIX

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

FORMAT = "opal-desktop-audit-checkpoint"
DIGEST_BYTES = 4
_MAX_MEMBER = 64 * 1024 * 1024  # package.json or manifest.json read into memory, at most


def _hashes(conn: Connection, upto: int | None = None) -> list[str]:
    query = "SELECT hash FROM audit_log ORDER BY id"
    rows = conn.execute(text(query + (" LIMIT :n" if upto is not None else "")),
                        {"n": upto} if upto is not None else {}).all()  # fmt: skip
    return [str(r[0]) for r in rows]


def _digests(hashes: list[str]) -> bytes:
    return b"".join(bytes.fromhex(h)[:DIGEST_BYTES] for h in hashes)


def checkpoint(vault: Vault) -> dict[str, Any]:
    """The trail's head now, signed with the checkpoint key when the signed-in person holds
    it (else with their own writer key, and saying so)."""
    with vault.engine.connect() as conn:
        hashes = _hashes(conn)
    digests = _digests(hashes)
    head = hashes[-1] if hashes else GENESIS_HASH
    digests_sha = hashlib.sha256(digests).hexdigest()
    message = audit_keys.head_message(vault.vault_id, len(hashes), head, digests_sha)
    signer = vault.signer
    if signer.role_secret is not None:
        key = audit_keys.checkpoint_key(signer.role_secret)
        by = ROLE_SIGNER
    elif signer.writer_seed is not None:
        key, by = audit_keys.writer_key(signer.writer_seed), WRITER_PREFIX + signer.username
    else:
        key, by = None, ""
    return {
        "format": FORMAT,
        "version": 1,
        "vault_id": vault.vault_id,
        "count": len(hashes),
        "hash": head,
        "at": utc_now(),
        "made_by": vault.actor.username,
        "signer": by,
        "public_key": audit_keys.public_hex(key) if key else "",
        "signature": audit_keys.sign(key, message) if key else "",
        "entry_digests": base64.b64encode(digests).decode("ascii"),
    }


@dataclass(frozen=True)
class AgainstReport:
    proved: bool
    sentence: str
    first_differing: int | None = None
    count: int = 0


def read_checkpoint(path: Path) -> dict[str, Any]:
    """The checkpoint carried by a package ZIP, a backup, or a package.json/manifest file."""
    path = Path(path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                member = next((n for n in ("manifest.json", "package.json") if n in names), None)
                if member is None:
                    raise BadFile(
                        f"{path.name} is neither an Opal Desktop package ZIP nor a backup."
                    )
                if archive.getinfo(member).file_size > _MAX_MEMBER:
                    raise BadFile(f"{path.name} is too large to be a package or a backup.")
                data = archive.read(member)
        else:
            if path.suffix.lower() == ".p7m":
                raise BadFile(f"{path.name} is encrypted for its recipient; check the package's "
                              "ZIP before encryption, or a backup, instead.")  # fmt: skip
            if path.stat().st_size > _MAX_MEMBER:
                raise BadFile(f"{path.name} is too large to be package.json or a manifest.")
            data = path.read_bytes()
        doc = json.loads(data.decode("utf-8"))
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadFile(f"Cannot read a checkpoint from {path.name}: {error}.") from None
    found = doc.get("audit_checkpoint") if isinstance(doc, dict) else None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise BadFile(f"{path.name} carries no audit checkpoint (it was made before version "
                      "0.11 of the trail, or is not an Opal Desktop package or backup).")  # fmt: skip
    return found


def verify_against(vault: Vault, conn: Connection, found: dict[str, Any]) -> AgainstReport:
    """Does this vault's trail still begin with the history the checkpoint vouches for?"""
    try:
        count, head = int(found["count"]), str(found["hash"])
        digests = base64.b64decode(str(found["entry_digests"]), validate=True)
        vault_id, signer = str(found["vault_id"]), str(found.get("signer", ""))
        public, signature = str(found.get("public_key", "")), str(found.get("signature", ""))
    except (KeyError, TypeError, ValueError):
        return AgainstReport(False, "The checkpoint is damaged: it cannot be read.")
    if vault_id != vault.vault_id:
        return AgainstReport(False, "The checkpoint belongs to another vault.")
    message = audit_keys.head_message(vault_id, count, head, hashlib.sha256(digests).hexdigest())
    if not audit_keys.check_signature(public, signature, message):
        return AgainstReport(False, "The checkpoint's signature does not match: it was altered.")
    trusted = vault.signer.trusted_role_key
    if signer == ROLE_SIGNER and public != trusted:
        return AgainstReport(False, "The checkpoint is signed with a key this vault does not "
                             "know as its checkpoint key.")  # fmt: skip
    if signer.startswith(WRITER_PREFIX):
        from opal_desktop.vault.role_keys import registered_key

        if registered_key(conn, signer.removeprefix(WRITER_PREFIX)) != public:
            return AgainstReport(False, "The checkpoint is signed with a key the trail never "
                                 "registered for its writer.")  # fmt: skip
    hashes = _hashes(conn, count)
    mine = _digests(hashes)
    for index in range(min(len(mine), len(digests)) // DIGEST_BYTES):
        at = slice(index * DIGEST_BYTES, (index + 1) * DIGEST_BYTES)
        if mine[at] != digests[at]:
            return AgainstReport(False, f"The trail was rewritten since the checkpoint: entry "
                                 f"{index + 1} is not the one it vouches for.", index + 1, count)  # fmt: skip
    if len(hashes) < count:
        return AgainstReport(False, f"The trail was cut short since the checkpoint: it vouches "
                             f"for {count} entries, the vault holds {len(hashes)}.",
                             len(hashes) + 1, count)  # fmt: skip
    if (hashes[-1] if hashes else GENESIS_HASH) != head:
        return AgainstReport(False, f"The trail was rewritten since the checkpoint: entry "
                             f"{count} is not the one it vouches for.", count, count)  # fmt: skip
    who = ("a manager's or administrator's checkpoint key" if signer == ROLE_SIGNER
           else f"{signer.removeprefix(WRITER_PREFIX) or 'nobody'}'s own key only")  # fmt: skip
    return AgainstReport(True, f"Entries 1 to {count} are exactly as the checkpoint made at "
                         f"{str(found.get('at', ''))[:16].replace('T', ' ')} UTC vouches "
                         f"(signed with {who}).", None, count)  # fmt: skip
