"""Roles and what each may do. Services check these; the GUI only mirrors them."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    OFFICER = "officer"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"officer": "Security officer", "manager": "Manager", "admin": "Administrator"}[
            self.value
        ]


class Permission(enum.StrEnum):
    EDIT_OWN_STORE_INCIDENTS = "log and edit incidents of your store"
    EDIT_ANY_STORE_INCIDENTS = "edit incidents of other stores"
    LINK_INCIDENTS = "link incidents into series"
    EXPORT_PACKAGES = "build and export packages"
    IMPORT_PACKAGES = "import store exports"
    VIEW_AUDIT = "view the audit trail"
    MANAGE_USERS = "add, disable or reset users"
    MANAGE_SETTINGS = "change vault settings"
    MANAGE_CERTIFICATE = "change the signing certificate"
    BACKUP = "back up the vault"


_OFFICER = frozenset({Permission.EDIT_OWN_STORE_INCIDENTS})
_MANAGER = _OFFICER | {
    Permission.EDIT_ANY_STORE_INCIDENTS,
    Permission.LINK_INCIDENTS,
    Permission.EXPORT_PACKAGES,
    Permission.IMPORT_PACKAGES,
    Permission.VIEW_AUDIT,
    Permission.BACKUP,
}
# Admin is a superset: a small store often has one person doing everything.
_ADMIN = _MANAGER | {
    Permission.MANAGE_USERS,
    Permission.MANAGE_SETTINGS,
    Permission.MANAGE_CERTIFICATE,
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: _OFFICER,
    Role.MANAGER: frozenset(_MANAGER),
    Role.ADMIN: frozenset(_ADMIN),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


# Who holds the role secret (vault/audit_keys.py): it signs packages and audit checkpoints,
# so only roles that export, back up or read the trail get it wrapped in their key slot.
ROLE_KEY_HOLDERS = frozenset({Role.MANAGER, Role.ADMIN})


def holds_role_key(role: Role) -> bool:
    return role in ROLE_KEY_HOLDERS
