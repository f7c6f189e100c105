"""Merging two subject profiles that turn out to be one person, and undoing it.

The merged profile is kept (marked as merged into the other) and its links move across;
the merge row records exactly which link rows moved, so undoing puts them back.
"""

from __future__ import annotations

import json

from sqlalchemy import text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput
from opal_desktop.linking.common import now, require_text
from opal_desktop.linking.subjects import get_subject
from opal_desktop.vault.vault import Vault

_LINK_TABLES = ("incident_subject_links", "subject_vehicle_links")


def merge_subjects(vault: Vault, keep: str, merge: str, reason: str) -> int:
    """Merge profile `merge` into `keep`; returns the merge's id (to undo it)."""
    vault.require(Permission.LINK_INCIDENTS)
    reason = require_text(reason, "why these are the same person")
    kept, merged = get_subject(vault, keep), get_subject(vault, merge)
    if kept.id == merged.id:
        raise InvalidInput("Choose two different profiles to merge.")
    if kept.merged_into or merged.merged_into:
        raise InvalidInput(
            "One of these profiles was already merged. Undo that merge first, or use the profile it went into."
        )
    with vault.transaction() as conn:
        moved: dict[str, list[int]] = {}
        for table in _LINK_TABLES:
            ids = [int(r[0]) for r in conn.execute(
                text(f"SELECT id FROM {table} WHERE subject_id = :m AND unlinked_at IS NULL"), {"m": merged.id})]  # fmt: skip
            if ids:
                conn.execute(text(f"UPDATE {table} SET subject_id = :k WHERE id IN ({','.join(map(str, ids))})"),
                             {"k": kept.id})  # fmt: skip
            moved[table] = ids
        series = [int(r[0]) for r in conn.execute(
            text("SELECT series_id FROM series_subjects WHERE subject_id = :m"), {"m": merged.id})]  # fmt: skip
        for series_id in series:
            conn.execute(text("INSERT OR IGNORE INTO series_subjects(series_id, subject_id, added_by, added_at) "
                              "VALUES (:s, :k, :me, :now)"),
                         {"s": series_id, "k": kept.id, "me": vault.actor.username, "now": now()})  # fmt: skip
        moved["series"] = series
        conn.execute(
            text("UPDATE subjects SET merged_into_id = :k WHERE id = :m"),
            {"k": kept.id, "m": merged.id},
        )
        result = conn.execute(
            text("INSERT INTO subject_merges(kept_id, merged_id, moved_json, reason, merged_by, merged_at) "
                 "VALUES (:k, :m, :moved, :why, :me, :now)"),
            {"k": kept.id, "m": merged.id, "moved": json.dumps(moved), "why": reason, "me": vault.actor.username,
             "now": now()},
        )  # fmt: skip
        merge_id = int(result.lastrowid or 0)
        count = sum(len(v) for k, v in moved.items() if k != "series")
        vault.audit(
            conn,
            "subjects_merged",
            "subject",
            kept.reference,
            f"{merged.reference} merged into {kept.reference} ({count} links moved; merge #{merge_id}): {reason}",
        )
    return merge_id


def undo_merge(vault: Vault, merge_id: int, reason: str) -> None:
    """Put the links back where they were and make the merged profile separate again."""
    vault.require(Permission.LINK_INCIDENTS)
    reason = require_text(reason, "why the merge is being undone")
    with vault.transaction() as conn:
        row = conn.execute(
            text("SELECT m.kept_id, m.merged_id, m.moved_json, m.reversed_at, k.reference, g.reference "
                 "FROM subject_merges m JOIN subjects k ON k.id = m.kept_id JOIN subjects g ON g.id = m.merged_id "
                 "WHERE m.id = :id"),
            {"id": merge_id},
        ).first()  # fmt: skip
        if row is None or row[3] is not None:
            raise InvalidInput("That merge does not exist or was already undone.")
        merged_id, moved = int(row[1]), json.loads(row[2])
        for table in _LINK_TABLES:
            ids = moved.get(table, [])
            if ids:
                conn.execute(text(f"UPDATE {table} SET subject_id = :m WHERE id IN ({','.join(map(str, ids))})"),
                             {"m": merged_id})  # fmt: skip
        conn.execute(
            text("UPDATE subjects SET merged_into_id = NULL WHERE id = :m"), {"m": merged_id}
        )
        conn.execute(text("UPDATE subject_merges SET reversed_by = :me, reversed_at = :now WHERE id = :id"),
                     {"me": vault.actor.username, "now": now(), "id": merge_id})  # fmt: skip
        vault.audit(
            conn,
            "subjects_unmerged",
            "subject",
            row[4],
            f"{row[5]} separated from {row[4]} (merge #{merge_id}): {reason}",
        )


def merges(vault: Vault) -> list[dict[str, object]]:
    vault.require(Permission.LINK_INCIDENTS)
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT m.id, k.reference, g.reference, m.reason, m.merged_by, m.merged_at, m.reversed_at "
            "FROM subject_merges m JOIN subjects k ON k.id = m.kept_id JOIN subjects g ON g.id = m.merged_id "
            "ORDER BY m.id"))  # fmt: skip
        return [{"id": r[0], "kept": r[1], "merged": r[2], "reason": r[3], "by": r[4], "at": r[5],
                 "undone": r[6] is not None} for r in rows]  # fmt: skip
