"""Exporting a package: readiness, snapshot, signed PDF and/or signed ZIP, optional encryption.

    result = export_package(vault, "PKG-0001", Path("out"), "zip", encrypt_to=[pem_bytes],
                            draft=False, progress=lambda done, total: not cancelled)
    result = export_packages(vault, "PKG-0001", Path("out"), ("pdf", "zip"))  # one PDF for both

A package whose referral check is not ready can only be exported as a draft (watermarked
DRAFT – NOT FOR SUBMISSION, files named -DRAFT). The file is written under a hidden name in
the output folder; working files in clear (the report before it goes into the ZIP, the ZIP
or PDF before it is encrypted) are made in a private folder inside the vault folder, never
in the output folder. When the file is complete it is recorded with its SHA-256 (package
history and audit trail, and an "exported" custody line per exhibit), then renamed into
place: a crash, a full disk or a cancel leaves the output folder as it was, and what a
crash left is removed at the next sign-in (vault/pending_outputs.py). With recipients,
only the .p7m is written to the output folder (the ZIP or PDF inside is signed first).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from opal_desktop.errors import BadFile, ExportCancelled, InvalidInput
from opal_desktop.packages import continuity, store
from opal_desktop.packages.snapshot import Snapshot, build_snapshot
from opal_desktop.packages.zip_writer import write_zip
from opal_desktop.vault import pending_outputs
from opal_desktop.vault.vault import Vault

Format = Literal["pdf", "zip"]
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
PdfStep = Callable[
    [Vault, Snapshot, Path, bool, Any, Progress], tuple[str, int]
]  # writes the signed PDF to the path; returns its SHA-256 and size
STEPS = 1000  # progress units per phase


@dataclass(frozen=True)
class ExportResult:
    reference: str
    draft: bool
    files: list[Path]  # where they now are
    records: list[dict[str, Any]] = field(default_factory=list)  # as given to store.record_export
    notes: list[str] = field(default_factory=list)


def default_pdf_step() -> PdfStep | None:
    """The colleague's PDF writer (packages/pdf.py), or None in a build without it."""
    try:
        from opal_desktop.packages.pdf import chart_png_for, export_pdf
    except ImportError:
        return None

    def step(
        vault: Vault, snapshot: Snapshot, out: Path, draft: bool, signer: Any, progress: Progress
    ) -> tuple[str, int]:
        pdf = export_pdf(snapshot, out, draft=draft, signer=signer, chart_png=chart_png_for(vault, snapshot),
                         progress=progress)  # fmt: skip
        return pdf.sha256, pdf.size_bytes

    return step


