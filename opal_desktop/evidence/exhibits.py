"""Exhibits: importing stills onto an incident, reading them back, their chain of custody.

The master is the imported file, byte for byte, with the SHA-256 taken at import. It is
never modified: redaction (see redaction.py) makes a separate working copy. Every action
on an exhibit is a custody event and an audit trail entry.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Connection, text

from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.evidence.ingest import InspectedStill, inspect_still
from opal_desktop.evidence.models import (
    ExhibitInfo,
    ImportReport,
    IncomingStill,
)
from opal_desktop.evidence.queries import (
    custody_log as custody_log,
)
from opal_desktop.evidence.queries import (
    find_exhibit as find_exhibit,
)
from opal_desktop.evidence.queries import (
    get_exhibit as get_exhibit,
)
from opal_desktop.evidence.queries import (
    info_by_id,
)
from opal_desktop.evidence.queries import (
    list_exhibits as list_exhibits,
)
from opal_desktop.evidence.queries import (
    original_bytes as original_bytes,
)
from opal_desktop.evidence.queries import (
    thumbnails as thumbnails,
)
from opal_desktop.fileio import cannot_write, why_unwritable
from opal_desktop.incidents import records, refs
from opal_desktop.vault import audit as audit_module
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.vault import Vault

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


def _initials(display_name: str, username: str) -> str:
    letters = [w[0] for w in re.findall(r"[A-Za-z]+", display_name)][:3]
    prefix = "".join(letters).upper() or re.sub(r"[^A-Za-z]", "", username)[:2].upper() or "EX"
    return prefix


def _next_reference(conn: Connection, prefix: str) -> str:
    row = conn.execute(
        text("SELECT last_number FROM exhibit_counters WHERE prefix = :p"), {"p": prefix}
    ).first()
    number = (int(row[0]) if row else 0) + 1
    conn.execute(
        text(
            "INSERT INTO exhibit_counters(prefix, last_number) VALUES (:p, :n) "
            "ON CONFLICT(prefix) DO UPDATE SET last_number = :n"
        ),
        {"p": prefix, "n": number},
    )
    return f"{prefix}/{number}"


def custody(
    vault: Vault,
    conn: Connection,
    reference: str,
    sha256: str,
    incident_reference: str,
    action: str,
    details: str,
) -> None:
    """One line in the exhibit's chain of custody, and the same in the audit trail."""
    conn.execute(
        text(
            "INSERT INTO custody_events(exhibit_reference, exhibit_sha256, incident_reference, action, at, actor, details) "
            "VALUES (:ref, :sha, :inc, :action, :at, :actor, :details)"
        ),
        {
            "ref": reference,
            "sha": sha256,
            "inc": incident_reference,
            "action": action,
            "at": utc_now(),
            "actor": vault.actor.username,
            "details": details,
        },
    )
    vault.audit(
        conn,
        f"exhibit_{action}",
        "exhibit",
        reference,
        f"{incident_reference}: {details} (SHA-256 {sha256})",
    )


def _refresh_stills_count(conn: Connection, incident_id: int) -> None:
    conn.execute(
        text(
            "UPDATE incidents SET stills_count = (SELECT count(*) FROM exhibits "
            "WHERE incident_id = :id AND kind = 'master') WHERE id = :id"
        ),
        {"id": incident_id},
    )


def _inspect(still: IncomingStill) -> tuple[IncomingStill, bytes | None, InspectedStill | str]:
    try:
        data = still.load()
    except OSError as error:
        return still, None, f"{still.name} cannot be read: {error.strerror or error}."
    try:
        return still, data, inspect_still(data, still.name)
    except BadFile as error:
        return still, None, str(error)


def add_stills(
    vault: Vault,
    incident_reference: str,
    stills: Iterable[IncomingStill],
    *,
    camera: str = "",
    progress: Progress | None = None,
    workers: int = 2,
) -> ImportReport:
    """Import stills onto an incident. Bad files are listed with a reason and leave nothing
    behind; good ones are added one transaction each, so a cancel keeps what was done."""
    incident = records.get(vault, incident_reference)  # also checks the store rule
    assert incident.id is not None
    pending = list(stills)
    report = ImportReport()
    prefix = _initials(vault.actor.display_name, vault.actor.username)
    # Decoding and hashing run on a small pool (Pillow releases the GIL); the database
    # writes stay on this thread, the one that owns the connection.
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for done, (still, data, outcome) in enumerate(pool.map(_inspect, pending), start=1):
            if isinstance(outcome, str) or data is None:
                report.rejected.append((still.name, str(outcome)))
            else:
                try:
                    added, existing = _store(
                        vault, incident.id, incident.reference, still, data, outcome, prefix, camera
                    )
                except Exception as error:
                    if not _stop_unwritable(vault, error, report, pending[done - 1 :]):
                        raise
                    pool.shutdown(wait=True, cancel_futures=True)
                    break
                if added is not None:
                    report.added.append(added)
                else:
                    report.duplicates.append((still.name, existing))
            if progress is not None and not progress(done, len(pending)):
                report.cancelled = done < len(pending)
                break
    return report


