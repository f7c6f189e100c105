"""The stored bytes of many exhibits, read from worker threads (package exports).

An export reads a few hundred stills on two worker threads while its main thread lays out
pages. Through a fresh pooled connection a read costs a BEGIN, the SELECT and a ROLLBACK,
and at each of them the worker lets go of the GIL; getting it back from a busy layout thread
can take Python's whole switch interval (5 ms). So inside `kept_open()` each thread keeps one
connection, in one read transaction, until the block ends: a read is then a single SQLite
step. Stills never change once stored, so it does not matter which moment each thread sees.

    stills = StoredBytes(vault)
    with stills.kept_open():
        data = stills.read(exhibit_id)     # from any thread
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import NoResultFound

from opal_desktop.errors import VaultDamaged
from opal_desktop.evidence.queries import stored_bytes
from opal_desktop.vault.vault import Vault

_SELECT = "SELECT data FROM exhibit_blobs WHERE exhibit_id = ?"


class StoredBytes:
    """Reads stored bytes without the store-rule check: only for callers that have already
    made it for the exhibits' incidents (see queries.stored_bytes)."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._lock = threading.Lock()
        self._depth = 0  # kept_open blocks entered and not left
        self._kept: dict[int, tuple[Connection, Any]] = {}  # thread -> (connection, DB-API)

    def read(self, exhibit_id: int) -> bytes:
        with self._lock:
            keeping = self._depth > 0
            kept = self._kept.get(threading.get_ident())
        if not keeping:
            return stored_bytes(self._vault, exhibit_id)
        dbapi = kept[1] if kept is not None else self._keep()
        row = dbapi.execute(_SELECT, (exhibit_id,)).fetchone()
        if row is None:
            raise NoResultFound(f"no stored bytes for exhibit {exhibit_id}")
        return bytes(row[0])

    @contextlib.contextmanager
    def kept_open(self) -> Iterator[None]:
        """Within the block, reads keep their thread's connection. Stop the reading threads
        before the block ends."""
        with self._lock:
            self._depth += 1
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            with self._lock:
                self._depth -= 1
                kept = list(self._kept.values()) if self._depth == 0 else []
                if self._depth == 0:
                    self._kept.clear()
            for conn, _ in kept:
                if failed:  # e.g. a damaged page: the connection is not trusted again
                    conn.invalidate()
                conn.close()  # the pool rolls back on return: the read transaction ends

    def _keep(self) -> Any:
        conn = self._vault.engine.connect()
        try:
            dbapi = conn.connection.driver_connection
            assert dbapi is not None
            dbapi.execute("BEGIN")
        except BaseException:
            conn.close()
            raise
        with self._lock:
            self._kept[threading.get_ident()] = (conn, dbapi)
        return dbapi


def still_as_recorded(data: bytes, sha256: str, reference: str) -> bytes:
    """`data` if it still has the SHA-256 recorded at import; an export must not send a still
    that changed (the PDF prints the recorded hash under it, the ZIP lists it)."""
    if hashlib.sha256(data).hexdigest() != sha256:
        raise VaultDamaged(
            f"Exhibit {reference} in the vault no longer matches the SHA-256 recorded when it "
            "was imported, so it cannot be exported as evidence and nothing was exported. Tell "
            "your administrator: `opal-desktop stills verify` lists every changed still, and the "
            "vault may need restoring from a backup."
        )
    return data
