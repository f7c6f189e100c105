"""Reading exhibits back: their facts, stored bytes, thumbnails and chain of custody."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput
from opal_desktop.evidence.models import CustodyEvent, ExhibitInfo, regions_from_json
from opal_desktop.incidents import records, refs
from opal_desktop.vault.vault import Vault

_INFO_COLUMNS = (  # the incident by name: NG/REF when two organisations' incidents have REF
    f"e.id, e.reference, {refs.name_sql('i.id')}, e.kind, coalesce(m.reference, ''), e.sha256, e.size_bytes, e.format, "
    "e.width, e.height, e.orientation, e.frames, e.original_filename, e.source, e.imported_by, e.imported_at, "
    "e.camera, e.cctv_time_shown, e.clock_offset_seconds, e.caption, e.exif_datetime, e.regions_json"
)
_INFO_FROM = "FROM exhibits e JOIN incidents i ON i.id = e.incident_id LEFT JOIN exhibits m ON m.id = e.master_id"
_INFO_SQL = f"SELECT {_INFO_COLUMNS} {_INFO_FROM}"


def row_to_info(r: Sequence[Any]) -> ExhibitInfo:
    return ExhibitInfo(
        id=int(r[0]),
        reference=r[1],
        incident_reference=r[2],
        kind=r[3],
        master_reference=r[4],
        sha256=r[5],
        size_bytes=int(r[6]),
        format=r[7],
        width=int(r[8]),
        height=int(r[9]),
        orientation=int(r[10]),
        frames=int(r[11]),
        original_filename=r[12],
        source=r[13],
        imported_by=r[14],
        imported_at=r[15],
        camera=r[16],
        cctv_time_shown=r[17],
        clock_offset_seconds=r[18],
        caption=r[19],
        exif_datetime=r[20],
        regions=regions_from_json(r[21]),
    )


def info_by_id(conn: Connection, exhibit_id: int) -> ExhibitInfo:
    row = conn.execute(text(f"{_INFO_SQL} WHERE e.id = :id"), {"id": exhibit_id}).first()
    if row is None:
        raise InvalidInput("That exhibit no longer exists. It may have been deleted.")
    return row_to_info(row)


def list_exhibits(vault: Vault, incident_reference: str) -> list[ExhibitInfo]:
    """Masters in the order added, each followed by its working copies."""
    incident = records.get(vault, incident_reference)
    assert incident.id is not None
    return exhibits_of(vault, incident.id)


def exhibits_of(vault: Vault, incident_id: int) -> list[ExhibitInfo]:
    """As list_exhibits, for callers that already hold the incident (and so passed its store rule)."""
    return exhibits_of_many(vault, [incident_id]).get(incident_id, [])


def exhibits_of_many(vault: Vault, incident_ids: Sequence[int]) -> dict[int, list[ExhibitInfo]]:
    """exhibits_of for several incidents in one query (a package of 50), keyed by incident id."""
    ids = ",".join(str(int(i)) for i in incident_ids) or "NULL"
    with vault.engine.connect() as conn:
        rows = conn.execute(
            text(
                f"SELECT e.incident_id, {_INFO_COLUMNS} {_INFO_FROM} WHERE e.incident_id IN ({ids}) "
                "ORDER BY e.incident_id, coalesce(m.position, e.position), e.master_id IS NOT NULL, e.id"
            )
        ).all()
    found: dict[int, list[ExhibitInfo]] = {}
    for row in rows:
        found.setdefault(int(row[0]), []).append(row_to_info(row[1:]))
    return found


def get_exhibit(vault: Vault, exhibit_id: int) -> ExhibitInfo:
    with vault.engine.connect() as conn:
        info = info_by_id(conn, exhibit_id)
    records.get(vault, info.incident_reference)  # the store rule applies to its stills too
    return info


def find_exhibit(vault: Vault, reference: str) -> ExhibitInfo:
    """An exhibit by its reference ("JS/4", "JS/4-R1"), for the command line."""
    wanted = reference.strip().upper()
    with vault.engine.connect() as conn:
        row = conn.execute(
            text("SELECT id FROM exhibits WHERE reference = :r"), {"r": wanted}
        ).first()
    if row is None:
        raise InvalidInput(
            f"There is no exhibit {wanted} in this vault; "
            "check its reference with `opal-desktop stills list --incident REF`."
        )
    return get_exhibit(vault, int(row[0]))


def original_bytes(vault: Vault, exhibit_id: int) -> bytes:
    """The stored bytes exactly as imported (or as the working copy was made)."""
    get_exhibit(vault, exhibit_id)
    return stored_bytes(vault, exhibit_id)


def stored_bytes(vault: Vault, exhibit_id: int) -> bytes:
    """The stored bytes without the store-rule check: only for callers that have already
    made it for the exhibit's incident (a package export reads 200 stills this way)."""
    with vault.engine.connect() as conn:
        return bytes(
            conn.execute(
                text("SELECT data FROM exhibit_blobs WHERE exhibit_id = :id"), {"id": exhibit_id}
            ).scalar_one()
        )


