"""The vault as a user meets it: create, sign in, refuse, recover, and keep secrets secret."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ADMIN_PASSWORD, make_setup

from opal_desktop.domain.roles import Role
from opal_desktop.errors import (
    InvalidInput,
    UnknownUser,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    VaultTooNew,
    WrongPassword,
)
from opal_desktop.vault import users
from opal_desktop.vault.engine import DB_NAME, connect_raw
from opal_desktop.vault.keyfile import KEYFILE_NAME, KeyFile
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


def _fingerprint(folder: Path) -> dict[str, str]:
    """Hashes of the files that hold the vault's data (the lock note and failure log aside)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name.startswith("vault.") and p.name != "vault.lock"
    }


def test_create_then_sign_in(new_vault: NewVault, vault_dir: Path) -> None:
    vault, _ = new_vault()
    assert vault.actor.role is Role.ADMIN and vault.actor.store_code == "LDS01"
    vault.close()
    again = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert again.home_store().name == "Leeds Kirkstall"
    assert again.home_store().postcode == "LS5 3BT"
    again.close()


def test_setup_refuses_bad_values_with_sentences(vault_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="not a UK postcode"):
        Vault.create(vault_dir, make_setup(postcode="12345"))
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        Vault.create(vault_dir, make_setup(admin_password="short"))
    with pytest.raises(InvalidInput, match="not a UK police force"):
        Vault.create(vault_dir, make_setup(force_id="gotham"))
    assert not vault_dir.exists() or not any(vault_dir.iterdir())


def test_a_vault_is_never_created_over_another(new_vault: NewVault, vault_dir: Path) -> None:
    vault, _ = new_vault()
    vault.close()
    before = _fingerprint(vault_dir)
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, make_setup())
    assert _fingerprint(vault_dir) == before


def test_wrong_password_is_refused_and_leaves_the_vault_untouched(
    new_vault: NewVault, vault_dir: Path
) -> None:
    vault, _ = new_vault()
    vault.close()
    before = _fingerprint(vault_dir)
    with pytest.raises(WrongPassword, match="not right"):
        Vault.open(vault_dir, "admin", "not the password at all")
    with pytest.raises(UnknownUser):
        Vault.open(vault_dir, "mallory", ADMIN_PASSWORD)
    assert _fingerprint(vault_dir) == before
    # The failed attempts reach the audit trail at the next successful sign-in.
    from opal_desktop.vault.audit_view import AuditFilter, list_entries

    vault = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    failed = list_entries(vault, AuditFilter(action="sign_in_failed"))
    assert {row.actor for row in failed} == {"admin", "mallory"}
    vault.close()


def test_password_change_rewraps_without_re_encrypting(
    new_vault: NewVault, vault_dir: Path
) -> None:
    vault, _ = new_vault()
    key_before = KeyFile.load(vault_dir).unwrap_user("admin", ADMIN_PASSWORD)
    salt_before = (vault_dir / DB_NAME).read_bytes()[:16]  # SQLCipher's per-database salt
    users.change_own_password(vault, ADMIN_PASSWORD, "a brand new passphrase")
    vault.close()
    with pytest.raises(WrongPassword):
        Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert KeyFile.load(vault_dir).unwrap_user("admin", "a brand new passphrase") == key_before
    assert (vault_dir / DB_NAME).read_bytes()[:16] == salt_before
    Vault.open(vault_dir, "admin", "a brand new passphrase").close()


def test_recovery_code_resets_the_admin_password(new_vault: NewVault, vault_dir: Path) -> None:
    vault, code = new_vault()
    vault.close()
    with pytest.raises(WrongPassword, match="recovery code"):
        Vault.recover(
            vault_dir, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "admin", "new admin passphrase"
        )
    recovered = Vault.recover(vault_dir, code.lower(), "admin", "new admin passphrase")
    assert recovered.actor.username == "admin"
    recovered.close()
    Vault.open(vault_dir, "admin", "new admin passphrase").close()


