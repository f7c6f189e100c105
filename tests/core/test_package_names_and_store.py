"""Package references carry the organisation and the store; the store's details are editable,
audited, and appear in the exports (PDF text, package.json)."""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import make_setup
from PIL import Image
from sqlalchemy import text

from opal_desktop.domain.roles import Role
from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.evidence import exhibits
from opal_desktop.evidence.models import IncomingStill
from opal_desktop.incidents import records
from opal_desktop.packages import store
from opal_desktop.packages.export import export_package
from opal_desktop.packages.model import Grading, PackageDraft, Submitter
from opal_desktop.vault import identity, users
from opal_desktop.vault.audit_view import AuditFilter, list_entries
from opal_desktop.vault.vault import Vault, organisation_code_from

OFFICER_PASSWORD = "lantern mossy pebble"


@pytest.fixture(scope="module")
def material() -> identity.IdentityMaterial:
    """RSA-3072 generation is slow: one certificate for every vault here."""
    return identity.generate("Northern Grocers Ltd", "Leeds Kirkstall", "LDS01")


def _vault(folder: Path, material: identity.IdentityMaterial, **overrides: str) -> Vault:
    vault, _code = Vault.create(
        folder, dataclasses.replace(make_setup(**overrides), identity=material)
    )
    return vault


def _incidents(vault: Vault, count: int = 2) -> list[str]:
    """Ready-to-refer incidents (crime reference, reported date) with a still each."""
    refs = []
    for day in range(1, count + 1):
        incident = records.new_incident(vault)
        incident.occurred_start = parse_uk_datetime(f"{day:02d}/11/2026 15:00")
        incident.police.crime_reference = f"13/{day}/26"
        incident.police.reported_on = date(2026, 11, day)
        incident.narrative = "Two males, spirits"
        ref = records.save(vault, incident).reference
        jpeg = io.BytesIO()
        Image.new("RGB", (320, 180), (day * 40, 90, 120)).save(jpeg, "JPEG")
        exhibits.add_stills(
            vault, ref, [IncomingStill.from_bytes(f"cam{day}.jpg", jpeg.getvalue(), "file")]
        )
        refs.append(ref)
    return refs


def _package(vault: Vault, refs: list[str], title: str = "Spirits team") -> str:
    return store.create_package(vault, PackageDraft(
        title=title, summary="Two males targeting spirits.", incident_references=refs,
        grading=Grading("2", "B", "P"), legal_basis="DPA 2018 Sch 1 para 10",
        submitter=Submitter("Alex Admin", "LP manager", "07700 900123", "Northern Grocers Ltd"),
    )).reference  # fmt: skip


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


def _store_entries(vault: Vault) -> list[str]:
    return [e.summary for e in list_entries(vault, AuditFilter(action="store_changed"))]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Northern Grocers Ltd", "NG"),
        ("Pennine Pharmacy", "PP"),
        ("Yorkshire Retail Crime Partnership – West & North", "YRCP"),
        ("Tesco", "TES"),
        ("Siopau Cŵl Cymru Cyf", "SCC"),
        ("Marks & Spencer plc", "MS"),
        ("Crème Brûlée Bakeries", "CBB"),
        ("🛒🛒", "ORG"),
        ("X", "XX"),
    ],
)
def test_organisation_code_from_the_name(name: str, code: str) -> None:
    assert organisation_code_from(name) == code


def test_references_are_unique_per_organisation_and_store_and_name_the_files(
    tmp_path: Path, material: identity.IdentityMaterial
) -> None:
    inbox = tmp_path / "regional-inbox"
    inbox.mkdir()
    senders = [
        ("Northern Grocers Ltd", "LDS01", "NG-LDS01-PKG-0001"),
        ("Pennine Pharmacy", "LDS01", "PP-LDS01-PKG-0001"),  # same store code, other retailer
        ("Northern Grocers Ltd", "SHF07", "NG-SHF07-PKG-0001"),  # same retailer, other store
    ]
    names = []
    for number, (organisation, code, expected) in enumerate(senders):
        vault = _vault(tmp_path / f"v{number}", material, organisation=organisation,
                       store_code=code)  # fmt: skip
        try:
            refs = _incidents(vault)
            reference = _package(vault, refs)
            assert reference == expected
            for fmt in ("zip", "pdf"):
                result = export_package(vault, reference, inbox, fmt)
                names += [f.name for f in result.files]
            with zipfile.ZipFile(inbox / f"{expected}.zip") as archive:
                doc = json.loads(archive.read("package.json"))
            assert doc["package"]["reference"] == expected
            assert _pdf_text(inbox / f"{expected}.pdf").count(expected) >= 2  # cover, footer
            assert _package(vault, refs[:1], "Second") == expected.replace("0001", "0002")
        finally:
            vault.close()
    assert sorted(names) == sorted(f"{r}.{fmt}" for *_, r in senders for fmt in ("zip", "pdf"))
    assert sorted(p.name for p in inbox.iterdir()) == sorted(names)  # nothing collided


