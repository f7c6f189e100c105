"""`packages create|list|show|mark`, `export --package REF --format pdf|zip`, `verify FILE`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import USER_ENV, Context, file_errors
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.cli.parsing import add_command, subcommands
from opal_desktop.errors import InvalidInput

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.packages.model import PackageDraft, PackageRecord
    from opal_desktop.vault.vault import Vault


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    packages = subcommands(add_command(commands, "packages", common, summary="make and track intelligence packages for Opal (managers)"))  # fmt: skip
    create = add_command(
        packages, "create", common, summary="make a package from a series or from incidents", handler=run_create,
        details="Grading is 3x5x2: source evaluation 1-3 and intelligence assessment A-E (--grading 2B), handling\n"
                "code P, or C with its conditions stated. The marking is OFFICIAL, or OFFICIAL-SENSITIVE with --sensitive.\n"
                "The submitter defaults to you and your organisation; a contact (phone or email) is required.",
        examples="  opal-desktop --user manager packages create --series SER-0001 --title 'Grey Audi spirits team' \\\n"
                 "      --grading 2B --handling P --submitter-role 'Regional LP manager' --submitter-contact '07700 900123'",
    )  # fmt: skip
    which = create.add_mutually_exclusive_group(required=True)
    which.add_argument("--series", metavar="REF")
    which.add_argument(
        "--incidents", metavar="REF,REF", help="incident references separated by commas"
    )
    create.add_argument("--title", required=True)
    create.add_argument("--summary", default="")
    create.add_argument(
        "--grading", default="", metavar="2B", help="source evaluation and assessment (you choose)"
    )
    create.add_argument(
        "--handling", choices=("P", "C"), default="", help="handling code (you choose)"
    )
    create.add_argument(
        "--conditions", default="", metavar="TEXT", help="the conditions, with --handling C"
    )
    create.add_argument("--sensitive", action="store_true", help="mark it OFFICIAL-SENSITIVE")
    for who in ("name", "role", "contact"):
        create.add_argument(f"--submitter-{who}", default="", metavar="TEXT")
    add_command(packages, "list", common, summary="list packages, newest first", handler=run_list, json_output=True,
                examples="  opal-desktop --user manager packages list")  # fmt: skip
    show = add_command(packages, "show", common, summary="show a package and its exports", handler=run_show,
                       json_output=True, examples="  opal-desktop --user manager packages show PKG-0001")  # fmt: skip
    show.add_argument("reference", metavar="REF")
    mark = add_command(packages, "mark", common, summary="record that a package was submitted or acknowledged",
                       handler=run_mark, examples="  opal-desktop --user manager packages mark PKG-0001 submitted")  # fmt: skip
    mark.add_argument("reference", metavar="REF")
    mark.add_argument("status", choices=("submitted", "acknowledged"))
    mark.add_argument("--note", default="", help="e.g. who at Opal acknowledged it")
    statement = add_command(
        packages, "statement", common, handler=run_statement,
        summary="print the continuity statements of a package (a signed PDF to sign by hand)",
        details="One witness statement (exhibits and continuity) per person who produced the package's\n"
                "stills: their exhibits as labelled, SHA-256 and chain of custody, and the declaration.",
        examples="  opal-desktop --user manager packages statement PKG-0001 --out statements.pdf\n"
                 "  opal-desktop --user manager packages statement PKG-0001 --producer j.smith --out js.pdf",
    )  # fmt: skip
    statement.add_argument("reference", metavar="REF")
    statement.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    statement.add_argument("--producer", default="", metavar="USERNAME", help="only this person's")
    export = add_command(
        commands, "export", common, summary="export a package as a signed PDF or signed ZIP", handler=run_export,
        details="A package whose referral check is not ready can only be exported with --draft (watermarked\n"
                "DRAFT – NOT FOR SUBMISSION, named -DRAFT). With --encrypt-to, only the encrypted .p7m is written.",
        examples="  opal-desktop --user manager export --package PKG-0001 --format both --out ./outbox\n"
                 "  opal-desktop --user manager export --package PKG-0001 --format zip --encrypt-to opal.pem --out ./outbox",
    )  # fmt: skip
    export.add_argument("--package", required=True, metavar="REF")
    export.add_argument("--format", required=True, choices=("pdf", "zip", "both"),
                        help="both: the PDF and the ZIP, whose report.pdf is that same PDF")  # fmt: skip
    export.add_argument("--out", required=True, type=Path, metavar="DIR")
    export.add_argument("--encrypt-to", action="append", type=Path, default=[], metavar="CERT.pem",
                        help="encrypt to this recipient certificate (repeat for several)")  # fmt: skip
    export.add_argument("--draft", action="store_true", help="export a watermarked draft")
    verify = add_command(
        commands, "verify", common, summary="check who signed a package and that nothing changed", handler=run_verify,
        json_output=True,
        details="Takes a .pdf, .zip or .p7m. Trust: --trust CERT.pem, else (when you sign in with --user) this\n"
                "vault's own certificate. Exit code 0: valid; 1: invalid (every problem is listed); 2: unreadable.\n"
                "A .p7m needs your key and certificate (--key KEY.pem --cert CERT.pem) or --p12 FILE.p12\n"
                "(its password from OPAL_DESKTOP_P12_PASSWORD, or stdin line 2 with --password-stdin).",
        examples="  opal-desktop verify PKG-0001.zip --trust northern-grocers.pem\n"
                 "  opal-desktop verify PKG-0001.zip.p7m --trust northern-grocers.pem --key me.key --cert me.pem",
    )  # fmt: skip
    verify.add_argument("file", type=Path, metavar="FILE")
    verify.add_argument(
        "--trust", type=Path, metavar="CERT.pem", help="the sender's certificate (or their CA's)"
    )
    verify.add_argument("--key", type=Path, metavar="KEY.pem", help="your private key, for a .p7m")
    verify.add_argument(
        "--cert", type=Path, metavar="CERT.pem", help="your certificate, with --key"
    )
    verify.add_argument(
        "--p12", type=Path, metavar="FILE.p12", help="your key and certificate, for a .p7m"
    )


def _draft(ctx: Context, vault: Vault) -> PackageDraft:
    from opal_desktop.packages.model import Grading, Marking, PackageDraft, Submitter

    a = ctx.args
    grading = a.grading.strip().upper()
    if len(grading) != 2 or not a.handling:
        raise InvalidInput(
            "Grade the intelligence yourself: give --grading (source evaluation 1-3 and "
            "assessment A-E, for example 2B) and --handling P or C. Opal Desktop does not choose it."
        )
    submitter = Submitter(a.submitter_name or vault.actor.display_name, a.submitter_role or vault.actor.role.label,
                          a.submitter_contact, str(vault.settings().get("organisation", "")))  # fmt: skip
    if not submitter.contact.strip():
        raise InvalidInput(
            "Give --submitter-contact (a phone number or email): Opal needs to know who to come back to."
        )
    return PackageDraft(
        title=a.title, summary=a.summary, series_reference=a.series or "",
        incident_references=[r.strip() for r in (a.incidents or "").split(",") if r.strip()],
        grading=Grading(grading[0], grading[1], a.handling, a.conditions),
        marking=Marking.OFFICIAL_SENSITIVE if a.sensitive else Marking.OFFICIAL,
        legal_basis=str(vault.settings().get("legal_basis", "")), submitter=submitter.checked(),
    )  # fmt: skip


def package_json(p: PackageRecord) -> dict[str, object]:
    d = p.draft
    return {"reference": p.reference, "uuid": p.uuid, "title": d.title, "summary": d.summary, "status": p.status.value,
            "series": d.series_reference or None, "incidents": d.incident_references, "grading": d.grading.to_json(),
            "marking": d.marking.value, "legal_basis": d.legal_basis, "submitter": vars(d.submitter),
            "created_by": p.created_by, "created_at": p.created_at, "updated_at": p.updated_at,
            "exports": list(p.exports)}  # fmt: skip


def run_create(ctx: Context) -> int:
    from opal_desktop.packages import store

    with ctx.signed_in() as vault:
        package = store.create_package(vault, _draft(ctx, vault))
    print(f"Created {package.reference}: {package.draft.title} ({package.draft.grading.code}, "
          f"{package.draft.marking.value}). Export it with: opal-desktop export --package {package.reference} "
          "--format zip --out DIR")  # fmt: skip
    return 0


def run_list(ctx: Context) -> int:
    from opal_desktop.packages import store

    with ctx.signed_in() as vault:
        found = store.list_packages(vault)
    if ctx.json:
        emit_json([package_json(p) for p in found])
    elif not found:
        print(
            "No packages yet. Make one with: opal-desktop packages create --series REF --title TITLE"
        )
    else:
        print_table(["PACKAGE", "STATUS", "GRADING", "MARKING", "FROM", "EXPORTS", "TITLE"],
                    [(p.reference, p.status.value, p.draft.grading.code, p.draft.marking.value,
                      p.draft.series_reference or f"{len(p.draft.incident_references)} incidents", len(p.exports),
                      p.draft.title) for p in found])  # fmt: skip
    return 0


def run_show(ctx: Context) -> int:
    from opal_desktop.packages import store

    with ctx.signed_in() as vault:
        p = store.get_package(vault, ctx.args.reference)
    if ctx.json:
        emit_json(package_json(p))
        return 0
    d, s = p.draft, p.draft.submitter
    print_facts([("Package", f"{p.reference} {d.title}"), ("Status", p.status.value), ("Grading", d.grading.code),
                 ("Conditions", d.grading.handling_conditions or "-"), ("Marking", d.marking.value),
                 ("From", d.series_reference or ", ".join(d.incident_references)), ("Summary", d.summary or "-"),
                 ("Submitter", f"{s.name}, {s.role}, {s.contact} ({s.organisation})"),
                 ("Created", f"{p.created_at} by {p.created_by}")])  # fmt: skip
    if p.exports:
        print()
        print_table(["EXPORTED", "BY", "FILE", "DRAFT", "SHA-256"],
                    [(e["exported_at"], e["exported_by"], e["file_name"], bool(e["draft"]), e["sha256"])
                     for e in p.exports])  # fmt: skip
    return 0


def run_mark(ctx: Context) -> int:
    from opal_desktop.packages import store
    from opal_desktop.packages.model import Status

    with ctx.signed_in() as vault:
        p = store.advance_status(vault, ctx.args.reference, Status(ctx.args.status), ctx.args.note)
    print(f"{p.reference} is now {p.status.value}.")
    return 0


def run_statement(ctx: Context) -> int:
    from opal_desktop.packages.pdf_continuity import export_statements

    out = ctx.args.out
    if out.suffix.lower() != ".pdf" or not out.parent.is_dir():
        raise InvalidInput(
            "Give --out as a .pdf file in a folder that exists, e.g. statements.pdf."
        )
    if out.exists():
        raise InvalidInput(f"{out} already exists. Choose another name.")
    with ctx.signed_in() as vault:
        path, digest = export_statements(vault, ctx.args.reference, out, ctx.args.producer)
    print(f"Wrote {path} (SHA-256 {digest}). Print it, and have each person sign their statement.")
    return 0


def run_export(ctx: Context) -> int:
    from opal_desktop.packages.export import Format, export_packages

    recipients = []
    for path in ctx.args.encrypt_to:
        with file_errors(path, "read"):
            recipients.append(path.read_bytes())
    with ctx.signed_in() as vault:
        formats: tuple[Format, ...] = (
            ("pdf", "zip") if ctx.args.format == "both" else (ctx.args.format,)
        )
        result = export_packages(vault, ctx.args.package, ctx.args.out, formats, encrypt_to=recipients,
                                 draft=ctx.args.draft)  # fmt: skip
    for note in result.notes:
        print(f"Note: {note}", file=sys.stderr)
    for path, record in zip(result.files, result.records, strict=True):
        print(f"Wrote {path} ({record['size_bytes']:,} bytes, SHA-256 {record['sha256']})"
              + (", a DRAFT – NOT FOR SUBMISSION." if result.draft else "."))  # fmt: skip
    return 0


def run_verify(ctx: Context) -> int:
    from opal_desktop.cli.cmd_cert import P12_PASSWORD
    from opal_desktop.packages.verify import verify_file

    a = ctx.args
    trust, source = None, ""
    if a.trust:
        with file_errors(a.trust, "read"):
            trust, source = a.trust.read_bytes(), a.trust.name
    elif a.user or os.environ.get(USER_ENV):
        from opal_desktop.vault.signing import certificate_pem

        with ctx.signed_in() as vault:
            trust, source = certificate_pem(vault).encode("ascii"), "this vault's certificate"
    key = p12 = None
    if a.key:
        with file_errors(a.key, "read"):
            key_pem = a.key.read_bytes()
        with file_errors(a.cert or a.key, "read"):
            key = (key_pem, a.cert.read_bytes() if a.cert else None)
    if a.p12:
        with file_errors(a.p12, "read"):
            p12 = (a.p12.read_bytes(), ctx.secret(P12_PASSWORD))
    report = verify_file(a.file, trust, trust_source=source, key=key, p12=p12)
    if ctx.json:
        emit_json(report.to_json())
    else:
        print(report.headline, f"{report.kind.upper()} {report.file}")
        print_facts([("Package", report.package or "-"),
                     ("Signed by", report.signer_subject or "-"), ("Signed at", report.signed_at or "-"),
                     ("Certificate SHA-256", report.fingerprint or "-"),
                     ("Trusted", f"yes ({report.trust_source})" if report.trusted else "no"),
                     ("Files checked", report.files_checked)])  # fmt: skip
        for problem in report.problems:
            print(f"PROBLEM  {problem}")
        for note in report.notes:
            print(f"NOTE     {note}")
    return 0 if report.valid else 1
