"""A vault folder that is read-only for the user (a shared folder with the wrong
permissions), and a read-only out folder: one sentence each, reading still works.

Read-only for real (a tmpfs remounted read-only) where the machine allows a mount, else
chmod for a user who is not root, else injected (tests/disk_support.py); each test prints
which.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from disk_support import read_only_folder

from opal_desktop.incidents import records
from opal_desktop.vault.backup import verify_backup
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, Cli, vault_bytes

ASK_IT = "is read-only for you, so Opal Desktop cannot save anything in it. Ask IT"


@pytest.fixture
def shared(
    tmp_path: Path,
    template_vault: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[tuple[Cli, str]]:
    """A vault with one incident in a folder made read-only; (cli, incident reference)."""
    with read_only_folder(tmp_path, monkeypatch) as (point, make_read_only, how):
        print(f"read-only folder made by: {how}")
        folder = point / "vault"
        shutil.copytree(template_vault[0], folder)
        vault = Vault.open(folder, ADMIN, ADMIN_PASSWORD)
        try:
            reference = records.save(vault, records.new_incident(vault)).reference
        finally:
            vault.close()
        make_read_only()
        yield Cli(folder, capsys, monkeypatch), reference


def test_reading_commands_work_in_a_read_only_vault_folder(
    shared: tuple[Cli, str], tmp_path: Path
) -> None:
    cli, reference = shared
    before = vault_bytes(cli.folder)
    for command in (
        ("info",),
        ("incidents", "list"),
        ("audit", "verify"),
        ("stills", "verify"),
        ("users", "list"),
    ):
        done = cli(*command)
        assert done.code == 0, (command, done.err)
        assert "Traceback" not in done.err
        assert f"The vault folder {cli.folder} is read-only for you" in done.err
    assert reference in cli("incidents", "list").out
    assert vault_bytes(cli.folder) == before


def test_a_change_in_a_read_only_vault_folder_is_one_sentence_naming_the_folder(
    shared: tuple[Cli, str], tmp_path: Path
) -> None:
    cli, reference = shared
    before = vault_bytes(cli.folder)
    changed = cli("settings", "set", "idle_lock_minutes", "15")
    assert changed.code == 2
    assert f"The vault folder {cli.folder} {ASK_IT}" in changed.err
    still = tmp_path / "cam1.png"
    from PIL import Image

    Image.new("RGB", (64, 48), (10, 120, 30)).save(still)
    added = cli("stills", "add", "--incident", reference, str(still))
    assert added.code == 2 and "Traceback" not in added.err
    assert added.out.startswith("Not stored (1): cam1.png. The vault folder")
    assert vault_bytes(cli.folder) == before


def test_the_app_sign_in_says_which_folder_and_what_to_ask_it_for(
    shared: tuple[Cli, str],
) -> None:
    from opal_desktop.errors import FolderReadOnly

    cli, _reference = shared
    with pytest.raises(FolderReadOnly, match="Ask IT to give your account permission"):
        Vault.open(cli.folder, ADMIN, ADMIN_PASSWORD)


def test_a_backup_into_a_read_only_out_folder_is_one_sentence(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with read_only_folder(tmp_path, monkeypatch) as (point, make_read_only, how):
        print(f"read-only out folder made by: {how}")
        make_read_only()
        done = cli("backup", "--out", str(point))
    assert done.code == 2 and "Traceback" not in done.err
    said = done.err.strip().splitlines()[-1]  # one sentence (after any sign-in note)
    assert str(point) in said and "read-only" in said


def test_a_read_only_vault_can_be_backed_up_elsewhere(
    shared: tuple[Cli, str], tmp_path: Path
) -> None:
    cli, _reference = shared
    out = tmp_path / "usb"
    out.mkdir()
    done = cli("backup", "--out", str(out))
    assert done.code == 0, done.err
    assert [p.suffix for p in out.iterdir()] == [".opalbackup"]
    assert "not in its audit trail" in done.out  # it cannot be: said, not hidden
    verify_backup(next(out.iterdir()))  # a whole backup, that restores
