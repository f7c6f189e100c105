"""Store identity is the organisation plus the store: two retailers may both have an LDS01.

Three organisations' store vaults (Northern Grocers LDS01, Leeds Discount Stores also LDS01,
Pennine Pharmacy SHF07) each log incidents and export signed packages; a regional vault
trusts all three and imports them. It keeps the three stores apart, every incident keeps its
own reference, store and retailer, the shared references are reported as conflicts, and its
own export (package.json and PDF) names the right retailer and store for every incident with
each source package and signer fingerprint. The regional package imported into a national
vault keeps the chain back to the store. Real SQLCipher vaults, real signed packages.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import make_setup
from import_support import (
    FAST_KDF,
    certificate_pem,
    document,
    entries,
    export_zip,
    signed_zip,
    with_document,
)
from sqlalchemy import text
from store_identity_support import LDS, NG, PP, Sender
from store_identity_support import store_vault as _store

from opal_desktop.domain.fingerprint import colon_pairs
from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.incidents import listing, records, refs
from opal_desktop.packages import trust
from opal_desktop.packages.importer import import_package
from opal_desktop.vault.identity import IdentityMaterial
from opal_desktop.vault.signing import signing_material
from opal_desktop.vault.vault import Vault

REGION, NATION = "Yorkshire Retail Crime Partnership", "National Retail Crime Unit"


@dataclass(frozen=True)
class Region:
    senders: dict[str, Sender]
    folder: Path
    reports: dict[str, dict[str, Any]]  # import --json of each sender's package
    again: dict[str, Any]  # the second import of NG's package
    zip: Path
    doc: dict[str, Any]
    pdf_text: str
    material: IdentityMaterial
    national_doc: dict[str, Any]


def _pdf_text(package: Path, folder: Path) -> str:
    pdf = folder / "report.pdf"
    with zipfile.ZipFile(package) as archive:
        pdf.write_bytes(archive.read("report.pdf"))
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode()  # fmt: skip


def _zip_doc(package: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package) as archive:
        loaded: dict[str, Any] = json.loads(archive.read("package.json"))
    return loaded


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    made = tmp_path_factory.mktemp
    senders = {
        "NG": _store(made("ng"), NG, "NG", "LDS01", "Leeds Kirkstall", 2),
        "LDS": _store(made("lds"), LDS, "LDS", "LDS01", "Leeds Briggate", 2),
        "PP": _store(made("pp"), PP, "PP", "SHF07", "Sheffield Moor", 1),
    }
    setup = make_setup(organisation=REGION, store_code="RGN01", store_name="Regional LP office")
    folder = made("regional")
    regional = Vault.create(folder / "vault", setup, kdf=FAST_KDF)[0]
    try:
        reports = {}
        for key, sender in senders.items():
            trust.add(regional, certificate_pem(sender.material), "read out by phone")
            reports[key] = import_package(regional, sender.zip).to_json()
        again = import_package(regional, senders["NG"].zip).to_json()
        qualified = [f"{s.code}/{r}" for s in senders.values() for r in s.refs]
        regional_zip = export_zip(regional, qualified, made("regional-out"))
        material = signing_material(regional)
    finally:
        regional.close()
    nation = Vault.create(made("national") / "vault", make_setup(
        organisation=NATION, store_code="NAT01", store_name="National desk"), kdf=FAST_KDF)[0]  # fmt: skip
    try:
        trust.add(nation, certificate_pem(material), "read out by phone")
        import_package(nation, regional_zip)
        national_zip = export_zip(nation, [f"{s.code}/{r}" for s in senders.values() for r in s.refs],
                                  made("national-out"))  # fmt: skip
    finally:
        nation.close()
    return Region(senders, folder / "vault", reports, again, regional_zip, _zip_doc(regional_zip),
                  _pdf_text(regional_zip, made("pdf")), material, _zip_doc(national_zip))  # fmt: skip


def _open(folder: Path) -> Vault:
    from conftest import ADMIN_PASSWORD

    return Vault.open(folder, "admin", ADMIN_PASSWORD)


def test_the_regional_vault_keeps_two_retailers_lds01_apart(region: Region) -> None:
    ng, lds, pp = (region.senders[k] for k in ("NG", "LDS", "PP"))
    assert ng.refs == lds.refs == ["LDS01-2026-00001", "LDS01-2026-00002"]  # the same references
    vault = _open(region.folder)
    try:
        with vault.engine.connect() as conn:
            stores = conn.execute(text(
                "SELECT o.uuid, o.name, s.code, s.name FROM stores s JOIN organisations o "
                "ON o.id = s.organisation_id WHERE NOT s.is_home ORDER BY o.name")).all()  # fmt: skip
            held = conn.execute(text(
                "SELECT i.uuid, i.reference, s.name, o.name FROM incidents i JOIN stores s ON s.id = i.store_id "
                "JOIN organisations o ON o.id = s.organisation_id")).all()  # fmt: skip
        assert [tuple(r) for r in stores] == [
            (lds.org_uuid, LDS, "LDS01", "Leeds Briggate"),
            (ng.org_uuid, NG, "LDS01", "Leeds Kirkstall"),
            (pp.org_uuid, PP, "SHF07", "Sheffield Moor"),
        ]
        # every incident kept its own reference, store and retailer: nothing was renumbered
        expected = {
            (s.uuids[r], r, s.store_name, s.organisation) for s in (ng, lds, pp) for r in s.refs
        }
        assert {tuple(r) for r in held} == expected
        # a bare shared reference is refused with one sentence; the qualified form names one
        with pytest.raises(
            refs.AmbiguousReference,
            match=r"as LDS/LDS01-2026-00001 \(Leeds Discount Stores, Leeds Briggate\), NG/LDS01",
        ):
            records.get(vault, "LDS01-2026-00001")
        assert records.get(vault, "ng/LDS01-2026-00001").uuid == ng.uuids["LDS01-2026-00001"]
        assert records.get(vault, "LDS/LDS01-2026-00001").retailer == LDS
        assert records.get(vault, "SHF07-2026-00001").retailer == PP  # unique: no prefix needed
        listed = listing.list_incidents(vault, listing.IncidentFilter(store_codes=("LDS/LDS01",)))
        assert {(i.reference, i.retailer) for i in listed} == {(r, LDS) for r in lds.refs}
    finally:
        vault.close()


def test_the_same_reference_of_another_organisation_is_shown_in_the_import_report(
    region: Region,
) -> None:
    assert region.reports["NG"]["conflicts"] == []  # first in: nothing shared yet
    conflicts = region.reports["LDS"]["conflicts"]
    assert [(c["reference"], c["retailer"], c["other_retailer"]) for c in conflicts] == [
        ("LDS01-2026-00001", LDS, NG), ("LDS01-2026-00002", LDS, NG)]  # fmt: skip
    said = " ".join(region.reports["LDS"]["sentences"])
    assert ("LDS01-2026-00001 of Leeds Discount Stores, Leeds Briggate (LDS01), has the same reference as an "
            "incident of Northern Grocers Ltd, Leeds Kirkstall (LDS01), already here") in said  # fmt: skip
    assert (
        "NG/LDS01-2026-00001 and" in said or "LDS/LDS01-2026-00001 and NG/LDS01-2026-00001" in said
    )
    assert region.reports["LDS"]["counts"]["incidents"]["added"] == 2
    assert region.reports["LDS"]["counts"]["stores"]["added"] == 1


def test_reimport_is_idempotent_and_audited(region: Region) -> None:
    again = region.again
    assert again["changed"] is False
    assert all(c["added"] == c["updated"] == 0 for c in again["counts"].values())
    vault = _open(region.folder)
    try:
        with vault.engine.connect() as conn:
            actions = conn.execute(text(
                "SELECT action FROM audit_log WHERE action LIKE 'package_import%' ORDER BY id")).scalars().all()  # fmt: skip
    finally:
        vault.close()
    assert actions == ["package_imported"] * 3 + ["package_import_unchanged"]


def test_the_regional_export_names_the_right_retailer_and_store_and_every_source(
    region: Region,
) -> None:
    doc = region.doc
    stores = {(s["organisation_id"], s["code"]): s for s in doc["stores"]}
    by_uuid = {s.uuids[r]: (s, r) for s in region.senders.values() for r in s.refs}
    assert len(doc["incidents"]) == 5
    for incident, record in zip(doc["incidents"], doc["provenance"]["incidents"], strict=True):
        sender, reference = by_uuid[incident["uuid"]]
        store = stores[(incident["organisation_id"], incident["store_code"])]
        assert (incident["reference"], incident["retailer"]) == (reference, sender.organisation)
        assert (store["retailer"], store["name"], store["organisation_id"]) == (
            sender.organisation, sender.store_name, sender.org_uuid)  # fmt: skip
        assert (record["retailer"], record["store_name"]) == (
            sender.organisation,
            sender.store_name,
        )
        hop = record["chain"][0]
        assert hop["package"]["sha256"] == hashlib.sha256(sender.zip.read_bytes()).hexdigest()
        assert hop["signer"]["fingerprint_sha256"] == sender.material.fingerprint
        assert hop["signer"]["organisation_id"] == sender.org_uuid
    assert {o["name"] for o in doc["organisations"]} == {NG, LDS, PP, REGION}
    with zipfile.ZipFile(region.zip) as archive:  # the CSV an analyst loads names them too
        table = archive.read("incidents.csv").decode("utf-8-sig")
    rows = {
        (r["reference"], r["store_code"], r["retailer"]) for r in csv.DictReader(io.StringIO(table))
    }
    assert rows == {
        (r, s.store_code, s.organisation) for s in region.senders.values() for r in s.refs
    }
    # the PDF: every retailer, each source package and each signer's fingerprint
    flat = "".join(region.pdf_text.split())
    assert "Provenance:wheretheincidentscamefrom" in flat
    for sender in region.senders.values():
        assert "".join(sender.organisation.split()) in flat
        assert "".join(colon_pairs(sender.material.fingerprint).split()) in flat
        assert _zip_doc(sender.zip)["package"]["reference"] in flat


def test_store_to_region_to_national_keeps_the_store_provenance(region: Region) -> None:
    doc = region.national_doc
    stores = {(s["organisation_id"], s["code"]): s for s in doc["stores"]}
    by_uuid = {s.uuids[r]: s for s in region.senders.values() for r in s.refs}
    regional_sha = hashlib.sha256(region.zip.read_bytes()).hexdigest()
    for incident, record in zip(doc["incidents"], doc["provenance"]["incidents"], strict=True):
        sender = by_uuid[incident["uuid"]]
        assert (
            stores[(incident["organisation_id"], incident["store_code"])]["retailer"]
            == sender.organisation
        )
        assert [hop["package"]["sha256"] for hop in record["chain"]] == [
            regional_sha, hashlib.sha256(sender.zip.read_bytes()).hexdigest()]  # fmt: skip
        assert [hop["signer"]["fingerprint_sha256"] for hop in record["chain"]] == [
            region.material.fingerprint, sender.material.fingerprint]  # fmt: skip
        assert record["chain"][1]["imported_into"]["organisation"] == REGION


def test_same_named_organisations_are_told_apart_by_organisation_id(
    region: Region, tmp_path: Path
) -> None:
    """A second 'Northern Grocers Ltd' (another vault, so another organisation id) that copies
    an incident's UUID may not change it, although its certificate's O= reads the same."""
    twin = _store(tmp_path / "twin", NG, "NG", "LDS01", "Leeds Kirkstall", 1)
    files = entries(twin.zip)
    doc = document(files)
    doc["incidents"][0]["uuid"] = region.senders["NG"].uuids["LDS01-2026-00001"]
    doc["incidents"][0]["narrative"] = "Overwritten by someone else's package."
    forged = signed_zip(tmp_path / "twin.zip", with_document(files, doc), twin.material)
    vault = _open(region.folder)
    try:
        trust.add(vault, certificate_pem(twin.material), "same name, another vault")
        with pytest.raises(BadFile, match="only their packages may change it"):
            import_package(vault, forged)
        kept = records.get(vault, "NG/LDS01-2026-00001")
        assert "Overwritten" not in kept.narrative
    finally:
        vault.close()


def test_a_trusted_sender_cannot_claim_another_organisations_id(
    region: Region, tmp_path: Path
) -> None:
    pp, ng = region.senders["PP"], region.senders["NG"]
    files = entries(pp.zip)
    doc = document(files)
    doc["organisation"]["id"] = ng.org_uuid  # "we are Northern Grocers"
    for store in doc["stores"]:
        store["organisation_id"] = ng.org_uuid
    for incident in doc["incidents"]:
        incident["organisation_id"] = ng.org_uuid
    forged = signed_zip(tmp_path / "claim.zip", with_document(files, doc), pp.material)
    vault = _open(region.folder)
    try:
        with pytest.raises(
            BadFile, match="a certificate this vault has never had Northern Grocers"
        ):
            import_package(vault, forged)
    finally:
        vault.close()


def test_series_links_and_chart_keep_two_organisations_incidents_apart(region: Region) -> None:
    from opal_desktop.linking import chart, links, series
    from opal_desktop.linking.models import SubjectDetails, SubjectRole
    from opal_desktop.linking.subjects import create_subject

    vault = _open(region.folder)
    try:
        with pytest.raises(refs.AmbiguousReference):
            series.add_members(
                vault, series.create_series(vault, "Wrong"), "incident", ["LDS01-2026-00001"]
            )
        found = series.create_series(vault, "Grey Audi across Leeds")
        series.add_members(
            vault, found, "incident", ["NG/LDS01-2026-00001", "LDS/LDS01-2026-00001"]
        )
        summary = series.summary(vault, found)
        assert sorted(summary.incident_references) == [
            "LDS/LDS01-2026-00001",
            "NG/LDS01-2026-00001",
        ]
        assert {(t["reference"], t["retailer"]) for t in series.timeline(vault, found)} == {
            ("NG/LDS01-2026-00001", NG), ("LDS/LDS01-2026-00001", LDS)}  # fmt: skip
        subject = create_subject(vault, SubjectDetails(name="", clothing="grey hoodie", sex="male"))
        link = links.link_subject(vault, "LDS/LDS01-2026-00001", subject.reference, SubjectRole.SUSPECT,
                                  "same hoodie on CCTV")  # fmt: skip
        assert link.left == "LDS/LDS01-2026-00001"
        assert [lk.left for lk in links.links_of(vault, incident="LDS/LDS01-2026-00001")] == [
            link.left
        ]
        assert links.links_of(vault, incident="NG/LDS01-2026-00001") == []
        graph = chart.series_graph(vault, found)
        keys = {node.key for node in graph.nodes}
        assert {"NG/LDS01-2026-00001", "LDS/LDS01-2026-00001"} <= keys  # two nodes, not one
        series.remove_member(vault, found, "incident", "ng/LDS01-2026-00001", "another team")
        assert series.summary(vault, found).incident_references == ("LDS/LDS01-2026-00001",)
    finally:
        vault.close()


def test_a_package_from_before_organisation_ids_gets_its_signers(
    region: Region, tmp_path: Path
) -> None:
    """An older package names no organisation: its stores belong to the organisation derived
    from its signer's certificate (the id an upgraded store vault gives itself)."""
    from opal_desktop.vault.organisations import legacy_id

    pp = region.senders["PP"]
    files = entries(pp.zip)
    doc = document(files)
    for key in ("organisation", "organisations"):
        doc.pop(key)
    for item in (*doc["stores"], *doc["incidents"]):
        item.pop("organisation_id", None)
        item.pop("organisation_code", None)
    old = signed_zip(tmp_path / "old.zip", with_document(files, doc), pp.material)
    setup = make_setup(organisation=REGION, store_code="RGN01", store_name="Regional LP office")
    vault = Vault.create(tmp_path / "vault", setup, kdf=FAST_KDF)[0]
    try:
        trust.add(vault, certificate_pem(pp.material), "read out by phone")
        assert import_package(vault, old).counts["incidents"].added == 1
        with vault.engine.connect() as conn:
            org = conn.execute(text(
                "SELECT o.uuid, o.name, o.code FROM stores s JOIN organisations o "
                "ON o.id = s.organisation_id WHERE s.code = 'SHF07'")).one()  # fmt: skip
        assert tuple(org) == (legacy_id(pp.material.fingerprint), PP, "PP")
    finally:
        vault.close()


