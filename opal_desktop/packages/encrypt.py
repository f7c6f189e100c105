"""Encrypting a signed package to its recipients: CMS EnvelopedData (.p7m), AES-256-CBC.

Sign first, then encrypt: the ZIP (or PDF) inside keeps its own signature. Each recipient
certificate (RSA) gets the content key wrapped with RSA PKCS#1 v1.5 key transport, the
CMS default that `openssl cms -decrypt` and every S/MIME client open:

    openssl cms -decrypt -inform DER -in PKG-0001.zip.p7m -recip cert.pem -inkey key.pem -out PKG-0001.zip

cryptography's PKCS7EnvelopeBuilder makes the same structure but only from bytes in memory;
a package can be larger than memory, so the DER header is written here with exact lengths
(CBC padding makes the ciphertext length known up front) and the content is encrypted as
it streams from the file. Decryption (for `verify` of a .p7m) uses cryptography's own
pkcs7_decrypt_der: a second implementation, and the one tests check our files against.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from opal_desktop.errors import BadFile

if TYPE_CHECKING:
    from cryptography import x509

CHUNK = 1024 * 1024
_ENVELOPED_DATA = "1.2.840.113549.1.7.3"
_DATA = "1.2.840.113549.1.7.1"


def load_recipient(pem: bytes, name: str) -> x509.Certificate:
    """The first certificate in a PEM (or DER) file, checked as fit to encrypt to."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        cert = (
            x509.load_pem_x509_certificates(pem)[0]
            if b"-----BEGIN" in pem
            else x509.load_der_x509_certificate(pem)
        )
    except (ValueError, IndexError):
        raise BadFile(
            f"{name} is not an X.509 certificate. Ask the recipient for their certificate (.pem)."
        ) from None
    subject = cert.subject.rfc4514_string()
    if not isinstance(cert.public_key(), rsa.RSAPublicKey):
        raise BadFile(
            f"The certificate for {subject} is not RSA; packages can only be encrypted to RSA certificates."
        )
    if cert.not_valid_after_utc < datetime.now(UTC):
        raise BadFile(
            f"The certificate for {subject} has expired. Ask the recipient for their current certificate."
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return cert
    if not usage.key_encipherment:
        raise BadFile(
            f"The certificate for {subject} is not for encryption (it is a signing certificate). "
            "Ask the recipient for their encryption certificate."
        )
    return cert


def _header(tag: int, length: int) -> bytes:
    if length < 0x80:
        return bytes([tag, length])
    size = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size


def _recipient_infos(recipients: list[x509.Certificate], key: bytes) -> bytes:
    from asn1crypto import cms
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    infos = []
    for cert in recipients:
        parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
        public = cert.public_key()
        assert isinstance(public, rsa.RSAPublicKey)  # load_recipient checked
        infos.append(cms.RecipientInfo(name="ktri", value=cms.KeyTransRecipientInfo({
            "version": "v0",
            "rid": cms.RecipientIdentifier(name="issuer_and_serial_number", value=cms.IssuerAndSerialNumber(
                {"issuer": parsed.issuer, "serial_number": parsed.serial_number})),
            "key_encryption_algorithm": {"algorithm": "rsaes_pkcs1v15"},
            "encrypted_key": public.encrypt(key, padding.PKCS1v15()),
        })))  # fmt: skip
    return bytes(cms.RecipientInfos(infos).dump())


def encrypt_file(source: Path, target: BinaryIO, recipients: list[x509.Certificate]) -> None:
    """Write `source` to `target` as a DER EnvelopedData ContentInfo, a chunk at a time."""
    from asn1crypto import algos, core
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if not recipients:
        raise ValueError("at least one recipient")
    key, iv = os.urandom(32), os.urandom(16)
    size = source.stat().st_size
    cipher_len = (size // 16 + 1) * 16
    algorithm = algos.EncryptionAlgorithm(
        {"algorithm": "aes256_cbc", "parameters": core.OctetString(iv)}
    ).dump()
    content_head = core.ObjectIdentifier(_DATA).dump() + algorithm + _header(0x80, cipher_len)
    eci_len = len(content_head) + cipher_len
    body = b"\x02\x01\x00" + _recipient_infos(recipients, key) + _header(0x30, eci_len)  # version 0
    enveloped_len = len(body) + eci_len
    inner = _header(0x30, enveloped_len)
    outer_body_len = len(inner) + enveloped_len
    explicit = _header(0xA0, outer_body_len)
    oid = core.ObjectIdentifier(_ENVELOPED_DATA).dump()
    target.write(
        _header(0x30, len(oid) + len(explicit) + outer_body_len)
        + oid
        + explicit
        + inner
        + body
        + content_head
    )
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    padder = padding.PKCS7(128).padder()
    written = 0
    with source.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            out = encryptor.update(padder.update(chunk))
            target.write(out)
            written += len(out)
    tail = encryptor.update(padder.finalize()) + encryptor.finalize()
    target.write(tail)
    if written + len(tail) != cipher_len:  # the file changed while we read it
        raise BadFile(f"{source.name} changed while it was being encrypted. Export again.")


def decrypt(data: bytes, private_key_pem: bytes, certificate_pem: bytes | None = None) -> bytes:
    """The content of a .p7m for the recipient whose key (and certificate) are given. The
    certificate may be in the key's PEM file (`cat key.pem cert.pem`) instead."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        key = serialization.load_pem_private_key(private_key_pem, password=None)
    except (ValueError, TypeError):
        raise BadFile(
            "The key is not a PEM private key without a password. Check the file given."
        ) from None
    try:
        certs = x509.load_pem_x509_certificates(certificate_pem or private_key_pem)
    except ValueError:
        certs = []
    if not certs:
        raise BadFile(
            "Give your certificate as well as your key (--cert CERT.pem): the one the package was encrypted to."
        )
    return decrypt_with(data, certs[0], key)


def decrypt_with(data: bytes, cert: x509.Certificate, key: object) -> bytes:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs7

    if not isinstance(key, rsa.RSAPrivateKey):
        raise BadFile("The key is not an RSA private key; .p7m packages are encrypted to RSA keys.")
    try:
        return pkcs7.pkcs7_decrypt_der(data, cert, key, [])
    except UnsupportedAlgorithm:  # e.g. 3DES or RC2: older S/MIME tools' choices
        raise BadFile(
            "This .p7m is encrypted with an algorithm Opal Desktop does not accept (such as 3DES); "
            "ask the sender to encrypt it again with AES-256 (Opal Desktop's export does)."
        ) from None
    except ValueError:
        raise BadFile(
            "This .p7m cannot be opened with that certificate and key: it was encrypted to someone else, "
            "or it is damaged. Check you chose your own key."
        ) from None
