"""`cert show|export|import`: the organisation's signing certificate."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import P12_PASSWORD_ENV, PASSWORD, Context, Secret, file_errors
from opal_desktop.cli.output import emit_json, print_facts
from opal_desktop.cli.parsing import add_command, subcommands

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.vault.identity import CertificateFacts

P12_PASSWORD = Secret(
    P12_PASSWORD_ENV,
    2,
    f"No password for the PKCS#12 file given: set {P12_PASSWORD_ENV} (empty if it has none), "
    "or with --password-stdin give it as the second line on stdin.",
    allow_empty=True,
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    cert = add_command(
        commands, "cert", common, summary="show, export or replace the signing certificate"
    )
    actions = subcommands(cert)
    add_command(
        actions,
        "show",
        common,
        summary="show the signing certificate: subject, issuer, fingerprint, validity",
        handler=run_show,
        json_output=True,
        details="Read the fingerprint to recipients by phone so they can confirm packages came from you.",
        examples="  opal-desktop --user a.admin cert show",
    )
    export = add_command(
        actions,
        "export",
        common,
        summary="write the public certificate as PEM for recipients to trust",
        handler=run_export,
        examples="  opal-desktop --user a.admin cert export --out northern-grocers.pem",
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE.pem")
    imp = add_command(
        actions,
        "import",
        common,
        summary="replace the signing identity with one from a .p12/.pfx file (administrators)",
        handler=run_import,
        details=(
            f"The file's password comes from {P12_PASSWORD_ENV} or, with --password-stdin,\n"
            "stdin line 2 (line 1 is your own password). The old identity is kept, inactive."
        ),
        examples=(
            '  printf \'%s\\n%s\\n\' "$MY_PW" "$P12_PW" | opal-desktop --user a.admin \\\n'
            "      --password-stdin cert import organisation.p12"
        ),
    )
    imp.add_argument("file", type=Path, metavar="FILE.p12")


def facts_json(facts: CertificateFacts, source: str) -> dict[str, object]:
    return {
        "subject": facts.subject,
        "issuer": facts.issuer,
        "fingerprint_sha256": facts.fingerprint_display,
        "not_before": facts.not_before.isoformat(),
        "not_after": facts.not_after.isoformat(),
        "self_signed": facts.self_signed,
        "source": source,
    }


def _show(ctx: Context, facts: CertificateFacts, source: str) -> None:
    doc = facts_json(facts, source)
    if ctx.json:
        emit_json(doc)
        return
    print_facts(
        [
            ("Subject", facts.subject),
            ("Issuer", "self-signed" if facts.self_signed else facts.issuer),
            ("Fingerprint (SHA-256)", facts.fingerprint_display),
            ("Valid from", doc["not_before"]),
            ("Valid until", doc["not_after"]),
            ("Source", source),
        ]
    )


def run_show(ctx: Context) -> int:
    from opal_desktop.vault import signing

    with ctx.signed_in() as vault:
        facts = signing.certificate_facts(vault)
        source = signing.certificate_source(vault)
    _show(ctx, facts, source)
    return 0


def run_export(ctx: Context) -> int:
    from opal_desktop.vault import signing

    out: Path = ctx.args.out
    with ctx.signed_in() as vault, file_errors(out, "write"):
        signing.export_certificate(vault, out)
        fingerprint = signing.certificate_facts(vault).fingerprint_display
    print(f"Wrote the certificate to {out} (fingerprint {fingerprint}).")
    return 0


def run_import(ctx: Context) -> int:
    from opal_desktop.vault import signing

    ctx.secret(PASSWORD)
    p12_password = ctx.secret(P12_PASSWORD)
    with ctx.signed_in() as vault:
        facts = signing.import_pkcs12(vault, ctx.args.file, p12_password)
    print("Imported the signing certificate; packages are signed with it from now on.")
    _show(ctx, facts, "imported")
    return 0
