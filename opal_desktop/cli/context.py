"""What every command shares: where the vault is, who signs in, and where secrets come from.

Secrets never come from the command line (it shows up in `ps` and shell history). They come
from environment variables or, with `--password-stdin`, from stdin one per line in the order
each command documents.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from opal_desktop.errors import BadFile, InvalidInput

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

# Names of environment variables, not secrets.
PASSWORD_ENV = "OPAL_DESKTOP_PASSWORD"  # noqa: S105
NEW_PASSWORD_ENV = "OPAL_DESKTOP_NEW_PASSWORD"  # noqa: S105
USER_ENV = "OPAL_DESKTOP_USER"
RECOVERY_CODE_ENV = "OPAL_DESKTOP_RECOVERY_CODE"
P12_PASSWORD_ENV = "OPAL_DESKTOP_P12_PASSWORD"  # noqa: S105


@dataclass(frozen=True)
class Secret:
    """One secret a command needs: its environment variable and its line on stdin."""

    env: str
    line: int  # 1-based line number when --password-stdin is given
    missing: str  # the sentence when neither gives it
    allow_empty: bool = False


PASSWORD = Secret(
    PASSWORD_ENV,
    1,
    f"No password given: set {PASSWORD_ENV} or use --password-stdin.",
)
NEW_PASSWORD = Secret(
    NEW_PASSWORD_ENV,
    2,
    f"No new password given: set {NEW_PASSWORD_ENV}, or with --password-stdin give it "
    "as the second line on stdin.",
)


@dataclass
class StdinLines:
    """Reads stdin a line at a time, only as far as a command needs."""

    stream: TextIO
    lines: list[str] = field(default_factory=list)
    ended: bool = False

    def get(self, number: int) -> str | None:
        while len(self.lines) < number and not self.ended:
            raw = self.stream.readline()
            if raw == "":
                self.ended = True
            else:
                self.lines.append(raw.rstrip("\r\n"))
        return self.lines[number - 1] if len(self.lines) >= number else None


class Context:
    """The parsed arguments plus the helpers commands use to reach the vault."""

    def __init__(self, args: argparse.Namespace, stdin: TextIO | None = None) -> None:
        self.args = args
        self._stdin = StdinLines(stdin if stdin is not None else sys.stdin)

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def vault_folder(self) -> Path:
        from opal_desktop.paths import resolve_vault_dir

        return resolve_vault_dir(self.args.vault)

    def username(self) -> str:
        name = self.args.user or os.environ.get(USER_ENV, "")
        if not name.strip():
            raise InvalidInput(f"No user given: use --user NAME or set {USER_ENV}.")
        return str(name).strip()

    def secret(self, which: Secret) -> str:
        value: str | None = None
        if self.args.password_stdin:
            value = self._stdin.get(which.line)
        if value is None or (value == "" and not which.allow_empty):
            value = os.environ.get(which.env)
        if value is None or (value == "" and not which.allow_empty):
            raise InvalidInput(which.missing)
        return value

    def new_password(self) -> str:
        """The second secret of a command that signs in; asked for before the slow sign-in."""
        self.secret(PASSWORD)
        return self.secret(NEW_PASSWORD)

    @contextlib.contextmanager
    def signed_in(self) -> Iterator[Vault]:
        """Sign in with Vault.open; always sign out again, even if the command fails."""
        folder = self.vault_folder()
        username = self.username()
        password = self.secret(PASSWORD)
        from opal_desktop.vault import read_only
        from opal_desktop.vault.vault import Vault

        # A full disk or read-only folder: reading commands work, a change gets the sentence.
        vault = Vault.open(folder, username, password, allow_read_only=True)
        try:
            if note := read_only.notice(vault):
                print(f"Note: {note}", file=sys.stderr)
            if vault.key_file_notice:
                print(f"Note: {vault.key_file_notice}", file=sys.stderr)
            for notice in vault.trust_notices():  # issue 16: rollback, role keys, key changes
                print(f"Warning: {notice}", file=sys.stderr)
            if vault.actor.must_change_password:
                print(
                    f"Note: {vault.actor.username} must change their password "
                    "(opal-desktop users passwd).",
                    file=sys.stderr,
                )
            yield vault
        finally:
            vault.close()


@contextlib.contextmanager
def file_errors(path: Path, doing: str) -> Iterator[None]:
    """Turn an OS error on a file the user named into a sentence (disk full, no such folder)."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise BadFile(f"Cannot {doing} {path}: {reason}.") from None
