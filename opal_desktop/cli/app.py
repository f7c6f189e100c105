"""The command line: argparse over the vault services, with one error policy for all commands.

A mistake a user can make prints one sentence on stderr and exits 2; `audit verify` exits 1
when the trail was tampered with; Ctrl+C exits 130. Anything else is a bug and raises.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from opal_desktop import __version__
from opal_desktop.cli import (
    cmd_audit,
    cmd_backup,
    cmd_cert,
    cmd_demo,
    cmd_import,
    cmd_incidents,
    cmd_info,
    cmd_linking,
    cmd_packages,
    cmd_referral,
    cmd_selftest,
    cmd_settings,
    cmd_setup,
    cmd_stats,
    cmd_stills,
    cmd_trust,
    cmd_users,
)
from opal_desktop.cli.context import (
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    USER_ENV,
    Context,
)
from opal_desktop.cli.output import EscapingStream
from opal_desktop.errors import UserError, damage_found

Handler = Callable[[Context], int]

DESCRIPTION = """\
Opal Desktop keeps a store's retail-crime incidents in an encrypted vault.
With no arguments (or only --vault PATH) it opens the app; these commands run without it.
"""

EPILOG = f"""\
Passwords are never given as arguments. Set {PASSWORD_ENV} (and {NEW_PASSWORD_ENV} where a
command sets a new one), or pass --password-stdin and give them on stdin, one per line, in
the order the command's --help lists. The user signing in is --user NAME or {USER_ENV}.
The vault is --vault PATH, else OPAL_DESKTOP_VAULT, else the per-user data folder.

examples:
  opal-desktop forces
  OPAL_DESKTOP_PASSWORD=... opal-desktop init --vault ./vault --org "Northern Grocers" \\
      --store-code LDS01 --store-name "Leeds Kirkstall" --postcode "LS5 3BT" \\
      --force west-yorkshire --admin a.admin --admin-name "Alex Admin"
  printf '%s\\n' "$PW" | opal-desktop --vault ./vault --user a.admin --password-stdin info
  opal-desktop --vault ./vault --user a.admin audit verify
  opal-desktop --vault ./vault --user a.admin backup --out store.opalbackup

exit codes: 0 done; 1 audit trail tampered; 2 a problem you can fix (the message says
what); 130 interrupted.
"""


def common_options() -> argparse.ArgumentParser:
    """Options accepted before or after the command name (defaults live on the main parser)."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("vault and sign-in")
    group.add_argument(
        "--vault",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="vault folder (default: OPAL_DESKTOP_VAULT, else the per-user data folder)",
    )
    group.add_argument(
        "--user",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help=f"who signs in (default: {USER_ENV})",
    )
    group.add_argument(
        "--password-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help=f"read secrets from stdin, one per line, instead of {PASSWORD_ENV} and friends",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="opal-desktop",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=None)  # not the shared options: set_defaults would change them
    parser.add_argument("--version", action="version", version=f"opal-desktop {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (cmd_setup, cmd_info, cmd_users, cmd_audit, cmd_backup, cmd_cert, cmd_settings):
        module.register(commands, common)
    cmd_incidents.register(commands, common)
    cmd_demo.register(commands, common)
    cmd_stills.register(commands, common)
    cmd_linking.register(commands, common)
    cmd_referral.register(commands, common)
    cmd_selftest.register(commands, common)
    cmd_import.register(commands, common)
    cmd_trust.register(commands, common)
    cmd_packages.register(commands, common)
    cmd_stats.register(commands, common)
    return parser


# The shared options are SUPPRESSed so a subcommand does not overwrite what came before it.
_GLOBAL_DEFAULTS: dict[str, object] = {
    "vault": None,
    "user": None,
    "password_stdin": False,
    "json": False,
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tolerant_streams() -> None:
    """A console that cannot show a character gets a '?' rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() not in (
            "utf-8",
            "utf8",
        ):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else 2
    for name, value in _GLOBAL_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    handler: Handler | None = args.handler
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    _tolerant_streams()
    plain = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(plain[0]), EscapingStream(plain[1])
    try:
        return _run(handler, Context(args, stdin))
    finally:
        sys.stdout, sys.stderr = plain


def _run(handler: Handler, ctx: Context) -> int:
    try:
        return handler(ctx)
    except UserError as error:
        print(_one_line(str(error)), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrupted; nothing more was done.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as other tools do
        _silence_stdout()
        return 1
    except Exception as error:
        known = damage_found(error) or _cannot_write(ctx, error)
        if known is None:
            raise
        print(_one_line(str(known)), file=sys.stderr)
        return known.exit_code


def _cannot_write(ctx: Context, error: Exception) -> UserError | None:
    """A full disk or read-only folder met by a command that writes: the vault's folder, or
    the folder of the file the OS error names (an out folder)."""
    from opal_desktop.fileio import cannot_write, why_unwritable

    try:
        folder = ctx.vault_folder()
    except UserError:
        return None
    trouble = why_unwritable(folder, error)
    if trouble is not None:
        return cannot_write(folder, trouble, vault=True)
    named = getattr(error, "filename", None)
    if isinstance(error, OSError) and isinstance(named, str):
        place = Path(named).parent
        trouble = why_unwritable(place, error)
        if trouble is not None:
            return cannot_write(place, trouble, vault=False)
    return None


def _silence_stdout() -> None:
    """Point stdout at the null device so Python's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