def _stop_unwritable(
    vault: Vault, error: Exception, report: ImportReport, rest: list[IncomingStill]
) -> bool:
    """A full disk or read-only vault folder: the still being stored and every one after it
    are listed as not stored (its transaction rolled back whole) and the batch stops."""
    trouble = why_unwritable(vault.folder, error)
    if trouble is None:
        return False
    report.not_stored = [still.name for still in rest]
    report.stopped = str(cannot_write(vault.folder, trouble, vault=True, then="add them again"))
    return True


def _store(
    vault: Vault,
    incident_id: int,
    incident_reference: str,
    still: IncomingStill,
    data: bytes,
    facts: InspectedStill,
    prefix: str,
    camera: str,
) -> tuple[ExhibitInfo | None, str]:
    with vault.transaction() as conn:
        existing = conn.execute(
            text(
                "SELECT reference FROM exhibits WHERE incident_id = :i AND sha256 = :s AND kind = 'master'"
            ),
            {"i": incident_id, "s": facts.sha256},
        ).first()
        if existing is not None:
            return None, str(existing[0])
        reference = _next_reference(conn, prefix)
        position = conn.execute(
            text("SELECT coalesce(max(position), 0) + 1 FROM exhibits WHERE incident_id = :i"),
            {"i": incident_id},
        ).scalar_one()
        exhibit_id = insert_exhibit(
            conn,
            incident_id=incident_id,
            reference=reference,
            kind="master",
            master_id=None,
            position=int(position),
            facts=facts,
            data=data,
            original_filename=still.name[:255],
            source=still.source,
            imported_by=vault.actor.username,
            camera=camera,
            regions_json="[]",
        )
        _refresh_stills_count(conn, incident_id)
        custody(
            vault,
            conn,
            reference,
            facts.sha256,
            incident_reference,
            "imported",
            f"{still.name} from {still.source}, {facts.size_bytes:,} bytes, {facts.format} {facts.width}x{facts.height}"
            + _pictures_note(facts),
        )
        return info_by_id(conn, exhibit_id), ""


def _pictures_note(facts: InspectedStill) -> str:
    if not facts.multi_picture:
        return ""
    return (
        f" (MPO: {facts.frames} JPEG pictures in one file, kept whole; "
        "the first is the one shown and drawn in PDF reports)"
    )


def insert_exhibit(
    conn: Connection,
    *,
    incident_id: int,
    reference: str,
    kind: str,
    master_id: int | None,
    position: int,
    facts: InspectedStill,
    data: bytes,
    original_filename: str,
    source: str,
    imported_by: str,
    camera: str,
    regions_json: str,
) -> int:
    result = conn.execute(
        text(
            "INSERT INTO exhibits(uuid, reference, incident_id, kind, master_id, position, sha256, size_bytes, format, "
            "width, height, orientation, frames, original_filename, source, imported_by, imported_at, camera, "
            "cctv_time_shown, clock_offset_seconds, caption, exif_datetime, regions_json) VALUES (:uuid, :ref, :inc, "
            ":kind, :master, :pos, :sha, :size, :fmt, :w, :h, :orient, :frames, :name, :source, :by, :at, :camera, "
            "'', NULL, '', :exif, :regions)"
        ),
        {
            "uuid": str(uuidlib.uuid4()),
            "ref": reference,
            "inc": incident_id,
            "kind": kind,
            "master": master_id,
            "pos": position,
            "sha": facts.sha256,
            "size": facts.size_bytes,
            "fmt": facts.format,
            "w": facts.width,
            "h": facts.height,
            "orient": facts.orientation,
            "frames": facts.frames,
            "name": original_filename,
            "source": source,
            "by": imported_by,
            "at": utc_now(),
            "camera": camera.strip()[:120],
            "exif": facts.exif_datetime,
            "regions": regions_json,
        },
    )
    exhibit_id = int(result.lastrowid or 0)
    conn.execute(
        text("INSERT INTO exhibit_blobs(exhibit_id, data) VALUES (:id, :data)"),
        {"id": exhibit_id, "data": data},
    )
    conn.execute(
        text(
            "INSERT INTO exhibit_thumbnails(exhibit_id, jpeg, width, height) VALUES (:id, :jpeg, :w, :h)"
        ),
        {
            "id": exhibit_id,
            "jpeg": facts.thumbnail_jpeg,
            "w": facts.thumbnail_width,
            "h": facts.thumbnail_height,
        },
    )
    return exhibit_id


