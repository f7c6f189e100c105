"""Shared fixtures: real SQLCipher vaults on disk, with Argon2id made cheap for speed.

Tests marked `slow` keep the real key-derivation cost.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never the real user's state folder, even for session-wide fixtures (see own_state_dir);
# XDG_STATE_HOME, which platformdirs reads, also reaches child processes.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="opal-state-")

from opal_desktop.vault import keyfile
from opal_desktop.vault.vault import Vault, VaultSetup

FAST_KDF = keyfile.KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
ADMIN_PASSWORD = "kettle orbit velvet"


@pytest.fixture(autouse=True)
def own_state_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test its own per-computer-user record of audit heads (vault/head_guard.py):
    copies of one template vault share a vault id, and must not look rolled back."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("os-user-state")))


@pytest.fixture(autouse=True)
def fast_kdf(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("slow") is None:
        monkeypatch.setattr(keyfile, "DEFAULT_KDF", FAST_KDF)


def make_setup(**overrides: str) -> VaultSetup:
    fields = {
        "organisation": "Northern Grocers Ltd",
        "store_name": "Leeds Kirkstall",
        "store_code": "LDS01",
        "address": "1 Kirkstall Road, Leeds",
        "postcode": "LS5 3BT",
        "force_id": "west-yorkshire",
        "admin_username": "admin",
        "admin_display_name": "Alex Admin",
        "admin_password": ADMIN_PASSWORD,
    }
    fields.update(overrides)
    return VaultSetup(**fields)  # type: ignore[arg-type]  # all str fields


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def new_vault(vault_dir: Path) -> Iterator[Callable[..., tuple[Vault, str]]]:
    """Create a vault (signed in as its admin); closed again at the end of the test."""
    opened: list[Vault] = []

    def create(**overrides: str) -> tuple[Vault, str]:
        vault, code = Vault.create(vault_dir, make_setup(**overrides))
        opened.append(vault)
        return vault, code

    yield create
    for vault in opened:
        if vault._lock.held:
            vault.close(audited=False)


def open_as(folder: Path, username: str, password: str) -> Vault:
    return Vault.open(folder, username, password)
