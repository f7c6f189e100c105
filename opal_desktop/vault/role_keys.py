"""At sign-in: the signed-in person's audit signer, and the upgrade of vaults made earlier.

A vault made before schema 0011 has no writer keys and no role secret. Each person's first
sign-in after the upgrade gives them a writer key (sealed in their slot, registered in the
trail). The first manager's or administrator's sign-in also makes the role secret, seals
it in their slot, records the checkpoint key and encrypts the organisation's signing key
under it. Other managers and administrators receive it when an administrator next sets
their password (users reset), because only then does anyone know a password to wrap it for.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from opal_desktop.domain.roles import Role, holds_role_key
from opal_desktop.vault import audit_keys, audit_verify
from opal_desktop.vault.audit_keys import AuditSigner
from opal_desktop.vault.audit_verify import ROLE_KEY_META, recorded_role_key
from opal_desktop.vault.keyfile import RECOVERY_SLOT_ID, OpenedSlot

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

WRITER = "writer"
ROLE = "role"

KEY_MISMATCH = (
    "The checkpoint key recorded in this vault is not the one your password opens: someone "
    "may have resealed the audit trail. Run 'audit verify' and tell your administrator."
)
OLD_RECOVERY_CODE = (
    "The vault's recovery code was made before audit checkpoints: it can reset an "
    "administrator's password but cannot give back the manager key. Make a new recovery "
    "code now (opal-desktop users recovery-code) and keep it locked away."
)
NOT_YET_GIVEN = (
    "Your account does not hold the manager key yet, so you cannot sign packages or audit "
    "checkpoints. Ask an administrator to reset your password (users reset) to hand it over."
)


def registered_key(conn: Connection, username: str) -> str:
    row = conn.execute(
        text(
            "SELECT registers_key FROM audit_log WHERE record_type = 'user' AND record_id = :u "
            "AND registers_key != '' ORDER BY id DESC LIMIT 1"
        ),
        {"u": username},
    ).first()
    return str(row[0]) if row else ""


def new_user_extras(vault: Vault, role_needs_key: bool) -> tuple[dict[str, bytes], str]:
    """Extras for a slot an administrator writes (add, reset, enable): a new writer seed and,
    for managers and administrators, the role secret. Returns (extras, writer public key)."""
    seed = audit_keys.new_seed()
    extras = {WRITER: seed}
    if role_needs_key and vault.signer.role_secret is not None:
        extras[ROLE] = vault.signer.role_secret
    return extras, audit_keys.public_hex(audit_keys.writer_key(seed))


def prepare(vault: Vault, opened: OpenedSlot | None) -> list[str]:
    """Set `vault.signer` for the person signing in; upgrade old vaults. Returns notices."""
    notices: list[str] = []
    keyfile = vault.keyfile
    with vault.engine.connect() as conn:
        recorded = recorded_role_key(conn)
        registered = registered_key(conn, vault.actor.username)
    seed = opened.unseal(WRITER) if opened is not None else None
    role_secret = opened.unseal(ROLE) if opened is not None else None
    entitled = holds_role_key(vault.actor.role) or (
        opened is not None and opened.slot.kind == "recovery"
    )
    add: dict[str, bytes] = {}
    remove: tuple[str, ...] = ()
    if role_secret is not None and not entitled:
        role_secret, remove = None, (ROLE,)  # demoted: their slot no longer carries it
    is_password_slot = opened is not None and opened.slot.kind == "password"
    if seed is None and is_password_slot:
        seed = add.setdefault(WRITER, audit_keys.new_seed())
    if opened is not None and not is_password_slot and role_secret is None and recorded:
        # An old recovery code holds no checkpoint key to sign with: a new writer key for
        # the administrator, registering itself (audit_verify accepts that, and says so).
        seed = audit_keys.new_seed()
    establishing = False
    if entitled and role_secret is None and recorded is None:
        role_secret = add.setdefault(ROLE, audit_keys.new_seed())
    if role_secret is not None and recorded is None:
        establishing = True
    elif role_secret is not None and audit_keys.role_public(role_secret) != recorded:
        notices.append(KEY_MISMATCH)
    if opened is not None and (add or remove):
        writer_public = audit_keys.public_hex(audit_keys.writer_key(seed)) if seed else ""
        slot = opened.with_extras(add, remove, writer_public_key=writer_public)
        keyfile.put_slot(slot)
        if establishing:
            keyfile.role_public_key = audit_keys.role_public(role_secret)  # type: ignore[arg-type]
        keyfile.save(vault.folder)  # first: a secret the file lacks could never be recovered
        vault.opened = replace(opened, slot=slot)
    if entitled and role_secret is None and holds_role_key(vault.actor.role):
        notices.append(NOT_YET_GIVEN)
    recovery = keyfile.slot(RECOVERY_SLOT_ID)
    is_admin = role_secret is not None and vault.actor.role is Role.ADMIN
    if is_admin and recovery is not None and ROLE not in recovery.extra_names():
        notices.append(OLD_RECOVERY_CODE)
    trusted = (
        audit_keys.role_public(role_secret)
        if role_secret
        else (recorded or keyfile.role_public_key or None)
    )
    vault.signer = AuditSigner(vault.actor.username, vault.signer.legacy_seal_key, seed,
                               role_secret, trusted)  # fmt: skip
    writer_public = audit_keys.public_hex(audit_keys.writer_key(seed)) if seed else ""
    if establishing or (writer_public and writer_public != registered):
        action = "audit_key_registered" if is_password_slot else "recovery_key_registered"
        _record(vault, establishing, writer_public if writer_public != registered else "", action)
    return notices


def _record(vault: Vault, establishing: bool, writer_public: str, action: str) -> None:
    from opal_desktop.vault import signing

    with vault.transaction() as conn:
        if establishing:
            assert vault.signer.role_secret is not None and vault.signer.trusted_role_key
            conn.execute(text("INSERT INTO meta(key, value) VALUES (:k, :v)"),
                         {"k": ROLE_KEY_META, "v": vault.signer.trusted_role_key})  # fmt: skip
            sealed = signing.seal_stored_keys(conn, vault.signer.role_secret, vault.vault_id)
            unsigned = conn.execute(
                text("SELECT count(*) FROM audit_log WHERE signer = ''")
            ).scalar()
            vault.audit(conn, "audit_keys_established", "vault", vault.vault_id,
                        f"Checkpoint key made; {audit_verify.unsigned_phrase(int(unsigned or 0))} "
                        f"are vouched for from here on; {sealed} signing key(s) now readable "
                        "only by managers and administrators")  # fmt: skip
        if writer_public:
            vault.audit(conn, action, "user", vault.actor.username,
                        "Audit signing key registered", registers_key=writer_public)  # fmt: skip
    if establishing:  # the signing key's plaintext must not linger in freed pages
        from opal_desktop.vault.engine import run_outside_transaction

        run_outside_transaction(vault.engine, "VACUUM")


def new_recovery_code(vault: Vault) -> str:
    """Replace the recovery code (administrators holding the manager key); returns the new
    code, to show once. The new slot carries the manager key, as a new vault's does."""
    from opal_desktop.domain.roles import Permission
    from opal_desktop.errors import RoleKeyMissing
    from opal_desktop.vault import key_drift
    from opal_desktop.vault.keyfile import new_recovery_code as make_code

    vault.require(Permission.MANAGE_USERS)
    if vault.signer.role_secret is None:
        raise RoleKeyMissing()
    code, secret, key = make_code(), vault.signer.role_secret, vault._key

    def db_work(conn: Connection) -> None:
        vault.audit(conn, "recovery_code_replaced", "vault", vault.vault_id,
                    "A new recovery code was made; the old one no longer opens the vault")  # fmt: skip

    key_drift.change_slot(vault, op="recovery-code", username="recovery code",
                          slot_id=RECOVERY_SLOT_ID, db_work=db_work,
                          change=lambda staged: staged.set_recovery_code(key, code, extras={ROLE: secret}))  # fmt: skip
    vault.key_notices = [n for n in vault.key_notices if n != OLD_RECOVERY_CODE]
    return code
