"""`packages create|list|show|mark`, `export` and `verify` from the command line."""

from __future__ import annotations

import io
import json
import random
import zipfile
from datetime import date
from pathlib import Path

from PIL import Image

from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.evidence import exhibits
from opal_desktop.evidence.models import IncomingStill
from opal_desktop.incidents import records
from opal_desktop.vault.signing import certificate_pem
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, Cli

GRADED = ("--grading", "2B", "--handling", "P")
CONTACT = (
    "--submitter-role",
    "Regional LP manager",
    "--submitter-contact",
    "07700 900123",
    *GRADED,
)


def _incidents(folder: Path, crime_refs: list[str]) -> list[str]:
    """Incidents with a still each; '' leaves the crime reference out (not ready to refer)."""
    vault = Vault.open(folder, ADMIN, ADMIN_PASSWORD)
    try:
        refs = []
        for day, crime in enumerate(crime_refs, start=1):
            incident = records.new_incident(vault)
            incident.occurred_start = parse_uk_datetime(f"{day:02d}/11/2026 15:00")
            incident.police.crime_reference = crime
            incident.police.reported_on = date(2026, 11, day) if crime else None
            incident.narrative = "=1+1 two males, spirits"
            ref = records.save(vault, incident).reference
            jpeg = io.BytesIO()
            Image.new("RGB", (320, 180), (day * 40, 90, 120)).save(jpeg, "JPEG")
            exhibits.add_stills(
                vault, ref, [IncomingStill.from_bytes(f"cam{day}.jpg", jpeg.getvalue(), "file")]
            )
            refs.append(ref)
        (folder.parent / "sender.pem").write_text(certificate_pem(vault))
        return refs
    finally:
        vault.close()


def test_create_list_show_mark(cli: Cli, vault_folder: Path) -> None:
    refs = _incidents(vault_folder, ["13/1/26", "13/2/26"])
    ungraded = cli("packages", "create", "--incidents", refs[0], "--title", "T", *CONTACT[:4])
    assert ungraded.code == 2 and "Grade the intelligence yourself" in ungraded.err
    no_contact = cli(
        "packages", "create", "--incidents", ",".join(refs), "--title", "Spirits team", *GRADED
    )
    assert no_contact.code == 2 and no_contact.err.strip().startswith("Give --submitter-contact")
    bad = cli(
        "packages", "create", "--incidents", refs[0], "--title", "T", *CONTACT, "--handling", "C"
    )
    assert bad.code == 2 and "Handling code C needs its conditions stated" in bad.err
    made = cli("packages", "create", "--incidents", ",".join(refs), "--title", "Spirits team", "--grading", "1a",
               "--handling", "C", "--conditions", "Police only", "--sensitive", *CONTACT[:4])  # fmt: skip
    assert made.code == 0 and made.out.startswith(
        "Created NG-LDS01-PKG-0001: Spirits team (1A C, OFFICIAL-SENSITIVE)."
    )
    listed = cli("packages", "list")
    assert (
        listed.code == 0
        and "NG-LDS01-PKG-0001  draft" in listed.out
        and "2 incidents" in listed.out
    )
    shown = cli("packages", "show", "ng-lds01-pkg-0001", "--json")
    doc = json.loads(shown.out)
    assert (
        doc["grading"]["code"] == "1A C"
        and doc["submitter"]["organisation"] == "Northern Grocers Ltd"
    )
    assert doc["submitter"]["name"] == "Alex Admin" and doc["status"] == "draft"
    early = cli("packages", "mark", "NG-LDS01-PKG-0001", "submitted")
    assert early.code == 2 and "Export it first" in early.err
    assert (
        cli("packages", "show", "PKG-0404").err.strip()
        == "There is no package PKG-0404 in this vault."
    )


def test_export_verify_and_tamper(cli: Cli, vault_folder: Path, tmp_path: Path) -> None:
    refs = _incidents(vault_folder, ["13/1/26", "13/2/26"])
    assert (
        cli(
            "packages", "create", "--incidents", ",".join(refs), "--title", "Spirits", *CONTACT
        ).code
        == 0
    )
    out = tmp_path / "outbox"
    out.mkdir()
    exported = cli("export", "--package", "NG-LDS01-PKG-0001", "--format", "zip", "--out", str(out))
    assert exported.code == 0, exported.err
    package = out / "NG-LDS01-PKG-0001.zip"
    assert exported.out.startswith(f"Wrote {package} (") and "SHA-256" in exported.out
    again = cli("export", "--package", "NG-LDS01-PKG-0001", "--format", "zip", "--out", str(out))
    assert again.code == 2 and "already exists" in again.err
    sender = str(vault_folder.parent / "sender.pem")
    ok = cli("verify", str(package), "--trust", sender, user=None, password=None)
    assert (
        ok.code == 0
        and ok.out.startswith("VALID ZIP NG-LDS01-PKG-0001.zip")
        and "Trusted:             yes (sender.pem)" in ok.out
    )
    by_vault = cli("verify", str(package), "--json")
    doc = json.loads(by_vault.out)
    assert (
        by_vault.code == 0 and doc["trusted"] and doc["trust_source"] == "this vault's certificate"
    )
    untrusted = cli("verify", str(package), user=None, password=None)
    assert (
        untrusted.code == 0
        and "Trusted:             no" in untrusted.out
        and "NOTE" in untrusted.out
    )
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(
                info,
                data.replace(b"Spirits", b"Spirito") if info.filename == "package.json" else data,
            )
    bad = cli("verify", str(tampered), "--trust", sender, user=None, password=None)
    assert bad.code == 1 and bad.out.startswith("NOT VALID ZIP")
    assert (
        "PROBLEM  package.json was changed: its SHA-256 does not match META-INF/SHA256SUMS."
        in bad.out
    )
    (tmp_path / "notes.txt").write_text("hello")
    unreadable = cli("verify", str(tmp_path / "notes.txt"), user=None, password=None)
    assert unreadable.code == 2 and "is not a package" in unreadable.err
    assert cli("packages", "mark", " ng-Lds01-pkg-0001 ", "submitted").code == 0
    acknowledged = cli(
        "packages", "mark", "NG-LDS01-PKG-0001", "acknowledged", "--note", "Opal ref 123"
    )
    assert (
        acknowledged.code == 0
        and acknowledged.out.strip() == "NG-LDS01-PKG-0001 is now acknowledged."
    )


