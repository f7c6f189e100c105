"""The command line as a user runs it: a real process, real Argon2id costs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opal_desktop.__main__ import opens_gui

from .helpers import ADMIN_PASSWORD

INIT = [
    "init",
    "--org",
    "Northern Grocers Ltd",
    "--store-code",
    "LDS01",
    "--store-name",
    "Leeds Kirkstall",
    "--postcode",
    "LS5 3BT",
    "--force",
    "west-yorkshire",
    "--admin",
    "admin",
]


def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPAL_DESKTOP_")}
    return subprocess.run(
        [sys.executable, "-m", "opal_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=120,
        check=False,
    )


def test_help_is_quick_to_load_and_needs_no_gui() -> None:
    probe = (
        "import sys\n"
        "from opal_desktop.__main__ import main\n"
        "code = main(['--help'])\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlcipher3', 'cryptography', 'PySide6') if m in sys.modules]\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stderr.strip() == "0 []"
    assert "examples:" in result.stdout


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `opal-desktop forces | head -1`: the pipe closes before everything is printed.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPAL_DESKTOP_")}
    process = subprocess.Popen([sys.executable, "-m", "opal_desktop", "forces"], env=clean,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert errors == ""


def test_no_arguments_or_only_a_vault_opens_the_gui() -> None:
    assert opens_gui([])
    assert opens_gui(["--vault", "x"])
    assert opens_gui(["--vault=x"])
    assert not opens_gui(["--vault", "x", "info"])
    assert not opens_gui(["--help"])


@pytest.mark.slow
def test_init_sign_in_and_wrong_password_in_a_real_process(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    made = run("--vault", str(vault), *INIT, "--json", OPAL_DESKTOP_PASSWORD=ADMIN_PASSWORD)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["recovery_code"]
    slot = json.loads((vault / "vault.keys").read_text())["slots"][0]
    assert slot["kdf"]["memory_kib"] == 128 * 1024  # the real cost, not the tests' shortcut

    info = run(
        "--vault", str(vault), "--user", "admin", "--password-stdin", "info", "--json",
        stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["store_code"] == "LDS01"

    before = {n: (vault / n).read_bytes() for n in ("vault.db", "vault.keys", "vault.keys.bak")}
    wrong = run(
        "--vault", str(vault), "--user", "admin", "info", OPAL_DESKTOP_PASSWORD="not it at all"
    )
    assert wrong.returncode == 2
    assert wrong.stdout == ""
    assert wrong.stderr.count("\n") == 1
    assert "Traceback" not in wrong.stderr
    assert "is not right" in wrong.stderr
    assert before == {n: (vault / n).read_bytes() for n in before}


@pytest.mark.slow
def test_backup_and_restore_in_a_real_process(tmp_path: Path) -> None:
    vault, copy, out = tmp_path / "vault", tmp_path / "copy", tmp_path / "store.opalbackup"
    assert run("--vault", str(vault), *INIT, OPAL_DESKTOP_PASSWORD=ADMIN_PASSWORD).returncode == 0
    backup = run(
        "--vault", str(vault), "--user", "admin", "backup", "--out", str(out),
        OPAL_DESKTOP_PASSWORD=ADMIN_PASSWORD,
    )  # fmt: skip
    assert backup.returncode == 0, backup.stderr
    restore = run("restore", str(out), "--vault", str(copy))
    assert restore.returncode == 0, restore.stderr
    assert "Sign in to check it" in restore.stdout
    verify = run(
        "--vault", str(copy), "--user", "admin", "--password-stdin", "audit", "verify",
        stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert verify.returncode == 0, verify.stderr
    assert "intact" in verify.stdout
    again = run("restore", str(out), "--vault", str(copy))
    assert again.returncode == 2
    assert "--force" in again.stderr
