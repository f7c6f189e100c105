"""Everything a package holds, gathered once from the vault: the data the PDF and ZIP are made of.

`build_snapshot` returns plain JSON-able data (the future package.json) plus the exhibits to
include, each with a `load` callable, so a writer can stream stills one at a time instead of
holding every still in memory.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import text

from opal_desktop import __version__
from opal_desktop.domain.incident import Incident
from opal_desktop.errors import InvalidInput
from opal_desktop.evidence.models import ExhibitInfo
from opal_desktop.evidence.queries import exhibits_of_many
from opal_desktop.evidence.stored import StoredBytes
from opal_desktop.incidents import records
from opal_desktop.packages.model import PackageRecord
from opal_desktop.referral.check import CheckResult
from opal_desktop.vault import organisations
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.vault import Vault

FORMAT = "opal-desktop-package/1"


@dataclass(frozen=True)
class PackageExhibit:
    info: ExhibitInfo
    uuid: str
    master_uuid: str  # "" for a master
    incident_uuid: str
    path: str  # inside the ZIP: exhibits/masters/... or exhibits/redacted/...
    load: Callable[[], bytes] = field(compare=False, repr=False)


@dataclass
class Snapshot:
    data: dict[str, Any]  # the package.json document, without file hashes
    incidents: list[Incident]
    exhibits: list[PackageExhibit]
    check: CheckResult
    # what the exhibits' `load` reads: writers keep it open while they load (evidence/stored.py)
    stills: StoredBytes

    @property
    def reference(self) -> str:
        return str(self.data["package"]["reference"])


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if hasattr(value, "value") and not isinstance(value, str | int | float | bool):
        return value.value
    return value


def incident_json(incident: Incident) -> dict[str, Any]:
    doc = _jsonable(dataclasses.asdict(incident))
    doc.pop("id", None)
    doc.pop("store_id", None)  # this vault's row id; organisation_id + store_code name the store
    doc.pop("name", None)  # how this vault tells shared references apart
    doc.update(stolen_pence=incident.stolen_pence, loss_pence=incident.loss_pence,
               has_crime_reference=incident.has_crime_reference)  # fmt: skip
    return dict(doc)


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")


def _choose(
    exhibits: list[ExhibitInfo], choices: dict[str, str], uuids: dict[int, str]
) -> list[ExhibitInfo]:
    """Per master: the chosen copy; by default the newest redacted copy (bystanders hidden), else the master."""
    chosen: list[ExhibitInfo] = []
    masters = [e for e in exhibits if e.is_master]
    for master in masters:
        copies = [e for e in exhibits if e.master_reference == master.reference]
        choice = choices.get(uuids[master.id], "")
        if choice == "exclude":
            continue
        if choice == "master" or (not choice and not copies):
            chosen.append(master)
        elif choice.startswith("redacted:"):
            wanted = choice.removeprefix("redacted:")
            chosen.append(next((c for c in copies if uuids[c.id] == wanted), master))
        else:
            chosen.append(copies[-1])
    return chosen


def build_snapshot(vault: Vault, package: PackageRecord, check: CheckResult) -> Snapshot:
    draft = package.draft
    if draft.series_reference:
        from opal_desktop.linking.series import summary

        series = summary(vault, draft.series_reference)
        references = list(series.incident_references)
        series_doc: dict[str, Any] | None = series.to_json()
    else:
        references, series_doc = sorted(draft.incident_references), None
    if not references:
        raise InvalidInput(
            "The package has no incidents. Add incidents to the series, or choose some."
        )
    incidents = records.get_many(vault, references)
    incidents.sort(
        key=lambda i: (i.occurred_start is None, i.occurred_start or datetime.min, i.reference)
    )
    with vault.engine.connect() as conn:
        uuids = {int(r[0]): str(r[1]) for r in conn.execute(text("SELECT id, uuid FROM exhibits"))}
        # a store is its organisation plus its code: two retailers may both have an LDS01
        keys = ("code", "name", "retailer", "force_id", "address", "postcode", "organisation_id",
                "organisation_code")  # fmt: skip
        stores = [dict(zip(keys, (c or "" for c in r), strict=True)) for r in conn.execute(text(
            "SELECT s.code, s.name, o.name, s.force_id, s.address, s.postcode, o.uuid, o.code FROM stores s "
            "JOIN organisations o ON o.id = s.organisation_id ORDER BY s.code, o.is_home DESC, o.name"))]  # fmt: skip
        home_org = organisations.home(conn)
        orgs = [
            organisations.by_uuid(conn, u)
            for u in sorted({str(s["organisation_id"]) for s in stores})
        ]
    chosen: list[PackageExhibit] = []
    stills = StoredBytes(vault)
    # get_many above applied the store rule to these incidents and so to their exhibits
    by_incident = exhibits_of_many(vault, [i.id for i in incidents if i.id is not None])
    for incident in incidents:
        assert incident.id is not None
        on_incident = by_incident.get(incident.id, [])
        for info in _choose(on_incident, draft.exhibit_choices, uuids):
            folder = "masters" if info.is_master else "redacted"
            ext = {"JPEG": ".jpg", "PNG": ".png", "BMP": ".bmp", "TIFF": ".tif", "WEBP": ".webp"}[
                info.format
            ]
            master_uuid = "" if info.is_master else next(
                (uuids[e.id] for e in on_incident if e.reference == info.master_reference), "")  # fmt: skip
            chosen.append(PackageExhibit(
                info=info, uuid=uuids[info.id], master_uuid=master_uuid, incident_uuid=incident.uuid,
                path=f"exhibits/{folder}/{_safe(info.reference)}_{info.sha256[:12]}{ext}",
                # get_many above applied the store rule to this incident already.
                load=functools.partial(stills.read, info.id),
            ))  # fmt: skip
    subjects, vehicles, links = _linked(vault, [i.uuid for i in incidents])
    provenance = _provenance(vault, incidents, chosen)
    data = {
        "format": FORMAT,
        "package": {"uuid": package.uuid, "reference": package.reference, "title": draft.title,
                    "summary": draft.summary, "status": package.status.value, "export_number": len(package.exports) + 1},
        "grading": draft.grading.to_json(),
        "marking": draft.marking.value,
        "legal_basis": draft.legal_basis,
        "submitter": dataclasses.asdict(draft.submitter),
        "referral_check": check.to_json(),
        "series": series_doc,
        "organisation": home_org.to_json(),  # the sender: bound to the signer's certificate on import
        "organisations": [o.to_json() for o in orgs if o is not None],
        "stores": stores,
        "incidents": [incident_json(i) | {"exhibits": [e.uuid for e in chosen if e.incident_uuid == i.uuid]}
                      for i in incidents],
        "exhibits": [_exhibit_json(e) for e in chosen],
        "subjects": subjects,
        "vehicles": vehicles,
        "links": links,
        "provenance": provenance,
        "generated": {"at": utc_now(), "by": vault.actor.username, "app": f"Opal Desktop {__version__}",
                      "vault_id": vault.vault_id},
    }  # fmt: skip
    from opal_desktop.vault.audit_checkpoint import checkpoint  # issue 16: the trail's signed head

    data["audit_checkpoint"] = checkpoint(vault)
    return Snapshot(data, incidents, chosen, check, stills)


def _exhibit_json(e: PackageExhibit) -> dict[str, Any]:
    info = e.info
    return {
        "uuid": e.uuid, "reference": info.reference, "incident_uuid": e.incident_uuid, "kind": info.kind,
        "master_uuid": e.master_uuid or None, "master_reference": info.master_reference or None, "path": e.path,
        "sha256": info.sha256, "size_bytes": info.size_bytes, "format": info.format, "width": info.width,
        "height": info.height, "original_filename": info.original_filename, "source": info.source,
        "imported_by": info.imported_by, "imported_at": info.imported_at, "camera": info.camera,
        "cctv_time_shown": info.cctv_time_shown, "clock_offset_seconds": info.clock_offset_seconds,
        "caption": info.caption, "exif_datetime_claimed": info.exif_datetime or None,
        "regions": [r.to_json() for r in info.regions],
    }  # fmt: skip


def _linked(vault: Vault, incident_uuids: list[str]) -> tuple[list[Any], list[Any], list[Any]]:
    """Subjects and vehicles linked to the package's incidents, and the links themselves."""
    names = {f"u{i}": u for i, u in enumerate(incident_uuids)}
    placeholders = ", ".join(f":{k}" for k in names)
    with vault.engine.connect() as conn:
        subject_rows = conn.execute(text(
            "SELECT DISTINCT s.uuid, s.reference, s.name, s.aliases, s.sex, s.age_range, s.height, s.build, s.hair, "
            "s.clothing, s.marks, s.notes, (SELECT uuid FROM exhibits WHERE id = s.best_exhibit_id) FROM subjects s "
            "JOIN incident_subject_links l ON l.subject_id = s.id JOIN incidents i ON i.id = l.incident_id "
            f"WHERE l.unlinked_at IS NULL AND i.uuid IN ({placeholders}) ORDER BY s.reference"), names).all()  # fmt: skip
        vehicle_rows = conn.execute(text(
            "SELECT DISTINCT v.uuid, v.vrm, v.make, v.model, v.colour, v.notes FROM vehicles v JOIN incident_vehicle_links l "
            f"ON l.vehicle_id = v.id JOIN incidents i ON i.id = l.incident_id WHERE l.unlinked_at IS NULL AND i.uuid IN "
            f"({placeholders}) ORDER BY v.vrm"), names).all()  # fmt: skip
        link_rows = conn.execute(text(
            "SELECT 'incident-subject', i.uuid, s.uuid, l.role, l.reason, l.linked_by, l.linked_at FROM "
            "incident_subject_links l JOIN incidents i ON i.id = l.incident_id JOIN subjects s ON s.id = l.subject_id "
            f"WHERE l.unlinked_at IS NULL AND i.uuid IN ({placeholders}) UNION ALL "
            "SELECT 'incident-vehicle', i.uuid, v.uuid, l.role, l.reason, l.linked_by, l.linked_at FROM "
            "incident_vehicle_links l JOIN incidents i ON i.id = l.incident_id JOIN vehicles v ON v.id = l.vehicle_id "
            f"WHERE l.unlinked_at IS NULL AND i.uuid IN ({placeholders})"), names).all()  # fmt: skip
        people = {f"s{i}": r[0] for i, r in enumerate(subject_rows)} or {"s0": ""}
        driver_rows = conn.execute(text(
            "SELECT 'subject-vehicle', s.uuid, v.uuid, l.role, l.reason, l.linked_by, l.linked_at FROM "
            "subject_vehicle_links l JOIN subjects s ON s.id = l.subject_id JOIN vehicles v ON v.id = l.vehicle_id "
            f"WHERE l.unlinked_at IS NULL AND s.uuid IN ({', '.join(':' + k for k in people)})"), people).all()  # fmt: skip
    subject_keys = ("uuid", "reference", "name", "aliases", "sex", "age_range", "height", "build", "hair", "clothing",
                    "marks", "notes", "best_exhibit_uuid")  # fmt: skip
    link_keys = ("kind", "from_uuid", "to_uuid", "role", "reason", "linked_by", "linked_at")
    return (
        [dict(zip(subject_keys, r, strict=True)) for r in subject_rows],
        [
            dict(zip(("uuid", "vrm", "make", "model", "colour", "notes"), r, strict=True))
            for r in vehicle_rows
        ],
        [dict(zip(link_keys, r, strict=True)) for r in [*link_rows, *driver_rows]],
    )


