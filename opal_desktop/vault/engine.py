"""SQLCipher through SQLAlchemy: the one place that opens database connections.

Built as TECH_NOTES says: sqlcipher3 declared as the DB-API module so SQLAlchemy wraps its
errors, the raw 256-bit key (no SQLCipher PBKDF2 on every open), a read straight after
keying so a wrong key fails here, and SQLAlchemy owning transactions so a failed
migration rolls back whole.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from opal_desktop.errors import VaultDamaged

DB_NAME = "vault.db"


def _is_wrong_key(error: BaseException) -> bool:
    return "file is not a database" in str(error) or "not a database" in str(error)


def connect_raw(path: Path, key: bytes, read_only: bool = False) -> sqlcipher3.Connection:
    """A keyed DB-API connection; raises VaultDamaged if the key does not open the file.

    `read_only` is for a vault whose disk is full or whose folder is read-only: see
    connect_read_only."""
    if len(key) != 32:
        raise ValueError("SQLCipher needs a 256-bit key")
    if read_only:
        return connect_read_only(path, key)
    return _connect(str(path), key, uri=False)


def connect_read_only(path: Path, key: bytes) -> sqlcipher3.Connection:
    """Read without writing a byte. `mode=ro` still needs a -shm file it can create or
    grow (measured on SQLCipher 4.19: "disk I/O error" on a full tmpfs, "unable to open
    database file" in a read-only folder). Then `immutable=1`, which reads the main file
    alone, with no locks: right only while the -wal file is empty or absent (a cleanly
    closed vault), so with committed pages waiting in a -wal it is never used."""
    sidecars = [path.with_name(path.name + end) for end in ("-wal", "-shm")]
    existed = {car for car in sidecars if car.exists()}
    base = "file:" + quote(str(path.resolve()))
    try:
        return _connect(base + "?mode=ro", key, uri=True)
    except sqlcipher3.OperationalError:
        for car in set(sidecars) - existed:  # made by the failed try: leave the folder as it was
            with contextlib.suppress(OSError):
                car.unlink()
        wal = sidecars[0]
        if wal.exists() and wal.stat().st_size > 0:
            raise
    return _connect(base + "?mode=ro&immutable=1", key, uri=True)


def _connect(target: str, key: bytes, *, uri: bool) -> sqlcipher3.Connection:
    read_only = uri  # only the read-only opens go through a URI
    conn = sqlcipher3.connect(target, check_same_thread=False, isolation_level=None, uri=uri)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if read_only:
            conn.execute("PRAGMA query_only = ON")  # a write is refused, not attempted
        else:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(
            "PRAGMA secure_delete = ON"
        )  # deleted records are zeroed, not left in free pages
    except sqlcipher3.DatabaseError as error:
        conn.close()
        if _is_wrong_key(error):
            raise VaultDamaged(
                "The database does not open with this vault's key: it is damaged or belongs to "
                "another vault. Restore it from a backup."
            ) from None
        raise
    return conn


def make_engine(path: Path, key: bytes, pool_size: int = 2, read_only: bool = False) -> Engine:
    # The first connection is made here so a wrong key fails now, not on first use.
    first = connect_raw(path, key, read_only)
    pending: list[Any] = [first]

    def creator() -> Any:
        return pending.pop() if pending else connect_raw(path, key, read_only)

    engine = create_engine(
        "sqlite://",
        module=sqlcipher3,
        creator=creator,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=2,
    )

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def run_outside_transaction(engine: Engine, sql: str, params: tuple[object, ...] = ()) -> None:
    """For statements SQLite refuses inside a transaction (VACUUM INTO, checkpoints)."""
    with engine.connect() as conn:
        dbapi_conn = conn.connection.driver_connection
        assert dbapi_conn is not None
        dbapi_conn.execute(sql, params)