def thumbnails(vault: Vault, exhibit_ids: list[int]) -> dict[int, bytes]:
    if not exhibit_ids:
        return {}
    ids = ",".join(str(int(i)) for i in exhibit_ids)
    with vault.engine.connect() as conn:
        rows = conn.execute(
            text(f"SELECT exhibit_id, jpeg FROM exhibit_thumbnails WHERE exhibit_id IN ({ids})")
        ).all()
    return {int(r[0]): bytes(r[1]) for r in rows}


def custody_log(vault: Vault, exhibit_reference: str) -> list[CustodyEvent]:
    """The chain of custody of one exhibit, oldest first (kept even after deletion)."""
    with vault.engine.connect() as conn:
        incident = conn.execute(
            text(
                "SELECT incident_reference FROM custody_events WHERE exhibit_reference = :r LIMIT 1"
            ),
            {"r": exhibit_reference},
        ).first()
        if incident is None:
            return []
        rows = conn.execute(
            text(
                "SELECT at, actor, action, exhibit_reference, exhibit_sha256, details FROM custody_events "
                "WHERE exhibit_reference = :r ORDER BY id"
            ),
            {"r": exhibit_reference},
        ).all()
    try:
        records.get(vault, str(incident[0]))
    except records.IncidentNotFound:
        vault.require(Permission.VIEW_AUDIT)  # incident deleted: its custody is now audit material
    return [CustodyEvent(*r) for r in rows]


def _in_list(values: list[str]) -> tuple[str, dict[str, str]]:
    """':v0, :v1, …' and its parameters, for an IN (…) of many values."""
    params = {f"v{n}": value for n, value in enumerate(values)}
    return ", ".join(":" + k for k in params), params


def custody_of_many(vault: Vault, exhibit_references: list[str]) -> list[CustodyEvent]:
    """The custody events of these exhibits (already allowed to the caller), oldest first."""
    if not exhibit_references:
        return []
    marks, params = _in_list(exhibit_references)
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT at, actor, action, exhibit_reference, exhibit_sha256, details FROM custody_events "
            f"WHERE exhibit_reference IN ({marks}) ORDER BY id"), params).all()  # fmt: skip
    return [CustodyEvent(*r) for r in rows]


def people(vault: Vault, usernames: list[str]) -> dict[str, tuple[str, str]]:
    """Full name and role ('Jane Smith', 'Store security officer') of this vault's users."""
    from opal_desktop.domain.roles import Role

    if not usernames:
        return {}
    marks, params = _in_list(usernames)
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            f"SELECT username, display_name, role FROM users WHERE username IN ({marks})"), params).all()  # fmt: skip
    return {str(u): (str(n), Role(r).label) for u, n, r in rows}