def test_old_references_are_kept_and_found_as_typed_and_the_code_is_kept(
    tmp_path: Path, material: identity.IdentityMaterial
) -> None:
    vault = _vault(tmp_path / "v", material)
    try:
        refs = _incidents(vault, 1)
        first = _package(vault, refs)
        with vault.transaction() as conn:  # as a vault from before prefixes holds it
            conn.execute(text("UPDATE packages SET reference = 'PKG-0001' WHERE reference = :r"),
                         {"r": first})  # fmt: skip
            conn.execute(text("DELETE FROM settings WHERE key = 'organisation_code'"))
        assert store.get_package(vault, " pkg-0001 ").reference == "PKG-0001"
        second = _package(vault, refs)
        assert second == "NG-LDS01-PKG-0002"  # numbering goes on; history is not renamed
        assert store.get_package(vault, "ng-lds01-pkg-0002").reference == second
        assert [p.reference for p in store.list_packages(vault)] == [second, "PKG-0001"]

        vault.update_settings(organisation="Northern Grocers & Chemists Ltd")
        assert _package(vault, refs) == "NG-LDS01-PKG-0003"  # kept at first use, not re-derived
        vault.update_settings(organisation_code=" ngx ")
        assert vault.settings()["organisation_code"] == "NGX"
        assert _package(vault, refs) == "NGX-LDS01-PKG-0004"
        for bad in ("N G", "N", "TOOLONGX", "NG-1"):
            with pytest.raises(InvalidInput, match="2 to 6 letters or digits"):
                vault.update_settings(organisation_code=bad)
        assert vault.settings()["organisation_code"] == "NGX"
    finally:
        vault.close()


def test_a_changed_address_is_audited_and_appears_in_the_next_export(
    tmp_path: Path, material: identity.IdentityMaterial
) -> None:
    vault = _vault(tmp_path / "v", material)
    out = tmp_path / "out"
    out.mkdir()
    try:
        refs = _incidents(vault)
        reference = _package(vault, refs)
        change = vault.update_home_store(
            address=" 12 Briggate \n\n Leeds ", postcode="ls1 6hd", force_id="west-yorkshire"
        )
        assert [what for what, _, _ in change.changes] == ["address", "postcode"]  # force was so
        assert _store_entries(vault) == [
            'Store LDS01: address "1 Kirkstall Road, Leeds" -> "12 Briggate, Leeds"; '
            'postcode "LS5 3BT" -> "LS1 6HD"'
        ]
        home = vault.home_store()
        assert (home.address, home.postcode) == ("12 Briggate\nLeeds", "LS1 6HD")
        assert not vault.update_home_store(address="12 Briggate\nLeeds").changes
        assert len(_store_entries(vault)) == 1  # nothing changed, nothing written

        zipped = export_package(vault, reference, out, "zip").files[0]
        with zipfile.ZipFile(zipped) as archive:
            doc = json.loads(archive.read("package.json"))
            (out / "report.pdf").write_bytes(archive.read("report.pdf"))
        assert doc["stores"] == [{
            "code": "LDS01", "name": "Leeds Kirkstall", "retailer": "Northern Grocers Ltd",
            "force_id": "west-yorkshire", "address": "12 Briggate\nLeeds", "postcode": "LS1 6HD",
            "organisation_id": doc["organisation"]["id"], "organisation_code": "NG",
        }]  # fmt: skip
        words = " ".join(_pdf_text(out / "report.pdf").split())
        assert "12 Briggate, Leeds LS1 6HD (West Yorkshire Police area)" in words
        assert words.count("12 Briggate, Leeds LS1 6HD") == 1 + len(refs)  # cover, each incident
        assert "Kirkstall Road" not in words

        vault.update_home_store(force_id="north-yorkshire")
        assert _store_entries(vault)[0] == (
            'Store LDS01: police force "West Yorkshire Police" -> "North Yorkshire Police"'
        )
    finally:
        vault.close()


def test_bad_store_details_change_nothing(
    tmp_path: Path, material: identity.IdentityMaterial
) -> None:
    vault = _vault(tmp_path / "v", material)
    try:
        before = vault.home_store()
        cases: list[tuple[dict[str, str], str]] = [
            ({"address": "12 Briggate", "postcode": "LS1 ZZZ"}, "LS1 ZZZ is not a UK postcode. Type it like LS1 4AP."),
            ({"address": " \n ", "postcode": "LS1 6HD"}, "Type the store's address (the street and town)"),
            ({"postcode": "LS1 6HD", "force_id": "yorkshire"}, "is not a UK police force id"),
        ]  # fmt: skip
        for fields, sentence in cases:
            with pytest.raises(InvalidInput) as raised:
                vault.update_home_store(**fields)
            assert str(raised.value).startswith(sentence) or sentence in str(raised.value)
            assert str(raised.value).count(". ") <= 2  # a sentence or two, not a dump
        after = vault.home_store()
        assert (after.address, after.postcode, after.force_id) == (
            before.address, before.postcode, before.force_id)  # fmt: skip
        assert _store_entries(vault) == []

        users.add_user(vault, "j.smith", "Jo Smith", Role.OFFICER, OFFICER_PASSWORD,
                       must_change_password=False)  # fmt: skip
    finally:
        vault.close()
    officer = Vault.open(tmp_path / "v", "j.smith", OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            officer.update_home_store(address="Somewhere else")
    finally:
        officer.close()
