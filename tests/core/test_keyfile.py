"""Key slots: each user's password unwraps the one database key; nothing else does."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from opal_desktop.errors import UnknownUser, VaultDamaged, VaultNotFound, WrongPassword
from opal_desktop.vault.keyfile import (
    KEYFILE_BACKUP_NAME,
    KEYFILE_NAME,
    KdfParams,
    KeyFile,
    new_recovery_code,
    normalise_recovery_code,
    random_key,
    read_copies,
    unlock,
    user_slot_id,
)


def _keyfile_with_two_users() -> tuple[KeyFile, bytes]:
    key = random_key()
    keys = KeyFile.new()
    keys.set_user_password(key, "alice", "alice long password")
    keys.set_user_password(key, "bob", "bob long password!")
    return keys, key


def test_each_user_unwraps_the_same_key() -> None:
    keys, key = _keyfile_with_two_users()
    assert keys.unwrap_user("alice", "alice long password") == key
    assert keys.unwrap_user("bob", "bob long password!") == key


def test_wrong_password_and_unknown_user_are_refused_with_a_sentence() -> None:
    keys, _ = _keyfile_with_two_users()
    with pytest.raises(WrongPassword, match="not right"):
        keys.unwrap_user("alice", "bob long password!")
    with pytest.raises(UnknownUser, match="no active user called 'carol'"):
        keys.unwrap_user("carol", "whatever it is")


def test_a_slot_copied_onto_another_user_does_not_open() -> None:
    """Bob copies his own slot into Alice's place: he must not get in as Alice."""
    keys, _ = _keyfile_with_two_users()
    bob = keys.slot_for_user("bob")
    keys.put_slot(replace(bob, id=user_slot_id("alice"), username="alice"))
    with pytest.raises(WrongPassword):
        keys.unwrap_user("alice", "bob long password!")


def test_a_slot_copied_from_another_vault_does_not_open() -> None:
    keys, _ = _keyfile_with_two_users()
    other, _ = _keyfile_with_two_users()
    other.put_slot(keys.slot_for_user("alice"))
    with pytest.raises(WrongPassword):
        other.unwrap_user("alice", "alice long password")


def test_an_altered_wrapped_key_is_refused() -> None:
    keys, _ = _keyfile_with_two_users()
    slot = keys.slot_for_user("alice")
    flipped = bytes([slot.wrapped[0] ^ 1]) + slot.wrapped[1:]
    keys.put_slot(replace(slot, wrapped=flipped))
    with pytest.raises(WrongPassword):
        keys.unwrap_user("alice", "alice long password")


def test_kdf_parameters_are_stored_per_slot_and_survive_saving(tmp_path: Path) -> None:
    keys, key = _keyfile_with_two_users()
    stronger = KdfParams(memory_kib=16 * 1024, iterations=2, lanes=2)
    keys.set_user_password(key, "bob", "bob long password!", stronger)
    keys.save(tmp_path)
    loaded = KeyFile.load(tmp_path)
    assert loaded.slot_for_user("bob").kdf == stronger
    assert loaded.slot_for_user("alice").kdf != stronger
    assert loaded.unwrap_user("bob", "bob long password!") == key


def test_hostile_kdf_cost_is_refused_before_deriving(tmp_path: Path) -> None:
    keys, _ = _keyfile_with_two_users()
    keys.save(tmp_path)
    doc = json.loads((tmp_path / KEYFILE_NAME).read_text())
    doc["slots"][0]["kdf"]["memory_kib"] = 64 * 1024 * 1024  # 64 GiB
    (tmp_path / KEYFILE_NAME).write_text(json.dumps(doc))
    (tmp_path / KEYFILE_BACKUP_NAME).write_text(json.dumps(doc))
    hostile = KeyFile.load(tmp_path)
    with pytest.raises(VaultDamaged, match="impossible amount of memory"):
        hostile.unwrap(hostile.slots[0], "alice long password")


def test_a_damaged_key_file_falls_back_to_its_backup(tmp_path: Path) -> None:
    keys, key = _keyfile_with_two_users()
    keys.save(tmp_path)
    (tmp_path / KEYFILE_NAME).write_bytes(b'{"format": "opal-desk')  # torn write
    assert KeyFile.load(tmp_path).unwrap_user("alice", "alice long password") == key


def test_both_copies_damaged_says_restore_from_backup(tmp_path: Path) -> None:
    (tmp_path / KEYFILE_NAME).write_text("garbage")
    (tmp_path / KEYFILE_BACKUP_NAME).write_text("garbage")
    with pytest.raises(VaultDamaged, match="Restore the vault from a backup"):
        KeyFile.load(tmp_path)


def test_missing_vault_is_reported(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound, match="No vault was found"):
        KeyFile.load(tmp_path / "nowhere")


def test_recovery_code_is_160_bits_and_forgiving_to_type() -> None:
    code = new_recovery_code()
    groups = code.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)  # 32 Base32 chars = 160 bits
    key = random_key()
    keys = KeyFile.new()
    keys.set_recovery_code(key, code)
    typed = " ".join(groups).lower().replace("o", "0").replace("i", "1")
    assert normalise_recovery_code(typed) == code
    assert keys.unwrap_recovery(typed) == key
    with pytest.raises(WrongPassword, match="recovery code"):
        keys.unwrap_recovery(new_recovery_code())


def test_the_key_file_holds_no_key_in_the_clear(tmp_path: Path) -> None:
    keys, key = _keyfile_with_two_users()
    keys.save(tmp_path)
    data = (tmp_path / KEYFILE_NAME).read_bytes()
    assert key not in data and key.hex().encode() not in data
    assert (tmp_path / KEYFILE_BACKUP_NAME).read_bytes() == data


def test_a_checksum_finds_damage_that_still_parses(tmp_path: Path) -> None:
    keys, _key = _keyfile_with_two_users()
    keys.save(tmp_path)
    text = (tmp_path / KEYFILE_NAME).read_text()
    doc = json.loads(text)
    assert doc["checksum"].startswith("sha256:")
    changed = ("1" if keys.vault_id[0] != "1" else "2") + keys.vault_id[1:]
    (tmp_path / KEYFILE_NAME).write_text(text.replace(keys.vault_id, changed, 1))
    main, backup = read_copies(tmp_path)
    assert (main.state, backup.state) == ("damaged", "ok")
    assert KeyFile.load(tmp_path).vault_id == keys.vault_id  # the intact copy is preferred


def test_unlock_writes_nothing_and_repair_puts_the_damaged_copy_right(tmp_path: Path) -> None:
    keys, key = _keyfile_with_two_users()
    keys.save(tmp_path)
    good = (tmp_path / KEYFILE_BACKUP_NAME).read_bytes()
    (tmp_path / KEYFILE_NAME).write_bytes(b'{"format": "opal-desk')  # torn write
    unlocked = unlock(tmp_path, lambda k: k.unwrap_user("bob", "bob long password!"))
    assert unlocked.key == key
    assert (tmp_path / KEYFILE_NAME).read_bytes() != good  # nothing written yet
    notice = unlocked.repair()
    assert notice is not None and "could not be read" in notice and "repaired" in notice
    assert (tmp_path / KEYFILE_NAME).read_bytes() == good
    assert unlock(tmp_path, lambda k: k.unwrap_user("bob", "bob long password!")).repair() is None
    with pytest.raises(WrongPassword):
        unlock(tmp_path, lambda k: k.unwrap_user("bob", "alice long password"))
