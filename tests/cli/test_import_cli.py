"""`opal-desktop import FILE [--trust CERT.pem] [--dry-run] [--json]`: a store's package into this vault."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from import_support import draft
from PIL import Image

from opal_desktop.evidence import exhibits
from opal_desktop.evidence.models import IncomingStill
from opal_desktop.incidents import records
from opal_desktop.packages import store
from opal_desktop.packages.export import export_package
from opal_desktop.vault.signing import certificate_pem
from opal_desktop.vault.vault import Vault

from .helpers import FAST_KDF, OFFICER, OFFICER_PASSWORD, Cli, raw_database, setup_for_tests


@dataclasses.dataclass(frozen=True)
class Package:
    path: Path
    certificate: Path  # the store's signing certificate, PEM
    incident: str


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Package:
    """A York store's vault with one incident and one still, exported as a signed ZIP."""
    folder = tmp_path_factory.mktemp("york")
    setup = dataclasses.replace(
        setup_for_tests(), store_code="YRK01", store_name="York Clifton Moor"
    )
    vault, _code = Vault.create(folder / "vault", setup, kdf=FAST_KDF)
    try:
        incident = records.new_incident(vault)
        incident = records.save(
            vault, dataclasses.replace(incident, narrative="Two males took spirits from aisle 4.")
        )
        jpeg = io.BytesIO()
        Image.new("RGB", (640, 360), (200, 40, 40)).save(jpeg, "JPEG")
        exhibits.add_stills(
            vault,
            incident.reference,
            [IncomingStill.from_bytes("cam4.jpg", jpeg.getvalue(), "file")],
        )
        reference = store.create_package(vault, draft([incident.reference])).reference
        path = export_package(vault, reference, folder, "zip", draft=True, pdf_step=None).files[0]
        certificate = folder / "york.pem"
        certificate.write_text(certificate_pem(vault))
        return Package(path, certificate, incident.reference)
    finally:
        vault.close()


def _incidents(folder: Path) -> int:
    with raw_database(folder) as conn:
        return int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0])


def test_an_untrusted_sender_is_refused_naming_its_fingerprint_until_trusted(
    cli: Cli, vault_folder: Path, package: Package
) -> None:
    refused = cli("import", str(package.path), "--dry-run")
    assert refused.code == 2 and refused.out == ""
    assert "whose certificate this vault does not trust" in refused.err
    listed = cli("trust", "add", str(package.certificate), "--note", "read out by phone")
    assert listed.code == 0, listed.err
    fingerprint = listed.out.split("Fingerprint (SHA-256): ")[1].split()[0]
    assert f"SHA-256 fingerprint {fingerprint})" in refused.err  # the one to check by phone
    assert _incidents(vault_folder) == 0
    assert cli("trust", "add", str(package.certificate)).out.startswith("Already trusted")
    shown = cli("trust", "list", "--json").json()
    assert isinstance(shown, list) and [s["note"] for s in shown] == ["read out by phone"]
    assert cli("import", str(package.path), "--dry-run").code == 0
    assert cli("trust", "remove", fingerprint[:11]).code == 0
    assert cli("import", str(package.path), "--dry-run").code == 2
    trail = cli("audit", "list", "--json").json()
    assert isinstance(trail, list)
    actions = [e["action"] for e in trail]
    assert "sender_trusted" in actions and "sender_untrusted" in actions


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a certificate\n",
        b"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
    ],
)
def test_an_empty_or_wrong_trust_file_is_an_error_never_an_empty_list(
    cli: Cli, vault_folder: Path, package: Package, tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "trust.pem"
    bad.write_bytes(content)
    for args in (["import", str(package.path), "--trust", str(bad)], ["trust", "add", str(bad)],
                 ["verify", str(package.path), "--trust", str(bad)]):  # fmt: skip
        result = cli(*args)
        assert result.code == 2 and "VALID" not in result.out, args
        assert "Give the sender's certificate (cert.pem)" in result.err, args
    assert _incidents(vault_folder) == 0


def test_dry_run_then_import_then_again(cli: Cli, vault_folder: Path, package: Package) -> None:
    assert cli("trust", "add", str(package.certificate)).code == 0
    shown = cli("import", str(package.path), "--dry-run")
    assert shown.code == 0, shown.err
    assert (
        "Signed by:" in shown.out
        and "York Clifton Moor (YRK01)" in shown.out
        and "Trusted:     yes" in shown.out
    )
    assert (
        "Importing would change: stores 1 added; incidents 1 added; exhibits 1 added." in shown.out
    )
    assert "This package is a draft" in shown.out and _incidents(vault_folder) == 0
    done = cli("import", str(package.path), "--json")
    assert done.code == 0, done.err
    doc = done.json()
    assert isinstance(doc, dict) and doc["changed"] and not doc["dry_run"]
    assert doc["counts"]["incidents"] == {"added": 1, "updated": 0, "unchanged": 0}
    assert doc["signer"]["trusted"] is True and doc["source_stores"] == ["YRK01"]
    assert doc["package"]["sha256"] and doc["contents"]["exhibits"] == 1
    assert _incidents(vault_folder) == 1
    again = cli("import", str(package.path))
    assert (
        again.code == 0
        and "Already up to date: everything in NG-YRK01-PKG-0001 is in this vault" in again.out
    )
    listed = cli("incidents", "show", package.incident, "--json")
    assert listed.code == 0, listed.err


def test_trust(cli: Cli, vault_folder: Path, package: Package, tmp_path: Path) -> None:
    ours = tmp_path / "ours.pem"
    assert cli("cert", "export", "--out", str(ours)).code == 0
    wrong = cli("import", str(package.path), "--trust", str(ours), "--json")
    assert wrong.code == 2 and wrong.out == ""
    assert "which is not the certificate you trust (--trust)" in wrong.err
    assert _incidents(vault_folder) == 0
    right = cli("import", str(package.path), "--trust", str(package.certificate), "--json")
    assert right.code == 0, right.err
    doc = right.json()
    assert isinstance(doc, dict) and doc["signer"]["trusted"] is True


def test_refusals(with_officer: Cli, vault_folder: Path, package: Package, tmp_path: Path) -> None:
    cli = with_officer
    officer = cli("import", str(package.path), user=OFFICER, password=OFFICER_PASSWORD)
    assert officer.code == 2 and "does not allow you to import store exports" in officer.err
    missing = cli("import", str(tmp_path / "nowhere.zip"))
    assert (
        missing.code == 2
        and missing.err.startswith("Cannot read")
        and "No such file" in missing.err
    )
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    bad = cli("import", str(junk), "--dry-run")
    assert bad.code == 2 and bad.err.strip() == (
        "junk.zip is not a ZIP package or is damaged. Ask the sender for a new export."
    )
    assert _incidents(vault_folder) == 0
