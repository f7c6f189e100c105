"""Regional import: a store's package merged into a regional vault by UUID, with provenance."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_setup
from import_support import (
    FAST_KDF,
    certificate_pem,
    document,
    entries,
    export_zip,
    integrity_problems,
    regional_vault,
    signed_zip,
    store_demo,
    table_counts,
    trust_sender,
    with_document,
)
from sqlalchemy import text

from opal_desktop.domain.roles import Role
from opal_desktop.errors import BadFile, PermissionDenied
from opal_desktop.evidence import exhibits
from opal_desktop.incidents import records, refs
from opal_desktop.incidents.demo import DemoResult
from opal_desktop.linking.vehicles import vehicle_for_vrm
from opal_desktop.packages import trust
from opal_desktop.packages.importer import UntrustedSender, import_package
from opal_desktop.vault import identity, users
from opal_desktop.vault.audit_view import verify_trail
from opal_desktop.vault.identity import IdentityMaterial
from opal_desktop.vault.signing import signing_material
from opal_desktop.vault.vault import Vault

PASSWORD = "demo password long"
REGIONAL_PASSWORD = "kettle orbit velvet"


@dataclass(frozen=True)
class Source:
    demo: DemoResult
    refs: list[str]
    package: Path  # the store's export, as the real exporter wrote it
    files: dict[str, bytes]  # its files, to change and sign again
    material: IdentityMaterial


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    demo = store_demo(tmp_path_factory.mktemp("store"), incidents=80, seed=11)
    vault = Vault.open(demo.folder, "manager", PASSWORD)
    try:
        refs = list(demo.series[0].incident_references)
        package = export_zip(vault, refs, tmp_path_factory.mktemp("export"))
        return Source(demo, refs, package, entries(package), signing_material(vault))
    finally:
        vault.close()


@pytest.fixture(scope="module")
def regional_template(tmp_path_factory: pytest.TempPathFactory, source: Source) -> Path:
    vault = regional_vault(tmp_path_factory.mktemp("regional"))
    trust_sender(vault, source.material)
    vault.close()
    return vault.folder


@pytest.fixture
def regional(tmp_path: Path, regional_template: Path) -> Iterator[Vault]:
    folder = tmp_path / "regional"
    shutil.copytree(regional_template, folder)  # a fresh copy each test: no RSA key to make again
    vault = Vault.open(folder, "admin", REGIONAL_PASSWORD)
    yield vault
    vault.close()


def _zip(
    tmp_path: Path, source: Source, files: dict[str, bytes] | None = None, name: str = "p.zip"
) -> Path:
    """The store's export itself, or (given files) those files signed again with the store's key."""
    if files is None:
        return Path(shutil.copy(source.package, tmp_path / name))
    return signed_zip(tmp_path / name, files, source.material)


def _provenance(vault: Vault, record_type: str) -> dict[str, tuple[str, ...]]:
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT record_uuid, source_store, signer_fingerprint, package_sha256, package_reference, source_reference "
            "FROM provenance WHERE record_type = :t ORDER BY id"), {"t": record_type}).all()  # fmt: skip
    return {str(r[0]): tuple(str(v) for v in r[1:]) for r in rows}


def test_round_trip_into_a_fresh_regional_vault(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    package = _zip(tmp_path, source)
    package_sha = hashlib.sha256(package.read_bytes()).hexdigest()
    doc = document(source.files)
    report = import_package(regional, package)
    assert report.changed and report.signer.trusted  # the regional manager trusted the store
    assert report.signer.fingerprint == source.material.fingerprint
    counts = {k: c.to_json() for k, c in report.counts.items()}
    assert counts["incidents"] == {"added": len(source.refs), "updated": 0, "unchanged": 0}
    assert counts["exhibits"]["added"] == len(doc["exhibits"]) > 0
    assert counts["subjects"]["added"] == len(doc["subjects"]) > 0
    assert counts["vehicles"]["added"] == len(doc["vehicles"]) > 0
    assert counts["links"]["added"] == len(doc["links"]) > 0
    # Incidents: same UUID and reference, the same content as the store sent.
    for sent in doc["incidents"]:
        here = records.get(regional, sent["reference"])
        assert here.uuid == sent["uuid"] and here.store_code == sent["store_code"]
        assert (
            here.narrative == sent["narrative"]
            and here.police.crime_reference == sent["police"]["crime_reference"]
        )
        assert len(here.goods) == len(sent["goods"]) and here.tactics == sorted(sent["tactics"])
    # Stills: bytes identical to the store's, SHA-256 equal, thumbnails made, custody says where from.
    for sent in doc["exhibits"]:
        incident = next(
            i["reference"] for i in doc["incidents"] if i["uuid"] == sent["incident_uuid"]
        )
        info = next(
            e
            for e in exhibits.list_exhibits(regional, incident)
            if e.reference == sent["reference"]
        )
        data = exhibits.original_bytes(regional, info.id)
        assert (
            data == source.files[sent["path"]]
            and hashlib.sha256(data).hexdigest() == sent["sha256"] == info.sha256
        )
        assert exhibits.thumbnails(regional, [info.id])[info.id][:2] == b"\xff\xd8"
        line = exhibits.custody_log(regional, info.reference)[-1]
        assert line.action == "imported"
        assert (
            f"imported from package {doc['package']['reference']} (SHA-256 {package_sha}) signed by"
            in line.details
        )
    with regional.engine.connect() as conn:
        assert {str(r[0]) for r in conn.execute(text("SELECT uuid FROM subjects"))} == {
            s["uuid"] for s in doc["subjects"]
        }
        assert {str(r[0]) for r in conn.execute(text("SELECT vrm FROM vehicles"))} == {
            v["vrm"] for v in doc["vehicles"]
        }
        linked = conn.execute(text("SELECT (SELECT count(*) FROM incident_subject_links) + (SELECT count(*) FROM "
                                   "incident_vehicle_links) + (SELECT count(*) FROM subject_vehicle_links)")).scalar()  # fmt: skip
        stores = {
            str(r[0]): bool(r[1]) for r in conn.execute(text("SELECT code, is_home FROM stores"))
        }
    assert linked == len(doc["links"])
    assert stores["RGN01"] and not any(v for k, v in stores.items() if k != "RGN01")
    assert {i["store_code"] for i in doc["incidents"]} <= set(stores)
    # Provenance on every imported record: source store, signer, package hash and reference.
    for kind, sent in (("incident", doc["incidents"]), ("exhibit", doc["exhibits"]), ("subject", doc["subjects"]),
                       ("vehicle", doc["vehicles"])):  # fmt: skip
        kept = _provenance(regional, kind)
        assert set(kept) == {item["uuid"] for item in sent}, kind
        for _store, signer, sha, reference, _source_ref in kept.values():
            assert (signer, sha, reference) == (
                source.material.fingerprint,
                package_sha,
                doc["package"]["reference"],
            )
    assert (
        _provenance(regional, "incident")[doc["incidents"][0]["uuid"]][0]
        == doc["incidents"][0]["store_code"]
    )
    assert len(_provenance(regional, "link")) == len(doc["links"])
    assert verify_trail(regional).intact and integrity_problems(regional) == []


def test_the_same_package_twice_changes_nothing(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    package = _zip(tmp_path, source)
    import_package(regional, package)
    before = table_counts(regional)
    again = import_package(regional, package)
    assert not again.changed
    assert all(c.added == c.updated == 0 for c in again.counts.values())
    assert again.counts["incidents"].unchanged == len(source.refs)
    assert any(s.startswith("Already up to date") for s in again.sentences())
    after = table_counts(regional)
    assert after["audit_log"] == before["audit_log"] + 1
    assert {k: v for k, v in after.items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"
    }
    with regional.engine.connect() as conn:
        action, summary = conn.execute(
            text("SELECT action, summary FROM audit_log ORDER BY id DESC LIMIT 1")
        ).one()
    assert action == "package_import_unchanged" and "already up to date" in summary


def test_a_dry_run_shows_the_counts_and_writes_nothing(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    before = table_counts(regional)
    report = import_package(regional, _zip(tmp_path, source), dry_run=True)
    assert report.dry_run and report.counts["incidents"].added == len(source.refs)
    assert "Nothing has been changed yet." in report.sentences()[1]
    assert table_counts(regional) == before


def test_a_later_package_with_one_changed_incident_updates_it(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    first = _zip(tmp_path, source, name="first.zip")
    import_package(regional, first)
    doc = document(source.files)
    reference = doc["incidents"][1]["reference"]
    store = Vault.open(source.demo.folder, "manager", PASSWORD)
    try:  # at the store, someone adds to one incident; the package is exported again
        incident = records.get(store, reference)
        records.save(store, dataclasses.replace(
            incident, narrative=incident.narrative + " Later: the store found a second camera angle."))  # fmt: skip
        second = export_zip(
            store, source.refs, tmp_path / "again", package=doc["package"]["reference"]
        )
    finally:
        store.close()
    report = import_package(regional, second)
    assert (report.counts["incidents"].updated, report.counts["incidents"].unchanged) == (
        1,
        len(source.refs) - 1,
    )
    assert report.counts["exhibits"].added == 0 and report.counts["links"].added == 0
    here = records.get(regional, reference)
    assert here.narrative.endswith("second camera angle.") and here.version > 1
    with regional.engine.connect() as conn:
        assert here.id is not None  # another organisation's incident: audited as NGD/REF
        action, summary = conn.execute(text(
            "SELECT action, summary FROM audit_log WHERE record_id = :r ORDER BY id DESC LIMIT 1"),
            {"r": refs.audit_id(conn, here.id)}).one()  # fmt: skip
        history = conn.execute(text("SELECT package_sha256 FROM provenance WHERE record_uuid = :u ORDER BY id"),
                               {"u": incident.uuid}).scalars().all()  # fmt: skip
    assert action == "incident_changed" and "narrative" in summary and "changed at" in summary
    assert (
        f"imported from package {doc['package']['reference']} (SHA-256 {report.package_sha256})"
        in summary
    )
    assert history == [hashlib.sha256(first.read_bytes()).hexdigest(), report.package_sha256]
    # The older package again: the newer copy is kept.
    older = import_package(regional, first)
    assert not older.changed and any(
        "older than the copy imported before" in n for n in older.notes
    )
    assert records.get(regional, reference).narrative == here.narrative


def test_a_clashing_reference_and_a_plate_already_known(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    doc = document(source.files)
    taken = doc["incidents"][0]
    with regional.transaction() as conn:  # this vault already knows the plate, under its own record
        known = vehicle_for_vrm(conn, regional, doc["vehicles"][0]["vrm"], colour="grey")
    local = records.new_incident(regional)
    local = records.save(regional, dataclasses.replace(local, narrative="A local incident"))
    doc["incidents"][0]["reference"] = (
        local.reference
    )  # the store used the same reference for another incident
    report = import_package(regional, _zip(tmp_path, source, with_document(source.files, doc)))
    own_code = regional.settings()["organisation_code"]
    moved = records.get(regional, f"{own_code}/{local.reference}")
    assert moved.uuid == local.uuid  # ours is untouched
    with regional.engine.connect() as conn:
        new_ref = conn.execute(
            text("SELECT reference FROM incidents WHERE uuid = :u"), {"u": taken["uuid"]}
        ).scalar()
        source_ref = conn.execute(text("SELECT source_reference FROM provenance WHERE record_uuid = :u"),
                                  {"u": taken["uuid"]}).scalar()  # fmt: skip
        vehicles = conn.execute(text("SELECT id FROM vehicles")).scalars().all()
    # Another organisation's incident keeps its reference (never renumbered into our store);
    # the shared reference is shown as a conflict.
    assert new_ref == local.reference and source_ref == local.reference
    assert [c.reference for c in report.conflicts] == [local.reference]
    assert any(f"{local.reference} of" in line for line in report.sentences())
    assert report.counts["vehicles"].to_json() == {
        "added": 0,
        "updated": 1,
        "unchanged": len(doc["vehicles"]) - 1,
    }
    assert vehicles == [known.id] and len(doc["vehicles"]) == 1
    assert report.counts["links"].added == len(doc["links"])  # links onto the vehicle already known


def test_officers_may_not_import(tmp_path: Path, source: Source, regional: Vault) -> None:
    users.add_user(
        regional,
        "officer",
        "Olly Officer",
        Role.OFFICER,
        REGIONAL_PASSWORD,
        must_change_password=False,
    )
    before = table_counts(regional)
    officer = Vault.open(regional.folder, "officer", REGIONAL_PASSWORD, lock=regional._lock)
    try:
        with pytest.raises(PermissionDenied, match="import store exports"):
            import_package(officer, _zip(tmp_path, source))
    finally:
        officer.engine.dispose()
    assert {k: v for k, v in table_counts(regional).items() if k != "audit_log"} == {
        k: v for k, v in before.items() if k != "audit_log"
    }


def _forged(tmp_path: Path, source: Source, material: IdentityMaterial) -> tuple[Path, str]:
    """The store's package with one incident's narrative changed (same UUIDs), re-signed by
    `material`, with package.json naming that signer as the genuine one does."""
    doc = document(source.files)
    doc["incidents"][0]["narrative"] = "FORGED: nothing happened here."
    doc["signer"] = {**doc["signer"], "fingerprint_sha256": material.fingerprint}
    doc["files"] = [f for f in doc["files"] if f["path"] != "report.pdf"]
    files = {n: b for n, b in with_document(source.files, doc).items() if n != "report.pdf"}
    path = signed_zip(tmp_path / "forged.zip", files, material)  # (its PDF would say who)
    return path, str(doc["incidents"][0]["reference"])


def test_a_forged_package_with_the_stores_names_is_refused_and_changes_nothing(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    import_package(regional, _zip(tmp_path, source))
    # A self-signed certificate copying the store's names exactly: only its key differs.
    forger = identity.generate("Northern Grocers Ltd (DEMO)", "Leeds Kirkstall", "LDS01")
    path, reference = _forged(tmp_path, source, forger)
    before, narrative = table_counts(regional), records.get(regional, reference).narrative
    with pytest.raises(UntrustedSender) as refused:
        import_package(regional, path)
    sentence = str(refused.value)
    shown = ":".join(forger.fingerprint.upper()[i : i + 2] for i in range(0, 64, 2))
    assert f"SHA-256 fingerprint {shown})" in sentence and "Nothing was imported" in sentence
    assert records.get(regional, reference).narrative == narrative
    after = table_counts(regional)
    assert after == {**before, "audit_log": before["audit_log"] + 1}  # the refusal, recorded
    with regional.engine.connect() as conn:
        action, summary = conn.execute(text(
            "SELECT action, summary FROM audit_log ORDER BY id DESC LIMIT 1")).one()  # fmt: skip
    assert action == "package_import_refused" and shown in summary


def test_a_trusted_sender_of_another_organisation_cannot_change_a_record(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    import_package(regional, _zip(tmp_path, source))
    other = identity.generate("Pennine Pharmacy Ltd", "Sheffield Moor", "SHF07")
    trust.add(regional, certificate_pem(other), "checked by phone")  # genuinely trusted...
    path, reference = _forged(tmp_path, source, other)  # ...but these are not its records
    narrative = records.get(regional, reference).narrative
    # it still names the store's organisation id, which is bound to the store's certificate
    with pytest.raises(
        BadFile, match="comes from Northern Grocers Ltd \\(DEMO\\) \\(organisation id"
    ):
        import_package(regional, path)
    assert records.get(regional, reference).narrative == narrative


def test_no_package_may_change_a_record_made_in_this_vault(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    mine = records.save(regional, dataclasses.replace(
        records.new_incident(regional), narrative="Logged at the regional office."))  # fmt: skip
    doc = document(source.files)
    doc["incidents"][0]["uuid"] = mine.uuid  # a package claiming this vault's own record
    for exhibit in doc["exhibits"]:
        if exhibit["incident_uuid"] == document(source.files)["incidents"][0]["uuid"]:
            exhibit["incident_uuid"] = mine.uuid
    path = signed_zip(tmp_path / "claim.zip", with_document(source.files, doc), source.material)
    with pytest.raises(BadFile, match="which was recorded in this vault: no package may change it"):
        import_package(regional, path)
    assert records.get(regional, mine.reference).narrative == "Logged at the regional office."


def test_another_retailers_store_with_the_same_code_is_never_merged_into_ours(
    tmp_path: Path, source: Source, regional: Vault
) -> None:
    """Pennine Pharmacy also codes a store LDS01: its incident must not be filed (or
    renumbered) under Northern Grocers' Leeds Kirkstall."""
    import_package(regional, _zip(tmp_path, source))
    pharmacy, _code = Vault.create(
        tmp_path / "pharmacy",
        make_setup(
            organisation="Pennine Pharmacy Ltd", store_name="Leeds Headrow", store_code="LDS01"
        ),
        kdf=FAST_KDF,
    )
    try:
        theirs = records.save(pharmacy, dataclasses.replace(
            records.new_incident(pharmacy), narrative="Two males took razor blades."))  # fmt: skip
        path = export_zip(pharmacy, [theirs.reference], tmp_path / "pharmacy-out")
        trust.add(regional, certificate_pem(signing_material(pharmacy)), "checked by phone")
    finally:
        pharmacy.close()
    report = import_package(regional, path)  # a store is its organisation plus its code
    assert report.counts["stores"].added == 1 and report.counts["incidents"].added == 1
    with regional.engine.connect() as conn:
        stores = conn.execute(text(
            "SELECT o.name, s.name FROM stores s JOIN organisations o ON o.id = s.organisation_id "
            "WHERE s.code = 'LDS01' ORDER BY o.name")).all()  # fmt: skip
        filed = conn.execute(text(
            "SELECT i.reference, s.name FROM incidents i JOIN stores s ON s.id = i.store_id "
            "WHERE i.uuid = :u"), {"u": theirs.uuid}).one()  # fmt: skip
    assert [tuple(r) for r in stores] == [("Northern Grocers Ltd (DEMO)", "Leeds Kirkstall"),
                                          ("Pennine Pharmacy Ltd", "Leeds Headrow")]  # fmt: skip
    assert tuple(filed) == (theirs.reference, "Leeds Headrow")  # its own reference, its own store
