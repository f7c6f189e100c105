"""Old vaults upgrade, with an encrypted backup first; the schema head constant is honest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opal_desktop.domain.roles import Role
from opal_desktop.vault import migrate, users
from opal_desktop.vault.audit_view import verify_trail
from opal_desktop.vault.engine import DB_NAME, make_engine
from opal_desktop.vault.keyfile import KeyFile
from opal_desktop.vault.vault import Vault

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "vault_schema_0001"
PASSWORD = "fixture vault password"


def test_schema_head_constant_matches_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_current_head() == migrate.SCHEMA_HEAD


def test_a_schema_0001_vault_upgrades_with_a_backup_and_keeps_its_data(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    vault = Vault.open(folder, "admin", PASSWORD)
    try:
        assert vault.migration_backup is not None and vault.migration_backup.exists()
        assert {u.username for u in users.list_users(vault)} == {"admin", "officer"}
        officer = next(u for u in users.list_users(vault) if u.username == "officer")
        assert (
            officer.role is Role.OFFICER and not officer.must_change_password
        )  # new column defaulted
        report = verify_trail(vault)
        assert report.intact, report.sentence()
        assert vault.home_store().code == "FIX01"
    finally:
        vault.close()
    # The backup is still encrypted under the same key and still at the old schema.
    backup = next((folder / "backups").iterdir())
    assert b"SQLite format 3" not in backup.read_bytes()[:16]
    key = KeyFile.load(folder).unwrap_user("admin", PASSWORD)
    engine = make_engine(backup, key)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == "0001"
    engine.dispose()
    # A second sign-in finds nothing to do.
    again = Vault.open(folder, "officer", PASSWORD)
    assert again.migration_backup is None
    again.close()


def test_a_failed_migration_leaves_the_schema_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    key = KeyFile.load(folder).unwrap_user("admin", PASSWORD)
    engine = make_engine(folder / DB_NAME, key)

    from alembic.operations import Operations

    original = Operations.batch_alter_table
    calls = {"n": 0}

    def failing_second_batch(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut half-way through the migration")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Operations, "batch_alter_table", failing_second_batch)
    with pytest.raises(RuntimeError, match="power cut"):
        migrate.upgrade_to(engine)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == "0001"
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(users)")}
        assert "must_change_password" not in columns
    engine.dispose()
