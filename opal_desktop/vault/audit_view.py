"""Reading the audit trail (managers and admins), with filters, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.sql import Select

from opal_desktop.domain.roles import Permission
from opal_desktop.vault import audit
from opal_desktop.vault.models import AuditEntry
from opal_desktop.vault.vault import Vault

Q = TypeVar("Q", bound=Select[Any])


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    record: str = ""  # matches record type or id
    since: str = ""  # ISO date (UTC) inclusive, e.g. "2026-11-01"
    until: str = ""  # ISO date (UTC) inclusive


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    actor: str
    action: str
    record_type: str
    record_id: str
    summary: str
    hash: str

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def _apply(query: Q, flt: AuditFilter) -> Q:
    if flt.actor:
        query = query.where(AuditEntry.actor == flt.actor.strip().lower())
    if flt.action:
        query = query.where(AuditEntry.action == flt.action.strip())
    if flt.record:
        needle = flt.record.strip()
        query = query.where((AuditEntry.record_id == needle) | (AuditEntry.record_type == needle))
    if flt.since:
        query = query.where(AuditEntry.at >= flt.since)
    if flt.until:
        query = query.where(AuditEntry.at < flt.until + "~")  # "~" sorts after any time on that day
    return query


def count_entries(vault: Vault, flt: AuditFilter = AuditFilter()) -> int:
    vault.require(Permission.VIEW_AUDIT)
    with vault.session() as session:
        return int(session.scalar(_apply(select(func.count(AuditEntry.id)), flt)) or 0)


def list_entries(
    vault: Vault,
    flt: AuditFilter = AuditFilter(),
    offset: int = 0,
    limit: int = 200,
    newest_first: bool = True,
) -> list[AuditRow]:
    vault.require(Permission.VIEW_AUDIT)
    order = AuditEntry.id.desc() if newest_first else AuditEntry.id.asc()
    query = _apply(select(AuditEntry), flt).order_by(order).offset(offset).limit(limit)
    with vault.session() as session:
        return [
            AuditRow(e.id, e.at, e.actor, e.action, e.record_type, e.record_id, e.summary, e.hash)
            for e in session.scalars(query)
        ]


def distinct_actions(vault: Vault) -> list[str]:
    vault.require(Permission.VIEW_AUDIT)
    with vault.session() as session:
        return list(
            session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
        )


def verify_trail(vault: Vault) -> audit.AuditReport:
    """Anyone signed in may check the trail is intact; it reveals nothing but a count."""
    with vault.engine.connect() as conn:
        return audit.verify(conn, vault.seal_key)