def test_a_new_certificate_speaks_for_an_organisation_once_bound(tmp_path: Path) -> None:
    """A store gets a new signing certificate: its packages are refused until a manager who
    checked the new fingerprint binds it (`trust add NEW.pem --organisation NG`)."""
    from conftest import ADMIN_PASSWORD

    from opal_desktop.vault import signing

    ng = _store(tmp_path / "ng", NG, "NG", "LDS01", "Leeds Kirkstall", 1)
    setup = make_setup(organisation=REGION, store_code="RGN01", store_name="Regional LP office")
    regional = Vault.create(tmp_path / "regional", setup, kdf=FAST_KDF)[0]
    try:
        trust.add(regional, certificate_pem(ng.material), "read out by phone")
        import_package(regional, ng.zip)
    finally:
        regional.close()
    store = Vault.open(tmp_path / "ng" / "vault", "admin", ADMIN_PASSWORD)
    try:
        signing.regenerate(store, NG, "Leeds Kirkstall", "LDS01")
        incident = records.get(store, ng.refs[0])
        records.save(
            store,
            dataclasses.replace(incident, narrative=incident.narrative + " Later: a second angle."),
        )
        renewed, package = signing_material(store), export_zip(store, ng.refs, tmp_path / "again")
    finally:
        store.close()
    vault = _open(tmp_path / "regional")
    try:
        trust.add(vault, certificate_pem(renewed), "new certificate, read out by phone")
        with pytest.raises(BadFile, match=r"trust add CERT\.pem --organisation NG`"):
            import_package(vault, package)
        with pytest.raises(InvalidInput, match="No organisation XX has sent packages"):
            trust.bind_to_organisation(vault, certificate_pem(renewed), "XX")
        assert trust.bind_to_organisation(vault, certificate_pem(renewed), "ng") == NG
        assert import_package(vault, package).counts["incidents"].updated == 1
        assert records.get(vault, ng.refs[0]).narrative.endswith("a second angle.")
    finally:
        vault.close()


