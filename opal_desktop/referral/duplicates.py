"""The same still on more than one incident: found by SHA-256, for the referral check and
for regional import.

One picture attached to several incidents (at one store, or sent by several stores) is
usually a mistake — a still pasted onto the wrong incident — and an analyst must never
count it as separate evidence. Nothing is refused: the check and the import report warn,
naming every exhibit and incident, so a person can look.

One query: the stills concerned pick their SHA-256 values, grouped over the exhibits table
(exhibits.sha256 has an index since migration 0004) to keep those on more than one
incident, then every exhibit with one of those values is listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

MAX_NAMED = 6  # incidents named in one sentence; the rest are counted


@dataclass(frozen=True)
class StillUse:
    """One exhibit carrying the still: on which incident, at which store."""

    incident: str  # incident reference
    exhibit: str  # exhibit reference
    store: str  # store code

    def to_json(self) -> list[str]:
        return [self.incident, self.exhibit, self.store]


@dataclass(frozen=True)
class SharedStill:
    """A SHA-256 attached to more than one incident, with every exhibit carrying it."""

    sha256: str
    uses: tuple[StillUse, ...]  # ordered by incident, then exhibit
    hidden: int = 0  # incidents also carrying it that the person may not open: counted, not named

    @property
    def short_sha(self) -> str:
        return f"{self.sha256[:12]}…"

    @property
    def incidents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(use.incident for use in self.uses))

    @property
    def stores(self) -> tuple[str, ...]:
        return tuple(sorted({use.store for use in self.uses}))

    def exhibits_on(self, incident: str) -> tuple[str, ...]:
        return tuple(use.exhibit for use in self.uses if use.incident == incident)

    def named(self, incident: str) -> str:
        """'LDS01-2026-00004 (JS/1)', or '… (JS/1, JS/2)' when it is on the incident twice."""
        return f"{incident} ({', '.join(self.exhibits_on(incident))})"

    def visible(self, may_open: Callable[[StillUse], bool]) -> SharedStill:
        """The same, with the incidents the person may not open only counted."""
        hidden = {use.incident for use in self.uses if not may_open(use)}
        if not hidden:
            return self
        kept = tuple(use for use in self.uses if use.incident not in hidden)
        return SharedStill(self.sha256, kept, self.hidden + len(hidden))

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "incidents": len(self.incidents) + self.hidden,
                "exhibits": [use.to_json() for use in self.uses]}  # fmt: skip


def named_list(names: list[str], limit: int = MAX_NAMED) -> str:
    """'A, B, C' or, past the limit, 'A, B, C and 4 more'."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def stores_words(stores: Iterable[str]) -> str:
    names = list(stores)
    if len(names) == 1:
        return f"store {names[0]}"
    return f"stores {', '.join(names[:-1])} and {names[-1]}"


def shared_stills(
    conn: Connection, scope: str, params: Mapping[str, Any] | None = None
) -> list[SharedStill]:
    """Every still selected by `scope` (an SQL condition on the exhibits table, which the
    caller builds from its own ids or bound parameters) whose SHA-256 is on more than one
    incident in this vault, with all the exhibits carrying it."""
    rows = conn.execute(
        text(
            # incident and store named NG/REF, NG/LDS01 where another organisation has the same
            f"SELECT x.sha256, {_QUALIFIED.format(key='i.reference', column='reference', table='incidents', alias='j', on='j.store_id')}, "
            f"x.reference, {_QUALIFIED.format(key='s.code', column='code', table='stores', alias='t', on='t.id')} FROM exhibits x "
            "JOIN incidents i ON i.id = x.incident_id JOIN stores s ON s.id = i.store_id "
            "JOIN organisations o ON o.id = s.organisation_id "
            "WHERE x.sha256 IN (SELECT d.sha256 FROM exhibits d WHERE d.sha256 IN "
            f"(SELECT c.sha256 FROM exhibits c WHERE {scope}) "
            "GROUP BY d.sha256 HAVING count(DISTINCT d.incident_id) > 1) "
            "ORDER BY x.sha256, i.reference, x.reference"
        ),
        dict(params or {}),
    ).all()
    found: dict[str, list[StillUse]] = {}
    for sha, incident, exhibit, store in rows:
        found.setdefault(str(sha), []).append(StillUse(str(incident), str(exhibit), str(store)))
    return by_most_incidents(SharedStill(sha, tuple(uses)) for sha, uses in found.items())


_QUALIFIED = (
    "CASE WHEN EXISTS (SELECT 1 FROM {table} {alias} JOIN stores k ON k.id = {on} WHERE {alias}.{column} = {key} "
    "AND k.organisation_id <> s.organisation_id) THEN o.code || '/' || {key} ELSE {key} END"
)


def by_most_incidents(shared: Iterable[SharedStill]) -> list[SharedStill]:
    """The still on most incidents first (the likeliest mistake to look at), then by incident."""
    return sorted(shared, key=lambda s: (-len(s.incidents) - s.hidden,
                                         s.uses[0].incident if s.uses else "", s.sha256))  # fmt: skip


def for_exhibit_ids(conn: Connection, ids: Iterable[int]) -> list[SharedStill]:
    """Shared stills among these exhibits (integers, so they go into the SQL as they are)."""
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return []
    return shared_stills(conn, f"c.id IN ({', '.join(map(str, wanted))})")


def for_incidents(conn: Connection, references: Iterable[str]) -> list[SharedStill]:
    """Shared stills among the exhibits on these incidents (by reference; NG/REF where two
    organisations have REF)."""
    from opal_desktop.incidents import refs

    wanted = sorted({refs.resolve(conn, r).id for r in references})
    if not wanted:
        return []
    return shared_stills(conn, f"c.incident_id IN ({', '.join(map(str, wanted))})")
