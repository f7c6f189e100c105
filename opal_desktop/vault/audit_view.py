"""Reading the audit trail (managers and admins), with filters, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.sql import Select

from opal_desktop.domain.roles import Permission
from opal_desktop.vault import audit
from opal_desktop.vault.audit_checkpoint import AgainstReport, read_checkpoint, verify_against
from opal_desktop.vault.audit_verify import AuditReport
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


@dataclass(frozen=True)
class TrailCheck:
    """`audit verify`: the trail, the database's pages, the head kept outside it and, with
    --against, a checkpoint from a package or backup. Intact only if every part is."""

    report: AuditReport
    page_problems: tuple[str, ...] = ()
    rollback: str | None = None  # found at this sign-in
    earlier_rollbacks: tuple[str, ...] = ()  # recorded at earlier sign-ins
    against: AgainstReport | None = None

    @property
    def intact(self) -> bool:
        return (self.report.intact and not self.page_problems and self.rollback is None
                and (self.against is None or self.against.proved))  # fmt: skip

    @property
    def first_bad_id(self) -> int | None:
        if self.against is not None and self.against.first_differing is not None:
            return self.against.first_differing
        return self.report.first_bad_id

    def sentence(self) -> str:
        """The headline: what is wrong first, else that all is well."""
        if self.page_problems:
            return (f"The database file is damaged: SQLCipher's page check found "
                    f"{len(self.page_problems)} problem(s), e.g. {self.page_problems[0]}. "
                    "Restore the vault from a backup.")  # fmt: skip
        if not self.report.intact:
            return self.report.sentence()
        if self.rollback is not None:
            return self.rollback
        if self.against is not None and not self.against.proved:
            return self.against.sentence
        return self.report.sentence()

    def lines(self) -> list[str]:
        """Everything to print: the headline, then what else was checked or found."""
        out = [self.sentence()]
        if self.against is not None and self.against.sentence not in out:
            out.append(self.against.sentence)
        if not self.page_problems:
            out.append("Every page of the database file passed SQLCipher's check.")
        out += [f"Earlier warning, kept in the trail: {w}" for w in self.earlier_rollbacks]
        out += self.report.details()
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "intact": self.intact,
            "count": self.report.count,
            "first_bad_id": self.first_bad_id,
            "problem": self.report.problem,
            "page_problems": list(self.page_problems),
            "rollback": self.rollback,
            "earlier_rollbacks": list(self.earlier_rollbacks),
            "against": None if self.against is None else {
                "proved": self.against.proved, "sentence": self.against.sentence,
                "first_differing": self.against.first_differing, "count": self.against.count},
            "sentence": self.sentence(),
            "details": self.lines()[1:],
        }  # fmt: skip


def page_problems(vault: Vault) -> tuple[str, ...]:
    """SQLCipher's own check of every page's HMAC: a flipped byte anywhere is found."""
    with vault.engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA cipher_integrity_check").all()
    return tuple(str(r[0]) for r in rows)


def verify_trail(vault: Vault, against: Path | None = None) -> TrailCheck:
    """Anyone signed in may check the trail is intact; it reveals nothing but a count."""
    found = None if against is None else read_checkpoint(against)
    pages = page_problems(vault)
    with vault.engine.connect() as conn:
        report = audit.verify(conn, vault.signer)
        earlier = tuple(str(r[0])[:300] for r in conn.execute(
            select(AuditEntry.summary).where(AuditEntry.action == "rollback_detected")
            .order_by(AuditEntry.id)))  # fmt: skip
        compared = None if found is None else verify_against(vault, conn, found)
    if vault.rollback_notice is not None:
        earlier = earlier[:-1]  # the last one was recorded by this very sign-in
    return TrailCheck(report, pages, vault.rollback_notice, earlier, compared)