# --- provenance: where each incident and still came from ---------------------------------

_RECORDS = (
    # every package incident and still with its store in this vault and, when it came in a
    # package, each provenance row (oldest first) joined to the import it was part of
    "SELECT 'incident', x.uuid, x.reference, x.uuid, s.code, s.name, o.name, o.uuid, {cols} FROM incidents x "
    "JOIN stores s ON s.id = x.store_id JOIN organisations o ON o.id = s.organisation_id "
    "LEFT JOIN provenance p ON p.record_type = 'incident' "
    "AND p.record_uuid = x.uuid LEFT JOIN package_imports m ON m.id = p.import_id WHERE x.uuid IN ({incidents}) "
    "UNION ALL "
    "SELECT 'exhibit', e.uuid, e.reference, x.uuid, s.code, s.name, o.name, o.uuid, {cols} FROM exhibits e "
    "JOIN incidents x ON x.id = e.incident_id JOIN stores s ON s.id = x.store_id "
    "JOIN organisations o ON o.id = s.organisation_id LEFT JOIN provenance p "
    "ON p.record_type = 'exhibit' AND p.record_uuid = e.uuid LEFT JOIN package_imports m ON m.id = p.import_id "
    "WHERE e.uuid IN ({exhibits}) ORDER BY 1, 2, 9"
)
_HOP_COLUMNS = (
    "p.id", "p.source_uuid", "p.source_reference", "p.source_version", "p.source_store", "p.content_sha256",
    "p.imported_by", "p.imported_at", "p.package_reference", "p.package_sha256", "p.signer_fingerprint",
    "m.package_uuid", "m.file_name", "m.source_vault_id", "m.signer_subject", "m.trusted",
    "p.upstream_json", "m.organisation_id",
)  # fmt: skip


