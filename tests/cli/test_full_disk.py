"""A vault whose disk is full: reading commands still work, a change gets one sentence,
a batch of stills says exactly what went in, and the vault is left consistent.

The disk is a real small tmpfs where the machine allows a mount, else SQLITE_FULL is
injected (tests/disk_support.py); each test prints which.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from disk_support import Place, full_disk
from PIL import Image

from opal_desktop.incidents import records
from opal_desktop.vault.backup import verify_backup
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, Cli, vault_bytes

FULL = "is full, so nothing more can be saved there. Free some space on it (or move the vault"


@pytest.fixture
def disk(
    tmp_path: Path, template_vault: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Place]:
    with full_disk(tmp_path, monkeypatch) as place:
        print(f"full disk made by: {place.how}")
        shutil.copytree(template_vault[0], place.folder / "vault")
        yield place


@pytest.fixture
def on_disk(
    disk: Place, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    return Cli(disk.folder / "vault", capsys, monkeypatch)


def _incident(folder: Path) -> str:
    vault = Vault.open(folder, ADMIN, ADMIN_PASSWORD)
    try:
        return records.save(vault, records.new_incident(vault)).reference
    finally:
        vault.close()


def _stills(folder: Path, count: int) -> Path:
    """Noise PNGs (~480 KB each, so a few fill a few MB)."""
    folder.mkdir()
    for number in range(count):
        out = io.BytesIO()
        Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3)).save(out, "PNG")
        (folder / f"cam{number}.png").write_bytes(out.getvalue())
    return folder


def test_reading_commands_work_on_a_full_disk_and_a_change_is_one_sentence(
    disk: Place, on_disk: Cli, tmp_path: Path
) -> None:
    folder = disk.folder / "vault"
    reference = _incident(folder)
    disk.make_full(0)
    before = vault_bytes(folder)
    for command in (
        ("info",),
        ("incidents", "list"),
        ("audit", "verify"),
        ("stills", "verify"),
        ("stills", "list", "--incident", reference),
    ):
        done = on_disk(*command)
        assert done.code == 0, (command, done.err)
        assert "is full: the vault is open for reading only" in done.err, command
        assert "Traceback" not in done.err
    assert "The audit trail is intact" in on_disk("audit", "verify").out
    assert reference in on_disk("incidents", "list").out
    changed = on_disk("settings", "set", "idle_lock_minutes", "15")
    assert changed.code == 2
    assert FULL in changed.err and str(folder) in changed.err
    assert vault_bytes(folder) == before  # nothing was written, not even a sign-in


def test_a_batch_on_a_nearly_full_disk_says_what_was_stored_and_the_vault_stays_whole(
    disk: Place, on_disk: Cli, tmp_path: Path
) -> None:
    folder = disk.folder / "vault"
    reference = _incident(folder)
    stills = _stills(tmp_path / "export", 6)
    disk.make_full(1_400_000)  # room for about two of the six
    added = on_disk("stills", "add", "--incident", reference, str(stills))
    assert added.code == 2, added.err
    assert "Traceback" not in added.err
    said_added = next(line for line in added.out.splitlines() if line.startswith("Added "))
    said_not = next(line for line in added.out.splitlines() if line.startswith("Not stored ("))
    assert FULL in said_not and said_not.endswith("then add them again.")
    not_stored = said_not.split(": ", 1)[1].split(". ", 1)[0].split(", ")
    assert said_not.startswith(f"Not stored ({len(not_stored)}): ")

    disk.free()  # with room again the vault opens normally and holds exactly what was said
    listed = on_disk("stills", "list", "--incident", reference, "--json")
    stored = [e["original_filename"] for e in json.loads(listed.out)]
    assert stored and not_stored  # some went in, some did not: exactly as it said
    assert stored + not_stored == [f"cam{n}.png" for n in range(6)]
    assert (
        said_added
        == f"Added {len(stored)} still(s): "
        + ", ".join(e["reference"] for e in json.loads(listed.out))
        + "."
    )
    assert on_disk("audit", "verify").code == 0
    verified = on_disk("stills", "verify")
    assert verified.code == 0 and f"All {len(stored)} stills match" in verified.out
    assert "reading only" not in verified.err


def test_a_full_disk_sign_in_from_the_app_is_one_sentence(disk: Place) -> None:
    from opal_desktop.errors import DiskFull

    folder = disk.folder / "vault"
    disk.make_full(0)
    with pytest.raises(DiskFull, match="Free some space on it"):
        Vault.open(folder, ADMIN, ADMIN_PASSWORD)  # the GUI's sign-in: no read-only fallback
    reopened = Vault.open(folder, ADMIN, ADMIN_PASSWORD, allow_read_only=True)
    try:
        assert reopened.read_only == "full"
    finally:
        reopened.close()


def test_a_full_vault_can_be_backed_up_to_another_disk(
    disk: Place, on_disk: Cli, tmp_path: Path
) -> None:
    folder = disk.folder / "vault"
    disk.make_full(0)
    before = vault_bytes(folder)
    out = tmp_path / "usb"
    out.mkdir()
    done = on_disk("backup", "--out", str(out))
    assert done.code == 0, done.err
    assert [p.suffix for p in out.iterdir()] == [".opalbackup"]
    assert "not in its audit trail" in done.out  # it cannot be: said, not hidden
    verify_backup(next(out.iterdir()))  # a whole backup, that restores
    assert vault_bytes(folder) == before
