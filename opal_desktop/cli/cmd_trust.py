"""`trust add CERT.pem [--note TEXT]`, `trust list`, `trust remove FINGERPRINT`: who may send packages."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context, file_errors
from opal_desktop.cli.output import emit_json, print_table
from opal_desktop.cli.parsing import add_command, subcommands

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    trust = subcommands(add_command(
        commands, "trust", common,
        summary="the senders whose packages this vault imports (managers and administrators)",
    ))  # fmt: skip
    add = add_command(
        trust, "add", common, summary="trust a store's certificate (or its organisation's CA)",
        handler=run_add, json_output=True,
        details="Check the fingerprint printed here with the sender (by phone, not by the e-mail that\n"
                "brought the file) before you rely on it. `import` refuses packages from anyone else.",
        examples="  opal-desktop --user manager trust add northern-grocers-lds01.pem --note 'read out by M. Jones'",
    )  # fmt: skip
    add.add_argument("certificate", type=Path, metavar="CERT.pem")
    add.add_argument(
        "--note", default="", help="how the fingerprint was confirmed, for the audit trail"
    )
    add.add_argument(
        "--organisation", metavar="CODE", default="",
        help="a new certificate of an organisation already sending to this vault (NG): its "
             "packages are refused until it is bound to it",
    )  # fmt: skip
    add_command(trust, "list", common, summary="list the trusted senders", handler=run_list,
                json_output=True, examples="  opal-desktop --user manager trust list")  # fmt: skip
    remove = add_command(trust, "remove", common, summary="stop trusting a sender", handler=run_remove,
                         examples="  opal-desktop --user manager trust remove 1F:1E:EB:01")  # fmt: skip
    remove.add_argument(
        "fingerprint", metavar="FINGERPRINT", help="the fingerprint, or enough of it"
    )


def run_add(ctx: Context) -> int:
    from opal_desktop.packages import trust

    with file_errors(ctx.args.certificate, "read"):
        pem = ctx.args.certificate.read_bytes()
    with ctx.signed_in() as vault:
        # bound first: an unknown organisation is refused before anything is trusted
        bound = (
            trust.bind_to_organisation(vault, pem, ctx.args.organisation)
            if ctx.args.organisation
            else ""
        )
        added = trust.add(vault, pem, ctx.args.note)
    if bound and not ctx.json:
        print(f"Packages of {bound} signed by this certificate are accepted as theirs.")
    if ctx.json:
        emit_json([asdict(s) for s in added])
    elif not added:
        print("Already trusted: nothing changed.")
    for sender in [] if ctx.json else added:
        print(f"Trusted: {sender.subject}\nFingerprint (SHA-256): {sender.fingerprint_display}")
    return 0


def run_list(ctx: Context) -> int:
    from opal_desktop.packages import trust

    with ctx.signed_in() as vault:
        senders = trust.trusted(vault)
    if ctx.json:
        emit_json([asdict(s) for s in senders])
    elif not senders:
        print("No trusted senders yet: `trust add CERT.pem` once you have checked a fingerprint.")
    else:
        print_table(
            ["ORGANISATION", "FINGERPRINT", "TRUSTED BY", "SINCE"],
            [(s.organisation, s.fingerprint_display, s.trusted_by, s.trusted_at) for s in senders],
        )
    return 0


def run_remove(ctx: Context) -> int:
    from opal_desktop.packages import trust

    with ctx.signed_in() as vault:
        sender = trust.remove(vault, ctx.args.fingerprint)
    print(f"No longer trusted: {sender.subject}")
    return 0
