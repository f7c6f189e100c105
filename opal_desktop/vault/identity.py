"""The organisation's signing identity: an RSA-3072 key and X.509 certificate.

Made at setup (self-signed) or imported from a PKCS#12 file issued by the organisation's
CA, so a recipient can trust one CA for many stores. Kept inside the encrypted vault.
"""

from __future__ import annotations

import hashlib
import stringprep
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from opal_desktop.domain.fingerprint import colon_pairs
from opal_desktop.errors import BadFile

RSA_BITS = 3072
VALIDITY_DAYS = 5 * 365
# X.509's upper bounds for O, OU and CN (RFC 5280: ub-organization-name,
# ub-organizational-unit-name, ub-common-name) are 64. `cryptography` counts them in UTF-8
# bytes (it refuses a longer CN outright), which is never more than the character count the
# standard means, so a field within 64 bytes is within both.
SUBJECT_FIELD_BYTES = 64
SHORTENED = "…"
_ZWJ = "\u200d"


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
        return colon_pairs(self.fingerprint_sha256)


def generate(organisation: str, store_name: str, store_code: str) -> IdentityMaterial:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
            x509.NameAttribute(
                NameOID.ORGANIZATION_NAME,
                subject_field(organisation, fallback=f"Retailer of store {store_code}"),
            ),
            x509.NameAttribute(
                NameOID.ORGANIZATIONAL_UNIT_NAME,
                subject_field(store_name, f" ({store_code})", fallback=f"Store {store_code}"),
            ),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name(organisation, store_code)),
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


def common_name(organisation: str, store_code: str) -> str:
    """'Northern Grocers Ltd – LDS01 intelligence packages'; for a longer organisation the
    words 'intelligence packages' go first, then the end of the name (marked '…'), never
    the store code."""
    name = _certificate_text(organisation)
    full = f"{name} – {store_code} intelligence packages"
    if name and _accepted(full):  # it fits as it is
        return full
    return subject_field(organisation, f" – {store_code}", f"{store_code} intelligence packages")


def subject_field(text: str, keep: str = "", fallback: str = "") -> str:
    """`text` + `keep` as a certificate subject field. If it is longer than X.509 allows,
    `text` is cut between whole characters (an accent stays on its letter, an emoji stays
    whole) and ends in '…'; `keep` stays. The vault and exports keep the full name.

    Characters that certificate checkers cannot compare in a name (RFC 4518 string
    preparation, as asn1crypto under pyHanko applies it: most emoji, private-use
    characters) are left out. If the rest is empty, or mixes right-to-left and left-to-right
    text in a way RFC 4518 forbids, it is the text alone, or else `fallback`."""
    text = _certificate_text(text)
    for candidate in (_fit(text, keep), _fit(text)):
        if text and _accepted(candidate):
            return candidate
    return fallback or SHORTENED


def _fit(text: str, keep: str = "") -> str:
    if _utf8_len(text + keep) <= SUBJECT_FIELD_BYTES:
        return text + keep
    budget = SUBJECT_FIELD_BYTES - _utf8_len(SHORTENED + keep)
    cut = 0
    for end in _cut_points(text):
        if _utf8_len(text[:end]) > budget:
            break
        cut = end
    head = text[:cut]
    space = head.rfind(" ")
    if text[cut : cut + 1] != " " and space >= len(head) * 2 // 3:
        head = head[:space]  # end on a whole word when that loses little
    head = head.rstrip(" ,;:-–—(")
    return head + SHORTENED + keep


def _accepted(value: str) -> bool:
    """Whether the signature checkers the project uses can compare this name (asn1crypto
    prepares names per RFC 4518 when it matches a signer to a trusted certificate)."""
    from asn1crypto import x509 as asn1_x509

    if not 1 <= _utf8_len(value) <= SUBJECT_FIELD_BYTES:
        return False
    try:
        asn1_x509.Name.build({"common_name": value}).hashable  # noqa: B018  # it checks
    except ValueError:
        return False
    return True


def _certificate_text(text: str) -> str:
    """One line, composed accents (NFC), without the characters (and whatever they join
    with) that RFC 4518 prohibits in a name: unassigned in its Unicode version (3.2, so
    most emoji), private use, non-characters, surrogates, direction controls."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    kept = []
    start = 0
    for end in _cut_points(text):
        piece = text[start:end]
        if not any(_prohibited(ch) for ch in piece):
            kept.append(piece)
        start = end
    return " ".join("".join(kept).split())


def _prohibited(ch: str) -> bool:
    if ch in _MAPPED_AWAY:
        return False
    return ch == "\ufffd" or any(
        check(c)
        for c in unicodedata.normalize("NFKC", ch)
        for check in (
            stringprep.in_table_a1,
            stringprep.in_table_c3,
            stringprep.in_table_c4,
            stringprep.in_table_c5,
            stringprep.in_table_c8,
        )
    )


# Removed by RFC 4518's mapping step before anything is checked: joiners, variation
# selectors, soft hyphen, tag characters.
_MAPPED_AWAY = frozenset(
    "\u00ad\u034f\u1806\u180b\u180c\u180d\u200b\u200c\u200d"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0020, 0xE0080)))
)


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _cut_points(text: str) -> list[int]:
    """Indexes between characters where cutting leaves each visible character whole: not
    before a combining mark, joiner, variation selector, skin tone or tag character, not
    after a zero-width joiner, and not inside a pair of flag letters."""
    points = []
    flag_letters = 0  # regional indicators in a row so far
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        joins = _extends(ch) or prev == _ZWJ or (_regional_indicator(ch) and flag_letters % 2 == 1)
        flag_letters = flag_letters + 1 if _regional_indicator(ch) else 0
        if i and not joins:
            points.append(i)
    points.append(len(text))
    return points


def _extends(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch == _ZWJ
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (text or emoji style)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters (flags of Wales, Scotland, England)
        or 0xE0100 <= code <= 0xE01EF
    )


def _regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


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
