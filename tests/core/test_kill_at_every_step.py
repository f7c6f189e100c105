"""A crash at any moment of a restore, an export or a backup loses nothing and leaks nothing.

Each job runs in a forked child that kills itself (SIGKILL, no clean-up of any kind) just
before its n-th change to the file system (every rename, unlink, mkdir, rmdir, open and
fsync the job makes), for n = 1, 2, ... until the job gets to the end. After every kill:
the vault opens; every file visible in the output folder is one the vault has recorded; no
readable package is in the output folder of an encrypted export at any moment; and after
that next sign-in, nothing the killed job left is anywhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from kill_support import MAX_STEPS, run_killed_at
from package_helpers import PASSWORD, Demo, make_demo, recipient
from sqlalchemy import text

from opal_desktop.vault import pending_outputs, restore_journal
from opal_desktop.vault.backup import create_backup, finish_restore, restore_backup, undo_restore
from opal_desktop.vault.vault import Vault

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _recorded_hashes(vault: Vault) -> set[str]:
    with vault.engine.connect() as conn:
        exported = {row[0] for row in conn.execute(text("SELECT sha256 FROM package_exports"))}
        backups = {
            row[0]
            for row in conn.execute(
                text("SELECT record_id FROM audit_log WHERE action = 'backup_created'")
            )
        }
    return exported | backups


def _no_leftovers(vault_folder: Path, out: Path) -> None:
    assert not (vault_folder / pending_outputs.JOURNAL_NAME).exists()
    assert not list(vault_folder.glob(f"{pending_outputs.WORK_PREFIX}*"))
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_the_restore_journal_names_the_vault_files_as_the_vault_does() -> None:
    from opal_desktop.vault.engine import DB_NAME

    assert restore_journal.DB_NAME == DB_NAME


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return make_demo(tmp_path_factory.mktemp("kill"))


def _every_step(
    job: Callable[[], None], after_kill: Callable[[int], None], after_finish: Callable[[], None]
) -> int:
    for step in range(1, MAX_STEPS):
        if run_killed_at(step, job):
            after_finish()
            return step
        after_kill(step)
    raise AssertionError(f"the job did not finish within {MAX_STEPS} steps")


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_export_killed_at_every_step(demo: Demo, tmp_path: Path, encrypted: bool) -> None:
    from opal_desktop.packages.export import export_package

    folder = demo.demo.folder
    out = tmp_path / "out"
    out.mkdir()
    recipients = [recipient(tmp_path, "opal-analyst")[0].read_bytes()] if encrypted else []
    plaintext_seen: list[str] = []

    def job() -> None:
        vault = Vault.open(folder, "manager", PASSWORD)
        try:
            export_package(vault, demo.package, out, "zip", encrypt_to=recipients)
        finally:
            vault.close()

    def check(step: int) -> None:
        if encrypted:  # at the moment of the kill, before any clean-up
            for path in _files(out):
                if path.read_bytes()[:4] in (b"PK\x03\x04", b"%PDF"):
                    plaintext_seen.append(f"step {step}: {path.name}")
        vault = Vault.open(folder, "manager", PASSWORD)  # the next sign-in clears up
        try:
            recorded = _recorded_hashes(vault)
            from opal_desktop.fileio import file_sha256

            for path in _files(out):
                assert file_sha256(path)[0] in recorded, f"step {step}: {path.name} unrecorded"
            _no_leftovers(folder, out)
        finally:
            vault.close()
        for path in out.iterdir():  # a finished file would stop the next export
            path.unlink()

    steps = _every_step(job, check, lambda: check(0))
    assert plaintext_seen == []
    assert steps > 10  # the job really was cut at many points
    vault = Vault.open(folder, "manager", PASSWORD)
    try:
        with vault.engine.connect() as conn:
            interrupted = conn.execute(
                text("SELECT count(*) FROM audit_log WHERE action = 'export_interrupted'")
            ).scalar_one()
        assert interrupted > 0  # the trail says what the crashes stopped
    finally:
        vault.close()


def test_backup_killed_at_every_step(demo: Demo, tmp_path: Path) -> None:
    from opal_desktop.fileio import file_sha256
    from opal_desktop.vault.backup import verify_backup

    folder = demo.demo.folder
    out = tmp_path / "backups"
    out.mkdir()

    def job() -> None:
        vault = Vault.open(folder, "manager", PASSWORD)
        try:
            create_backup(vault, out / "store.opalbackup")
        finally:
            vault.close()

    def check(step: int) -> None:
        vault = Vault.open(folder, "manager", PASSWORD)
        try:
            recorded = _recorded_hashes(vault)
            for path in _files(out):
                assert file_sha256(path)[0] in recorded, f"step {step}: {path.name} unrecorded"
                verify_backup(path)  # a visible backup is always a whole one
                path.unlink()
            _no_leftovers(folder, out)
        finally:
            vault.close()

    assert _every_step(job, check, lambda: check(0)) > 10


def test_restore_killed_at_every_step(demo: Demo, tmp_path: Path, new_vault) -> None:  # type: ignore[no-untyped-def]
    """A vault replaced by another vault's backup: after any crash, the folder holds one of
    the two whole, or says a restore was interrupted; finishing gives the backup's vault,
    undoing gives the one that was there."""
    source = Vault.open(demo.demo.folder, "manager", PASSWORD)
    try:
        backup = create_backup(source, tmp_path / "other.opalbackup")
    finally:
        source.close()
    here, _code = new_vault()
    here_id, folder = here.vault_id, here.folder
    here.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine)
    outcomes: set[str] = set()

    def job() -> None:
        restore_backup(backup.path, folder, replace=True)

    def opened_id(user: str, password: str) -> str:
        vault = Vault.open(folder, user, password)
        try:
            return vault.vault_id
        finally:
            vault.close()

    def check(step: int) -> None:
        journal = restore_journal.pending(folder)
        if journal is not None:
            with pytest.raises(restore_journal.RestoreInterrupted, match="restore --finish"):
                Vault.open(folder, "admin", "kettle orbit velvet")
            if step % 2:
                undo_restore(folder)
                assert opened_id("admin", "kettle orbit velvet") == here_id
                outcomes.add("undone")
            else:
                finish_restore(folder)
                assert opened_id("manager", PASSWORD) == backup.vault_id
                outcomes.add("finished")
        else:
            try:  # killed before anything moved, or after it all had
                assert opened_id("admin", "kettle orbit velvet") == here_id
                outcomes.add("untouched")
            except Exception:
                assert opened_id("manager", PASSWORD) == backup.vault_id
                outcomes.add("complete")
        assert not list(folder.glob(".restoring-*"))
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder)

    assert _every_step(job, check, lambda: check(0)) > 10
    assert {"undone", "finished", "untouched"} <= outcomes


def _key_slots(folder: Path) -> set[str]:
    from opal_desktop.vault.keyfile import KeyFile

    return {s.username or "" for s in KeyFile.load(folder).user_slots()}


def _users_and_actions(vault: Vault) -> tuple[dict[str, bool], list[str]]:
    with vault.engine.connect() as conn:
        users = {u: bool(a) for u, a in conn.execute(text("SELECT username, active FROM users"))}
        actions = [
            f"{a} {r}" for a, r in conn.execute(text("SELECT action, record_id FROM audit_log"))
        ]
    return users, actions


@pytest.mark.parametrize("change", ["users add", "users passwd"])
def test_key_changes_killed_at_every_step(new_vault, tmp_path: Path, change: str) -> None:  # type: ignore[no-untyped-def]
    """After a crash at any moment, a key slot and its account and audit entry agree: a
    slot never opens the vault for someone the vault has no record of, and a password is
    either the old one or the new one, never neither."""
    from conftest import ADMIN_PASSWORD

    from opal_desktop.domain.roles import Role
    from opal_desktop.vault import users

    vault, _code = new_vault()
    folder = vault.folder
    users.add_user(vault, "j.smith", "Jo Smith", Role.OFFICER, "first lantern ocean",
                   must_change_password=False)  # fmt: skip
    vault.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine)
    new_password = "second harbour quiet"

    def job() -> None:
        admin = Vault.open(folder, "admin", ADMIN_PASSWORD)
        try:
            if change == "users add":
                users.add_user(admin, "a.khan", "Amir Khan", Role.OFFICER, new_password,
                               must_change_password=False)  # fmt: skip
            else:
                users.reset_password(admin, "j.smith", new_password)
        finally:
            admin.close()

    def check(step: int) -> None:
        admin = Vault.open(folder, "admin", ADMIN_PASSWORD)  # settles what the kill left
        try:
            accounts, actions = _users_and_actions(admin)
        finally:
            admin.close()
        slots, active = _key_slots(folder), {u for u, on in accounts.items() if on}
        assert slots <= active, f"step {step}: a key slot with no active account: {slots - active}"
        if change == "users add":
            added = "a.khan" in active
            assert added == ("a.khan" in slots), f"step {step}"
            if added:
                assert "user_added a.khan" in actions, f"step {step}: an account not in the trail"
                Vault.open(folder, "a.khan", new_password).close()
            elif "a.khan" in accounts:  # the row was written, the key file was not: undone, said
                assert "key_change_interrupted a.khan" in actions, f"step {step}"
        else:
            opened = [p for p in ("first lantern ocean", new_password) if _opens(folder, p)]
            assert len(opened) == 1, f"step {step}: the password is {opened or 'neither'}"
            if opened == [new_password]:
                assert any("password" in a and "j.smith" in a for a in actions), f"step {step}"
        assert (folder / "vault.keys").read_bytes() == (folder / "vault.keys.bak").read_bytes()
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder)

    assert _every_step(job, check, lambda: check(0)) > 10


def _opens(folder: Path, password: str) -> bool:
    from opal_desktop.errors import WrongPassword

    try:
        Vault.open(folder, "j.smith", password).close()
    except WrongPassword:
        return False
    return True
