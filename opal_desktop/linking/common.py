"""What the linking services share: references, the store rule, small SQL helpers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.incidents import refs
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.vault import Vault

now = utc_now


def next_reference(conn: Connection, kind: str) -> str:
    """SUBJ-0001, SER-0001: numbered in this vault."""
    row = conn.execute(
        text("SELECT last_number FROM link_counters WHERE kind = :k"), {"k": kind}
    ).first()
    number = (int(row[0]) if row else 0) + 1
    conn.execute(
        text(
            "INSERT INTO link_counters(kind, last_number) VALUES (:k, :n) "
            "ON CONFLICT(kind) DO UPDATE SET last_number = :n"
        ),
        {"k": kind, "n": number},
    )
    return f"{kind}-{number:04d}"


def across_stores(vault: Vault) -> bool:
    return vault.can(Permission.EDIT_ANY_STORE_INCIDENTS)


def incident_row(conn: Connection, vault: Vault, reference: str) -> tuple[int, str]:
    """(id, store code) of an incident the signed-in user may work on; `reference` may be
    qualified (NG/LDS01-2026-00001) when two organisations use it."""
    found = refs.resolve(conn, reference)
    if found.store_id != vault.actor.store_id and not across_stores(vault):
        raise PermissionDenied(
            f"link incidents of store {found.store_code}", vault.actor.role.label
        )
    return found.id, found.store_code


def visible_subject_clause(vault: Vault, alias: str = "s") -> tuple[str, dict[str, Any]]:
    """Officers see the subjects linked to their own store's incidents, or that they created."""
    if across_stores(vault):
        return "1", {}
    return (
        f"({alias}.created_by = :me OR EXISTS (SELECT 1 FROM incident_subject_links l JOIN incidents i ON "
        f"i.id = l.incident_id JOIN stores st ON st.id = i.store_id WHERE l.subject_id = {alias}.id AND "
        "l.unlinked_at IS NULL AND st.id = :my_store))",
        {"me": vault.actor.username, "my_store": vault.actor.store_id},
    )


def require_text(value: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise InvalidInput(
            f"Say {what}. It is kept with the link, so others can see why it was made."
        )
    return cleaned
