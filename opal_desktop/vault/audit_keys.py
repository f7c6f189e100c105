"""Key material kept apart by role: who can sign audit entries, checkpoints and packages.

Every password opens the database key, so nothing the database holds can tell an officer's
writes from a manager's. Two secrets therefore live only in the key file, wrapped under the
password of the people who need them:

- each user's *writer seed*: their own Ed25519 key, signing every audit entry they write;
  its public half is registered in the trail.
- the *role secret*, wrapped only for managers, administrators and the recovery code. From
  it come the checkpoint key (Ed25519: entries written by a manager or administrator are
  signed with it, so each one vouches for the whole chain before it) and the key that
  encrypts the organisation's package-signing key inside the database.

All primitives are the `cryptography` library's (Ed25519, HKDF-SHA256, AES-256-GCM).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEED_BYTES = 32
ROLE_SIGNER = "role"  # the audit_log.signer of an entry signed with the checkpoint key
WRITER_PREFIX = "writer:"
SEALED_PREFIX = b"OPAL-ROLE-SEALED-1:"  # PKCS#8 DER starts with 0x30, so this cannot clash


def new_seed() -> bytes:
    return os.urandom(SEED_BYTES)


def _derive(seed: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(seed)


def _ed25519(seed: bytes, info: bytes) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(_derive(seed, info))


def public_hex(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def load_public(hex_text: str) -> Ed25519PublicKey | None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_text))
    except ValueError:
        return None


def check_signature(public: str, signature_b64: str, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    key = load_public(public)
    if key is None:
        return False
    try:
        key.verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def writer_key(seed: bytes) -> Ed25519PrivateKey:
    return _ed25519(seed, b"opal-desktop audit writer v1")


def checkpoint_key(role_secret: bytes) -> Ed25519PrivateKey:
    return _ed25519(role_secret, b"opal-desktop audit checkpoint v1")


def role_public(role_secret: bytes) -> str:
    return public_hex(checkpoint_key(role_secret))


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode("ascii")


# --- the organisation's signing key, encrypted under the role secret ---------------------


def _identity_aead(role_secret: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(_derive(role_secret, b"opal-desktop signing identity v1"))


def is_sealed(private_key_der: bytes) -> bool:
    return private_key_der.startswith(SEALED_PREFIX)


def seal_identity_key(role_secret: bytes, vault_id: str, fingerprint: str, der: bytes) -> bytes:
    nonce = os.urandom(12)
    bound = f"{vault_id}|{fingerprint}".encode()
    return SEALED_PREFIX + nonce + _identity_aead(role_secret).encrypt(nonce, der, bound)


def open_identity_key(role_secret: bytes, vault_id: str, fingerprint: str, sealed: bytes) -> bytes:
    """The PKCS#8 key; raises cryptography's InvalidTag for another role secret."""
    body = sealed[len(SEALED_PREFIX) :]
    bound = f"{vault_id}|{fingerprint}".encode()
    return bytes(_identity_aead(role_secret).decrypt(body[:12], body[12:], bound))


@dataclass(frozen=True)
class AuditSigner:
    """What the signed-in person signs audit entries with, and what they trust.

    `role_secret` is None for officers (and for managers who were not yet given it);
    `trusted_role_key` is the checkpoint public key this vault recorded, confirmed against
    the role secret when the signer holds it."""

    username: str
    legacy_seal_key: bytes  # HMAC seal kept for old readers; proves nothing against insiders
    writer_seed: bytes | None
    role_secret: bytes | None
    trusted_role_key: str | None

    @property
    def holds_role_key(self) -> bool:
        return self.role_secret is not None

    def sign_entry(self, entry_hash: str, registers_key: str = "") -> tuple[str, str]:
        """(signer, signature) for one entry; ("", "") when this user has no key yet."""
        message = entry_message(entry_hash, registers_key)
        if self.role_secret is not None:
            return ROLE_SIGNER, sign(checkpoint_key(self.role_secret), message)
        if self.writer_seed is not None:
            return WRITER_PREFIX + self.username, sign(writer_key(self.writer_seed), message)
        return "", ""


def entry_message(entry_hash: str, registers_key: str = "") -> bytes:
    # The chain hash covers the entry's text; the signature adds any key it registers.
    return f"opal-desktop audit entry v1\n{entry_hash}\n{registers_key}".encode("ascii")


def head_message(vault_id: str, count: int, head_hash: str, digests_sha256: str) -> bytes:
    return f"opal-desktop audit checkpoint v1\n{vault_id}\n{count}\n{head_hash}\n{digests_sha256}".encode()
