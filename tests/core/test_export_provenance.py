"""Provenance on export: a regional vault's package says where each incident came from.

A store exports a signed package; a regional vault trusts the store's certificate, imports it,
logs one incident of its own and exports a package of them all. Its package.json carries, for
every incident and still, the source package (reference, file SHA-256, id), its signer and
fingerprint and who imported it when; its PDF has a provenance page an analyst can read. A
store's own export says its incidents were recorded there.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import make_setup
from import_support import FAST_KDF, export_zip, store_demo, trust_sender

from opal_desktop.domain.fingerprint import colon_pairs as pairs
from opal_desktop.domain.incident import GoodsLine
from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.incidents import records
from opal_desktop.incidents.demo import DemoResult
from opal_desktop.packages import package_schema
from opal_desktop.packages.importer import import_package
from opal_desktop.vault.identity import IdentityMaterial
from opal_desktop.vault.signing import signing_material
from opal_desktop.vault.vault import Vault

PASSWORD = "demo password long"
REGION = "Yorkshire Retail Crime Partnership"
RETAILER = "Northern Grocers Ltd (DEMO)"
HEADING = "Provenance: where the incidents came from"


@dataclass(frozen=True)
class Chain:
    demo: DemoResult
    refs: list[str]  # the store's incidents, sent to the region
    store_zip: Path
    store_doc: dict[str, Any]
    store_pdf: bytes
    material: IdentityMaterial  # the store's signing identity
    own: str  # the incident the regional vault logged itself
    regional_doc: dict[str, Any]
    regional_pdf: bytes
    regional_folder: Path


def _open(package: Path) -> tuple[dict[str, Any], bytes]:
    with zipfile.ZipFile(package) as archive:
        return json.loads(archive.read("package.json")), archive.read("report.pdf")


def _own_incident(vault: Vault) -> str:
    incident = records.new_incident(vault)
    incident = dataclasses.replace(
        incident, occurred_start=parse_uk_datetime("20/11/2026 17:45"),
        incident_type="theft-from-shop", location="Regional office car park",
        narrative="Seen by the regional manager on a store visit.", offender_count=1,
        goods=[GoodsLine("Jameson 70cl", 2, 2200, "5011007003029")],
    )  # fmt: skip
    incident.police.reported_on = date(2026, 11, 20)
    return records.save(vault, incident).reference


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Chain:
    demo = store_demo(tmp_path_factory.mktemp("store"), incidents=50, seed=11)
    store = Vault.open(demo.folder, "manager", PASSWORD)
    try:
        refs = list(demo.series[0].incident_references)
        store_zip = export_zip(store, refs, tmp_path_factory.mktemp("store-out"))
        material = signing_material(store)
    finally:
        store.close()
    setup = make_setup(organisation=REGION, store_code="RGN01", store_name="Regional LP office")
    regional = Vault.create(tmp_path_factory.mktemp("regional") / "vault", setup, kdf=FAST_KDF)[0]
    try:
        trust_sender(regional, material)
        import_package(regional, store_zip)
        own = _own_incident(regional)
        regional_zip = export_zip(regional, [*refs, own], tmp_path_factory.mktemp("regional-out"))
    finally:
        regional.close()
    store_doc, store_pdf = _open(store_zip)
    regional_doc, regional_pdf = _open(regional_zip)
    return Chain(demo, refs, store_zip, store_doc, store_pdf, material, own, regional_doc,
                 regional_pdf, regional.folder)  # fmt: skip


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                         check=True, capture_output=True).stdout.decode()  # fmt: skip
    return out.split("\f")


def _flat(text: str) -> str:
    return "".join(text.split())


def test_package_json_names_the_source_of_every_imported_incident(chain: Chain) -> None:
    doc, sent = chain.regional_doc, chain.store_doc
    package_sha = hashlib.sha256(chain.store_zip.read_bytes()).hexdigest()
    prov = doc["provenance"]
    assert prov["exported_from"]["organisation"] == REGION
    assert prov["exported_from"]["store_code"] == "RGN01"
    assert prov["all_recorded_here"] is False
    assert [r["uuid"] for r in prov["incidents"]] == [i["uuid"] for i in doc["incidents"]]
    assert [r["uuid"] for r in prov["exhibits"]] == [e["uuid"] for e in doc["exhibits"]]
    store_of = {i["uuid"]: i["store_code"] for i in sent["incidents"]}
    names = {s["code"]: s["name"] for s in sent["stores"]}
    for record in prov["incidents"]:
        if record["reference"] == chain.own:
            assert record["recorded_here"] and record["chain"] == []
            assert (record["store_code"], record["retailer"]) == ("RGN01", REGION)
            continue
        assert not record["recorded_here"] and len(record["chain"]) == 1
        hop = record["chain"][0]
        assert record["retailer"] == RETAILER
        assert record["store_code"] == store_of[record["uuid"]] == hop["source_store"]
        assert record["store_name"] == names[record["store_code"]]
        assert hop["source_reference"] == record["reference"]
        assert hop["package"] == {
            "uuid": sent["package"]["uuid"], "reference": sent["package"]["reference"],
            "sha256": package_sha, "file_name": chain.store_zip.name,
            "vault_id": sent["generated"]["vault_id"],
        }  # fmt: skip
        assert hop["signer"]["fingerprint_sha256"] == chain.material.fingerprint
        assert hop["signer"]["subject"] == sent["signer"]["subject"]
        assert (
            hop["signer"]["common_name"]
            and hop["signer"]["common_name"] in hop["signer"]["subject"]
        )
        assert hop["signature_verified"] and hop["trusted_sender"]
        assert hop["imported_by"] == "admin" and hop["imported_at"]
        assert hop["imported_into"] == prov["exported_from"]
    assert {r["reference"] for r in prov["incidents"] if not r["recorded_here"]} == set(chain.refs)
    sent_stills = {e["uuid"] for e in sent["exhibits"]}
    assert sent_stills and all(
        not r["recorded_here"] and r["chain"][0]["package"]["sha256"] == package_sha
        for r in prov["exhibits"]
        if r["uuid"] in sent_stills
    )


def test_package_json_with_provenance_meets_the_schema(chain: Chain) -> None:
    schema = package_schema.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "provenance" in schema["properties"] and "provenance" not in schema["required"]
    for doc in (chain.regional_doc, chain.store_doc):
        assert package_schema.problems(doc) == []
    older = {k: v for k, v in chain.regional_doc.items() if k != "provenance"}
    assert package_schema.problems(older) == []  # optional: older packages have none
    broken = json.loads(json.dumps(chain.regional_doc))
    broken["provenance"]["incidents"][0]["chain"] = [{"package": {}}]
    assert package_schema.problems(broken)


def _undescribed(spec: dict[str, Any], where: str) -> list[str]:
    found = []
    for key, child in spec.get("properties", {}).items():
        if not child.get("description"):
            found.append(f"{where}.{key}")
        found += _undescribed(child, f"{where}.{key}")
    items = spec.get("items")
    return found + (_undescribed(items, f"{where}[]") if items else [])


def test_every_provenance_field_is_described() -> None:
    schema = package_schema.schema()
    assert schema["properties"]["provenance"]["description"]
    found = _undescribed(schema["properties"]["provenance"], "provenance")
    for name in ("vault_ref", "provenance_record", "provenance_hop"):
        found += _undescribed(schema["$defs"][name], name)
    assert found == []


def test_a_stores_own_export_says_it_recorded_everything(chain: Chain, tmp_path: Path) -> None:
    prov = chain.store_doc["provenance"]
    assert prov["all_recorded_here"] is True
    assert all(
        r["recorded_here"] and r["chain"] == [] for r in [*prov["incidents"], *prov["exhibits"]]
    )
    assert {r["retailer"] for r in prov["incidents"]} == {RETAILER}
    page = next(p for p in _pages(chain.store_pdf, tmp_path) if HEADING in p)
    assert f"All {len(chain.refs)} incidents and" in page
    assert "were recorded in this vault" in " ".join(page.split())
    assert "none came from another vault" in " ".join(page.split())
    assert "Source packages" not in page


def test_the_regional_pdf_has_a_provenance_page(chain: Chain, tmp_path: Path) -> None:
    pages = _pages(chain.regional_pdf, tmp_path)
    number, page = next((n, p) for n, p in enumerate(pages, start=1) if HEADING in p)
    # the table may run on to the next page
    text = page + pages[number] if number < len(pages) else page
    flat, words = _flat(text), " ".join(text.split())
    sent = chain.store_doc
    package_sha = hashlib.sha256(chain.store_zip.read_bytes()).hexdigest()
    assert f"{len(chain.refs)} of the {len(chain.refs) + 1} incidents came into this vault" in words
    assert _flat(REGION) in flat
    assert _flat(RETAILER) in flat
    for incident in sent["incidents"]:
        assert incident["reference"] in flat
        store = next(s for s in sent["stores"] if s["code"] == incident["store_code"])
        assert _flat(f"{store['name']} ({store['code']})") in flat
    assert chain.own in flat and "Recorded in this vault" in words
    assert pairs(chain.material.fingerprint) in flat
    assert package_sha in flat and sent["package"]["reference"] in flat
    assert "signature verified against a trusted sender" in words
    assert "Source packages" in words
    png = tmp_path / "provenance"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number),
                    str(tmp_path / "report.pdf"), str(png)], check=True)  # fmt: skip
    assert list(tmp_path.glob("provenance*.png"))


def test_the_regional_pdf_shows_the_retailer_per_incident(chain: Chain, tmp_path: Path) -> None:
    pages = _pages(chain.regional_pdf, tmp_path)
    overview = next(p for p in pages if "Overview of incidents" in p)
    assert "Retailer, store" in overview and _flat(RETAILER) in _flat(overview)
    for reference in chain.refs:
        section = next(p for p in pages if f"{reference}:" in p and "Narrative" in p)
        words = " ".join(section.split())
        assert f"Retailer {RETAILER}" in words, reference
        assert f"package {chain.store_doc['package']['reference']} signed by" in words


def test_continuity_names_other_vaults_users_with_their_retailer(
    chain: Chain, tmp_path: Path
) -> None:
    pages = _pages(chain.regional_pdf, tmp_path)
    statement = " ".join(" ".join(p for p in pages if "How the stills were produced" in p).split())
    importers = {e["imported_by"] for e in chain.store_doc["exhibits"]}
    codes = {e["store_code"] for e in chain.store_doc["incidents"]}
    assert importers
    for who in importers:
        assert any(f"{who} at {RETAILER} ({code})" in statement for code in codes), who
        assert f"imported by {who} (" not in statement and f", {who} (" not in statement
    assert "came into this vault in signed packages" in statement
    # the store's own PDF names its own users plainly
    own = " ".join(" ".join(p for p in _pages(chain.store_pdf, tmp_path)
                            if "How the stills were produced" in p).split())  # fmt: skip
    assert f" at {RETAILER}" not in own and "imported by " in own
