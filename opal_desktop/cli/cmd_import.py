"""`import FILE [--trust CERT.pem] [--dry-run] [--json]`: a store's package into this vault."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context, file_errors
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.cli.parsing import add_command

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.packages.import_report import ImportReport


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    command = add_command(
        commands, "import", common, summary="import a store's signed package ZIP (managers and administrators)",
        handler=run_import, json_output=True,
        details="The package is verified first (signature over META-INF/SHA256SUMS, every file's SHA-256, every\n"
                "still re-checked as a picture); anything invalid is refused and nothing is written. Then it is\n"
                "merged by UUID: records already here and unchanged are left alone, changed ones are updated and\n"
                "the change is recorded. Importing the same package twice changes nothing.\n"
                "Without --trust the signature must be intact, and the signer is shown as not trusted (unless it\n"
                "is this vault's own certificate or issued by the same CA): check its fingerprint with the store.",
        examples="  opal-desktop --user manager import LDS01-PKG-0003.zip --dry-run\n"
                 "  opal-desktop --user manager import LDS01-PKG-0003.zip --trust northern-grocers-ca.pem",
    )  # fmt: skip
    command.add_argument("file", type=Path, metavar="FILE.zip")
    command.add_argument(
        "--trust", type=Path, metavar="CERT.pem", help="refuse the package unless this certificate (or a certificate it issued) signed it"
    )  # fmt: skip
    command.add_argument(
        "--dry-run", action="store_true", help="verify and show what would change; change nothing"
    )


def run_import(ctx: Context) -> int:
    from opal_desktop.packages.importer import import_package

    trusted = None
    if ctx.args.trust is not None:
        with file_errors(ctx.args.trust, "read"):
            trusted = ctx.args.trust.read_bytes()
    if not ctx.args.file.is_file():
        with file_errors(ctx.args.file, "read"):
            ctx.args.file.open("rb").close()  # says why: no such file, or not allowed
    with ctx.signed_in() as vault:
        report = import_package(vault, ctx.args.file, trusted_pem=trusted, dry_run=ctx.args.dry_run)
    if ctx.json:
        emit_json(report.to_json())
    else:
        print_report(report)
    return 0


def print_report(report: ImportReport) -> None:
    signer = report.signer
    print_facts([
        ("Package", f"{report.package_reference} {report.package_title}"),
        ("File", f"{report.file_name} (SHA-256 {report.package_sha256})"),
        ("From", f"{report.source_stores} of {report.organisation}, made {report.generated_at} by {report.generated_by}"),
        ("Signed by", signer.subject),
        ("Fingerprint", signer.fingerprint_display),
        ("Trusted", signer.trusted),
        ("Contents", ", ".join(f"{n} {k}" for k, n in report.contents.items())),
    ])  # fmt: skip
    print()
    print_table(
        ["RECORDS", "ADDED", "UPDATED", "UNCHANGED"],
        [(kind, c.added, c.updated, c.unchanged) for kind, c in report.counts.items()],
    )
    print()
    for sentence in report.sentences()[1:]:
        print(sentence)
