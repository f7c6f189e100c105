"""`stills add|list|remove|verify`: CCTV stills as exhibits on an incident, and their check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context
from opal_desktop.cli.output import emit_json, print_table
from opal_desktop.cli.parsing import add_command, subcommands

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.evidence.models import Source


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    stills = add_command(
        commands,
        "stills",
        common,
        summary="attach CCTV stills to incidents, list, remove and check them",
    )
    actions = subcommands(stills)
    add = add_command(
        actions,
        "add",
        common,
        summary="import stills (JPEG, PNG, BMP, TIFF, WebP) onto an incident",
        handler=run_add,
        json_output=True,
        details=(
            "Each file is kept exactly as it is, with its SHA-256, as an exhibit. A folder adds every\n"
            "file in it. Files that are not usable pictures are listed with the reason and skipped."
        ),
        examples=(
            "  opal-desktop --user j.smith stills add --incident LDS01-2026-00042 cam1.jpg cam2.jpg\n"
            "  opal-desktop --user j.smith stills add --incident LDS01-2026-00042 --camera 'Cam 4' ./export/"
        ),
    )
    add.add_argument("--incident", required=True, metavar="REF")
    add.add_argument("--camera", default="", help="camera name or number for every still added")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    listing = add_command(
        actions,
        "list",
        common,
        summary="list an incident's exhibits with their hashes",
        handler=run_list,
        json_output=True,
        examples="  opal-desktop --user j.smith stills list --incident LDS01-2026-00042",
    )
    listing.add_argument("--incident", required=True, metavar="REF")
    remove = add_command(
        actions,
        "remove",
        common,
        summary="delete an exhibit from its incident, saying why",
        handler=run_remove,
        json_output=True,
        details=(
            "The same as Delete in the stills viewer: a master goes with its redacted working\n"
            "copies; a working copy goes alone. The chain of custody and the audit trail keep who\n"
            "removed it, when, why, and its SHA-256. It cannot be undone."
        ),
        examples=(
            "  opal-desktop --user j.smith stills remove JS/4 --reason 'wrong incident, belongs to LDS01-2026-00012'"
        ),
    )
    remove.add_argument("exhibit", metavar="EXHIBIT_REF", help="the exhibit reference, e.g. JS/4")
    # Not required by argparse: a missing reason gets our sentence, not a usage error.
    remove.add_argument("--reason", default="", metavar="TEXT", help="why it is removed (required)")
    add_command(
        actions,
        "verify",
        common,
        summary="check every still against the SHA-256 recorded when it was imported",
        handler=run_verify,
        json_output=True,
        details=(
            "Managers and administrators. Reads every stored still and hashes it again.\n"
            "Exit code 0: all match. Exit code 1: some changed or are missing (they are named)."
        ),
        examples="  opal-desktop --user a.admin stills verify",
    )


def _expand(paths: list[Path]) -> list[tuple[Path, Source]]:
    found: list[tuple[Path, Source]] = []
    for path in paths:
        if path.is_dir():
            found += [
                (p, "folder")
                for p in sorted(path.iterdir())
                if p.is_file() and not p.name.startswith(".")
            ]
        else:
            found.append((path, "file"))
    return found


def run_add(ctx: Context) -> int:
    from opal_desktop.evidence import exhibits
    from opal_desktop.evidence.models import IncomingStill

    files = [IncomingStill.from_path(path, source) for path, source in _expand(ctx.args.files)]
    with ctx.signed_in() as vault:
        report = exhibits.add_stills(vault, ctx.args.incident, files, camera=ctx.args.camera)
    if ctx.json:
        emit_json(
            {
                "added": [e.to_json() for e in report.added],
                "duplicates": [{"file": n, "existing": r} for n, r in report.duplicates],
                "rejected": [{"file": n, "reason": r} for n, r in report.rejected],
                "not_stored": report.not_stored,
                "stopped": report.stopped or None,
            }
        )
    else:
        for line in report.sentences() or ["Nothing was added."]:
            print(line)
    if report.not_stored:  # the vault could not take them: not done, whatever went in
        return 2
    return 0 if report.added or not (report.rejected or report.duplicates) else 2


def run_list(ctx: Context) -> int:
    from opal_desktop.evidence import exhibits

    with ctx.signed_in() as vault:
        items = exhibits.list_exhibits(vault, ctx.args.incident)
    if ctx.json:
        emit_json([e.to_json() for e in items])
        return 0
    if not items:
        print(f"{ctx.args.incident.upper()} has no stills yet.")
        return 0
    print_table(
        ["Exhibit", "Kind", "File", "Size", "Pixels", "Camera", "SHA-256"],
        [
            (
                e.reference,
                "master" if e.is_master else f"copy of {e.master_reference}",
                e.original_filename,
                f"{e.size_bytes:,}",
                f"{e.width}x{e.height}",
                e.camera or "-",
                e.sha256,
            )
            for e in items
        ],
    )
    return 0


def run_remove(ctx: Context) -> int:
    from opal_desktop.errors import InvalidInput
    from opal_desktop.evidence import exhibits

    reason = str(ctx.args.reason).strip()
    if not reason:  # before signing in: no password asked for a command that cannot run
        raise InvalidInput(
            "Say why this still is being removed with --reason TEXT; the reason is kept in its chain of custody."
        )
    with ctx.signed_in() as vault:
        info = exhibits.find_exhibit(vault, ctx.args.exhibit)
        removed = exhibits.delete_exhibit(vault, info.id, reason)  # as the GUI's Delete
    if ctx.json:
        emit_json({"incident": info.incident_reference, "removed": removed, "reason": reason})
    else:
        print(
            f"Removed {', '.join(removed)} from {info.incident_reference}. "
            "The chain of custody keeps the reason and the SHA-256."
        )
    return 0


def run_verify(ctx: Context) -> int:
    from opal_desktop.evidence.integrity import verify_stills

    with ctx.signed_in() as vault:
        check = verify_stills(vault)
    if ctx.json:
        emit_json({"intact": check.intact, "checked": check.checked, "changed": list(check.changed),
                   "missing": list(check.missing), "sentence": check.sentence()})  # fmt: skip
    else:
        print(check.sentence())
    return 0 if check.intact else 1
