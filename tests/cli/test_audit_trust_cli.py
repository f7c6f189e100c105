"""Issue 16 on the command line: a rolled-back vault is one sentence on stderr, and
`audit verify --against` a backup proves the trail's history."""

from __future__ import annotations

import shutil
from pathlib import Path

from opal_desktop.vault.engine import DB_NAME

from .helpers import Cli, raw_database


def test_an_older_vault_db_is_one_warning_line_and_fails_verify(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    shutil.copy2(vault_folder / DB_NAME, tmp_path / "old.db")
    assert cli("settings", "set", "idle_lock_minutes", "15").code == 0
    shutil.copy2(tmp_path / "old.db", vault_folder / DB_NAME)

    result = cli("audit", "verify")
    assert result.code == 1
    warnings = [line for line in result.err.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1
    assert warnings[0].startswith("Warning: This vault is an older copy than the one last used")
    assert result.out.splitlines()[0] == warnings[0].removeprefix("Warning: ")
    assert "Traceback" not in result.err


def test_audit_verify_against_a_backup(cli: Cli, vault_folder: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.opalbackup"
    assert cli("backup", "--out", str(backup)).code == 0, "backup failed"
    proved = cli("audit", "verify", "--against", str(backup))
    assert proved.code == 0, proved.out + proved.err
    assert "are exactly as the checkpoint made at" in proved.out

    with raw_database(vault_folder) as conn:
        conn.execute("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2")
    tampered = cli("audit", "verify", "--against", str(backup), "--json")
    assert tampered.code == 1
    doc = tampered.json()
    assert isinstance(doc, dict)
    assert doc["against"]["first_differing"] is None  # the summary changed, not the hash
    assert doc["first_bad_id"] == 2


def test_audit_verify_against_a_missing_file_is_one_sentence(cli: Cli, tmp_path: Path) -> None:
    result = cli("audit", "verify", "--against", str(tmp_path / "nope.zip"))
    assert result.code == 2
    assert (
        result.err.strip()
        == f"There is no file {tmp_path / 'nope.zip'} to check the trail against."
    )
