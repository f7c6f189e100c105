"""`check --series REF | --incidents A,B` and `rules show|import|trust`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context, file_errors
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.cli.parsing import add_command, subcommands

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.referral.check import CheckResult


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    check = add_command(
        commands, "check", common, summary="check incidents or a series against Opal's referral requirements",
        handler=run_check, json_output=True,
        details="Exit code 0: ready to refer; 1: not ready (the blocking lines say why); 2: a problem you can fix.",
        examples="  opal-desktop --user manager check --series SER-0002\n"
                 "  opal-desktop --user manager check --incidents LDS01-2026-00012,YRK01-2026-00004",
    )  # fmt: skip
    which = check.add_mutually_exclusive_group(required=True)
    which.add_argument("--series", metavar="REF")
    which.add_argument(
        "--incidents", metavar="REF,REF", help="incident references separated by commas"
    )
    rules = subcommands(
        add_command(commands, "rules", common, summary="show or update the referral rules in use")
    )
    add_command(rules, "show", common, summary="show the rules in use and the versions imported", handler=run_show,
                json_output=True, examples="  opal-desktop --user admin rules show")  # fmt: skip
    imp = add_command(
        rules, "import", common, summary="make a newer rules file the one in use (administrators)", handler=run_import,
        details="With --signature the detached CMS signature is checked against the trusted issuer certificate\n"
                "(see `rules trust`). An unsigned file needs --accept-unsigned and is marked unsigned.",
        examples="  opal-desktop --user admin rules import opal-rules-2027.json --signature opal-rules-2027.json.p7s",
    )  # fmt: skip
    imp.add_argument("file", type=Path, metavar="FILE.json")
    imp.add_argument("--signature", type=Path, metavar="FILE.p7s")
    imp.add_argument(
        "--accept-unsigned", action="store_true", help="import a file that has no signature"
    )
    trust = add_command(rules, "trust", common, summary="set the certificate trusted to sign rules files",
                        handler=run_trust, examples="  opal-desktop --user admin rules trust opal-rules-issuer.pem")  # fmt: skip
    trust.add_argument("certificate", type=Path, metavar="CERT.pem")


def print_check(result: CheckResult) -> None:
    print(result.as_text())


def run_check(ctx: Context) -> int:
    from opal_desktop.referral import store

    with ctx.signed_in() as vault:
        if ctx.args.series:
            result = store.check_series(vault, ctx.args.series)
        else:
            result = store.check_incidents(
                vault, [r for r in ctx.args.incidents.split(",") if r.strip()]
            )
    if ctx.json:
        emit_json(result.to_json())
    else:
        print_check(result)
    return 0 if result.ready else 1


def run_show(ctx: Context) -> int:
    from opal_desktop.referral import store

    with ctx.signed_in() as vault:
        in_use = store.rules_in_use(vault)
        versions = store.imported_versions(vault)
    rules = in_use.rules
    if ctx.json:
        emit_json({"in_use": {"id": rules.id, "version": rules.version, "title": rules.title, "issuer": rules.issuer,
                              "effective": rules.effective.isoformat(), "indicative": rules.indicative,
                              "source": in_use.source, "signed": in_use.signed, "signer": in_use.signer,
                              "requirements": [{"id": r.id, "kind": r.kind, "params": r.params, "severity": r.severity}
                                               for r in rules.requirements]},
                   "imported": versions})  # fmt: skip
        return 0
    print_facts([("Rules in use", in_use.description), ("Issuer", rules.issuer),
                 ("Effective", rules.effective.strftime("%d/%m/%Y")), ("Notes", rules.notes or "-")])  # fmt: skip
    print()
    print_table(["REQUIREMENT", "KIND", "SETTING", "SEVERITY"],
                [(r.id, r.kind, ", ".join(f"{k}={v}" for k, v in r.params.items()) or "-", r.severity)
                 for r in rules.requirements])  # fmt: skip
    if versions:
        print()
        print_table(["IMPORTED", "VERSION", "SIGNED", "BY", "IN USE"],
                    [(v["imported_at"], f"{v['id']} {v['version']}", v["signed"], v["imported_by"], v["active"])
                     for v in versions])  # fmt: skip
    return 0


def run_import(ctx: Context) -> int:
    from opal_desktop.referral import store

    with file_errors(ctx.args.file, "read"):
        data = ctx.args.file.read_bytes()
    signature = None
    if ctx.args.signature:
        with file_errors(ctx.args.signature, "read"):
            signature = ctx.args.signature.read_bytes()
    with ctx.signed_in() as vault:
        in_use = store.import_rules(
            vault, data, signature, accept_unsigned=ctx.args.accept_unsigned
        )
    print(f"Now in use: {in_use.description}.")
    return 0


def run_trust(ctx: Context) -> int:
    from opal_desktop.referral import store

    with file_errors(ctx.args.certificate, "read"):
        pem = ctx.args.certificate.read_bytes()
    with ctx.signed_in() as vault:
        subject = store.set_trusted_issuer(vault, pem)
    print(f"Rules files signed by {subject} will be trusted.")
    return 0
