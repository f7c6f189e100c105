"""Every still in the vault checked against the SHA-256 recorded when it was imported.

`opal-desktop stills verify`: an administrator's check that no stored still has changed, before
an export meets one (an export refuses a changed still: stored.still_as_recorded). Stills are
read and hashed on two worker threads, a few ahead (prefetch.loaded_ahead), as exports do.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass

from sqlalchemy import text

from opal_desktop.domain.roles import Permission
from opal_desktop.evidence.stored import StoredBytes
from opal_desktop.prefetch import loaded_ahead
from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class StillsCheck:
    checked: int
    changed: tuple[str, ...]  # exhibit references whose stored bytes no longer match
    missing: tuple[str, ...]  # exhibits with no stored bytes at all

    @property
    def intact(self) -> bool:
        return not self.changed and not self.missing

    def sentence(self) -> str:
        if self.intact:
            return (
                f"All {self.checked:,} stills match the SHA-256 recorded when they were imported."
            )
        parts = []
        if self.changed:
            one = len(self.changed) == 1
            parts.append(f"{_listed(self.changed)} no longer "
                         + ("matches its" if one else "match their") + " recorded SHA-256")  # fmt: skip
        if self.missing:
            one = len(self.missing) == 1
            parts.append(f"{_listed(self.missing)} " + ("has no stored picture" if one
                                                         else "have no stored pictures"))  # fmt: skip
        them = "it" if len(self.changed) + len(self.missing) == 1 else "them"
        return (
            f"Of {self.checked:,} stills, " + "; ".join(parts) + f". Do not export {them}: "
            "restore the vault from a backup taken before the change, and tell your "
            "administrator."
        )


def _listed(references: tuple[str, ...]) -> str:
    shown = ", ".join(references[:10])
    return shown + (f" and {len(references) - 10:,} more" if len(references) > 10 else "")


def verify_stills(vault: Vault) -> StillsCheck:
    """Check every still (managers and administrators, who may read the audit trail)."""
    vault.require(Permission.VIEW_AUDIT)
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT e.id, e.reference, e.sha256, b.exhibit_id IS NOT NULL FROM exhibits e "
            "LEFT JOIN exhibit_blobs b ON b.exhibit_id = e.id ORDER BY e.id")).all()  # fmt: skip
    stored = [(int(r[0]), str(r[1]), str(r[2])) for r in rows if r[3]]
    missing = tuple(str(r[1]) for r in rows if not r[3])
    stills = StoredBytes(vault)

    def matches(row: tuple[int, str, str]) -> tuple[str, bool]:
        exhibit_id, reference, sha256 = row
        return reference, hashlib.sha256(stills.read(exhibit_id)).hexdigest() == sha256

    with stills.kept_open(), contextlib.closing(loaded_ahead(matches, stored)) as results:
        changed = tuple(reference for reference, ok in results if not ok)
    return StillsCheck(len(rows), changed, missing)