class _Phases:
    """One progress bar over several phases (PDF, ZIP, encryption), each worth STEPS."""

    def __init__(self, count: int, progress: Progress | None) -> None:
        self.count, self.index, self.progress = count, 0, progress

    def phase(self) -> Progress:
        base = self.index * STEPS
        self.index += 1

        def report(done: int, total: int) -> bool:
            if self.progress is None:
                return True
            return self.progress(base + (done * STEPS // max(total, 1)), self.count * STEPS)

        return report


def _check(vault: Vault, reference: str, draft: bool) -> tuple[Any, Any, bool]:
    from opal_desktop.referral.store import check_incidents, check_series

    package = store.get_package(vault, reference)
    spec = package.draft
    # The check travels inside the package: other incidents of ours are counted, not named.
    check = check_series(vault, spec.series_reference, name_others=False) if spec.series_reference else (
        check_incidents(vault, spec.incident_references, name_others=False))  # fmt: skip
    if not check.ready and not draft:
        blocking = next((line.sentence for line in check.lines if line.status == "fail" and line.severity == "blocking"),
                        check.verdict)  # fmt: skip
        raise InvalidInput(f"{package.reference} is not ready to refer: {blocking} Fix that, or export a draft "
                           "(--draft), watermarked DRAFT – NOT FOR SUBMISSION.")  # fmt: skip
    if not draft:
        package.draft.submitter.checked()  # Opal must know who to come back to
    return package, check, draft


def snapshot_for(vault: Vault, reference: str) -> Snapshot:
    """The package as it would be exported now (draft or not), with its producers and custody."""
    package, check, _draft = _check(vault, reference, draft=True)
    return _snapshot(vault, package, check)


def _snapshot(vault: Vault, package: Any, check: Any) -> Snapshot:
    snapshot = build_snapshot(vault, package, check)
    continuity.attach(vault, snapshot)  # producers and custody, signed with the package
    return snapshot


def export_package(vault: Vault, reference: str, out_dir: Path, fmt: Format, *, encrypt_to: Sequence[bytes] = (),
                   draft: bool = False, progress: Progress | None = None,
                   pdf_step: PdfStep | Literal["default"] | None = "default") -> ExportResult:  # fmt: skip
    """Write PKG-0001.pdf or PKG-0001.zip (or .p7m with recipients) into `out_dir`; see the module doc."""
    return export_packages(vault, reference, out_dir, (fmt,), encrypt_to=encrypt_to, draft=draft,
                           progress=progress, pdf_step=pdf_step)  # fmt: skip


def export_packages(vault: Vault, reference: str, out_dir: Path, formats: Sequence[Format], *,
                    encrypt_to: Sequence[bytes] = (), draft: bool = False, progress: Progress | None = None,
                    pdf_step: PdfStep | Literal["default"] | None = "default") -> ExportResult:  # fmt: skip
    """The PDF and/or the ZIP, from one snapshot: the PDF is laid out and signed once, and the
    ZIP's report.pdf is that same file (same SHA-256). Each file is recorded as it is finished;
    a cancel keeps those already finished and names them (ExportCancelled.finished)."""
    from opal_desktop.evidence import exhibits as exhibit_store
    from opal_desktop.packages.cms import make_signer
    from opal_desktop.packages.encrypt import encrypt_file, load_recipient
    from opal_desktop.vault.signing import signing_material

    out_dir = Path(out_dir)
    formats = tuple(dict.fromkeys(formats))  # each once, in the order given
    if not formats:
        raise InvalidInput("Choose what to export: the PDF, the ZIP, or both.")
    if not out_dir.is_dir():
        raise BadFile(
            f"There is no folder {out_dir}. Create it, or choose another folder for the package."
        )
    recipients = [
        load_recipient(pem, f"Recipient certificate {n}")
        for n, pem in enumerate(encrypt_to, start=1)
    ]
    package, check, draft = _check(vault, reference, draft)
    step = default_pdf_step() if pdf_step == "default" else pdf_step
    if "pdf" in formats and step is None:
        raise InvalidInput("This build of Opal Desktop cannot write PDFs. Export the ZIP instead.")
    base = package.reference + ("-DRAFT" if draft else "")
    finals = {fmt: out_dir / (f"{base}.{fmt}" + (".p7m" if recipients else "")) for fmt in formats}
    for final in finals.values():
        if final.exists():
            raise BadFile(
                f"{final.name} already exists in {out_dir}. Move it away, or choose another folder."
            )
    material = signing_material(vault)
    signer = make_signer(material)
    snapshot = _snapshot(vault, package, check)
    phases = _Phases(
        (1 if step else 0) + ("zip" in formats) + len(formats) * bool(recipients), progress
    )
    notes: list[str] = []
    records: list[dict[str, Any]] = []
    done: list[Path] = []

    def publish(out: pending_outputs.Output, digest: str = "", size: int = -1) -> None:
        def record(digest: str, size: int) -> None:
            """Before the file appears under its name: a visible package is always a recorded one."""
            made = {"format": "p7m" if recipients else out.final.suffix[1:], "file_name": out.final.name,
                    "sha256": digest, "size_bytes": size}  # fmt: skip
            store.record_export(
                vault, package.reference, [made], draft=draft, check=check.to_json()
            )
            exhibit_store.record_export(vault, [e.info.id for e in snapshot.exhibits],
                                        f"package {package.reference}: {out.final.name}")  # fmt: skip
            records.append(made)

        out.publish(record, digest, size)
        done.append(out.final)

    def encrypted(source: Path, out: pending_outputs.Output) -> None:
        with out.temporary.open("wb") as handle:
            encrypt_file(source, handle, recipients)
            os.fsync(handle.fileno())
        if not phases.phase()(1, 1):
            raise ExportCancelled()
        publish(out)  # hashes the .p7m

    try:
        with contextlib.ExitStack() as jobs:
            outs = {fmt: jobs.enter_context(pending_outputs.output(vault, "export", package.reference, final))
                    for fmt, final in finals.items()}  # fmt: skip
            # Working files in clear stay in the vault folder (the first job's private folder).
            scratch = outs[formats[0]]
            report: Path | None = None
            if step is not None:
                pdf_out = outs.get("pdf")
                report = pdf_out.temporary if pdf_out and not recipients else (
                    pending_outputs.private_temporary(scratch, "report.pdf"))  # fmt: skip
                digest, size = step(vault, snapshot, report, draft, signer, phases.phase())
                if pdf_out is not None and recipients:
                    encrypted(report, pdf_out)
                elif pdf_out is not None:
                    publish(pdf_out, digest, size)
                    report = pdf_out.final  # the ZIP carries this very file
            else:
                notes.append("This build has no PDF writer, so the ZIP has no report.pdf.")
            if (zip_out := outs.get("zip")) is not None:
                inner = (
                    pending_outputs.private_temporary(scratch, f"{base}.zip")
                    if recipients
                    else zip_out.temporary
                )
                with inner.open("wb") as handle:
                    written = write_zip(handle, snapshot, material, signer=signer, report=report,
                                        draft=draft, progress=phases.phase())  # fmt: skip
                    os.fsync(handle.fileno())
                if recipients:
                    encrypted(inner, zip_out)
                else:
                    publish(zip_out, written.sha256, written.size_bytes)
    except ExportCancelled as cancelled:
        cancelled.finished = list(done)
        raise
    except OSError as error:
        told = pending_outputs.write_error(error, vault, out_dir, "The package")
        kept = f"{', '.join(p.name for p in done)} was finished and is there." if done else ""
        raise type(told)(f"{told} {kept or 'Nothing was left there.'}") from None
    return ExportResult(package.reference, draft, done, records, notes)
