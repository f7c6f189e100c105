"""Schema migrations with Alembic, taking an encrypted backup first.

A vault whose schema this version does not know was written by a newer version: it is
refused before anything is written to it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine

from opal_desktop.errors import VaultTooNew
from opal_desktop.vault.engine import run_outside_transaction

# Kept in step with the newest file in migrations/versions (a test checks), so that a
# vault that is up to date opens without loading Alembic at all.
SCHEMA_HEAD = "0011"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUP_DIR_NAME = "backups"


def current_revision(conn: Connection) -> str | None:
    has_table = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
    ).first()
    if not has_table:
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def _alembic_config(conn: Connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}


def upgrade_to(engine: Engine, revision: str = "head") -> None:
    """Apply migrations in one transaction: a failure leaves the schema as it was."""
    from alembic import command

    with engine.connect() as conn:
        # Off while migrating, as SQLite's table rebuild requires (batch mode drops the old
        # table, whose ON DELETE CASCADE would empty its children); checked before commit.
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                command.upgrade(_alembic_config(conn), revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise RuntimeError(f"migration broke a foreign key: {tuple(broken)}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def backup_before_migrating(engine: Engine, folder: Path, from_revision: str) -> Path:
    """VACUUM INTO a copy that stays encrypted under the same key."""
    backups = folder / BACKUP_DIR_NAME
    backups.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"vault-schema-{from_revision}-{stamp}.db"
    run_outside_transaction(engine, "VACUUM INTO ?", (str(target),))
    return target


def ensure_current(engine: Engine, folder: Path) -> Path | None:
    """Bring an older vault up to date; return the pre-migration backup, if one was taken."""
    with engine.connect() as conn:
        found = current_revision(conn)
    if found == SCHEMA_HEAD:
        return None
    if found is None:
        raise VaultTooNew("unknown")  # a database without our schema: never write to it
    if found not in known_revisions():
        raise VaultTooNew(found)
    backup = backup_before_migrating(engine, folder, found)
    upgrade_to(engine)
    return backup
