"""The organisation's signing identity as a service: show, export, replace (admin).

Its private key is stored encrypted under the role secret (audit_keys), which only
managers' and administrators' key slots hold: any password opens the database, but an
officer's cannot sign a package as the organisation.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, select, text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import BadFile, RoleKeyMissing, VaultDamaged
from opal_desktop.fileio import atomic_write
from opal_desktop.vault import audit_keys, identity
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
    return identity.IdentityMaterial(row.certificate_der, _private_key(vault, row), row.chain_pem)


def _private_key(vault: Vault, row: SigningIdentity) -> bytes:
    if not audit_keys.is_sealed(row.private_key_der):
        return row.private_key_der  # not yet upgraded: sealed at the first manager's sign-in
    from cryptography.exceptions import InvalidTag

    secret = vault.signer.role_secret
    if secret is None:
        raise RoleKeyMissing()
    try:
        return audit_keys.open_identity_key(secret, vault.vault_id, row.fingerprint_sha256,
                                            row.private_key_der)  # fmt: skip
    except InvalidTag:
        raise VaultDamaged(
            "The organisation's signing key does not open with your manager key: it was "
            "replaced or damaged. An administrator can import or regenerate the certificate."
        ) from None


def seal_stored_keys(conn: Connection, role_secret: bytes, vault_id: str) -> int:
    """Encrypt every stored signing key not yet sealed (the upgrade); returns how many."""
    rows = conn.execute(
        text("SELECT id, fingerprint_sha256, private_key_der FROM signing_identities")
    ).all()
    sealed = 0
    for row_id, fingerprint, der in rows:
        if audit_keys.is_sealed(bytes(der)):
            continue
        conn.execute(
            text("UPDATE signing_identities SET private_key_der = :k WHERE id = :id"),
            {"id": row_id,
             "k": audit_keys.seal_identity_key(role_secret, vault_id, fingerprint, bytes(der))},
        )  # fmt: skip
        sealed += 1
    return sealed


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
    if vault.signer.role_secret is None:
        raise RoleKeyMissing()
    sealed_key = audit_keys.seal_identity_key(
        vault.signer.role_secret, vault.vault_id, facts.fingerprint_sha256, material.private_key_der
    )
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
                private_key_der=sealed_key,
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
