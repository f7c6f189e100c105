"""An open vault: the key, the database engine, who is signed in, and the audit trail.

Every service takes a Vault and checks the signed-in user's role itself, so the rules hold
for the command line and tests exactly as for the GUI.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from opal_desktop import __version__
from opal_desktop.domain.reference import force_by_id
from opal_desktop.domain.roles import Permission, Role, allows
from opal_desktop.domain.validation import (
    check_password_policy,
    normalise_organisation_name,
    normalise_postcode,
    normalise_store_code,
    normalise_store_name,
    normalise_username,
    require_text,
)
from opal_desktop.errors import (
    InvalidInput,
    PermissionDenied,
    UnknownUser,
    VaultDamaged,
    VaultExists,
    WrongPassword,
)
from opal_desktop.vault import (
    audit,
    audit_keys,
    head_guard,
    identity,
    key_drift,
    migrate,
    organisations,
    pending_outputs,
    read_only,
    restore_journal,
    restore_note,
    role_keys,
    signin_log,
)
from opal_desktop.vault.audit_keys import AuditSigner
from opal_desktop.vault.engine import DB_NAME, make_engine, run_outside_transaction
from opal_desktop.vault.instance_lock import InstanceLock
from opal_desktop.vault.keyfile import (
    KEYFILE_BACKUP_NAME,
    KEYFILE_NAME,
    KdfParams,
    KeyFile,
    OpenedSlot,
    Unlocked,
    new_recovery_code,
    random_key,
    unlock,
)
from opal_desktop.vault.models import Meta, Organisation, Setting, SigningIdentity, Store, User

DEFAULT_SETTINGS: dict[str, object] = {
    "organisation": "",
    # Starts every package reference (NG-LDS01-PKG-0001) so packages from different
    # retailers never share a name. Derived from the organisation's initials and kept at
    # the first package, so renaming the organisation later renames nothing; an
    # administrator may choose another (2 to 6 letters or digits) for new packages.
    "organisation_code": "",
    "idle_lock_minutes": 10,
    "retention_months": 24,
    "show_ethnic_appearance": False,
    "suggestion_window_days": 30,  # link suggestions: same tactics or goods within this many days
    "rules_trusted_issuer_pem": "",  # certificate whose signature on a rules file is trusted
    "legal_basis": (
        "Shared with Opal under the Data Protection Act 2018, Schedule 1 Part 2 paragraph 10 "
        "(preventing or detecting unlawful acts) and Article 6(1)(f) UK GDPR."
    ),
}


ORGANISATION_CODE = re.compile(r"^[A-Z0-9]{2,6}$")
# Words that say what kind of company it is, not which: "Northern Grocers Ltd" is NG.
_NOT_INITIALS = frozenset(
    ("and", "of", "the", "for", "ltd", "limited", "plc", "llp", "lp", "company", "group", "uk",
     "cic", "cyf", "cyfyngedig")
)  # fmt: skip


def organisation_code_from(name: str) -> str:
    """'Northern Grocers Ltd' -> 'NG', 'Yorkshire Retail Crime Partnership' -> 'YRCP',
    'Tesco' -> 'TES', 'Siopau Cŵl Cymru' -> 'SCC'. Accents are dropped; a name with no
    letters or digits at all gives 'ORG'. Always 2 to 4 characters, A-Z and 0-9."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^A-Za-z0-9]+", ascii_name) if w]
    kept = [w for w in words if w.lower() not in _NOT_INITIALS] or words
    if not kept:
        return "ORG"
    # one word: its first three letters; more: up to four initials
    code = kept[0][:3].upper() if len(kept) == 1 else "".join(w[0] for w in kept[:4]).upper()
    return code if len(code) >= 2 else (code + "X")[:2]


def normalise_organisation_code(text: str) -> str:
    code = text.strip().upper()
    if not ORGANISATION_CODE.match(code):
        raise InvalidInput(
            "The organisation code must be 2 to 6 letters or digits, with no spaces "
            "(for example NG). It starts every new package reference."
        )
    return code


