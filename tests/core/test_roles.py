"""Roles are enforced by the services themselves, whatever the caller hides or shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from opal_desktop.domain.roles import Role
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.vault import audit_view, signing, users
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


@pytest.fixture
def staff(new_vault: NewVault, vault_dir: Path) -> Path:
    vault, _ = new_vault()
    users.add_user(
        vault,
        "olly",
        "Olly Officer",
        Role.OFFICER,
        "officer first password",
        must_change_password=False,
    )
    users.add_user(
        vault,
        "mo",
        "Mo Manager",
        Role.MANAGER,
        "manager first password",
        must_change_password=False,
    )
    vault.close()
    return vault_dir


def test_an_officer_cannot_manage_users_settings_audit_or_certificate(
    staff: Path, tmp_path: Path
) -> None:
    officer = Vault.open(staff, "olly", "officer first password")
    try:
        with pytest.raises(
            PermissionDenied, match=r"Your role \(Security officer\) does not allow you to add"
        ):
            users.add_user(officer, "eve", "Eve", Role.ADMIN, "a password of mine")
        with pytest.raises(PermissionDenied):
            users.reset_password(officer, "admin", "takeover password")
        with pytest.raises(PermissionDenied):
            officer.update_settings(idle_lock_minutes=240)
        with pytest.raises(PermissionDenied, match="view the audit trail"):
            audit_view.list_entries(officer)
        with pytest.raises(PermissionDenied):
            signing.signing_material(officer)
        with pytest.raises(PermissionDenied):
            signing.import_pkcs12(officer, tmp_path / "x.p12", "")
        # What an officer may do: see the public certificate and change their own password.
        assert signing.certificate_facts(officer).subject
        users.change_own_password(officer, "officer first password", "officer second password")
    finally:
        officer.close()


def test_a_manager_sees_the_audit_trail_but_cannot_manage_users(staff: Path) -> None:
    manager = Vault.open(staff, "mo", "manager first password")
    try:
        assert audit_view.count_entries(manager) > 0
        assert signing.signing_material(manager).private_key_der
        with pytest.raises(PermissionDenied):
            users.add_user(manager, "eve", "Eve", Role.ADMIN, "a password of mine")
        with pytest.raises(PermissionDenied):
            manager.update_settings(idle_lock_minutes=1)
    finally:
        manager.close()


def test_an_admin_manages_users_and_settings(staff: Path) -> None:
    admin = Vault.open(staff, "admin", "kettle orbit velvet")
    try:
        admin.update_settings(idle_lock_minutes=5)
        assert admin.settings()["idle_lock_minutes"] == 5
        with pytest.raises(InvalidInput, match="between 1 and 240 minutes"):
            admin.update_settings(idle_lock_minutes=0)
        users.set_role(admin, "olly", Role.MANAGER)
        with pytest.raises(InvalidInput, match="cannot disable your own account"):
            users.disable_user(admin, "admin")
        listed = {u.username: u for u in users.list_users(admin)}
        assert listed["olly"].role is Role.MANAGER and listed["olly"].active
    finally:
        admin.close()
