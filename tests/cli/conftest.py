"""Fixtures for the command-line tests: real SQLCipher vaults, the CLI called in-process.

Argon2id is made cheap unless a test is marked `slow`. One vault is made per session and
copied for each test, so the RSA-3072 signing key is generated once.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from opal_desktop.vault import keyfile
from opal_desktop.vault.vault import Vault

from .helpers import FAST_KDF, OFFICER, OFFICER_PASSWORD, Cli, setup_for_tests


@pytest.fixture(autouse=True)
def _clean_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("OPAL_DESKTOP_"):
            monkeypatch.delenv(name)
    if request.node.get_closest_marker("slow") is None:
        monkeypatch.setattr(keyfile, "DEFAULT_KDF", FAST_KDF)


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("template") / "vault"
    vault, code = Vault.create(folder, setup_for_tests(), kdf=FAST_KDF)
    vault.close()
    return folder, code


@pytest.fixture
def vault_folder(tmp_path: Path, template_vault: tuple[Path, str]) -> Path:
    """A fresh copy of a vault whose admin is `admin` / ADMIN_PASSWORD."""
    folder = tmp_path / "vault"
    shutil.copytree(template_vault[0], folder)
    return folder


@pytest.fixture
def recovery_code(template_vault: tuple[Path, str]) -> str:
    return template_vault[1]


@pytest.fixture
def cli(
    vault_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    return Cli(vault_folder, capsys, monkeypatch)


@pytest.fixture
def with_officer(cli: Cli) -> Cli:
    """The vault also has an officer, j.smith, whose first password has been changed."""
    added = cli(
        "users",
        "add",
        OFFICER,
        "--name",
        "Jo Smith",
        "--role",
        "officer",
        env={"OPAL_DESKTOP_NEW_PASSWORD": "temporary password 1"},
    )
    assert added.code == 0, added.err
    changed = cli(
        "users",
        "passwd",
        user=OFFICER,
        password="temporary password 1",
        env={"OPAL_DESKTOP_NEW_PASSWORD": OFFICER_PASSWORD},
    )
    assert changed.code == 0, changed.err
    return cli
