"""The command line says when a key-file copy was repaired, and why a password is weak."""

from __future__ import annotations

import json
from pathlib import Path

from opal_desktop.vault.keyfile import KEYFILE_BACKUP_NAME, KEYFILE_NAME

from .helpers import Cli

NEW = "OPAL_DESKTOP_NEW_PASSWORD"


def _change_a_digit_of_the_vault_id(path: Path) -> None:
    text = path.read_text()
    vault_id = json.loads(text)["vault_id"]
    path.write_text(text.replace(vault_id, ("1" if vault_id[0] != "1" else "2") + vault_id[1:], 1))


def test_a_repaired_key_file_is_reported_once(cli: Cli, vault_folder: Path) -> None:
    _change_a_digit_of_the_vault_id(vault_folder / KEYFILE_NAME)
    first = cli("info")
    assert first.code == 0, first.err
    assert f"Note: The key file {KEYFILE_NAME} was damaged; it has been repaired" in first.err
    assert (vault_folder / KEYFILE_NAME).read_bytes() == (
        vault_folder / KEYFILE_BACKUP_NAME
    ).read_bytes()
    again = cli("info")
    assert again.code == 0 and "key file" not in again.err
    rows = cli("audit", "list", "--json").json()
    assert isinstance(rows, list)
    assert any(row["action"] == "key_file_repaired" for row in rows)


def test_damage_in_both_copies_is_not_called_a_wrong_password(cli: Cli, vault_folder: Path) -> None:
    for name in (KEYFILE_NAME, KEYFILE_BACKUP_NAME):
        _change_a_digit_of_the_vault_id(vault_folder / name)
    result = cli("info")
    assert result.code == 2
    assert "both damaged" in result.err and "not right" not in result.err


def test_users_add_refuses_a_guessable_password_saying_why(cli: Cli) -> None:
    for weak, why in (("password1234", "most common passwords"),
                      ("aaaaaaaaaaaa", "repeats the same character")):  # fmt: skip
        result = cli("users", "add", "k.patel", "--name", "Kiran Patel", "--role", "officer",
                     env={NEW: weak})  # fmt: skip
        assert result.code == 2
        assert "too easy to guess" in result.err and why in result.err
    ok = cli("users", "add", "k.patel", "--name", "Kiran Patel", "--role", "officer",
             env={NEW: "saffron kettle glacier"})  # fmt: skip
    assert ok.code == 0, ok.err