def _address_lines(text: str) -> str:
    """The address as the vault keeps it: each line trimmed, empty lines dropped."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class StoreChange:
    """What `Vault.update_home_store` changed: (field, before, after) for each field."""

    code: str
    changes: tuple[tuple[str, str, str], ...]

    @property
    def summary(self) -> str:
        """'Store LDS01: address "1 Old Rd, Leeds" -> "12 Briggate, Leeds"; postcode ...'"""

        def shown(what: str, value: str) -> str:
            if not value:
                return "(none)"
            if what == "police force":
                with contextlib.suppress(InvalidInput):
                    value = force_by_id(value).name
            return '"' + value.replace("\n", ", ") + '"'

        return f"Store {self.code}: " + "; ".join(
            f"{what} {shown(what, before)} -> {shown(what, after)}"
            for what, before, after in self.changes
        )


@dataclass(frozen=True)
class Actor:
    """The signed-in user, as services see them."""

    user_id: int
    username: str
    display_name: str
    role: Role
    store_id: int
    store_code: str
    must_change_password: bool = False


@dataclass(frozen=True)
class VaultSetup:
    organisation: str
    store_name: str
    store_code: str
    address: str
    postcode: str
    force_id: str
    admin_username: str
    admin_display_name: str
    admin_password: str
    identity: identity.IdentityMaterial | None = None  # None: generate a self-signed one

    def validated(self) -> VaultSetup:
        force_by_id(self.force_id)
        check_password_policy(
            self.admin_password,
            (self.admin_username, self.admin_display_name),  # what the wizard's strength bar uses
        )
        return VaultSetup(
            organisation=normalise_organisation_name(self.organisation),
            store_name=normalise_store_name(self.store_name),
            store_code=normalise_store_code(self.store_code),
            address=self.address.strip(),
            postcode=normalise_postcode(self.postcode),
            force_id=self.force_id,
            admin_username=normalise_username(self.admin_username),
            admin_display_name=require_text(self.admin_display_name, "administrator's full name"),
            admin_password=self.admin_password,
            identity=self.identity,
        )


def vault_exists(folder: Path) -> bool:
    return KeyFile.exists(folder) or (folder / DB_NAME).exists()


class Vault:
    def __init__(
        self,
        folder: Path,
        keyfile: KeyFile,
        key: bytes,
        engine: Engine,
        actor: Actor,
        lock: InstanceLock,
    ) -> None:
        self.folder = folder
        self.keyfile = keyfile
        self._key = key
        self.engine = engine
        self.actor = actor
        self._lock = lock
        # Who signs this session's audit entries (role_keys.prepare fills in the keys).
        self.signer = AuditSigner(actor.username, audit.seal_key_from(key), None, None, None)
        self.opened: OpenedSlot | None = None  # the slot signed in with, to re-seal its extras
        # One sentence when the database is older than the head remembered outside it.
        self.rollback_notice: str | None = None
        self.key_notices: list[str] = []  # role keys and interrupted key changes, for the user
        self.migration_backup: Path | None = None
        # One sentence for the person signing in when a copy of the key file was damaged
        # (and repaired): the CLI prints it, the GUI shows it. Also in the audit trail.
        self.key_file_notice: str | None = None
        # "full" or "read-only" when opened by read_only.open_read_only: nothing is written
        self.read_only: read_only.Trouble | None = None

    @property
    def seal_key(self) -> AuditSigner:
        """What audit entries are signed with (name kept for callers of audit.append)."""
        return self.signer

    # --- opening --------------------------------------------------------------------

    @classmethod
    def create(
        cls, folder: Path, setup: VaultSetup, kdf: KdfParams | None = None
    ) -> tuple[Vault, str]:
        """Make a new vault; return it signed in as the first admin, and the recovery code."""
        setup = setup.validated()
        folder = Path(folder)
        restore_journal.refuse_if_pending(folder)
        if vault_exists(folder):
            raise VaultExists(folder)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = InstanceLock(folder)
        lock.acquire(setup.admin_username)
        key = random_key()
        keyfile = KeyFile.new()
        recovery_code = new_recovery_code()
        engine: Engine | None = None
        seed, role_secret = audit_keys.new_seed(), audit_keys.new_seed()
        signer = AuditSigner(setup.admin_username, audit.seal_key_from(key), seed, role_secret,
                             audit_keys.role_public(role_secret))  # fmt: skip
        writer_public = audit_keys.public_hex(audit_keys.writer_key(seed))
        try:
            keyfile.set_user_password(key, setup.admin_username, setup.admin_password, kdf,
                                      extras={role_keys.WRITER: seed, role_keys.ROLE: role_secret},
                                      writer_public_key=writer_public)  # fmt: skip
            keyfile.set_recovery_code(key, recovery_code, kdf, extras={role_keys.ROLE: role_secret})
            keyfile.role_public_key = audit_keys.role_public(role_secret)
            engine = make_engine(folder / DB_NAME, key)
            migrate.upgrade_to(engine)
            material = setup.identity or identity.generate(
                setup.organisation, setup.store_name, setup.store_code
            )
            actor = _populate_new_vault(engine, signer, keyfile.vault_id, setup, material,
                                        writer_public)  # fmt: skip
            with engine.connect() as conn:
                count, digest = audit.head(conn)
            keyfile.audit_head = {"count": count, "hash": digest, "at": audit.utc_now()}
            keyfile.save(folder)
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            for name in (
                DB_NAME,
                f"{DB_NAME}-wal",
                f"{DB_NAME}-shm",
                KEYFILE_NAME,
                KEYFILE_BACKUP_NAME,
            ):
                with contextlib.suppress(FileNotFoundError):
                    (folder / name).unlink()
            raise
        vault = cls(folder, keyfile, key, engine, actor, lock)
        vault.signer = signer
        vault._remember_head()
        return vault, recovery_code

    @classmethod
    def open(
        cls,
        folder: Path,
        username: str,
        password: str,
        lock: InstanceLock | None = None,
        *,
        allow_read_only: bool = False,
    ) -> Vault:
        """Sign in. Slow (Argon2id): call it off the GUI thread. On a full disk or in a
        read-only folder: CannotWrite, or with `allow_read_only` a vault that only reads."""
        folder = Path(folder)
        restore_journal.refuse_if_pending(folder)
        username = username.strip().lower()
        try:
            unlocked = unlock(folder, lambda keyfile: keyfile.open_user(username, password))
        except (WrongPassword, UnknownUser):
            signin_log.record_failure(folder, username, audit.utc_now())
            raise
        try:
            return cls._open_with_key(folder, unlocked, username, lock)
        except Exception as error:  # a full disk or read-only folder: see vault/read_only.py
            return read_only.fall_back(cls, error, folder, unlocked, username, allow_read_only)

    @classmethod
    def recover(
        cls, folder: Path, recovery_code: str, admin_username: str, new_password: str
    ) -> Vault:
        """Reset an administrator's password with the recovery code, and sign them in."""
        folder = Path(folder)
        restore_journal.refuse_if_pending(folder)
        check_password_policy(new_password, (admin_username.strip().lower(),))
        try:
            unlocked = unlock(folder, lambda keyfile: keyfile.open_recovery(recovery_code))
        except WrongPassword:
            signin_log.record_failure(folder, "recovery code", audit.utc_now())
            raise
        key = unlocked.key
        admin_username = admin_username.strip().lower()
        vault = cls._open_with_key(folder, unlocked, admin_username, None, via_recovery=True)
        try:
            if vault.actor.role is not Role.ADMIN:
                raise InvalidInput(
                    f"{admin_username!r} is not an administrator. The recovery code resets an administrator's password."
                )
            extras, registers = role_keys.new_user_extras(vault, True)
            writer_public = registers
            seed = vault.signer.writer_seed
            if seed is not None:  # an old recovery code: its key was registered at sign-in
                extras[role_keys.WRITER] = seed
                writer_public = audit_keys.public_hex(audit_keys.writer_key(seed))
                registers = ""
            vault.signer = dataclasses.replace(vault.signer, writer_seed=extras[role_keys.WRITER])

            def db_work(conn: Connection) -> None:
                conn.execute(
                    text("UPDATE users SET must_change_password = 0 WHERE id = :id"),
                    {"id": vault.actor.user_id},
                )
                vault.audit(conn, "password_reset_by_recovery", "user", admin_username,
                            "Administrator password reset with the recovery code",
                            registers_key=registers)  # fmt: skip

            key_drift.change_slot(
                vault, op="recover", username=admin_username, db_work=db_work,
                change=lambda staged: staged.set_user_password(
                    key, admin_username, new_password, extras=extras,
                    writer_public_key=writer_public),
            )  # fmt: skip
        except BaseException:
            vault.close(audited=False)
            raise
        return vault

    @classmethod
    def _open_with_key(
        cls,
        folder: Path,
        unlocked: Unlocked,
        username: str,
        lock: InstanceLock | None,
        via_recovery: bool = False,
    ) -> Vault:
        keyfile, key = unlocked.keyfile, unlocked.key
        if lock is None:
            lock = InstanceLock(folder)
        if not lock.held:
            lock.acquire(username)
        engine: Engine | None = None
        try:
            db_path = folder / DB_NAME
            if not db_path.exists():
                raise VaultDamaged(
                    f"The database file is missing from {folder}. Restore the vault from a backup."
                )
            engine = make_engine(db_path, key)
            _check_vault_id(engine, keyfile.vault_id)
            # Before anything is written: is this the database last used, or an older copy?
            # (A restore made through the app says so itself, with its restore note.)
            rollback = None
            if restore_note.pending_restore(folder) is None:
                with engine.connect() as conn:
                    rollback = head_guard.rollback_sentence(conn, keyfile.vault_id, keyfile)
            # Only now (the key opened this database, and we hold the lock, so no other copy
            # of the app is saving the key file) put a damaged or missing copy right.
            key_file_notice = unlocked.repair()
            if key_file_notice is not None:  # kept for the trail even if the rest fails
                restore_note.record_key_file_notice(folder, key_file_notice, audit.utc_now())
            backup = migrate.ensure_current(engine, folder)
            actor = _load_actor(engine, username, allow_disabled=False, via_recovery=via_recovery)
            lock.update(actor.username)
            vault = cls(folder, keyfile, key, engine, actor, lock)
            vault.migration_backup = backup
            vault.key_file_notice = key_file_notice
            vault.rollback_notice = rollback
            vault.opened = unlocked.opened
            vault.key_notices = role_keys.prepare(vault, unlocked.opened)
            vault.key_notices += key_drift.recover(vault)
            vault._record_sign_in(via_recovery, backup)
            vault._remember_head()
            pending_outputs.settle(vault)  # what an export or backup killed part-way left
            return vault
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise

    def _record_sign_in(self, via_recovery: bool, backup: Path | None) -> None:
        failures = signin_log.pending_failures(self.folder)
        restored = restore_note.pending_restore(self.folder)
        key_file_notices = restore_note.pending_key_file_notices(self.folder)
        with self.transaction() as conn:
            if self.rollback_notice is not None:
                self.audit(conn, "rollback_detected", "vault", self.vault_id, self.rollback_notice)
            if restored is not None:
                self.audit(conn, "vault_restored", "vault", restored["backup_sha256"][:64],
                           restore_note.describe(restored))  # fmt: skip
            for note in key_file_notices:
                self.audit(conn, "key_file_repaired", "vault", self.vault_id, note["notice"],
                           at=note["at"])  # fmt: skip
            for failure in failures:
                self.audit(
                    conn,
                    "sign_in_failed",
                    "user",
                    failure["username"],
                    "Wrong password or unknown user (recorded at the next sign-in)",
                    actor=failure["username"],
                    at=failure["at"],
                )
            if backup is not None:
                self.audit(
                    conn,
                    "vault_migrated",
                    "vault",
                    migrate.SCHEMA_HEAD,
                    f"Schema upgraded; encrypted backup kept as {backup.name}",
                )
            self.audit(
                conn,
                "sign_in",
                "user",
                self.actor.username,
                "Signed in with the recovery code" if via_recovery else "Signed in",
            )
            conn.execute(
                text("UPDATE users SET last_sign_in_at = :at WHERE id = :id"),
                {"at": audit.utc_now(), "id": self.actor.user_id},
            )
        signin_log.clear(self.folder)
        restore_note.clear(self.folder)
        restore_note.clear_key_file_notices(self.folder)

    # --- using ----------------------------------------------------------------------

    @property
    def vault_id(self) -> str:
        return self.keyfile.vault_id

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        if self.read_only is not None:  # refused before anything is tried: one sentence
            raise read_only.cannot_write(self.folder, self.read_only, vault=True)
        with self.engine.begin() as conn:
            yield conn

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def can(self, permission: Permission) -> bool:
        return allows(self.actor.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(permission.value, self.actor.role.label)

    def audit(
        self,
        conn: Connection,
        action: str,
        record_type: str = "",
        record_id: str = "",
        summary: str = "",
        *,
        actor: str | None = None,
        at: str | None = None,
        registers_key: str = "",
    ) -> int:
        return audit.append(
            conn,
            self.signer,
            actor=actor or self.actor.username,
            action=action,
            record_type=record_type,
            record_id=record_id,
            summary=summary,
            at=at,
            registers_key=registers_key,
        )

    def trust_notices(self) -> list[str]:
        """Sentences for the person signing in: an older database, key handover, an
        interrupted key change. The CLI prints them on stderr; the GUI shows one box."""
        return ([self.rollback_notice] if self.rollback_notice else []) + self.key_notices

    def _remember_head(self, in_key_file: bool = False) -> None:
        """Keep the trail's head outside the database (head_guard); best effort."""
        if self.read_only is not None:
            return
        with contextlib.suppress(OSError), self.engine.connect() as conn:
            head_guard.remember(conn, self.vault_id, self.folder, self.keyfile,
                                in_key_file=in_key_file)  # fmt: skip

    def check_password(self, password: str) -> bool:
        """For the lock screen: does this password open the signed-in user's slot? Slow (KDF)."""
        try:
            key = self.keyfile.unwrap_user(self.actor.username, password)
        except (WrongPassword, UnknownUser):
            return False
        return hmac.compare_digest(key, self._key)

    def record_lock(self, locked: bool, reason: str = "") -> None:
        with self.transaction() as conn:
            if locked:
                self.audit(conn, "lock", "user", self.actor.username, reason or "Locked")
            else:
                self.audit(conn, "unlock", "user", self.actor.username, "Unlocked")

    def record_failed_unlock(self) -> None:
        with self.transaction() as conn:
            self.audit(
                conn,
                "unlock_failed",
                "user",
                self.actor.username,
                "Wrong password at the lock screen",
            )

    def refresh_actor(self) -> None:
        self.actor = _load_actor(self.engine, self.actor.username, allow_disabled=False)

    def close(self, audited: bool = True) -> None:
        try:
            # a full disk may refuse the sign-out entry: it is not recorded, the rest goes on
            with read_only.unless_unwritable(self.folder):
                if self.read_only is None and audited:
                    with self.transaction() as conn:
                        self.audit(conn, "sign_out", "user", self.actor.username, "Signed out")
                    self._remember_head(in_key_file=True)
                if self.read_only is None:
                    run_outside_transaction(self.engine, "PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.engine.dispose()
            self._lock.release()

    def settings(self) -> dict[str, object]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(Setting.key, Setting.value)).all()
        values = dict(DEFAULT_SETTINGS)
        values.update({k: json.loads(v) for k, v in rows})
        if not values["organisation_code"]:  # not chosen yet: what the first package will use
            values["organisation_code"] = organisation_code_from(str(values["organisation"]))
        return values

    def update_settings(self, **changes: object) -> None:
        self.require(Permission.MANAGE_SETTINGS)
        unknown = set(changes) - set(DEFAULT_SETTINGS)
        if unknown:
            raise InvalidInput(f"Unknown setting: {', '.join(sorted(unknown))}.")
        minutes = changes.get("idle_lock_minutes")
        if minutes is not None and not (isinstance(minutes, int) and 1 <= minutes <= 240):
            raise InvalidInput("The auto-lock time must be between 1 and 240 minutes.")
        months = changes.get("retention_months")
        if months is not None and not (isinstance(months, int) and 1 <= months <= 120):
            raise InvalidInput("The retention period must be between 1 and 120 months.")
        window = changes.get("suggestion_window_days")
        if window is not None and not (isinstance(window, int) and 1 <= window <= 365):
            raise InvalidInput("The time window for suggestions must be between 1 and 365 days.")
        if "organisation_code" in changes:
            changes["organisation_code"] = normalise_organisation_code(
                str(changes["organisation_code"])
            )
        with self.transaction() as conn:
            for name, value in changes.items():
                encoded = json.dumps(value)
                conn.execute(
                    text(
                        "INSERT INTO settings(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"
                    ),
                    {"k": name, "v": encoded},
                )
            if "organisation" in changes or "organisation_code" in changes:  # store identity
                org_name, org_code = changes.get("organisation"), changes.get("organisation_code")
                named = str(org_name or self.settings()["organisation"])
                organisations.update_home(conn, None if org_name is None else str(org_name),
                                          None if org_code is None else str(org_code) or organisation_code_from(named))  # fmt: skip
            self.audit(
                conn,
                "settings_changed",
                "settings",
                "",
                ", ".join(f"{k}={v}" for k, v in changes.items()),
            )

    def home_store(self) -> Store:
        with self.session() as session:
            store = session.scalars(select(Store).where(Store.is_home.is_(True))).one()
            session.expunge(store)
            return store

    def update_home_store(
        self,
        *,
        address: str | None = None,
        postcode: str | None = None,
        force_id: str | None = None,
    ) -> StoreChange:
        """Change this vault's own store's address, postcode or police force (administrators).

        Only the fields given are checked and changed; all are checked before anything is
        written, so a bad postcode leaves the address as it was too. One audit entry names
        every field that changed, old and new; nothing changed, nothing is written."""
        self.require(Permission.MANAGE_SETTINGS)
        wanted: dict[str, str] = {}
        if address is not None:
            wanted["address"] = _address_lines(address)
            if not wanted["address"]:
                raise InvalidInput(
                    "Type the store's address (the street and town), so police know where the "
                    "incidents happened."
                )
            if len(wanted["address"]) > 300:
                raise InvalidInput("The address is too long: keep it under 300 characters.")
        if postcode is not None:
            wanted["postcode"] = normalise_postcode(postcode)
        if force_id is not None:
            wanted["force_id"] = force_by_id(force_id.strip()).id
        store = self.home_store()
        labels = {"address": "address", "postcode": "postcode", "force_id": "police force"}
        changes = tuple(
            (labels[key], str(getattr(store, key) or ""), value)
            for key, value in wanted.items()
            if value != (getattr(store, key) or "")
        )
        result = StoreChange(store.code, changes)
        if not changes:
            return result
        with self.transaction() as conn:
            conn.execute(
                text(
                    "UPDATE stores SET "
                    + ", ".join(f"{key} = :{key}" for key in wanted)
                    + " WHERE id = :id"
                ),
                {**wanted, "id": store.id},
            )
            self.audit(conn, "store_changed", "store", store.code, result.summary)
        return result


def _check_vault_id(engine: Engine, vault_id: str) -> None:
    with engine.connect() as conn:
        try:
            row = conn.execute(text("SELECT value FROM meta WHERE key = 'vault_id'")).first()
        except Exception as error:
            raise VaultDamaged(
                "The database in this folder is not an Opal Desktop vault. Restore it from a backup."
            ) from error
    if row is None or row[0] != vault_id:
        raise VaultDamaged(
            "The database and the key file in this folder belong to different vaults. "
            "Put back the matching key file, or restore the vault from a backup."
        )


def _load_actor(
    engine: Engine, username: str, *, allow_disabled: bool, via_recovery: bool = False
) -> Actor:
    with Session(engine) as session:
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None or (not user.active and not allow_disabled):
            raise UnknownUser(username)
        return Actor(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=Role(user.role),
            store_id=user.store_id,
            store_code=user.store.code,
            must_change_password=bool(user.must_change_password) and not via_recovery,
        )


def _populate_new_vault(
    engine: Engine,
    seal_key: AuditSigner,
    vault_id: str,
    setup: VaultSetup,
    material: identity.IdentityMaterial,
    writer_public: str,
) -> Actor:
    now = audit.utc_now()
    cert = identity.facts(material.certificate_der)
    with Session(engine) as session, session.begin():
        session.add_all(
            [
                Meta(key="vault_id", value=vault_id),
                Meta(key="created_at", value=now),
                Meta(key="created_by_version", value=__version__),
                Meta(key="audit_role_key", value=seal_key.trusted_role_key or ""),
                Setting(key="organisation", value=json.dumps(setup.organisation)),
            ]
        )
        # migration 0010 made this vault's organisation (its id is new); name it
        home_org = session.scalars(select(Organisation).where(Organisation.is_home.is_(True))).one()
        home_org.name, home_org.code = (
            setup.organisation,
            organisation_code_from(setup.organisation),
        )
        store = Store(
            organisation_id=home_org.id,
            code=setup.store_code,
            name=setup.store_name,
            retailer=setup.organisation,
            address=setup.address,
            postcode=setup.postcode,
            force_id=setup.force_id,
            is_home=True,
            created_at=now,
        )
        session.add(store)
        session.flush()
        admin = User(
            username=setup.admin_username,
            display_name=setup.admin_display_name,
            role=Role.ADMIN.value,
            store_id=store.id,
            active=True,
            must_change_password=False,
            created_at=now,
            created_by=setup.admin_username,
            last_sign_in_at=now,
        )
        session.add(admin)
        session.add(
            SigningIdentity(
                source="imported" if setup.identity else "generated",
                subject=cert.subject,
                fingerprint_sha256=cert.fingerprint_sha256,
                not_before=cert.not_before.isoformat(),
                not_after=cert.not_after.isoformat(),
                certificate_der=material.certificate_der,
                private_key_der=audit_keys.seal_identity_key(
                    seal_key.role_secret or b"",
                    vault_id,
                    cert.fingerprint_sha256,
                    material.private_key_der,
                ),
                chain_pem=material.chain_pem,
                active=True,
                created_at=now,
                created_by=setup.admin_username,
            )
        )
        session.flush()
        conn = session.connection()
        who = setup.admin_username
        audit.append(
            conn,
            seal_key,
            actor=who,
            action="vault_created",
            record_type="vault",
            record_id=vault_id,
            summary=f"Vault created for {setup.store_name} ({setup.store_code})",
        )
        audit.append(
            conn,
            seal_key,
            actor=who,
            action="user_added",
            record_type="user",
            record_id=who,
            summary="First administrator",
            registers_key=writer_public,
        )
        audit.append(
            conn,
            seal_key,
            actor=who,
            action="identity_created",
            record_type="certificate",
            record_id=cert.fingerprint_sha256,
            summary=("Imported" if setup.identity else "Generated")
            + f" signing certificate {cert.subject}",
        )
        actor = Actor(
            admin.id, admin.username, admin.display_name, Role.ADMIN, store.id, store.code
        )
    return actor
