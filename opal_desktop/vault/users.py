"""User accounts: add, disable, reset, change password. Admin-only where it matters.

A user's database row says who they are and their role; their key slot is what lets them
in. Disabling removes the slot, so a disabled user's password no longer opens anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text

from opal_desktop.domain.roles import Permission, Role
from opal_desktop.domain.validation import (
    check_password_policy,
    normalise_store_code,
    normalise_username,
    require_text,
)
from opal_desktop.errors import InvalidInput, UnknownUser, WrongPassword
from opal_desktop.vault.audit import utc_now
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
        code = normalise_store_code(store_code) if store_code else vault.actor.store_code
        store = session.scalars(select(Store).where(Store.code == code)).first()
        if store is None:
            raise InvalidInput(f"There is no store with code {code} in this vault.")
        user = User(
            username=username,
            display_name=display_name,
            role=role.value,
            store_id=store.id,
            active=True,
            must_change_password=must_change_password,
            created_at=utc_now(),
            created_by=vault.actor.username,
        )
        session.add(user)
        session.flush()
        vault.audit(
            session.connection(),
            "user_added",
            "user",
            username,
            f"{display_name}, {role.label}, store {code}",
        )
        vault.keyfile.set_user_password(vault_key(vault), username, password)
        vault.keyfile.save(vault.folder)  # last: if it fails, the row above rolls back
        return _info(user)


def disable_user(vault: Vault, username: str, reason: str = "") -> None:
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    if username == vault.actor.username:
        raise InvalidInput("You cannot disable your own account. Ask another administrator.")
    with vault.session() as session, session.begin():
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        if not user.active:
            raise InvalidInput(f"{username!r} is already disabled.")
        user.active = False
        vault.audit(session.connection(), "user_disabled", "user", username, reason or "Disabled")
        session.flush()
        vault.keyfile.remove_user(username)
        vault.keyfile.save(vault.folder)


def enable_user(vault: Vault, username: str, new_password: str) -> None:
    """Re-enable a disabled user with a new first password (their old slot is gone)."""
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    check_password_policy(new_password, (username,))
    with vault.session() as session, session.begin():
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        user.active = True
        user.must_change_password = True
        vault.audit(
            session.connection(), "user_enabled", "user", username, "Enabled with a new password"
        )
        session.flush()
        vault.keyfile.set_user_password(vault_key(vault), username, new_password)
        vault.keyfile.save(vault.folder)


def reset_password(vault: Vault, username: str, new_password: str) -> None:
    """An admin sets a temporary password; the user must change it when they next sign in."""
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    check_password_policy(new_password, (username,))
    with vault.session() as session, session.begin():
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        if not user.active:
            raise InvalidInput(f"{username!r} is disabled. Enable the account instead.")
        user.must_change_password = username != vault.actor.username
        vault.audit(
            session.connection(),
            "password_reset",
            "user",
            username,
            "Password reset by an administrator",
        )
        session.flush()
        vault.keyfile.set_user_password(vault_key(vault), username, new_password)
        vault.keyfile.save(vault.folder)


def change_own_password(vault: Vault, old_password: str, new_password: str) -> None:
    """Any user: re-wraps their own slot. The database key and contents do not change."""
    check_password_policy(new_password, (vault.actor.username, vault.actor.display_name))
    if old_password == new_password:
        raise InvalidInput("The new password must be different from the old one.")
    if not vault.check_password(old_password):
        raise WrongPassword(vault.actor.username)
    with vault.transaction() as conn:
        conn.execute(
            text("UPDATE users SET must_change_password = 0 WHERE id = :id"),
            {"id": vault.actor.user_id},
        )
        vault.audit(
            conn, "password_changed", "user", vault.actor.username, "Changed their own password"
        )
        vault.keyfile.set_user_password(vault_key(vault), vault.actor.username, new_password)
        vault.keyfile.save(vault.folder)
    vault.refresh_actor()


def set_role(vault: Vault, username: str, role: Role) -> None:
    vault.require(Permission.MANAGE_USERS)
    username = username.strip().lower()
    if username == vault.actor.username and role is not Role.ADMIN:
        raise InvalidInput(
            "You cannot remove your own administrator role. Ask another administrator."
        )
    with vault.session() as session, session.begin():
        user = _get(list(session.scalars(select(User).where(User.username == username))), username)
        old = user.role
        user.role = role.value
        vault.audit(
            session.connection(), "user_role_changed", "user", username, f"{old} -> {role.value}"
        )


def vault_key(vault: Vault) -> bytes:
    return vault._key
