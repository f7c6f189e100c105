"""`audit verify` (exit 1 if the trail was tampered with) and `audit list` (managers, admins)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context
from opal_desktop.cli.output import emit_json, print_table
from opal_desktop.cli.parsing import add_command, subcommands
from opal_desktop.errors import BadFile

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands

TAMPERED = 1


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-01"
        ) from None


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("use a whole number from 1 to 100000")
    return value


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    audit = add_command(commands, "audit", common, summary="check and read the audit trail")
    actions = subcommands(audit)
    verify = add_command(
        actions,
        "verify",
        common,
        summary="check that no audit entry was changed, removed or cut off",
        handler=run_verify,
        json_output=True,
        details=(
            "Checks the chain and every entry's signature, SQLCipher's check of every page of\n"
            "the database file, and that this is not an older copy of the vault than the one\n"
            "last used. With --against, also that the trail still begins with exactly the\n"
            "history a package ZIP or a backup vouches for (its audit checkpoint).\n"
            "Exit code 0: intact. Exit code 1: tampered with, damaged or rolled back (the first\n"
            "bad entry is named)."
        ),
        examples=(
            "  opal-desktop --vault ./vault --user a.admin audit verify\n"
            "  opal-desktop --user a.admin audit verify --against backups/opal-LDS01-20261201.opalbackup"
        ),
    )
    verify.add_argument(
        "--against",
        metavar="PACKAGE_OR_BACKUP",
        help="a package ZIP, a backup (.opalbackup), or a package.json or manifest.json file",
    )
    listing = add_command(
        actions,
        "list",
        common,
        summary="list audit entries, newest first (managers and administrators)",
        handler=run_list,
        json_output=True,
        examples=(
            "  opal-desktop --user a.admin audit list --since 2026-11-01 --action sign_in_failed\n"
            "  opal-desktop --user a.admin audit list --actor j.smith --limit 20 --json"
        ),
    )
    # Not --user: that is who signs in, the same for every command.
    listing.add_argument("--actor", default="", metavar="NAME", help="only entries by this user")
    listing.add_argument("--action", default="", help="only this action, e.g. sign_in")
    listing.add_argument("--since", type=_iso_date, metavar="DATE", help="from DATE")
    listing.add_argument("--until", type=_iso_date, metavar="DATE", help="to DATE")
    listing.add_argument("--limit", type=_limit, default=200, metavar="N", help="default 200")


def run_verify(ctx: Context) -> int:
    from pathlib import Path

    from opal_desktop.vault.audit_view import verify_trail

    against = Path(ctx.args.against) if ctx.args.against else None
    if against is not None and not against.is_file():
        raise BadFile(f"There is no file {against} to check the trail against.")
    with ctx.signed_in() as vault:
        check = verify_trail(vault, against)
    if ctx.json:
        emit_json(check.to_json())
    else:
        print("\n".join(check.lines()))
    return 0 if check.intact else TAMPERED


def run_list(ctx: Context) -> int:
    from opal_desktop.vault.audit_view import AuditFilter, list_entries

    args = ctx.args
    flt = AuditFilter(
        actor=args.actor, action=args.action, since=args.since or "", until=args.until or ""
    )
    with ctx.signed_in() as vault:
        rows = list_entries(vault, flt, limit=args.limit)
    if ctx.json:
        emit_json([row.to_json() for row in rows])
        return 0
    print_table(
        ["ID", "WHEN (UTC)", "WHO", "ACTION", "RECORD", "SUMMARY"],
        [
            (
                r.id,
                r.at[:19].replace("T", " "),
                r.actor,
                r.action,
                f"{r.record_type} {r.record_id}".strip()[:40],
                r.summary,
            )
            for r in rows
        ],
    )
    return 0
