"""Detached CMS (PKCS#7) signatures over bytes, made and checked with pyHanko.

Used for the ZIP package's SHA256SUMS and for rules files: a recipient can check them with
`openssl cms -verify -binary -inform DER -in X.p7s -content X -CAfile issuer.pem`.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from opal_desktop.errors import BadFile
from opal_desktop.vault.identity import IdentityMaterial

# pyHanko logs full tracebacks for untrusted certificates; the sentence we raise is enough.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class SignerFacts:
    subject: str
    fingerprint_sha256: str

    def describe(self) -> str:
        fp = self.fingerprint_sha256.upper()
        return f"{self.subject} (SHA-256 {':'.join(fp[i : i + 2] for i in range(0, 16, 2))}…)"


def make_signer(material: IdentityMaterial):  # type: ignore[no-untyped-def]  # pyHanko has no stubs
    """A pyHanko signer for our identity that loads the private key once, not per signature."""
    from asn1crypto import keys, x509
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    chain = _pem_certs(material.chain_pem.encode("ascii")) if material.chain_pem else []
    return _signer_class()(
        signing_cert=x509.Certificate.load(material.certificate_der),
        signing_key=keys.PrivateKeyInfo.load(material.private_key_der),
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


@functools.cache
def _signer_class() -> type:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    from pyhanko.sign import signers

    class KeyOnceSigner(signers.SimpleSigner):
        """pyHanko's SimpleSigner re-parses and re-checks the RSA key on every signature, and
        makes two per PDF (one to size the placeholder): ~0.2 s each for RSA-3072 here. Our key
        was checked when it was generated or imported (identity.py) and is stored
        authenticated in the vault, so it is parsed once, without the costly primality checks."""

        _rsa_key: rsa.RSAPrivateKey | None = None

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            if mechanism.signature_algo != "rsassa_pkcs1v15" or digest_algorithm != "sha256":
                return bytes(super().sign_raw(data, digest_algorithm))
            if self._rsa_key is None:
                key = serialization.load_der_private_key(
                    self.signing_key.dump(), password=None, unsafe_skip_rsa_key_validation=True
                )
                assert isinstance(key, rsa.RSAPrivateKey)
                self._rsa_key = key
            return self._rsa_key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    return KeyOnceSigner


def sign_detached(data: bytes, material: IdentityMaterial, signer: Any = None) -> bytes:
    """A DER-encoded detached CMS SignedData over `data`, with the signer's certificate inside."""
    signer = signer or make_signer(material)
    content_info = asyncio.run(signer.async_sign_general_data(data, "sha256", detached=True))
    return bytes(content_info.dump())


def verify_detached(data: bytes, signature: bytes, trusted_pem: bytes) -> SignerFacts:
    """Check that `signature` covers exactly `data` and was made by a certificate issued by (or
    equal to) one in `trusted_pem`. Raises BadFile saying what is wrong."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        content_info = cms.ContentInfo.load(signature)
        signed_data = content_info["content"]
        if content_info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signer_cert = signed_data["certificates"][0].chosen
    except (ValueError, TypeError, KeyError, IndexError):
        raise BadFile(
            "The signature file is not a CMS signature (.p7s). Ask the sender for the right file."
        ) from None
    roots = _pem_certs(trusted_pem)
    if not roots:
        raise BadFile("The trusted certificate is not a PEM certificate.")
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = asyncio.run(
            async_validate_detached_cms(data, signed_data, signer_validation_context=context)
        )
    except Exception as error:  # pyHanko raises many kinds; all mean "not valid"
        raise BadFile(f"The signature could not be checked: {_short(error)}") from None
    if not status.intact:
        raise BadFile(
            "The signature does not match the file: the file was changed after it was signed."
        )
    if not status.valid:
        raise BadFile("The signature is damaged or uses an algorithm that is not accepted.")
    if not status.trusted:
        raise BadFile(
            "The file was signed, but not by the trusted issuer. Check where it came from."
        )
    return SignerFacts(
        signer_cert.subject.human_friendly, hashlib.sha256(signer_cert.dump()).hexdigest()
    )


def _pem_certs(pem: bytes) -> list[object]:
    from asn1crypto import pem as pem_module
    from asn1crypto import x509

    if not pem_module.detect(pem):
        return []
    return [
        x509.Certificate.load(der)
        for _type, _headers, der in pem_module.unarmor(pem, multiple=True)
    ]


def _short(error: object) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "…"
