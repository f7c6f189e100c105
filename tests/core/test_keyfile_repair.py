"""Both copies of the key file: damage that still parses is found, repaired and reported.

Real vaults on disk. A damaged copy must never lock people out while a good copy sits
beside it, and damage that both copies share must not be called a wrong password.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ADMIN_PASSWORD

from opal_desktop.errors import VaultDamaged, WrongPassword
from opal_desktop.vault.audit_view import AuditFilter, list_entries
from opal_desktop.vault.keyfile import KEYFILE_BACKUP_NAME, KEYFILE_NAME, KeyFile
from opal_desktop.vault.restore_note import KEYFILE_NOTE_NAME
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


def _closed_vault(new_vault: NewVault) -> str:
    vault, code = new_vault()
    vault.close()
    return code


def _change_a_digit_of_the_vault_id(path: Path) -> None:
    """One hex digit of the vault id changed: the file still parses, as a UUID too."""
    text = path.read_text()
    vault_id = json.loads(text)["vault_id"]
    digit = "1" if vault_id[0] != "1" else "2"
    path.write_text(text.replace(vault_id, digit + vault_id[1:], 1))
    assert KeyFile.from_bytes(path.read_bytes()).vault_id != vault_id  # still parses


def _flip_a_bit_of_the_wrapped_key(path: Path, slot_id: str) -> None:
    doc = json.loads(path.read_text())
    slot = next(s for s in doc["slots"] if s["id"] == slot_id)
    wrapped = bytearray(base64.b64decode(slot["wrapped_key"]))
    wrapped[3] ^= 0x01
    slot["wrapped_key"] = base64.b64encode(bytes(wrapped)).decode()
    path.write_text(json.dumps(doc, indent=2) + "\n")


def _audit_summaries(vault: Vault, action: str) -> list[str]:
    return [row.summary for row in list_entries(vault, AuditFilter(action=action))]


@pytest.mark.parametrize(
    ("damaged", "good"),
    [(KEYFILE_NAME, KEYFILE_BACKUP_NAME), (KEYFILE_BACKUP_NAME, KEYFILE_NAME)],
)
def test_a_changed_vault_id_digit_in_one_copy_is_repaired_and_reported(
    new_vault: NewVault, vault_dir: Path, damaged: str, good: str
) -> None:
    _closed_vault(new_vault)
    good_bytes = (vault_dir / good).read_bytes()
    _change_a_digit_of_the_vault_id(vault_dir / damaged)

    vault = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    try:
        assert (vault_dir / damaged).read_bytes() == good_bytes
        assert (vault_dir / good).read_bytes() == good_bytes
        notice = vault.key_file_notice or ""
        assert damaged in notice and "was damaged" in notice and "repaired" in notice
        assert "not right" not in notice
        assert _audit_summaries(vault, "key_file_repaired") == [notice]
        assert not (vault_dir / KEYFILE_NOTE_NAME).exists()  # written to the trail, then gone
    finally:
        vault.close()
    again = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)  # nothing left to repair
    assert again.key_file_notice is None
    again.close()


def test_a_flipped_wrapped_key_in_the_main_copy_only_is_repaired(
    new_vault: NewVault, vault_dir: Path
) -> None:
    _closed_vault(new_vault)
    good_bytes = (vault_dir / KEYFILE_BACKUP_NAME).read_bytes()
    _flip_a_bit_of_the_wrapped_key(vault_dir / KEYFILE_NAME, "user:admin")
    vault = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    try:
        assert (vault_dir / KEYFILE_NAME).read_bytes() == good_bytes
        assert vault.key_file_notice and KEYFILE_NAME in vault.key_file_notice
        assert len(_audit_summaries(vault, "key_file_repaired")) == 1
    finally:
        vault.close()


def test_another_slot_damaged_in_the_main_copy_is_repaired_at_anyones_sign_in(
    new_vault: NewVault, vault_dir: Path
) -> None:
    """The admin's slot is fine, the recovery slot is not: repaired before anyone needs it."""
    code = _closed_vault(new_vault)
    _flip_a_bit_of_the_wrapped_key(vault_dir / KEYFILE_NAME, "recovery")
    vault = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert vault.key_file_notice is not None
    vault.close()
    Vault.recover(vault_dir, code, "admin", "copper lantern meadow fox").close()


def test_a_missing_backup_copy_is_put_back(new_vault: NewVault, vault_dir: Path) -> None:
    _closed_vault(new_vault)
    (vault_dir / KEYFILE_BACKUP_NAME).unlink()
    vault = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert vault.key_file_notice and "was missing" in vault.key_file_notice
    vault.close()
    assert (vault_dir / KEYFILE_BACKUP_NAME).read_bytes() == (vault_dir / KEYFILE_NAME).read_bytes()


def test_damage_both_copies_share_is_called_damage_not_a_wrong_password(
    new_vault: NewVault, vault_dir: Path
) -> None:
    code = _closed_vault(new_vault)
    for name in (KEYFILE_NAME, KEYFILE_BACKUP_NAME):
        _change_a_digit_of_the_vault_id(vault_dir / name)
    with pytest.raises(VaultDamaged, match="both damaged") as raised:
        Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert "not right" not in str(raised.value)
    assert "Restore the vault from a backup" in str(raised.value)
    with pytest.raises(VaultDamaged, match="both damaged"):
        Vault.recover(vault_dir, code, "admin", "copper lantern meadow fox")


