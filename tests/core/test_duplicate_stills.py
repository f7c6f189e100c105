"""The same still on several incidents, or sent by several stores: a warning at regional
import and in the referral check, naming every exhibit and incident; never a refusal.

Two real store vaults on disk: Northern Grocers LDS01 attaches one still to two incidents
(and a third incident has a still of its own); Pennine Pharmacy SHF07 attaches the same
picture, byte for byte, to one of its incidents. Both export signed package ZIPs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_setup
from import_support import FAST_KDF, draft, regional_vault, table_counts, trust_sender
from PIL import Image
from sqlalchemy import text

from opal_desktop.cli.cmd_import import print_report
from opal_desktop.domain.roles import Role
from opal_desktop.evidence import exhibits
from opal_desktop.evidence.models import IncomingStill
from opal_desktop.incidents import records
from opal_desktop.packages import store as packages
from opal_desktop.packages.export import export_package
from opal_desktop.packages.importer import import_package
from opal_desktop.referral import duplicates, store
from opal_desktop.vault import users
from opal_desktop.vault.signing import signing_material
from opal_desktop.vault.vault import Vault

REGIONAL_PASSWORD = "kettle orbit velvet"
DUPLICATE_STILLS = "duplicate_stills"  # the requirement id of the check's shared-still lines


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 180), colour).save(out, "JPEG")
    return out.getvalue()


SHARED = jpeg((200, 40, 40))  # the one picture attached three times
SHARED_SHA = hashlib.sha256(SHARED).hexdigest()


@dataclass(frozen=True)
class Store:
    folder: Path
    refs: list[str]  # incidents, in the order made
    package: Path  # the package with the shared still
    clean: Path | None  # a package of an incident whose still is on no other incident


@dataclass(frozen=True)
class Stores:
    leeds: Store
    sheffield: Store
    regional: Path  # a regional vault trusting both, never imported into


def _store(folder: Path, stills: list[bytes], clean: bool, **setup: str) -> Store:
    """A store vault with one incident per still, a package of all of them, and (if `clean`)
    a package of one more incident with a still of its own."""
    vault, _code = Vault.create(folder / "vault", make_setup(**setup), kdf=FAST_KDF)
    try:
        refs = []
        for n, data in enumerate([*stills, jpeg((30, 90, 160))] if clean else stills, start=1):
            incident = records.save(vault, dataclasses.replace(
                records.new_incident(vault), narrative=f"Incident {n}: two males took spirits."))  # fmt: skip
            report = exhibits.add_stills(
                vault, incident.reference, [IncomingStill.from_bytes(f"cam{n}.jpg", data, "file")]
            )
            assert len(report.added) == 1
            refs.append(incident.reference)
        shared = refs[: len(stills)]

        def export(which: list[str]) -> Path:
            reference = packages.create_package(vault, draft(which)).reference
            out = folder / reference
            out.mkdir()
            return export_package(vault, reference, out, "zip", draft=True, pdf_step=None).files[0]

        return Store(
            folder / "vault", refs, export(shared), export(refs[len(stills) :]) if clean else None
        )
    finally:
        vault.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Stores:
    leeds = _store(tmp_path_factory.mktemp("leeds"), [SHARED, SHARED], clean=True)
    sheffield = _store(
        tmp_path_factory.mktemp("sheffield"), [SHARED], clean=False,
        organisation="Pennine Pharmacy Ltd", store_name="Sheffield Moor", store_code="SHF07",
        address="2 The Moor, Sheffield", postcode="S1 4PD", force_id="south-yorkshire",
    )  # fmt: skip
    regional = regional_vault(tmp_path_factory.mktemp("regional"))
    try:
        for folder in (leeds.folder, sheffield.folder):
            sender = Vault.open(folder, "admin", REGIONAL_PASSWORD)
            try:
                trust_sender(regional, signing_material(sender))
            finally:
                sender.close()
    finally:
        regional.close()
    return Stores(leeds, sheffield, regional.folder)


@pytest.fixture
def regional(tmp_path: Path, stores: Stores) -> Iterator[Vault]:
    folder = tmp_path / "regional"
    shutil.copytree(stores.regional, folder)
    vault = Vault.open(folder, "admin", REGIONAL_PASSWORD)
    yield vault
    vault.close()


def _exhibits(vault: Vault) -> dict[str, str]:
    """Incident reference -> exhibit reference of the shared still, as this vault holds them."""
    with vault.engine.connect() as conn:
        rows = conn.execute(text("SELECT i.reference, x.reference FROM exhibits x JOIN incidents i "
                                 "ON i.id = x.incident_id WHERE x.sha256 = :s"), {"s": SHARED_SHA}).all()  # fmt: skip
    return {str(r[0]): str(r[1]) for r in rows}


def test_a_package_with_one_still_on_two_incidents_warns_naming_both(
    tmp_path: Path, stores: Stores, regional: Vault
) -> None:
    leeds = stores.leeds
    before = table_counts(regional)
    dry = import_package(regional, leeds.package, dry_run=True)
    assert table_counts(regional) == before  # the dry run found it and still changed nothing
    report = import_package(regional, leeds.package)
    assert report.changed and report.counts["exhibits"].added == 2  # a warning, not a refusal
    held = _exhibits(regional)
    assert sorted(held) == leeds.refs[:2]
    [still] = report.duplicate_stills
    assert still.sha256 == SHARED_SHA and still.incidents == tuple(leeds.refs[:2])
    assert [u.to_json() for u in still.uses] == [[i, held[i], "LDS01"] for i in leeds.refs[:2]]
    [sentence] = report.still_warnings()
    assert sentence == (
        f"The same still (SHA-256 {SHARED_SHA[:12]}…) is attached to 2 incidents at store LDS01: "
        f"{leeds.refs[0]} ({held[leeds.refs[0]]}), {leeds.refs[1]} ({held[leeds.refs[1]]}): "
        "check it is not a picture reused by mistake."
    )
    assert sentence in report.sentences()  # what the Import window and the CLI show
    # The dry run's report says exactly what the import's does.
    assert dry.duplicate_stills == report.duplicate_stills and dry.still_warnings() == [sentence]
    assert {k: c.to_json() for k, c in dry.counts.items()} == {
        k: c.to_json() for k, c in report.counts.items()
    }
    shown = report.to_json()
    assert shown["duplicate_stills"] == [{"sha256": SHARED_SHA, "incidents": 2,
                                          "exhibits": [[i, held[i], "LDS01"] for i in leeds.refs[:2]]}]  # fmt: skip
    assert sentence in shown["sentences"]
    # Importing it again changes nothing, and still says so.
    again = import_package(regional, leeds.package)
    assert not again.changed and again.duplicate_stills == report.duplicate_stills


def test_a_second_stores_package_with_the_same_still_names_every_incident_and_store(
    stores: Stores, regional: Vault, capsys: pytest.CaptureFixture[str]
) -> None:
    leeds, sheffield = stores.leeds, stores.sheffield
    import_package(regional, leeds.package)
    dry = import_package(regional, sheffield.package, dry_run=True)
    report = import_package(regional, sheffield.package)
    held = _exhibits(regional)
    everyone = sorted([*leeds.refs[:2], sheffield.refs[0]])
    assert sorted(held) == everyone
    [still] = report.duplicate_stills
    assert still.incidents == tuple(everyone) and still.stores == ("LDS01", "SHF07")
    assert [u.to_json() for u in still.uses] == [
        [i, held[i], "SHF07" if i.startswith("SHF07") else "LDS01"] for i in everyone
    ]
    [sentence] = report.still_warnings()
    assert "is attached to 3 incidents at stores LDS01 and SHF07: " in sentence
    assert all(f"{i} ({held[i]})" in sentence for i in everyone)
    assert dry.still_warnings() == [sentence]
    print_report(report)  # `opal-desktop import` prints it under the counts
    assert sentence in capsys.readouterr().out


def test_a_package_without_shared_stills_gets_no_warning(stores: Stores, regional: Vault) -> None:
    import_package(regional, stores.leeds.package)  # shared stills elsewhere in the vault...
    assert stores.leeds.clean is not None
    report = import_package(regional, stores.leeds.clean)  # ...but none of this package's
    assert report.changed and report.duplicate_stills == []
    assert not any("same still" in s for s in report.sentences())
    assert report.to_json()["duplicate_stills"] == []


def test_the_referral_check_warns_without_blocking(stores: Stores, regional: Vault) -> None:
    leeds, sheffield = stores.leeds, stores.sheffield
    import_package(regional, leeds.package)
    import_package(regional, sheffield.package)
    held = _exhibits(regional)
    # The Leeds package's incidents: the still is on both, and on one Sheffield incident too.
    result = store.check_incidents(regional, leeds.refs[:2])
    [line] = [line for line in result.lines if line.requirement_id == DUPLICATE_STILLS]
    assert (line.status, line.severity) == ("advisory", "advisory")
    assert line.incidents == (*leeds.refs[:2], sheffield.refs[0])
    assert line.sentence == (
        f"The same still (SHA-256 {SHARED_SHA[:12]}…) is attached to 3 incidents: "
        f"{leeds.refs[0]} ({held[leeds.refs[0]]}), {leeds.refs[1]} ({held[leeds.refs[1]]}); "
        f"elsewhere in this vault: {sheffield.refs[0]} ({held[sheffield.refs[0]]}). "
        "Check it is not a picture reused by mistake."
    )
    others = [line for line in result.lines if line.requirement_id != DUPLICATE_STILLS]
    assert result.blocking == sum(line.status == "fail" for line in others)  # it never blocks
    assert f"NOTE  {line.sentence}" in result.as_text()  # what `opal-desktop check` prints
    shown = result.to_json()["lines"]
    assert {"requirement": DUPLICATE_STILLS, "severity": "advisory", "status": "advisory",
            "sentence": line.sentence, "incidents": list(line.incidents)} in shown  # fmt: skip
    # One incident alone: the other two are elsewhere.
    alone = store.check_incidents(regional, [sheffield.refs[0]])
    [line] = [line for line in alone.lines if line.requirement_id == DUPLICATE_STILLS]
    assert line.incidents == (sheffield.refs[0], *leeds.refs[:2])
    assert f"elsewhere in this vault: {leeds.refs[0]} ({held[leeds.refs[0]]}), " in line.sentence
    # An incident whose still is on no other incident: no such line.
    import_package(regional, leeds.clean or Path())
    clean = store.check_incidents(regional, [leeds.refs[2]])
    assert not [line for line in clean.lines if line.requirement_id == DUPLICATE_STILLS]


def test_an_officer_is_told_of_other_stores_incidents_without_their_references(
    stores: Stores, regional: Vault
) -> None:
    leeds, sheffield = stores.leeds, stores.sheffield
    import_package(regional, leeds.package)
    import_package(regional, sheffield.package)
    users.add_user(regional, "olly", "Olly Officer", Role.OFFICER, REGIONAL_PASSWORD,
                   must_change_password=False, store_code="SHF07")  # fmt: skip
    officer = Vault.open(regional.folder, "olly", REGIONAL_PASSWORD, lock=regional._lock)
    try:
        result = store.check_incidents(officer, [sheffield.refs[0]], record=False)
    finally:
        officer.engine.dispose()
    [line] = [line for line in result.lines if line.requirement_id == DUPLICATE_STILLS]
    assert line.incidents == (sheffield.refs[0],)
    assert "attached to 3 incidents: " in line.sentence
    assert "; and 2 incidents of other stores." in line.sentence
    assert not any(ref in line.sentence for ref in leeds.refs)


def test_one_grouped_query_on_the_sha256_index(regional: Vault) -> None:
    with regional.engine.connect() as conn:
        indexes = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name = 'exhibits' AND sql LIKE '%sha256%'")).scalars().all()  # fmt: skip
        assert indexes  # made by migration 0004
        assert duplicates.for_incidents(conn, []) == [] == duplicates.for_exhibit_ids(conn, [])


def test_a_packages_own_check_counts_the_senders_other_incidents_without_naming_them(
    tmp_path: Path, stores: Stores, regional: Vault
) -> None:
    import json
    import zipfile

    import_package(regional, stores.leeds.package)
    import_package(regional, stores.sheffield.package)
    sent, *others = [stores.leeds.refs[0], stores.leeds.refs[1], stores.sheffield.refs[0]]
    on_screen = store.check_incidents(regional, [sent], record=False)
    assert all(ref in " ".join(line.sentence for line in on_screen.lines) for ref in others)
    reference = packages.create_package(regional, draft([sent])).reference
    (tmp_path / "out").mkdir()
    result = export_package(regional, reference, tmp_path / "out", "zip", draft=True, pdf_step=None)
    with zipfile.ZipFile(result.files[0]) as archive:
        check = json.loads(archive.read("package.json"))["referral_check"]
    shared = [line for line in check["lines"] if line["requirement"] == DUPLICATE_STILLS]
    assert len(shared) == 1 and shared[0]["incidents"] == [sent]
    assert "and 2 other incidents in the sender's vault" in shared[0]["sentence"]
    assert not any(ref in json.dumps(check) for ref in others)
