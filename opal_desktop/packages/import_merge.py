"""Merging a verified package into the vault by UUID, all in one transaction.

New records keep their UUIDs (and their references where this vault has not used them);
records already here are compared: unchanged ones are left alone, changed ones are updated
and the change is written to the audit trail. A record whose content is what the last
import brought is left alone even if someone has edited it here since, so importing the
same package twice changes nothing. Every record added or changed gets a provenance row:
source store, signer fingerprint, package SHA-256 and reference, and the chain the package
carried for it (so the next export reaches back to the store that recorded it).

A store is its organisation plus its code (import_orgs): another retailer's LDS01 is another
store, and an incident keeps its reference in its own store; a reference another
organisation's incident also has is reported as a conflict, never renumbered.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import add_months, to_utc_text, utc_now, utc_to_london
from opal_desktop.evidence.exhibits import custody, insert_exhibit
from opal_desktop.incidents import history, records, refs
from opal_desktop.incidents.mapping import fill_row, from_row
from opal_desktop.incidents.models import IncidentRow
from opal_desktop.packages import import_doc as d
from opal_desktop.packages.import_links import merge_link, merge_subject, merge_vehicle
from opal_desktop.packages.import_orgs import Organisations, conflicts_of
from opal_desktop.packages.import_report import ImportReport, Signer
from opal_desktop.packages.import_zip import refuse
from opal_desktop.packages.importer import Prepared
from opal_desktop.referral import duplicates
from opal_desktop.vault.models import Store
from opal_desktop.vault.organisations import legacy_id
from opal_desktop.vault.vault import Vault


def merge(vault: Vault, prepared: Prepared, *, dry_run: bool = False) -> ImportReport:
    """Merge; with dry_run, do exactly the same and roll it back."""
    vault.require(Permission.IMPORT_PACKAGES)
    report = prepared.report(dry_run)
    settings = vault.settings()
    with vault.engine.connect() as conn, conn.begin() as transaction:
        session = Session(bind=conn)
        try:
            Merge(vault, conn, session, prepared, report, settings).run()
        finally:
            session.close()
        if dry_run:
            transaction.rollback()
    return report


class Merge:
    def __init__(self, vault: Vault, conn: Connection, session: Session, prepared: Prepared,
                 report: ImportReport, settings: dict[str, object]) -> None:  # fmt: skip
        self.vault, self.conn, self.session, self.p, self.report = (
            vault,
            conn,
            session,
            prepared,
            report,
        )
        self.doc = prepared.doc
        self.now = to_utc_text(utc_now())
        self.keep_ic = bool(settings.get("show_ethnic_appearance"))
        months = settings.get("retention_months", 24)
        self.review = add_months(
            utc_to_london(utc_now()).date(), months if isinstance(months, int) else 24
        )
        self.origin = (f"package {self.doc.reference} (SHA-256 {prepared.archive.sha256}) signed by "
                       f"{prepared.signer.describe()}")  # fmt: skip
        self.import_id: int | None = None
        self.ids: dict[str, dict[str, int]] = {
            "incident": {},
            "subject": {},
            "vehicle": {},
            "exhibit": {},
        }

    def run(self) -> None:
        self.orgs = Organisations(self)
        self._stores()
        for item in self.doc.incidents:
            self._incident(item)
        for exhibit in sorted(self.doc.exhibits, key=lambda e: e.kind != "master"):
            self._exhibit(exhibit)
        for subject in self.doc.subjects:
            merge_subject(self, subject)
        for vehicle in self.doc.vehicles:
            merge_vehicle(self, vehicle)
        skipped = sum(not merge_link(self, link) for link in self.doc.links)
        if skipped:
            self.report.notes.append(f"{skipped} link(s) were left out: they point at a record the package does not hold.")  # fmt: skip
        # After the merge, inside its transaction: a dry run finds exactly what an import would.
        self.report.duplicate_stills = duplicates.for_exhibit_ids(
            self.conn, self.ids["exhibit"].values()
        )
        self._finish()

    # --- shared ---------------------------------------------------------------------

    def sql(self, statement: str, **params: Any) -> Any:
        return self.conn.execute(text(statement), params)

    def audit(self, action: str, record_type: str, record_id: str, summary: str) -> None:
        self.vault.audit(self.conn, action, record_type, record_id, summary)

    def count(self, kind: str, outcome: str) -> None:
        counts = self.report.counts[kind]
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    def last_content(self, record_type: str, record_uuid: str) -> tuple[str, int | None] | None:
        row = self.sql("SELECT content_sha256, source_version FROM provenance WHERE record_type = :t AND "
                       "record_uuid = :u ORDER BY id DESC LIMIT 1", t=record_type, u=record_uuid).first()  # fmt: skip
        return (str(row[0]), row[1]) if row else None

    def provenance(self, record_type: str, record_uuid: str, *, source_uuid: str = "", reference: str = "",
                   store: str = "", content: str = "", version: int | None = None) -> None:  # fmt: skip
        archive, signer = self.p.archive, self.p.signer
        if self.import_id is None:
            self.import_id = int(self.sql(
                "INSERT INTO package_imports(package_uuid, package_reference, package_sha256, file_name, source_stores, "
                "source_vault_id, signer_subject, signer_fingerprint, trusted, counts_json, imported_by, imported_at, "
                "organisation_id) VALUES (:u, :r, :sha, :f, :s, :v, :subj, :fp, :t, '{}', :me, :now, :org)",
                u=self.doc.uuid, r=self.doc.reference, sha=archive.sha256, f=archive.path.name[:255],
                s=self.doc.source_stores, v=self.doc.vault_id, subj=signer.subject, fp=signer.fingerprint,
                t=signer.trusted, me=self.vault.actor.username, now=self.now, org=self.orgs.sender.uuid).lastrowid)  # fmt: skip
        upstream = self.doc.upstream.get((record_type, record_uuid))
        self.sql(
            "INSERT INTO provenance(record_type, record_uuid, source_uuid, source_reference, source_version, "
            "source_store, import_id, signer_fingerprint, package_sha256, package_reference, content_sha256, "
            "imported_by, imported_at, upstream_json) VALUES (:t, :u, :su, :ref, :v, :store, :i, :fp, :sha, :pref, "
            ":c, :me, :now, :up)",
            t=record_type, u=record_uuid, su=source_uuid or record_uuid, ref=reference[:40], v=version,
            store=store or self.doc.source_stores, i=self.import_id, fp=signer.fingerprint, sha=archive.sha256,
            pref=self.doc.reference, c=content, me=self.vault.actor.username, now=self.now,
            up=json.dumps(upstream, sort_keys=True, ensure_ascii=False) if upstream else None,
        )  # fmt: skip

    def require_owner(self, record_type: str, record_uuid: str, reference: str) -> None:
        """Before a record already here is changed: only a package from the organisation that
        first brought it may change it, and none may change one made in this vault. UUIDs are
        random, so a clash is a forged or broken package: it is refused whole."""
        first = self.sql("SELECT i.signer_subject, p.signer_fingerprint, i.organisation_id FROM provenance p JOIN "
                         "package_imports i ON i.id = p.import_id WHERE p.record_type = :t AND p.record_uuid = :u "
                         "ORDER BY p.id LIMIT 1", t=record_type, u=record_uuid).first()  # fmt: skip
        if first is None:
            raise refuse(f"it would change {record_type} {reference}, which was recorded in this vault: "
                         "no package may change it.")  # fmt: skip
        # By organisation id (bound to the certificates that brought it), never by the
        # certificate's O= name: two organisations' names may read the same once cut to 64.
        owner = str(first[2]) or legacy_id(str(first[1]))
        if owner != self.orgs.sender.uuid:
            name = (
                self.orgs.name_of(owner) or Signer(str(first[0]), str(first[1]), True).organisation
            )
            raise refuse(f"it would change {record_type} {reference}, which came from {name} (organisation id "
                         f"{owner}); only their packages may change it, and this one is from "
                         f"{self.orgs.sender.name} (organisation id {self.orgs.sender.uuid}).")  # fmt: skip

    def taken(self, table: str, reference: str, uuid: str, store_id: int | None = None) -> bool:
        """Is the reference used by another record (incidents: in the same store)?"""
        scope = "" if store_id is None else f" AND store_id = {int(store_id)}"
        row = self.sql(f"SELECT uuid FROM {table} WHERE reference = :r{scope}", r=reference).first()
        return row is not None and row[0] != uuid

    # --- stores and incidents -------------------------------------------------------

    def _stores(self) -> None:
        """Each store the incidents are in, found by its organisation and code: another
        organisation's store with the same code is another store, added beside it."""
        self.store_ids: dict[tuple[str, str], int] = {}
        for key in self.doc.store_keys:
            store, org = self.doc.stores[key], self.orgs.of_store(key)
            here = self.sql("SELECT id FROM stores WHERE organisation_id = :o AND code = :c",
                            o=org.id, c=store.code).scalar()  # fmt: skip
            if here is not None:
                self.store_ids[key] = int(here)
                self.count("stores", "unchanged")
                continue
            self.store_ids[key] = int(self.sql(
                "INSERT INTO stores(organisation_id, code, name, retailer, address, postcode, force_id, is_home, "
                "created_at) VALUES (:o, :c, :n, :r, :a, :p, :f, 0, :now)", o=org.id, c=store.code, n=store.name,
                r=store.retailer or org.name, a=store.address, p=store.postcode, f=store.force_id,
                now=self.now).lastrowid)  # fmt: skip
            self.audit("store_added", "store", store.code,
                       f"{store.name} ({store.code}) of {org.name} added from {self.origin}")  # fmt: skip
            self.provenance("store", f"{org.uuid}/{store.code}", reference=store.code, store=store.code,
                            content=d.content_hash(vars(store)))  # fmt: skip
            self.count("stores", "added")

    def _incident(self, item: d.IncidentDoc) -> None:
        incident = item.incident
        row = self.session.scalars(
            select(IncidentRow).where(IncidentRow.uuid == incident.uuid)
        ).first()
        if row is None:
            row = self._add_incident(item)
        else:
            self._update_incident(row, item)
        self.ids["incident"][incident.uuid] = row.id
        self.report.conflicts += conflicts_of(self, row.id)

    def _add_incident(self, item: d.IncidentDoc) -> IncidentRow:
        incident, code = item.incident, item.incident.store_code
        store = self.session.get(Store, self.store_ids[item.store_key])
        assert store is not None
        reference = incident.reference
        # Only the same organisation's same store can clash (its vault was made again, say):
        # never renumbered into another organisation's store, whose LDS01 is another store.
        if self.taken("incidents", reference, incident.uuid, store.id):
            reference = self._free_reference(store, reference)
            self.report.notes.append(f"{incident.reference} from {code} of {store.organisation.name} is already used in that store by another incident: it was added as {reference}.")  # fmt: skip
        created = to_utc_text(incident.created_at) if incident.created_at else self.now
        updated = to_utc_text(incident.updated_at) if incident.updated_at else created
        row = IncidentRow(uuid=incident.uuid, reference=reference, store_id=store.id, store=store,
                          version=max(incident.version, 1), created_by=incident.created_by or self.vault.actor.username,
                          created_at=created, updated_by=incident.updated_by or incident.created_by, updated_at=updated)  # fmt: skip
        fill_row(row, incident, self.keep_ic)
        self.session.add(row)
        self.session.flush()
        self._bump_counter(store, reference)
        saved = from_row(row)
        records._reindex(self.session, saved)  # the word and identifier indexes, as a save does
        self.audit("incident_created", "incident", refs.audit_id(self.conn, row.id),
                   f"{history.created_summary(saved)} (imported from {self.origin})")  # fmt: skip
        self.provenance("incident", incident.uuid, reference=incident.reference, store=code,
                        content=item.content_sha256, version=incident.version)  # fmt: skip
        self.count("incidents", "added")
        return row

    def _update_incident(self, row: IncidentRow, item: d.IncidentDoc) -> None:
        incident = item.incident
        last = self.last_content("incident", incident.uuid)
        if last is not None and (
            last[0] == item.content_sha256 or incident.version < (last[1] or 0)
        ):
            if last[0] != item.content_sha256:
                self.report.notes.append(f"{row.reference} in the package is older than the copy imported before; the newer copy was kept.")  # fmt: skip
            self.count("incidents", "unchanged")
            return
        before = from_row(row)
        probe = IncidentRow(id=row.id, uuid=row.uuid, reference=row.reference, store=row.store, version=row.version,
                            created_by=row.created_by, created_at=row.created_at, updated_by=row.updated_by,
                            updated_at=row.updated_at)  # fmt: skip
        fill_row(probe, incident, self.keep_ic)
        changes = history.describe_changes(before, from_row(probe))
        if not changes:
            self.count("incidents", "unchanged")
            return
        self.require_owner("incident", incident.uuid, row.reference)
        fill_row(row, incident, self.keep_ic)
        row.version = max(row.version + 1, incident.version)
        row.updated_by = incident.updated_by or self.vault.actor.username
        row.updated_at = to_utc_text(incident.updated_at) if incident.updated_at else self.now
        self.session.flush()
        records._reindex(self.session, from_row(row))
        by = (
            f" (changed at {incident.store_code} by {incident.updated_by})"
            if incident.updated_by
            else ""
        )
        self.audit(
            "incident_changed",
            "incident",
            refs.audit_id(self.conn, row.id),
            f"{changes}{by}; imported from {self.origin}",
        )
        self.provenance("incident", incident.uuid, reference=incident.reference, store=incident.store_code,
                        content=item.content_sha256, version=incident.version)  # fmt: skip
        self.count("incidents", "updated")

    def _free_reference(self, store: Store, wanted: str) -> str:
        year = wanted.split("-")[-2]
        used = {int(str(r[0])[-5:]) for r in self.sql("SELECT reference FROM incidents WHERE store_id = :s AND "
                                                      "reference LIKE :p", s=store.id, p=f"{store.code}-{year}-%")}  # fmt: skip
        counter = self.sql("SELECT last_number FROM reference_counters WHERE store_id = :s AND year = :y",
                           s=store.id, y=int(year)).scalar()  # fmt: skip
        reference = f"{store.code}-{year}-{max([*used, int(counter or 0)]) + 1:05d}"
        self._bump_counter(store, reference)
        return reference

    def _bump_counter(self, store: Store, reference: str) -> None:
        """Incidents this vault logs for that store later must not reuse an imported number."""
        code, year, number = reference.rsplit("-", 2)
        if code == store.code:
            self.sql("INSERT INTO reference_counters(store_id, year, last_number) VALUES (:s, :y, :n) "
                     "ON CONFLICT(store_id, year) DO UPDATE SET last_number = max(last_number, excluded.last_number)",
                     s=store.id, y=int(year), n=int(number))  # fmt: skip

    # --- exhibits -------------------------------------------------------------------

    def _exhibit(self, e: d.ExhibitDoc) -> None:
        row = self.sql("SELECT id, sha256, reference, camera, cctv_time_shown, clock_offset_seconds, caption, "
                       "regions_json FROM exhibits WHERE uuid = :u", u=e.uuid).first()  # fmt: skip
        if row is None:
            self._add_exhibit(e)
            return
        if row[1] != e.sha256:
            raise refuse(f"exhibit {e.reference} has different bytes from exhibit {row[2]}, which this vault holds under the same identifier.")  # fmt: skip
        self.ids["exhibit"][e.uuid] = int(row[0])
        details = (e.camera, e.cctv_time_shown, e.clock_offset_seconds, e.caption, e.regions_json)
        last = self.last_content("exhibit", e.uuid)
        if tuple(row[3:]) == details or (last is not None and last[0] == e.content_sha256):
            self.count("exhibits", "unchanged")
            return
        self.require_owner("exhibit", e.uuid, str(row[2]))
        self.sql("UPDATE exhibits SET camera = :c, cctv_time_shown = :t, clock_offset_seconds = :o, caption = :cap, "
                 "regions_json = :r WHERE id = :id", c=e.camera, t=e.cctv_time_shown, o=e.clock_offset_seconds,
                 cap=e.caption, r=e.regions_json, id=row[0])  # fmt: skip
        incident = self.sql("SELECT i.reference FROM incidents i JOIN exhibits x ON x.incident_id = i.id "
                            "WHERE x.id = :id", id=row[0]).scalar_one()  # fmt: skip
        custody(self.vault, self.conn, row[2], e.sha256, incident, "details_changed",
                f"camera, CCTV time, clock offset, caption or regions updated from {self.origin}")  # fmt: skip
        self.provenance("exhibit", e.uuid, reference=e.reference, content=e.content_sha256)
        self.count("exhibits", "updated")

    def _add_exhibit(self, e: d.ExhibitDoc) -> None:
        incident_id = self.ids["incident"][e.incident_uuid]
        incident_ref, store = self.sql("SELECT i.reference, s.code FROM incidents i JOIN stores s ON s.id = i.store_id "
                                       "WHERE i.id = :id", id=incident_id).one()  # fmt: skip
        reference, n = e.reference, 1
        while self.taken("exhibits", reference, e.uuid):
            n += 1
            reference = f"{e.reference}-{store}" + (f"-{n - 1}" if n > 2 else "")
        master_id = self.sql("SELECT id FROM exhibits WHERE uuid = :u", u=e.master_uuid).scalar() if e.master_uuid else None  # fmt: skip
        if e.master_uuid and master_id is None:
            self.report.notes.append(f"{e.reference} is a redacted copy whose master was not sent; ask {store} for the master if it is needed.")  # fmt: skip
        position = self.sql("SELECT coalesce(max(position), 0) + 1 FROM exhibits WHERE incident_id = :i", i=incident_id).scalar_one()  # fmt: skip
        facts = self.p.stills[e.uuid]
        exhibit_id = insert_exhibit(
            self.conn, incident_id=incident_id, reference=reference, kind=e.kind, master_id=master_id,
            position=int(position), facts=facts, data=self.p.still_bytes(e.uuid, e.path),
            original_filename=e.original_filename or e.path.rsplit("/", 1)[-1], source=e.source[:16] or "file",
            imported_by=e.imported_by or self.vault.actor.username, camera=e.camera, regions_json=e.regions_json,
        )  # fmt: skip
        self.sql("UPDATE exhibits SET uuid = :u, imported_at = :at, cctv_time_shown = :t, clock_offset_seconds = :o, "
                 "caption = :c WHERE id = :id", u=e.uuid, at=e.imported_at or self.now, t=e.cctv_time_shown,
                 o=e.clock_offset_seconds, c=e.caption, id=exhibit_id)  # fmt: skip
        self.sql("UPDATE incidents SET stills_count = (SELECT count(*) FROM exhibits WHERE incident_id = :id "
                 "AND kind = 'master') WHERE id = :id", id=incident_id)  # fmt: skip
        prefix = re.match(r"^([A-Z]{1,8})/(\d+)$", reference)
        if prefix:  # stills this vault adds later must not reuse an imported reference
            self.sql("INSERT INTO exhibit_counters(prefix, last_number) VALUES (:p, :n) ON CONFLICT(prefix) "
                     "DO UPDATE SET last_number = max(last_number, excluded.last_number)",
                     p=prefix[1], n=int(prefix[2]))  # fmt: skip
        renamed = f"; {store} knows it as {e.reference}" if reference != e.reference else ""
        custody(self.vault, self.conn, reference, e.sha256, incident_ref, "imported",
                f"imported from {self.origin}; first imported at {store} by {e.imported_by} at {e.imported_at}{renamed}")  # fmt: skip
        self.provenance(
            "exhibit", e.uuid, reference=e.reference, store=store, content=e.content_sha256
        )
        self.ids["exhibit"][e.uuid] = exhibit_id
        self.count("exhibits", "added")

    def _finish(self) -> None:
        report, doc = self.report, self.doc
        what = f"{doc.reference} from {doc.source_stores} (SHA-256 {self.p.archive.sha256}) signed by {self.p.signer.describe()}"
        if not report.changed:
            self.audit("package_import_unchanged", "package", doc.reference, f"{what}: already up to date, nothing changed")  # fmt: skip
            return
        counts = json.dumps({k: c.to_json() for k, c in report.counts.items()}, sort_keys=True)
        self.sql(
            "UPDATE package_imports SET counts_json = :c WHERE id = :id",
            c=counts,
            id=self.import_id,
        )
        self.audit("package_imported", "package", doc.reference, f"{what}: {report.summary()}")
