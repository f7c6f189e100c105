"""Trusted senders: the only certificates whose packages a regional vault merges.

A manager or administrator adds a store's (or its organisation's CA) certificate after
confirming its fingerprint with the sender out of band, by phone for example; `import`
then refuses any package not signed by a trusted certificate (or this vault's own, or one
they issued), naming the fingerprint to confirm. Removing trust keeps the row, stamped,
so what that sender brought can still be traced to them. Every change is audited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from opal_desktop.domain.fingerprint import colon_pairs
from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import to_utc_text, utc_now
from opal_desktop.errors import InvalidInput
from opal_desktop.packages.verify import read_certificates
from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class TrustedSender:
    fingerprint: str  # SHA-256 of the certificate (DER), lower-case hex
    subject: str
    organisation: str
    note: str
    trusted_by: str
    trusted_at: str

    @property
    def fingerprint_display(self) -> str:
        return colon_pairs(self.fingerprint)


def _fingerprint(certificate: Any) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding

    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def _organisation(certificate: Any) -> str:
    from cryptography.x509.oid import NameOID

    names = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    value = names[0].value if names else certificate.subject.rfc4514_string()
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


@dataclass(frozen=True)
class Candidate:
    """A certificate someone is about to trust, as they are asked to confirm it."""

    fingerprint: str
    subject: str
    organisation: str
    trusted: bool  # already trusted: adding it changes nothing


def candidates(vault: Vault, pem: bytes, what: str = "The trust file") -> list[Candidate]:
    """Every certificate in `pem`, with its fingerprint, before anything is trusted."""
    known = {sender.fingerprint for sender in trusted(vault)}
    found = []
    for certificate in read_certificates(pem, what):
        fingerprint = _fingerprint(certificate)
        found.append(Candidate(fingerprint, certificate.subject.rfc4514_string(),
                               _organisation(certificate), fingerprint in known))  # fmt: skip
    return found


def trusted(vault: Vault) -> list[TrustedSender]:
    """The senders trusted now, oldest first."""
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT fingerprint, subject, organisation, note, trusted_by, trusted_at "
            "FROM trusted_senders WHERE removed_at IS NULL ORDER BY id"
        )).all()  # fmt: skip
    return [TrustedSender(*row) for row in rows]


def trusted_pem(vault: Vault) -> bytes:
    """The certificates of every trusted sender, as one PEM (b"" when there are none)."""
    with vault.engine.connect() as conn:
        pems = conn.execute(text(
            "SELECT certificate_pem FROM trusted_senders WHERE removed_at IS NULL ORDER BY id"
        )).scalars().all()  # fmt: skip
    return "".join(pems).encode("ascii")


def organisation_of(vault: Vault, fingerprint: str) -> str | None:
    """The organisation a certificate was trusted as, even if trust was removed since."""
    with vault.engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT organisation FROM trusted_senders WHERE fingerprint = :f ORDER BY id DESC"
            ),
            {"f": fingerprint},
        ).scalar()


def add(vault: Vault, pem: bytes, note: str = "") -> list[TrustedSender]:
    """Trust every certificate in `pem` (a sender's cert.pem, or their CA's)."""
    vault.require(Permission.IMPORT_PACKAGES)
    from cryptography.hazmat.primitives.serialization import Encoding

    certificates = read_certificates(pem)
    now, me = to_utc_text(utc_now()), vault.actor.username
    added: list[TrustedSender] = []
    with vault.transaction() as conn:
        for certificate in certificates:
            fingerprint = _fingerprint(certificate)
            already = conn.execute(
                text("SELECT 1 FROM trusted_senders WHERE fingerprint = :f AND removed_at IS NULL"),
                {"f": fingerprint},
            ).first()
            if already:
                continue
            sender = TrustedSender(fingerprint, certificate.subject.rfc4514_string(),
                                   _organisation(certificate), note.strip(), me, now)  # fmt: skip
            conn.execute(
                text(
                    "INSERT INTO trusted_senders(fingerprint, subject, organisation, certificate_pem, "
                    "note, trusted_by, trusted_at) VALUES (:f, :s, :o, :pem, :n, :by, :at)"
                ),
                {"f": fingerprint, "s": sender.subject, "o": sender.organisation, "n": sender.note,
                 "pem": certificate.public_bytes(Encoding.PEM).decode("ascii"), "by": me, "at": now},
            )  # fmt: skip
            vault.audit(conn, "sender_trusted", "certificate", fingerprint,
                        f"Packages signed by {sender.subject} (SHA-256 {sender.fingerprint_display}) "
                        f"are trusted" + (f"; {sender.note}" if sender.note else ""))  # fmt: skip
            added.append(sender)
    return added


def remove(vault: Vault, fingerprint: str) -> TrustedSender:
    """Stop trusting the sender whose fingerprint is (or starts with) `fingerprint`."""
    vault.require(Permission.IMPORT_PACKAGES)
    wanted = fingerprint.replace(":", "").replace(" ", "").lower()
    matches = [s for s in trusted(vault) if wanted and s.fingerprint.startswith(wanted)]
    if len(matches) != 1:
        raise InvalidInput(
            f"No trusted sender has the fingerprint {fingerprint}. See `trust list`."
            if not matches
            else f"{fingerprint} matches {len(matches)} trusted senders: give more of it."
        )
    sender = matches[0]
    with vault.transaction() as conn:
        conn.execute(
            text("UPDATE trusted_senders SET removed_by = :by, removed_at = :at "
                 "WHERE fingerprint = :f AND removed_at IS NULL"),
            {"by": vault.actor.username, "at": to_utc_text(utc_now()), "f": sender.fingerprint},
        )  # fmt: skip
        vault.audit(conn, "sender_untrusted", "certificate", sender.fingerprint,
                    f"Packages signed by {sender.subject} (SHA-256 {sender.fingerprint_display}) "
                    "are no longer trusted")  # fmt: skip
    return sender


def bind_to_organisation(vault: Vault, pem: bytes, organisation: str) -> str:
    """Let these (trusted) certificates speak for an organisation already known here, by code
    (NG) or the start of its id: for its new certificate, checked with it by phone. Until
    then its packages are refused, so a trusted sender cannot pass itself off as another.
    Returns the organisation's name."""
    from opal_desktop.vault import organisations

    vault.require(Permission.IMPORT_PACKAGES)
    wanted = organisation.strip().upper()
    now, me = to_utc_text(utc_now()), vault.actor.username
    with vault.transaction() as conn:
        rows = (
            conn.execute(text("SELECT uuid FROM organisations WHERE NOT is_home")).scalars().all()
        )
        found = [o for o in (organisations.by_uuid(conn, str(u)) for u in rows) if o is not None
                 and (o.code.upper() == wanted or (len(wanted) >= 8 and o.uuid.upper().startswith(wanted)))]  # fmt: skip
        if len(found) != 1:
            raise InvalidInput(
                f"No organisation {organisation} has sent packages to this vault. See `trust list`."
                if not found
                else f"{len(found)} organisations have the code {organisation}: give the start of "
                "its organisation id instead."
            )
        org = found[0]
        for certificate in read_certificates(pem):
            fingerprint = _fingerprint(certificate)
            organisations.bind(conn, org, fingerprint, me, now)
            vault.audit(conn, "organisation_bound", "organisation", org.uuid,
                        f"{org.name} (organisation id {org.uuid}) may now send packages signed by "
                        f"SHA-256 {colon_pairs(fingerprint)}")  # fmt: skip
    return org.name


def signer_certificate(signature: bytes, fingerprint: str) -> bytes:
    """The PEM of the certificate with `fingerprint` inside a CMS signature (b"" if absent)."""
    from asn1crypto import cms
    from asn1crypto import pem as pem_module

    try:
        signed = cms.ContentInfo.load(signature)["content"]
        for choice in signed["certificates"] or []:
            der = choice.chosen.dump()
            if hashlib.sha256(der).hexdigest() == fingerprint:
                return bytes(pem_module.armor("CERTIFICATE", der))
    except (ValueError, KeyError, TypeError):
        pass
    return b""
