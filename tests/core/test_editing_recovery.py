"""Incidents open in an editor are noted in the vault, so the next sign-in after a crash
gives them back; a normal close leaves nothing to give back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import ADMIN_PASSWORD

from opal_desktop.domain.roles import Role
from opal_desktop.incidents import editing, records
from opal_desktop.vault import users
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]
OFFICER_PASSWORD = "lantern mossy pebble"


def _draft(vault: Vault, narrative: str) -> str:
    incident = records.new_incident(vault)
    incident.narrative = narrative
    return records.save(vault, incident).reference


def test_what_was_left_open_comes_back_once_at_the_next_sign_in(
    new_vault: NewVault, vault_dir: Path
) -> None:
    vault, _code = new_vault()
    new = _draft(vault, "Typed when the power went")
    old = _draft(vault, "Opened again later")
    closed = _draft(vault, "Closed normally")
    editing.note_open(vault, new, created=True)
    editing.note_open(vault, old, created=False)
    editing.note_open(vault, closed, created=True)
    editing.note_closed(vault, closed)
    editing.note_open(vault, new, created=False)  # a later save does not forget it was new
    vault.close(audited=False)  # as a killed process leaves it: nobody closed the editors

    again = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    try:
        found = editing.take_left_open(again)
        assert [(f.reference, f.created_in_session) for f in found] == [(new, True), (old, False)]
        assert all(f.status.value == "draft" and f.saved_at is not None for f in found)
        sentence = editing.recovery_sentence(found)
        assert "did not close properly" in sentence and "2 incidents you had open" in sentence
        assert f"{new}: new draft" in sentence and f"{old}: draft" in sentence
        assert editing.take_left_open(again) == []  # told once
    finally:
        again.close(audited=False)


def test_notes_are_per_user_and_skip_what_has_gone(new_vault: NewVault, vault_dir: Path) -> None:
    vault, _code = new_vault()
    users.add_user(vault, "o.one", "Olive One", Role.OFFICER, OFFICER_PASSWORD,
                   must_change_password=False)  # fmt: skip
    mine = _draft(vault, "The admin's own draft")
    gone = _draft(vault, "Deleted by someone else since")
    editing.note_open(vault, mine, created=True)
    editing.note_open(vault, gone, created=True)
    records.delete_incident(vault, records.get(vault, gone), "Logged twice")
    vault.close(audited=False)

    officer = Vault.open(vault_dir, "o.one", OFFICER_PASSWORD)
    try:
        assert editing.take_left_open(officer) == []  # the admin's notes are not the officer's
    finally:
        officer.close(audited=False)
    admin = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    try:
        assert [f.reference for f in editing.take_left_open(admin)] == [mine]
    finally:
        admin.close(audited=False)
