"""Helpers for the command-line tests: run the CLI in-process, reach a vault's bytes."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from opal_desktop.cli import main
from opal_desktop.vault import keyfile
from opal_desktop.vault.engine import DB_NAME, connect_raw
from opal_desktop.vault.keyfile import KeyFile
from opal_desktop.vault.vault import VaultSetup

FAST_KDF = keyfile.KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
ADMIN = "admin"
ADMIN_PASSWORD = "kettle orbit velvet"
OFFICER = "j.smith"
OFFICER_PASSWORD = "lantern pebble walrus"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


class Cli:
    """Runs `opal-desktop ARGS` in-process as a given user; secrets go in by env or stdin."""

    def __init__(
        self, folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.folder = folder
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(
        self,
        *argv: str,
        user: str | None = ADMIN,
        password: str | None = ADMIN_PASSWORD,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        vault: Path | None = None,
    ) -> Result:
        args = ["--vault", str(vault or self.folder)]
        if user is not None:
            args += ["--user", user]
        with self._monkeypatch.context() as patch:
            if password is not None:
                patch.setenv("OPAL_DESKTOP_PASSWORD", password)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            patch.setattr(sys, "stdin", io.StringIO(stdin or ""))
            self._capsys.readouterr()
            code = main([*args, *argv])
        out, err = self._capsys.readouterr()
        return Result(code, out, err)


def setup_for_tests() -> VaultSetup:
    return VaultSetup(
        organisation="Northern Grocers Ltd",
        store_name="Leeds Kirkstall",
        store_code="LDS01",
        address="1 Kirkstall Road, Leeds",
        postcode="LS5 3BT",
        force_id="west-yorkshire",
        admin_username=ADMIN,
        admin_display_name="Alex Admin",
        admin_password=ADMIN_PASSWORD,
    )


@contextlib.contextmanager
def raw_database(
    folder: Path, username: str = ADMIN, password: str = ADMIN_PASSWORD
) -> Iterator[Any]:
    """A keyed DB-API connection that bypasses the app, as someone tampering would use."""
    key = KeyFile.load(folder).unwrap_user(username, password)
    conn = connect_raw(folder / DB_NAME, key)
    try:
        yield conn
    finally:
        conn.close()


def vault_bytes(folder: Path) -> dict[str, bytes]:
    """The files that make up a vault (not the lock file or failed sign-in notes)."""
    return {
        name: (folder / name).read_bytes()
        for name in ("vault.db", "vault.keys", "vault.keys.bak")
        if (folder / name).exists()
    }