def _provenance(
    vault: Vault, incidents: list[Incident], exhibits: list[PackageExhibit]
) -> dict[str, Any]:
    """package.json's `provenance`: for every incident and still, whether it was recorded in this
    vault or came in a signed package, and then the chain back to the store that recorded it.
    One query for all of them; see resources/schemas/package.schema.json."""
    from opal_desktop.packages.import_report import subject_field

    names = {f"i{n}": i.uuid for n, i in enumerate(incidents)}
    stills = {f"e{n}": e.uuid for n, e in enumerate(exhibits)} or {"e0": ""}
    sql = _RECORDS.format(cols=", ".join(_HOP_COLUMNS), incidents=", ".join(f":{k}" for k in names),
                          exhibits=", ".join(f":{k}" for k in stills))  # fmt: skip
    home = vault.home_store()
    organisation = str(vault.settings().get("organisation") or home.retailer)
    with vault.engine.connect() as conn:
        home_org = organisations.home(conn).uuid
    here = {"vault_id": vault.vault_id, "organisation": organisation, "organisation_id": home_org,
            "store_code": home.code, "store_name": home.name}  # fmt: skip
    records: dict[tuple[str, str], dict[str, Any]] = {}
    with vault.engine.connect() as conn:
        rows = conn.execute(text(sql), names | stills).all()
    for row in rows:
        kind, uuid, reference, incident_uuid, code, store_name, retailer, org_uuid = row[:8]
        hop = dict(zip((c.split(".")[1] for c in _HOP_COLUMNS), row[8:], strict=True))
        record = records.setdefault((str(kind), str(uuid)), {
            "uuid": uuid, "reference": reference, **({"incident_uuid": incident_uuid} if kind == "exhibit" else {}),
            "retailer": retailer or "", "organisation_id": org_uuid, "store_code": code, "store_name": store_name,
            "recorded_here": True, "chain": [],
        })  # fmt: skip
        if hop["id"] is None:
            continue
        subject = str(hop["signer_subject"] or "")
        newest = {  # the import the content here came from: the first hop of the chain
            "source_uuid": hop["source_uuid"], "source_reference": hop["source_reference"],
            "source_version": hop["source_version"], "source_store": hop["source_store"],
            "content_sha256": hop["content_sha256"],
            "package": {"uuid": hop["package_uuid"] or "", "reference": hop["package_reference"],
                        "sha256": hop["package_sha256"], "file_name": hop["file_name"] or "",
                        "vault_id": hop["source_vault_id"] or ""},
            "signer": {"subject": subject, "common_name": subject_field(subject, "CN") or subject,
                       "organisation": subject_field(subject, "O") or subject_field(subject, "CN") or subject,
                       "organisation_id": hop["organisation_id"] or "",
                       "fingerprint_sha256": hop["signer_fingerprint"]},
            "signature_verified": True,  # a package whose signature does not verify is never merged
            "trusted_sender": bool(hop["trusted"]),
            "imported_into": here, "imported_by": hop["imported_by"], "imported_at": hop["imported_at"],
            "earlier_imports": [],
        }  # fmt: skip
        if record["chain"]:  # rows come oldest first: the one before was an earlier import
            earlier = record["chain"][0]
            newest["earlier_imports"] = [*earlier.pop("earlier_imports"), {
                "package_reference": earlier["package"]["reference"], "package_sha256": earlier["package"]["sha256"],
                "imported_by": earlier["imported_by"], "imported_at": earlier["imported_at"]}]  # fmt: skip
        # then the chain the package brought for it: back to the store that recorded it
        upstream = json.loads(hop["upstream_json"]) if hop["upstream_json"] else []
        record["recorded_here"], record["chain"] = False, [newest, *upstream]
    incident_records = [records[("incident", i.uuid)] for i in incidents]
    exhibit_records = [records[("exhibit", e.uuid)] for e in exhibits]
    return {
        "exported_from": here,
        "all_recorded_here": all(r["recorded_here"] for r in [*incident_records, *exhibit_records]),
        "incidents": incident_records,
        "exhibits": exhibit_records,
    }
