"""`backup` and `restore`: the whole vault as one encrypted file, and back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context
from opal_desktop.cli.output import emit_json
from opal_desktop.cli.parsing import add_command

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    backup = add_command(
        commands,
        "backup",
        common,
        summary="write the whole vault to one encrypted backup file (managers and administrators)",
        handler=run_backup,
        json_output=True,
        details=(
            "The file holds the encrypted database and the key file: it opens with the same\n"
            "passwords and recovery code as the vault, and with nothing else. Keep it away\n"
            "from this PC. If --out is a folder, the file is named after the store and time."
        ),
        examples=(
            "  opal-desktop --vault ./vault --user a.admin backup --out /media/usb/\n"
            "  opal-desktop --user a.admin backup --out lds01-monday.opalbackup --json"
        ),
    )
    backup.add_argument("--out", required=True, type=Path, metavar="FILE", help="file or folder")

    restore = add_command(
        commands,
        "restore",
        common,
        summary="restore a vault from a backup file",
        handler=run_restore,
        json_output=True,
        details=(
            "Needs no password (the files stay encrypted); sign in afterwards to check it. That\n"
            "first sign-in writes the restore (when, from which backup, by whom) to the audit trail.\n"
            "The backup is checked completely first: a damaged or altered one is refused and\n"
            "nothing is written. An existing vault is only replaced with --force, and is then\n"
            "moved into a replaced-<time> folder inside the vault folder, never deleted.\n"
            "The vault must not be open in the app.\n"
            "A restore stopped part-way (power cut, crash) leaves both vaults in the folder and\n"
            "says so at the next start: --finish completes it, --undo puts back the vault that\n"
            "was there."
        ),
        examples=(
            "  opal-desktop restore lds01-monday.opalbackup --vault ./vault\n"
            "  opal-desktop restore lds01-monday.opalbackup --vault ./vault --force\n"
            "  opal-desktop --vault ./vault restore --undo"
        ),
    )
    restore.add_argument("file", type=Path, nargs="?", metavar="FILE", help="the backup file")
    interrupted = restore.add_mutually_exclusive_group()
    interrupted.add_argument(
        "--finish", action="store_true", help="complete a restore that was interrupted"
    )
    interrupted.add_argument(
        "--undo", action="store_true", help="undo a restore that was interrupted"
    )
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace the vault already in the folder (it is moved aside, not deleted)",
    )


def run_backup(ctx: Context) -> int:
    from opal_desktop.vault.backup import create_backup

    with ctx.signed_in() as vault:
        info = create_backup(vault, ctx.args.out)
    if ctx.json:
        emit_json(info.to_json())
        return 0
    print(f"Backed up the vault to {info.path} ({info.size:,} bytes).")
    print(f"SHA-256: {info.sha256}")
    if info.note:
        print(f"Note: {info.note}")
    print(
        "It opens with the same passwords and recovery code as the vault. "
        "Keep it somewhere safe, away from this PC."
    )
    return 0


def run_restore(ctx: Context) -> int:
    from opal_desktop.errors import InvalidInput
    from opal_desktop.vault.backup import restore_backup

    folder = ctx.vault_folder()
    if ctx.args.finish or ctx.args.undo:
        if ctx.args.file is not None:
            raise InvalidInput("Give either a backup file or --finish/--undo, not both.")
        return _settle_interrupted(ctx, folder)
    if ctx.args.file is None:
        raise InvalidInput(
            "Give the backup file to restore, for example: restore monday.opalbackup"
        )
    result = restore_backup(ctx.args.file, folder, replace=ctx.args.force)
    if ctx.json:
        emit_json(
            {
                "backup": result.backup.to_json(),
                "vault": str(result.folder),
                "replaced": str(result.replaced) if result.replaced else None,
            }
        )
        return 0
    print(
        f"Restored the vault backed up at {result.backup.created_at} into {result.folder} "
        f"(vault id {result.backup.vault_id})."
    )
    if result.replaced is not None:
        print(f"The vault that was there has been kept in {result.replaced}.")
    print(
        f"Sign in to check it, for example: opal-desktop --vault {result.folder} --user NAME info"
    )
    return 0


def _settle_interrupted(ctx: Context, folder: Path) -> int:
    from opal_desktop.vault.backup import finish_restore, undo_restore

    aside = finish_restore(folder) if ctx.args.finish else undo_restore(folder)
    if ctx.json:
        emit_json({"vault": str(folder), "finished": bool(ctx.args.finish),
                   "aside": str(aside) if aside else None})  # fmt: skip
        return 0
    if ctx.args.finish:
        print(f"The restore into {folder} is complete.")
        if aside is not None:
            print(f"The vault that was there has been kept in {aside}.")
        print("Sign in to check it; that sign-in writes the restore to the audit trail.")
    else:
        print(f"The restore was undone: the vault that was in {folder} is back as it was.")
    return 0