def test_recovery_code_does_not_reset_an_officer(new_vault: NewVault, vault_dir: Path) -> None:
    vault, code = new_vault()
    users.add_user(vault, "olly", "Olly Officer", Role.OFFICER, "officer first password")
    vault.close()
    with pytest.raises(InvalidInput, match="not an administrator"):
        Vault.recover(vault_dir, code, "olly", "new officer passphrase")
    Vault.open(vault_dir, "olly", "officer first password").close()


def test_no_plaintext_of_a_record_reaches_the_disk(new_vault: NewVault, vault_dir: Path) -> None:
    marker = "ZEBRA-CROSSING-7731"
    vault, _ = new_vault(store_name=f"Store {marker}", address=f"{marker} Road")
    users.add_user(vault, "olly", f"Olly {marker}", Role.OFFICER, "officer first password")
    # Look while the vault is open (WAL and shared memory present) and after closing.
    for moment in ("open", "closed"):
        for path in vault_dir.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert marker.encode() not in data, f"{path.name} holds plaintext ({moment})"
                assert marker.encode("utf-16-le") not in data
        if moment == "open":
            vault.close()


def test_a_second_instance_is_told_who_has_the_vault_open(
    new_vault: NewVault, vault_dir: Path
) -> None:
    vault, _ = new_vault()
    with pytest.raises(VaultInUse, match=r"already open by admin on .+ since"):
        Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    vault.close()
    Vault.open(vault_dir, "admin", ADMIN_PASSWORD).close()


def test_a_database_from_another_vault_is_refused(
    new_vault: NewVault, vault_dir: Path, tmp_path: Path
) -> None:
    vault, _ = new_vault()
    vault.close()
    other_dir = tmp_path / "other"
    other, _ = Vault.create(other_dir, make_setup(store_code="YRK02"))
    other.close()
    (vault_dir / KEYFILE_NAME).write_bytes((other_dir / KEYFILE_NAME).read_bytes())
    (vault_dir / "vault.keys.bak").write_bytes((other_dir / KEYFILE_NAME).read_bytes())
    with pytest.raises(VaultDamaged, match="does not open with this vault's key"):
        Vault.open(vault_dir, "admin", ADMIN_PASSWORD)


def test_a_vault_from_a_newer_version_is_refused_untouched(
    new_vault: NewVault, vault_dir: Path
) -> None:
    vault, _ = new_vault()
    key = KeyFile.load(vault_dir).unwrap_user("admin", ADMIN_PASSWORD)
    vault.close()
    conn = connect_raw(vault_dir / DB_NAME, key)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _fingerprint(vault_dir)
    with pytest.raises(VaultTooNew, match=r"newer version of Opal Desktop \(schema 0099\)"):
        Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert _fingerprint(vault_dir) == before
    assert not (vault_dir / "backups").exists()


def test_disabled_user_cannot_sign_in(new_vault: NewVault, vault_dir: Path) -> None:
    vault, _ = new_vault()
    users.add_user(vault, "olly", "Olly Officer", Role.OFFICER, "officer first password")
    users.disable_user(vault, "olly", "Left the company")
    vault.close()
    with pytest.raises(UnknownUser):
        Vault.open(vault_dir, "olly", "officer first password")


def test_reset_password_forces_a_change_at_next_sign_in(
    new_vault: NewVault, vault_dir: Path
) -> None:
    vault, _ = new_vault()
    users.add_user(
        vault,
        "olly",
        "Olly Officer",
        Role.OFFICER,
        "officer first password",
        must_change_password=False,
    )
    users.reset_password(vault, "olly", "temporary password 1")
    vault.close()
    olly = Vault.open(vault_dir, "olly", "temporary password 1")
    before = olly.actor
    assert before.must_change_password
    users.change_own_password(olly, "temporary password 1", "olly's own passphrase")
    assert not olly.actor.must_change_password
    olly.close()
