"""Issue 15 (key file part): `users add` and `users passwd` killed at each step of writing
the key file; after each the vault opens and nothing is unrecorded.

A child process makes the change and SIGKILLs itself at one step: after the database
recorded the intent, after the first of the two key-file copies was written, or after
both were written but before the intent was cleared.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ADMIN_PASSWORD

from opal_desktop.domain.roles import Role
from opal_desktop.errors import UnknownUser, WrongPassword
from opal_desktop.vault import users
from opal_desktop.vault.audit_view import AuditFilter, list_entries, verify_trail
from opal_desktop.vault.keyfile import KEYFILE_BACKUP_NAME, KEYFILE_NAME, KeyFile
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]
OLD, NEW = "officer first password", "officer second password"
STEPS = ("after-intent", "after-first-copy", "before-clearing")

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from opal_desktop import fileio
    from opal_desktop.domain.roles import Role
    from opal_desktop.vault import key_drift, keyfile, users
    from opal_desktop.vault.vault import Vault

    folder, step, action = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    keyfile.DEFAULT_KDF = keyfile.KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
    who, password = ("admin", sys.argv[4]) if action == "add" else ("olly", sys.argv[4])
    vault = Vault.open(folder, who, password)

    def die(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if step == "after-intent":
        keyfile.KeyFile.save = die
    elif step == "after-first-copy":
        real = fileio.atomic_write
        def first_then_die(path, data, *args, **kwargs):
            real(path, data, *args, **kwargs)
            die()
        fileio.atomic_write = first_then_die
    elif step == "before-clearing":
        real_set = key_drift._set_pending
        def clear_then_die(conn, note):
            if note is None:
                die()
            real_set(conn, note)
        key_drift._set_pending = clear_then_die
    if action == "add":
        users.add_user(vault, "nina", "Nina New", Role.OFFICER, "nina first password")
    else:
        users.change_own_password(vault, sys.argv[4], sys.argv[5])
    print("NOT KILLED")
    """
)


def _run_child(folder: Path, step: str, *args: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), step, *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert child.returncode == -signal.SIGKILL, child.stderr


def _audit(folder: Path) -> list[tuple[str, str, str]]:
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        check = verify_trail(vault)
        assert check.intact, check.lines()
        rows = list_entries(vault, AuditFilter(), limit=1000, newest_first=False)
        return [(r.action, r.record_id, r.summary) for r in rows]
    finally:
        vault.close()


def _slots(folder: Path) -> set[str]:
    return {s.username or "" for s in KeyFile.load(folder).user_slots()}


def _copies_agree(folder: Path) -> bool:
    return (folder / KEYFILE_NAME).read_bytes() == (folder / KEYFILE_BACKUP_NAME).read_bytes()


@pytest.mark.parametrize("step", STEPS)
def test_users_add_killed_at_each_step(new_vault: NewVault, vault_dir: Path, step: str) -> None:
    vault, _ = new_vault()
    vault.close()
    _run_child(vault_dir, step, "add", ADMIN_PASSWORD)

    trail = _audit(vault_dir)  # signs in: the interrupted change is finished or undone
    assert _copies_agree(vault_dir)
    added = [t for t in trail if t[0] == "user_added" and t[1] == "nina"]
    assert len(added) == 1  # the intent was recorded before anything else
    vault = Vault.open(vault_dir, "admin", ADMIN_PASSWORD)
    try:
        nina = next(u for u in users.list_users(vault) if u.username == "nina")
    finally:
        vault.close()
    if step == "after-intent":  # the key file never got her slot: said so, account disabled
        assert "nina" not in _slots(vault_dir) and not nina.active
        assert any(t[0] == "key_change_interrupted" and t[1] == "nina" and "stays disabled" in t[2]
                   for t in trail)  # fmt: skip
    else:  # the slot was written (in one copy at least): the change stands, and opens
        assert "nina" in _slots(vault_dir) and nina.active
        Vault.open(vault_dir, "nina", "nina first password").close()
        assert not any(t[0] == "key_change_interrupted" for t in trail)
    # Every slot belongs to an active account: nothing in the key file the trail does not know.
    assert _slots(vault_dir) <= {"admin", "nina"}


@pytest.mark.parametrize("step", STEPS)
def test_users_passwd_killed_at_each_step(new_vault: NewVault, vault_dir: Path, step: str) -> None:
    vault, _ = new_vault()
    users.add_user(vault, "olly", "Olly Officer", Role.OFFICER, OLD)
    vault.close()
    _run_child(vault_dir, step, "passwd", OLD, NEW)

    trail = _audit(vault_dir)
    assert _copies_agree(vault_dir)
    assert sum(1 for t in trail if t[0] == "password_changed" and t[1] == "olly") == 1
    interrupted = [t for t in trail if t[0] == "key_change_interrupted" and t[1] == "olly"]
    works = []
    for password in (OLD, NEW):
        try:
            Vault.open(vault_dir, "olly", password).close()
            works.append(password)
        except (WrongPassword, UnknownUser):
            pass
    if step == "after-intent":
        assert works == [OLD]
        assert interrupted and "the old password still opens the vault" in interrupted[0][2]
    else:
        assert works == [NEW] and not interrupted


def test_a_slot_with_no_account_is_removed_and_recorded(
    new_vault: NewVault, vault_dir: Path
) -> None:
    """What an older version killed mid-`users add` left: a slot that opens the key."""
    vault, _ = new_vault()
    key = users.vault_key(vault)
    vault.close()
    keys = KeyFile.load(vault_dir)
    keys.set_user_password(key, "ghost", "ghost long password")
    keys.save(vault_dir)
    trail = _audit(vault_dir)
    assert "ghost" not in _slots(vault_dir)
    assert ("key_slot_removed", "ghost") in [(t[0], t[1]) for t in trail]
    assert json.loads((vault_dir / KEYFILE_NAME).read_text())["slots"]