def _stills(vault: Vault) -> dict[tuple[str, str], int]:
    """The list's Stills column for the two LDS01-2026-00001, by organisation code."""
    rows = listing.list_incidents(vault, listing.IncidentFilter(store_codes=("LDS01",)))
    return {
        (r.organisation_code, r.reference): r.stills_count
        for r in rows
        if r.reference.endswith("00001")
    }


def test_stills_on_a_shared_reference_stay_with_their_own_incident(region: Region) -> None:
    from PIL import Image

    from opal_desktop.evidence import exhibits, queries
    from opal_desktop.evidence.models import IncomingStill

    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 30, 30)).save(picture, "JPEG")
    vault = _open(region.folder)
    try:
        report = exhibits.add_stills(vault, "LDS/LDS01-2026-00001",
                                     [IncomingStill.from_bytes("till2.jpg", picture.getvalue(), "file")])  # fmt: skip
        [added] = report.added
        assert added.incident_reference == "LDS/LDS01-2026-00001"
        assert [e.id for e in queries.list_exhibits(vault, "LDS/LDS01-2026-00001")] == [added.id]
        assert queries.list_exhibits(vault, "NG/LDS01-2026-00001") == []
        assert queries.get_exhibit(vault, added.id).id == added.id
        assert _stills(vault) == {("LDS", "LDS01-2026-00001"): 1, ("NG", "LDS01-2026-00001"): 0}
        exhibits.delete_exhibit(vault, added.id, "attached to the wrong incident")
        assert _stills(vault) == {("LDS", "LDS01-2026-00001"): 0, ("NG", "LDS01-2026-00001"): 0}
    finally:
        vault.close()
