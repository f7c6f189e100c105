"""The organisation's signing identity: an RSA-3072 key and X.509 certificate.

Made at setup (self-signed) or imported from a PKCS#12 file issued by the organisation's
CA, so a recipient can trust one CA for many stores. Kept inside the encrypted vault.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from opal_desktop.errors import BadFile

RSA_BITS = 3072
VALIDITY_DAYS = 5 * 365


@dataclass(frozen=True)
class IdentityMaterial:
    certificate_der: bytes
    private_key_der: bytes  # PKCS#8, unencrypted: the vault is the protection
    chain_pem: str = ""

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.certificate_der).hexdigest()


@dataclass(frozen=True)
class CertificateFacts:
    subject: str
    issuer: str
    fingerprint_sha256: str
    not_before: datetime
    not_after: datetime
    self_signed: bool

    @property
    def fingerprint_display(self) -> str:
        """Colon-separated upper-case pairs, as people read them out over the phone."""
        fp = self.fingerprint_sha256.upper()
        return ":".join(fp[i : i + 2] for i in range(0, len(fp), 2))


def generate(organisation: str, store_name: str, store_code: str) -> IdentityMaterial:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]),
            x509.NameAttribute(
                NameOID.ORGANIZATIONAL_UNIT_NAME, f"{store_name} ({store_code})"[:64]
            ),
            x509.NameAttribute(
                NameOID.COMMON_NAME, f"{organisation} – {store_code} intelligence packages"[:64]
            ),
        ]
    )
    now = datetime.now(UTC)
    public_key = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        # emailProtection so `openssl cms -verify` accepts it with its default purpose check.
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return IdentityMaterial(
        certificate_der=cert.public_bytes(serialization.Encoding.DER),
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def load_pkcs12(data: bytes, password: str) -> IdentityMaterial:
    """Read an organisation's identity from a PKCS#12 (.p12/.pfx) file."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password.encode("utf-8") or None)
    except ValueError:
        raise BadFile(
            "This PKCS#12 file cannot be opened: the password is wrong or it is not a .p12/.pfx file."
        ) from None
    if key is None or cert is None:
        raise BadFile("This PKCS#12 file has no private key and certificate pair to sign with.")
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 2048:
        raise BadFile("The signing key must be RSA of at least 2048 bits (3072 recommended).")
    if cert.not_valid_after_utc < datetime.now(UTC):
        raise BadFile("This certificate has expired. Ask for a current one.")
    chain = "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in extra or [])
    return IdentityMaterial(
        certificate_der=cert.public_bytes(serialization.Encoding.DER),
        private_key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        chain_pem=chain,
    )


def facts(certificate_der: bytes) -> CertificateFacts:
    from cryptography import x509

    cert = x509.load_der_x509_certificate(certificate_der)
    return CertificateFacts(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        fingerprint_sha256=hashlib.sha256(certificate_der).hexdigest(),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        self_signed=cert.issuer == cert.subject,
    )


def certificate_pem(certificate_der: bytes, chain_pem: str = "") -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    cert = x509.load_der_x509_certificate(certificate_der)
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii") + chain_pem