def update_details(
    vault: Vault,
    exhibit_id: int,
    *,
    camera: str,
    cctv_time_shown: str,
    clock_offset_seconds: int | None,
    caption: str,
) -> ExhibitInfo:
    """Camera, the time the CCTV picture showed, the CCTV clock's offset from true time, caption."""
    info = get_exhibit(vault, exhibit_id)
    if clock_offset_seconds is not None and abs(clock_offset_seconds) > 7 * 24 * 3600:
        raise InvalidInput(
            "The clock offset is more than a week. Enter it in seconds, for example -3600 for an hour slow."
        )
    changes = {
        "camera": (info.camera, camera.strip()[:120]),
        "CCTV time shown": (info.cctv_time_shown, cctv_time_shown.strip()[:40]),
        "clock offset (s)": (info.clock_offset_seconds, clock_offset_seconds),
        "caption": (info.caption, caption.strip()),
    }
    changed = {k: v for k, v in changes.items() if v[0] != v[1]}
    if not changed:
        return info
    with vault.transaction() as conn:
        conn.execute(
            text(
                "UPDATE exhibits SET camera = :c, cctv_time_shown = :t, clock_offset_seconds = :o, caption = :cap "
                "WHERE id = :id"
            ),
            {
                "c": changes["camera"][1],
                "t": changes["CCTV time shown"][1],
                "o": clock_offset_seconds,
                "cap": changes["caption"][1],
                "id": exhibit_id,
            },
        )
        summary = "; ".join(
            f"{k}: {old if old not in (None, '') else 'none'} → {new if new not in (None, '') else 'none'}"
            for k, (old, new) in changed.items()
        )
        custody(
            vault,
            conn,
            info.reference,
            info.sha256,
            info.incident_reference,
            "details_changed",
            summary,
        )
        return info_by_id(conn, exhibit_id)


def delete_exhibit(vault: Vault, exhibit_id: int, reason: str) -> list[str]:
    """Delete an exhibit (and a master's working copies). The custody log keeps the hashes."""
    if not reason.strip():
        raise InvalidInput(
            "Say why this exhibit is being deleted. The reason is kept in its chain of custody."
        )
    info = get_exhibit(vault, exhibit_id)
    with vault.transaction() as conn:
        doomed = [info]
        if info.is_master:
            copies = conn.execute(
                text("SELECT id FROM exhibits WHERE master_id = :id"), {"id": exhibit_id}
            ).all()
            doomed += [info_by_id(conn, int(r[0])) for r in copies]
        for item in reversed(doomed):
            custody(
                vault,
                conn,
                item.reference,
                item.sha256,
                item.incident_reference,
                "deleted",
                reason.strip(),
            )
            conn.execute(text("DELETE FROM exhibits WHERE id = :id"), {"id": item.id})
        incident_id = refs.resolve(conn, info.incident_reference).id  # may be NG/REF
        _refresh_stills_count(conn, int(incident_id))
    return [item.reference for item in doomed]


def record_export(vault: Vault, exhibit_ids: list[int], destination: str) -> None:
    """For the package export: each exported exhibit gets a custody line (and audit entry),
    written as one batch: a package of 200 stills took a second one line at a time."""
    if not exhibit_ids:
        return
    ids = ",".join(str(int(i)) for i in exhibit_ids)
    with vault.transaction() as conn:
        rows = conn.execute(
            text(
                "SELECT e.reference, e.sha256, i.reference FROM exhibits e JOIN incidents i "
                f"ON i.id = e.incident_id WHERE e.id IN ({ids}) ORDER BY e.id"
            )
        ).all()
        at, who = utc_now(), vault.actor.username
        dbapi = conn.connection.driver_connection
        assert dbapi is not None
        dbapi.executemany(
            "INSERT INTO custody_events(exhibit_reference, exhibit_sha256, incident_reference, action, at, "
            "actor, details) VALUES (?, ?, ?, 'exported', ?, ?, ?)",
            [(ref, sha, incident, at, who, destination) for ref, sha, incident in rows],
        )
        audit_module.append_many(
            conn,
            vault.seal_key,
            who,
            [
                audit_module.PendingEntry(
                    "exhibit_exported", "exhibit", ref, f"{incident}: {destination} (SHA-256 {sha})"
                )
                for ref, sha, incident in rows
            ],
        )
