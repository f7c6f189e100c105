"""The organisation's signing identity as a service: show, export, replace (admin)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import BadFile, VaultDamaged
from opal_desktop.fileio import atomic_write
from opal_desktop.vault import identity
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.models import SigningIdentity
from opal_desktop.vault.vault import Vault


def _active(vault: Vault) -> SigningIdentity:
    with vault.session() as session:
        row = session.scalars(
            select(SigningIdentity).where(SigningIdentity.active.is_(True))
        ).first()
        if row is None:
            raise VaultDamaged(
                "This vault has no signing certificate. An administrator can import one."
            )
        session.expunge(row)
        return row


def certificate_facts(vault: Vault) -> identity.CertificateFacts:
    """Anyone signed in may see the certificate; it is public by design."""
    return identity.facts(_active(vault).certificate_der)


def certificate_source(vault: Vault) -> str:
    return _active(vault).source


def certificate_pem(vault: Vault) -> str:
    row = _active(vault)
    return identity.certificate_pem(row.certificate_der, row.chain_pem)


def export_certificate(vault: Vault, out: Path) -> Path:
    """Write the public certificate (and any CA chain) as PEM for recipients to trust."""
    out = Path(out)
    atomic_write(out, certificate_pem(vault).encode("ascii"), mode=0o644)
    with vault.transaction() as conn:
        vault.audit(
            conn,
            "certificate_exported",
            "certificate",
            _active(vault).fingerprint_sha256,
            str(out.name),
        )
    return out


def signing_material(vault: Vault) -> identity.IdentityMaterial:
    """The private key, for signing packages. Managers and admins only."""
    vault.require(Permission.EXPORT_PACKAGES)
    row = _active(vault)
    return identity.IdentityMaterial(row.certificate_der, row.private_key_der, row.chain_pem)


def import_pkcs12(vault: Vault, path: Path, password: str) -> identity.CertificateFacts:
    """Replace the signing identity with one from a .p12/.pfx file; the old one is kept inactive."""
    vault.require(Permission.MANAGE_CERTIFICATE)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise BadFile(f"Cannot read {path}: {error.strerror}.") from None
    if len(data) > 1024 * 1024:
        raise BadFile("That file is too large to be a PKCS#12 certificate file.")
    material = identity.load_pkcs12(data, password)
    return _install(vault, material, "imported")


def regenerate(
    vault: Vault, organisation: str, store_name: str, store_code: str
) -> identity.CertificateFacts:
    vault.require(Permission.MANAGE_CERTIFICATE)
    return _install(vault, identity.generate(organisation, store_name, store_code), "generated")


def _install(
    vault: Vault, material: identity.IdentityMaterial, source: str
) -> identity.CertificateFacts:
    facts = identity.facts(material.certificate_der)
    with vault.session() as session, session.begin():
        for row in session.scalars(select(SigningIdentity).where(SigningIdentity.active.is_(True))):
            row.active = False
        session.add(
            SigningIdentity(
                source=source,
                subject=facts.subject,
                fingerprint_sha256=facts.fingerprint_sha256,
                not_before=facts.not_before.isoformat(),
                not_after=facts.not_after.isoformat(),
                certificate_der=material.certificate_der,
                private_key_der=material.private_key_der,
                chain_pem=material.chain_pem,
                active=True,
                created_at=utc_now(),
                created_by=vault.actor.username,
            )
        )
        session.flush()
        vault.audit(
            session.connection(),
            "certificate_replaced",
            "certificate",
            facts.fingerprint_sha256,
            f"{source.capitalize()} signing certificate {facts.subject}",
        )
    return facts
