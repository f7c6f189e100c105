"""User accounts: add, disable, reset, change password. Admin-only where it matters.

A user's database row says who they are and their role; their key slot is what lets them
in. Disabling removes the slot, so a disabled user's password no longer opens anything.
Every slot change goes through key_drift.change_slot, so the key file and the trail cannot
drift apart; a slot an administrator writes carries a new audit-writer key (registered in
the trail) and, for managers and administrators, the role secret (role_keys).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, select, text

from opal_desktop.domain.roles import Permission, Role, holds_role_key
from opal_desktop.domain.validation import (
    check_password_policy,
    normalise_store_code,
    normalise_username,
    require_text,
)
from opal_desktop.errors import InvalidInput, RoleKeyMissing, UnknownUser, WrongPassword
from opal_desktop.vault import key_drift, role_keys
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.keyfile import KeyFile
from opal_desktop.vault.models import Store, User
from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class UserInfo:
    username: str
    display_name: str
    role: Role
    store_code: str
    active: bool
    must_change_password: bool
    last_sign_in_at: str | None
    created_at: str

    def to_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "store_code": self.store_code,
            "active": self.active,
            "must_change_password": self.must_change_password,
            "last_sign_in_at": self.last_sign_in_at,
            "created_at": self.created_at,
        }


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.username,
        user.display_name,
        Role(user.role),
        user.store.code,
        bool(user.active),
        bool(user.must_change_password),
        user.last_sign_in_at,
        user.created_at,
    )


def list_users(vault: Vault) -> list[UserInfo]:
    """Everyone may see the list (the sign-in screen shows it anyway); only admins change it."""
    with vault.session() as session:
        users = session.scalars(select(User).order_by(User.active.desc(), User.username)).all()
        return [_info(u) for u in users]


def _get(session_users: list[User], username: str) -> User:
    if not session_users:
        raise UnknownUser(username)
    return session_users[0]


def add_user(
    vault: Vault,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    store_code: str | None = None,
    must_change_password: bool = True,
) -> UserInfo:
    """Add a user with a first password they must change at first sign-in."""
    vault.require(Permission.MANAGE_USERS)
    username = normalise_username(username)
    display_name = require_text(display_name, "person's full name")
    check_password_policy(password, (username, display_name))
    with vault.session() as session, session.begin():
        if session.scalars(select(User).where(User.username == username)).first():
            raise InvalidInput(
                f"There is already a user called {username!r}. Choose another username."
            )
        # Store codes repeat across organisations: LDS01 is this vault's own organisation's
        # store first, else the only one; NG/LDS01 names the organisation.
        organisation, _, typed = (store_code or "").strip().upper().rpartition("/")
        code = normalise_store_code(typed) if typed else vault.actor.store_code
        found = [s for s in session.scalars(select(Store).where(Store.code == code))
                 if not organisation or s.organisation.code.upper() == organisation]  # fmt: skip
        own = [s for s in found if s.organisation.is_home]
        if not found:
            raise InvalidInput(f"There is no store with code {store_code or code} in this vault.")
        if not own and len(found) > 1:
            raise InvalidInput(f"{len(found)} organisations have a store {code} here: say which, as "
                               f"{' or '.join(f'{s.organisation.code}/{code}' for s in found)}.")  # fmt: skip
        store = (own or found)[0]
        store_id, store_code = store.id, store.code
    info = UserInfo(username, display_name, role, store_code, True, must_change_password,
                    None, utc_now())  # fmt: skip
    _require_role_key(vault)
    extras, writer_public = role_keys.new_user_extras(vault, holds_role_key(role))

    def db_work(conn: Connection) -> None:
        conn.execute(
            text("INSERT INTO users(username, display_name, role, store_id, active, "
                 "must_change_password, created_at, created_by) "
                 "VALUES (:u, :n, :r, :sid, 1, :m, :at, :by)"),
            {"u": username, "n": display_name, "r": role.value, "sid": store_id,
             "m": must_change_password, "at": info.created_at, "by": vault.actor.username},
        )  # fmt: skip
        vault.audit(conn, "user_added", "user", username,
                    f"{display_name}, {role.label}, store {info.store_code}",
                    registers_key=writer_public)  # fmt: skip

    key_drift.change_slot(vault, op="add", username=username, db_work=db_work,
                          change=_set_slot(vault, username, password, extras, writer_public))  # fmt: skip
    return info


def disable_user(vault: Vault, username: str, reason: str = "") -> None:
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    if username == vault.actor.username:
        raise InvalidInput("You cannot disable your own account. Ask another administrator.")
    with vault.session() as session, session.begin():
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        if not user.active:
            raise InvalidInput(f"{username!r} is already disabled.")

    def db_work(conn: Connection) -> None:
        conn.execute(text("UPDATE users SET active = 0 WHERE username = :u"), {"u": username})
        vault.audit(conn, "user_disabled", "user", username, reason or "Disabled")

    key_drift.change_slot(vault, op="disable", username=username, db_work=db_work,
                          change=lambda staged: staged.remove_user(username))  # fmt: skip


def enable_user(vault: Vault, username: str, new_password: str) -> None:
    """Re-enable a disabled user with a new first password (their old slot is gone)."""
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    check_password_policy(new_password, (username,))
    with vault.session() as session:
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        role = Role(user.role)
    _require_role_key(vault)
    extras, writer_public = role_keys.new_user_extras(vault, holds_role_key(role))

    def db_work(conn: Connection) -> None:
        conn.execute(text("UPDATE users SET active = 1, must_change_password = 1 "
                          "WHERE username = :u"), {"u": username})  # fmt: skip
        vault.audit(conn, "user_enabled", "user", username, "Enabled with a new password",
                    registers_key=writer_public)  # fmt: skip

    key_drift.change_slot(vault, op="enable", username=username, db_work=db_work,
                          change=_set_slot(vault, username, new_password, extras, writer_public))  # fmt: skip


def reset_password(vault: Vault, username: str, new_password: str) -> None:
    """An admin sets a temporary password; the user must change it when they next sign in."""
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    check_password_policy(new_password, (username,))
    with vault.session() as session:
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        if not user.active:
            raise InvalidInput(f"{username!r} is disabled. Enable the account instead.")
        role = Role(user.role)
    _require_role_key(vault)
    extras, writer_public = role_keys.new_user_extras(vault, holds_role_key(role))

    def db_work(conn: Connection) -> None:
        conn.execute(text("UPDATE users SET must_change_password = :m WHERE username = :u"),
                     {"u": username, "m": username != vault.actor.username})  # fmt: skip
        vault.audit(conn, "password_reset", "user", username, "Password reset by an administrator"
                    + ("; the manager key was handed over" if role_keys.ROLE in extras else ""),
                    registers_key=writer_public)  # fmt: skip

    key_drift.change_slot(vault, op="reset", username=username, db_work=db_work,
                          change=_set_slot(vault, username, new_password, extras, writer_public))  # fmt: skip


def change_own_password(vault: Vault, old_password: str, new_password: str) -> None:
    """Any user: re-wraps their own slot. The database key and contents do not change."""
    check_password_policy(new_password, (vault.actor.username, vault.actor.display_name))
    if old_password == new_password:
        raise InvalidInput("The new password must be different from the old one.")
    if not vault.check_password(old_password):
        raise WrongPassword(vault.actor.username)
    username = vault.actor.username
    # The same writer key and role secret, re-wrapped under the new password.
    extras: dict[str, bytes] = {}
    if vault.signer.writer_seed is not None:
        extras[role_keys.WRITER] = vault.signer.writer_seed
    if vault.signer.role_secret is not None and holds_role_key(vault.actor.role):
        extras[role_keys.ROLE] = vault.signer.role_secret
    writer_public = vault.keyfile.slot_for_user(username).writer_public_key

    def db_work(conn: Connection) -> None:
        conn.execute(text("UPDATE users SET must_change_password = 0 WHERE id = :id"),
                     {"id": vault.actor.user_id})  # fmt: skip
        vault.audit(conn, "password_changed", "user", username, "Changed their own password")

    key_drift.change_slot(vault, op="passwd", username=username, db_work=db_work,
                          change=_set_slot(vault, username, new_password, extras, writer_public))  # fmt: skip
    vault.opened = None  # the slot signed in with was replaced
    vault.refresh_actor()


def set_role(vault: Vault, username: str, role: Role) -> str | None:
    """Change a role; returns a sentence when the person still needs the manager key."""
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    if username == vault.actor.username and role is not Role.ADMIN:
        raise InvalidInput(
            "You cannot remove your own administrator role. Ask another administrator."
        )
    with vault.session() as session, session.begin():
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        old = user.role
        if not holds_role_key(role):
            user.role = role.value
            vault.audit(session.connection(), "user_role_changed", "user", username,
                        f"{old} -> {role.value}")  # fmt: skip
    if holds_role_key(role):
        # Nobody here knows their password, so the role secret cannot be wrapped for them:
        # it is handed over when an administrator next resets their password.
        with vault.transaction() as conn:
            conn.execute(text("UPDATE users SET role = :r WHERE username = :u"),
                         {"r": role.value, "u": username})  # fmt: skip
            vault.audit(conn, "user_role_changed", "user", username, f"{old} -> {role.value}")
        return (
            ROLE_KEY_NOTE.format(username=username) if role_key_pending(vault, username) else None
        )
    # A role without the role secret: take it out of their slot (no password needed).
    key_drift.change_slot(vault, op="role", username=username, db_work=lambda conn: None,
                          change=lambda staged: _drop_role_secret(staged, username))  # fmt: skip
    return None


ROLE_KEY_NOTE = (
    "{username} cannot sign packages or audit checkpoints until they hold the manager key. "
    "To hand it over, reset their password: they choose a new one when they next sign in."
)


def role_key_pending(vault: Vault, username: str) -> bool:
    """Whether a manager or administrator still lacks the role secret (for the users window)."""
    slot = vault.keyfile.slot(f"user:{username}")
    return slot is not None and role_keys.ROLE not in slot.extra_names()


def _drop_role_secret(staged: KeyFile, username: str) -> None:
    from dataclasses import replace

    slot = staged.slot(f"user:{username}")
    if slot is not None:
        kept = tuple(e for e in slot.extras if e[0] != role_keys.ROLE)
        staged.put_slot(replace(slot, extras=kept))


def _require_role_key(vault: Vault) -> None:
    """Slots an administrator writes carry a writer key registered under their signature;
    without the role secret that registration could not be told from a forgery."""
    if vault.signer.role_secret is None:
        raise RoleKeyMissing()


def _set_slot(vault: Vault, username: str, password: str, extras: dict[str, bytes],
              writer_public: str) -> Callable[[KeyFile], None]:  # fmt: skip
    def change(staged: KeyFile) -> None:
        staged.set_user_password(vault_key(vault), username, password, extras=extras,
                                 writer_public_key=writer_public)  # fmt: skip

    return change


def vault_key(vault: Vault) -> bytes:
    return vault._key
