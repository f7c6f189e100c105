"""A restore cut short (power cut, crash): every command says so and how to settle it,
`restore --finish` gives the backup's vault and `restore --undo` the one that was there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from kill_support import MAX_STEPS, run_killed_at

from opal_desktop.vault import restore_journal
from opal_desktop.vault.backup import restore_backup, undo_restore

from .helpers import Cli, raw_database

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


def _interrupt_a_restore(cli: Cli, tmp_path: Path) -> Path:
    backup = tmp_path / "monday.opalbackup"
    assert cli("backup", "--out", str(backup)).code == 0
    for step in range(1, MAX_STEPS):
        assert not run_killed_at(step, lambda: restore_backup(backup, cli.folder, replace=True))
        journal = restore_journal.pending(cli.folder)
        if journal is not None and journal.swapped:
            return backup
        if journal is not None:
            undo_restore(cli.folder)  # caught too early: put it back and try a later moment
    raise AssertionError("never caught the restore part-way")


def _actions(folder: Path) -> list[str]:
    with raw_database(folder) as conn:
        return [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]


@pytest.mark.parametrize("choice", ["--finish", "--undo"])
def test_commands_point_at_finish_or_undo(cli: Cli, tmp_path: Path, choice: str) -> None:
    backup = _interrupt_a_restore(cli, tmp_path)
    init = ("init", "--org", "Northern Grocers Ltd", "--store-code", "LDS01", "--store-name", "Leeds",
            "--postcode", "LS5 3BT", "--force", "west-yorkshire", "--admin", "new.admin")  # fmt: skip
    for argv in (("info",), ("audit", "verify"), init):
        blocked = cli(*argv, stdin="kettle orbit velvet\nkettle orbit velvet\n")
        assert blocked.code != 0
        assert "was interrupted" in blocked.err and "restore --finish" in blocked.err, blocked.err
        assert "Traceback" not in blocked.err
    again = cli("restore", str(backup), "--force", user=None, password=None)
    assert again.code != 0 and "restore --undo" in again.err

    settled = cli("restore", choice, user=None, password=None)
    assert settled.code == 0, settled.err
    assert ("is complete" if choice == "--finish" else "undone") in settled.out
    assert restore_journal.pending(cli.folder) is None
    assert cli("info").code == 0
    restored = "vault_restored" in _actions(cli.folder)
    assert restored == (choice == "--finish")  # the backup's trail, plus the restore
    assert not list(cli.folder.glob(".restoring-*"))


def test_finish_or_undo_with_nothing_interrupted_says_so(cli: Cli) -> None:
    result = cli("restore", "--undo", user=None, password=None)
    assert result.code != 0 and "no interrupted restore" in result.err