def test_different_damage_in_each_copy_is_also_plain(new_vault: NewVault, vault_dir: Path) -> None:
    _closed_vault(new_vault)
    _change_a_digit_of_the_vault_id(vault_dir / KEYFILE_NAME)
    _flip_a_bit_of_the_wrapped_key(vault_dir / KEYFILE_BACKUP_NAME, "user:admin")
    with pytest.raises(VaultDamaged, match="both damaged"):
        Vault.open(vault_dir, "admin", ADMIN_PASSWORD)


def test_a_wrong_password_with_two_good_copies_is_still_a_wrong_password(
    new_vault: NewVault, vault_dir: Path
) -> None:
    _closed_vault(new_vault)
    with pytest.raises(WrongPassword, match="not right"):
        Vault.open(vault_dir, "admin", "not the password at all")


def test_a_wrong_password_with_one_damaged_copy_is_a_wrong_password_and_repairs_nothing(
    new_vault: NewVault, vault_dir: Path
) -> None:
    _closed_vault(new_vault)
    _change_a_digit_of_the_vault_id(vault_dir / KEYFILE_NAME)
    damaged_bytes = (vault_dir / KEYFILE_NAME).read_bytes()
    with pytest.raises(WrongPassword, match="not right"):
        Vault.open(vault_dir, "admin", "not the password at all")
    assert (vault_dir / KEYFILE_NAME).read_bytes() == damaged_bytes  # no password, no write


@pytest.mark.parametrize("damaged", [KEYFILE_NAME, KEYFILE_BACKUP_NAME])
def test_the_recovery_code_works_through_a_damaged_copy_and_repairs_it(
    new_vault: NewVault, vault_dir: Path, damaged: str
) -> None:
    code = _closed_vault(new_vault)
    _change_a_digit_of_the_vault_id(vault_dir / damaged)
    vault = Vault.recover(vault_dir, code, "admin", "copper lantern meadow fox")
    try:
        assert vault.key_file_notice and damaged in vault.key_file_notice
        assert len(_audit_summaries(vault, "key_file_repaired")) == 1
    finally:
        vault.close()
    # The reset password was saved to both copies, which agree again.
    main = (vault_dir / KEYFILE_NAME).read_bytes()
    assert (vault_dir / KEYFILE_BACKUP_NAME).read_bytes() == main
    Vault.open(vault_dir, "admin", "copper lantern meadow fox").close()


def test_a_wrong_recovery_code_with_a_damaged_copy_is_still_a_wrong_code(
    new_vault: NewVault, vault_dir: Path
) -> None:
    _closed_vault(new_vault)
    _change_a_digit_of_the_vault_id(vault_dir / KEYFILE_BACKUP_NAME)
    with pytest.raises(WrongPassword, match="recovery code"):
        Vault.recover(
            vault_dir,
            "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
            "admin",
            "copper lantern meadow fox",
        )


def test_an_old_key_file_without_a_checksum_is_tried_in_both_copies(
    new_vault: NewVault, vault_dir: Path
) -> None:
    """Files written before checksums: the secret itself tells the good copy."""
    _closed_vault(new_vault)
    for name in (KEYFILE_NAME, KEYFILE_BACKUP_NAME):
        doc = json.loads((vault_dir / name).read_text())
        del doc["checksum"]
        (vault_dir / name).write_text(json.dumps(doc, indent=2) + "\n")
    old_bytes = (vault_dir / KEYFILE_BACKUP_NAME).read_bytes()
    _change_a_digit_of_the_vault_id(vault_dir / KEYFILE_NAME)
    vault = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert vault.key_file_notice and KEYFILE_NAME in vault.key_file_notice
    # before signing out, which records the trail's head in the key file (head_guard)
    assert (vault_dir / KEYFILE_NAME).read_bytes() == old_bytes
    vault.close()


def test_an_interrupted_save_is_finished_from_the_newer_main_copy(
    new_vault: NewVault, vault_dir: Path
) -> None:
    """Both copies intact but different (killed between the two writes): the main one is
    newer, so the old password that only the backup still takes is refused."""
    from opal_desktop.vault import users

    vault, _ = new_vault()
    stale = (vault_dir / KEYFILE_BACKUP_NAME).read_bytes()
    users.change_own_password(vault, ADMIN_PASSWORD, "copper lantern meadow fox")
    vault.close()
    (vault_dir / KEYFILE_BACKUP_NAME).write_bytes(stale)  # as if killed before the backup
    with pytest.raises(WrongPassword):
        Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    assert (vault_dir / KEYFILE_BACKUP_NAME).read_bytes() == stale
    vault = Vault.open(vault_dir, "admin", "copper lantern meadow fox")
    assert vault.key_file_notice and "out of date" in vault.key_file_notice
    vault.close()
    assert (vault_dir / KEYFILE_BACKUP_NAME).read_bytes() == (vault_dir / KEYFILE_NAME).read_bytes()
