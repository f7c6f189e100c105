"""`cert show|export|import` and `settings show|set`."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from .helpers import OFFICER, OFFICER_PASSWORD, Cli

P12_PASSWORD = "p12 secret words"


def _make_p12(path: Path, password: str) -> str:
    """A PKCS#12 file as an organisation's CA might issue; returns the cert's SHA-256."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Northern Grocers signing")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"org", key, cert, None, serialization.BestAvailableEncryption(password.encode())
        )
    )
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _colon(hex_digest: str) -> str:
    upper = hex_digest.upper()
    return ":".join(upper[i : i + 2] for i in range(0, len(upper), 2))


def _show(cli: Cli) -> dict[str, object]:
    shown = cli("cert", "show", "--json")
    assert shown.code == 0, shown.err
    doc = shown.json()
    assert isinstance(doc, dict)
    return doc


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_exported_pem_matches_cert_show_with_openssl(cli: Cli, tmp_path: Path) -> None:
    doc = _show(cli)
    assert doc["source"] == "generated"
    assert doc["self_signed"] is True
    assert "Northern Grocers Ltd" in str(doc["subject"])
    pem = tmp_path / "org.pem"
    exported = cli("cert", "export", "--out", str(pem))
    assert exported.code == 0, exported.err
    openssl = subprocess.run(
        ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", str(pem)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert openssl.stdout.strip().split("=", 1)[1] == doc["fingerprint_sha256"]
    table = cli("cert", "show")
    assert str(doc["fingerprint_sha256"]) in table.out


def test_import_p12_replaces_the_identity(cli: Cli, tmp_path: Path) -> None:
    p12 = tmp_path / "org.p12"
    fingerprint = _make_p12(p12, P12_PASSWORD)
    wrong = cli("cert", "import", str(p12), env={"OPAL_DESKTOP_P12_PASSWORD": "wrong"})
    assert wrong.code == 2
    assert "password is wrong" in wrong.err
    missing = cli("cert", "import", str(p12))
    assert missing.code == 2
    assert missing.err.startswith("No password for the PKCS#12 file given")

    imported = cli("cert", "import", str(p12), env={"OPAL_DESKTOP_P12_PASSWORD": P12_PASSWORD})
    assert imported.code == 0, imported.err
    doc = _show(cli)
    assert doc["fingerprint_sha256"] == _colon(fingerprint)
    assert doc["source"] == "imported"


def test_import_p12_password_on_stdin_line_two(cli: Cli, tmp_path: Path) -> None:
    p12 = tmp_path / "org.p12"
    fingerprint = _make_p12(p12, P12_PASSWORD)
    imported = cli(
        "--password-stdin",
        "cert",
        "import",
        str(p12),
        password=None,
        stdin=f"kettle orbit velvet\n{P12_PASSWORD}\n",
    )
    assert imported.code == 0, imported.err
    assert _show(cli)["fingerprint_sha256"] == _colon(fingerprint)


def test_officer_cannot_import_but_can_see_the_certificate(
    with_officer: Cli, tmp_path: Path
) -> None:
    p12 = tmp_path / "org.p12"
    _make_p12(p12, P12_PASSWORD)
    denied = with_officer(
        "cert",
        "import",
        str(p12),
        user=OFFICER,
        password=OFFICER_PASSWORD,
        env={"OPAL_DESKTOP_P12_PASSWORD": P12_PASSWORD},
    )
    assert denied.code == 2
    assert "change the signing certificate" in denied.err
    assert with_officer("cert", "show", user=OFFICER, password=OFFICER_PASSWORD).code == 0


def test_cert_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "cert",
        "import",
        str(tmp_path / "none.p12"),
        env={"OPAL_DESKTOP_P12_PASSWORD": ""},
    )
    assert result.code == 2
    assert result.err.startswith("Cannot read")


def test_settings_show_and_set(with_officer: Cli) -> None:
    cli = with_officer
    shown = cli("settings", "show", "--json").json()
    assert isinstance(shown, dict)
    assert shown["idle_lock_minutes"] == 10
    assert cli("settings", "set", "idle_lock_minutes", "5").code == 0
    assert cli("settings", "set", "show_ethnic_appearance", "yes").code == 0
    after = cli("settings", "show", "--json").json()
    assert isinstance(after, dict)
    assert (after["idle_lock_minutes"], after["show_ethnic_appearance"]) == (5, True)

    for args, sentence in [
        (("idle_lock_minutes", "soon"), "is a number"),
        (("idle_lock_minutes", "999"), "between 1 and 240"),
        (("show_ethnic_appearance", "maybe"), "is a switch"),
        (("colour", "blue"), "There is no setting called 'colour'"),
    ]:
        refused = cli("settings", "set", *args)
        assert refused.code == 2
        assert sentence in refused.err
    officer = cli(
        "settings", "set", "idle_lock_minutes", "7", user=OFFICER, password=OFFICER_PASSWORD
    )
    assert officer.code == 2
    assert "change vault settings" in officer.err


def test_settings_store_changes_the_address_once_and_audits_it(with_officer: Cli) -> None:
    cli = with_officer
    shown = cli("settings", "show", "--json").json()
    assert isinstance(shown, dict)
    assert shown["organisation_code"] == "NG"
    assert shown["home_store"]["postcode"] == "LS5 3BT"
    changed = cli("settings", "store", "--address", "12 Briggate, Leeds", "--postcode", "ls1 6hd",
                  "--force", "West Yorkshire Police")  # fmt: skip
    assert changed.code == 0, changed.err
    assert changed.out.strip() == (
        'Changed. Store LDS01: address "1 Kirkstall Road, Leeds" -> "12 Briggate, Leeds"; '
        'postcode "LS5 3BT" -> "LS1 6HD".'
    )
    same = cli("settings", "store", "--postcode", "LS1 6HD")
    assert same.out.startswith("Nothing changed")
    text = cli("settings", "show").out
    assert "store address:" in text and "12 Briggate, Leeds" in text

    for args, sentence in [
        (("--address", "Somewhere", "--postcode", "LS1"), "LS1 is not a UK postcode. Type it like LS1 4AP."),
        (("--address", "  "), "Type the store's address (the street and town)"),
        (("--force", "Yorkshire"), "is not a UK police force id"),
        ((), "Give what changes: --address, --postcode or --force."),
    ]:  # fmt: skip
        refused = cli("settings", "store", *args)
        assert refused.code == 2 and sentence in refused.err, refused.err
        assert "Traceback" not in refused.err
    officer = cli("settings", "store", "--address", "x", user=OFFICER, password=OFFICER_PASSWORD)
    assert officer.code == 2 and "change vault settings" in officer.err
    after = cli("settings", "show", "--json").json()
    assert isinstance(after, dict)
    assert (after["home_store"]["address"], after["home_store"]["postcode"]) == (
        "12 Briggate, Leeds", "LS1 6HD")  # fmt: skip
    trail = cli("audit", "list", "--json").json()
    assert isinstance(trail, list)
    assert [e["action"] for e in trail].count("store_changed") == 1


def test_settings_set_organisation_code(cli: Cli) -> None:
    assert cli("settings", "set", "organisation_code", "ngr").out.strip() == (
        'organisation_code is now "NGR".'
    )
    refused = cli("settings", "set", "organisation_code", "N-G")
    assert refused.code == 2 and "2 to 6 letters or digits" in refused.err
