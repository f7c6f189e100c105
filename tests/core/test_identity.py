"""The signing identity made at setup is one that recipients' standard tools accept."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from opal_desktop.errors import BadFile
from opal_desktop.vault import identity


def test_generated_certificate_is_rsa_3072_for_signing_email_purpose() -> None:
    material = identity.generate("Northern Grocers Ltd", "Leeds Kirkstall", "LDS01")
    cert = x509.load_der_x509_certificate(material.certificate_der)
    key = serialization.load_der_private_key(material.private_key_der, None)
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 3072
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.EMAIL_PROTECTION]
    facts = identity.facts(material.certificate_der)
    assert facts.self_signed and "Leeds Kirkstall (LDS01)" in facts.subject
    assert len(facts.fingerprint_display.split(":")) == 32


def test_openssl_reads_the_exported_pem_with_the_same_fingerprint(tmp_path: Path) -> None:
    material = identity.generate("Northern Grocers Ltd", "Leeds Kirkstall", "LDS01")
    pem = tmp_path / "cert.pem"
    pem.write_text(identity.certificate_pem(material.certificate_der))
    out = subprocess.run(
        ["openssl", "x509", "-in", str(pem), "-noout", "-fingerprint", "-sha256"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (
        out.strip().split("=", 1)[1] == identity.facts(material.certificate_der).fingerprint_display
    )


def _p12(password: bytes, key_size: int = 3072) -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Issued Ltd")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"org", key, cert, None, serialization.BestAvailableEncryption(password)
    )


def test_pkcs12_import_and_its_refusals() -> None:
    data = _p12(b"p12 secret")
    imported = identity.load_pkcs12(data, "p12 secret")
    assert identity.facts(imported.certificate_der).subject.startswith("CN=CA Issued Ltd")
    with pytest.raises(BadFile, match="password is wrong"):
        identity.load_pkcs12(data, "guess")
    with pytest.raises(BadFile, match="password is wrong or it is not"):
        identity.load_pkcs12(b"not a p12 file at all", "")
    with pytest.raises(BadFile, match="at least 2048 bits"):
        identity.load_pkcs12(_p12(b"x", key_size=1024), "x")