def test_not_ready_exports_only_a_draft(cli: Cli, vault_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "outbox"
    out.mkdir()
    refs = _incidents(vault_folder, ["13/1/26", ""])
    assert (
        cli("packages", "create", "--incidents", ",".join(refs), "--title", "Half", *CONTACT).code
        == 0
    )
    refused = cli("export", "--package", "NG-LDS01-PKG-0001", "--format", "zip", "--out", str(out))
    assert (
        refused.code == 2
        and "NG-LDS01-PKG-0001 is not ready to refer" in refused.err
        and "--draft" in refused.err
    )
    assert list(out.iterdir()) == []
    draft = cli(
        "export", "--package", "NG-LDS01-PKG-0001", "--format", "zip", "--out", str(out), "--draft"
    )
    assert draft.code == 0 and draft.out.rstrip().endswith("a DRAFT – NOT FOR SUBMISSION.")
    assert [p.name for p in out.iterdir()] == ["NG-LDS01-PKG-0001-DRAFT.zip"]
    missing = cli(
        "export",
        "--package",
        "NG-LDS01-PKG-0001",
        "--format",
        "zip",
        "--out",
        str(out / "nope"),
        "--draft",
    )
    assert missing.code == 2 and missing.err.strip().startswith("There is no folder")


def test_a_damaged_vault_is_said_plainly_and_the_export_leaves_no_file(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    refs = _incidents(vault_folder, ["13/1/26"])
    database = vault_folder / "vault.db"
    before = database.stat().st_size
    vault = Vault.open(vault_folder, ADMIN, ADMIN_PASSWORD)
    try:  # a large still: most pages it adds to the end of the file are its bytes
        noise = Image.frombytes("RGB", (1200, 900), random.Random(7).randbytes(1200 * 900 * 3))
        big = io.BytesIO()
        noise.save(big, "PNG")
        exhibits.add_stills(
            vault, refs[0], [IncomingStill.from_bytes("big.png", big.getvalue(), "file")]
        )
    finally:
        vault.close()  # checkpointed: every page is in vault.db
    after = database.stat().st_size
    assert after - before > 2_000_000
    made = cli("packages", "create", "--incidents", refs[0], "--title", "Damaged", *CONTACT)
    assert made.code == 0, made.err
    with database.open("r+b") as handle:  # one byte inside one of the still's pages
        handle.seek((before + (after - before) // 2) // 4096 * 4096 + 1000)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0x5A]))
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("pdf", "zip"):
        failed = cli("export", "--package", "NG-LDS01-PKG-0001", "--format", fmt, "--out", str(out))
        assert failed.code == 2, failed.err
        assert failed.err.startswith(
            "Part of the vault's database cannot be read: the file is damaged"
        )
        assert "Traceback" not in failed.err and "malformed" not in failed.err
        assert list(out.iterdir()) == []


def test_the_continuity_statements_print_on_their_own(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    import subprocess

    refs = _incidents(vault_folder, ["13/1/26", "13/2/26"])
    made = cli("packages", "create", "--incidents", ",".join(refs), "--title", "Spirits", *CONTACT)
    assert made.code == 0, made.err
    out = tmp_path / "statements.pdf"
    printed = cli("packages", "statement", "NG-LDS01-PKG-0001", "--out", str(out))
    assert printed.code == 0, printed.err
    assert printed.out.startswith(f"Wrote {out} (SHA-256 ")
    signed = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in signed and "Total document signed" in signed
    words = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())  # fmt: skip
    assert "Witness statement: exhibits and continuity" in words
    assert "Statement of Alex Admin" in words and "I shall be liable to prosecution" in words
    nobody = cli("packages", "statement", "NG-LDS01-PKG-0001", "--producer", "nobody",
                 "--out", str(tmp_path / "n.pdf"))  # fmt: skip
    assert nobody.code == 2 and "no stills produced by nobody" in nobody.err
    assert not (tmp_path / "n.pdf").exists()
    trail = cli("audit", "list", "--action", "continuity_statement_printed")
    assert "statements.pdf for Alex Admin" in trail.out
