"""Exporting a package: readiness, snapshot, signed PDF and/or signed ZIP, optional encryption.

    result = export_package(vault, "PKG-0001", Path("out"), "zip", encrypt_to=[pem_bytes],
                            draft=False, progress=lambda done, total: not cancelled)

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

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.packages import store
from opal_desktop.packages.snapshot import Snapshot, build_snapshot
from opal_desktop.packages.zip_writer import ExportCancelled, write_zip
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


def export_package(vault: Vault, reference: str, out_dir: Path, fmt: Format, *, encrypt_to: Sequence[bytes] = (),
                   draft: bool = False, progress: Progress | None = None,
                   pdf_step: PdfStep | Literal["default"] | None = "default") -> ExportResult:  # fmt: skip
    """Write PKG-0001.pdf or PKG-0001.zip (or .p7m with recipients) into `out_dir`; see the module doc."""
    from opal_desktop.evidence import exhibits as exhibit_store
    from opal_desktop.packages.cms import make_signer
    from opal_desktop.packages.encrypt import encrypt_file, load_recipient
    from opal_desktop.vault.signing import signing_material

    out_dir = Path(out_dir)
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
    if fmt == "pdf" and step is None:
        raise InvalidInput("This build of Opal Desktop cannot write PDFs. Export the ZIP instead.")
    base = package.reference + ("-DRAFT" if draft else "")
    final = out_dir / (f"{base}.{fmt}" + (".p7m" if recipients else ""))
    if final.exists():
        raise BadFile(
            f"{final.name} already exists in {out_dir}. Move it away, or choose another folder."
        )
    material = signing_material(vault)
    signer = make_signer(material)
    snapshot = build_snapshot(vault, package, check)
    phases = _Phases((1 if step else 0) + (fmt == "zip") + bool(recipients), progress)
    notes: list[str] = []
    records: list[dict[str, Any]] = []

    def record(digest: str, size: int) -> None:
        """Before the file appears under its name: a visible package is always a recorded one."""
        records.append({"format": "p7m" if recipients else fmt, "file_name": final.name,
                        "sha256": digest, "size_bytes": size})  # fmt: skip
        store.record_export(vault, package.reference, records, draft=draft, check=check.to_json())
        exhibit_store.record_export(vault, [e.info.id for e in snapshot.exhibits],
                                    f"package {package.reference}: {final.name}")  # fmt: skip

    try:
        with pending_outputs.output(vault, "export", package.reference, final) as out:
            # Anything in clear that is not the exported file itself stays in the vault folder.
            inner = (
                pending_outputs.private_temporary(out, f"{base}.{fmt}")
                if recipients
                else out.temporary
            )
            report = pending_outputs.private_temporary(out, "report.pdf") if fmt == "zip" else inner
            digest, size = "", -1
            if step is not None:
                digest, size = step(vault, snapshot, report, draft, signer, phases.phase())
            else:
                notes.append("This build has no PDF writer, so the ZIP has no report.pdf.")
            if fmt == "zip":
                with inner.open("wb") as handle:
                    written = write_zip(handle, snapshot, material, signer=signer, report=report if step else None,
                                        draft=draft, progress=phases.phase())  # fmt: skip
                    os.fsync(handle.fileno())
                digest, size = written.sha256, written.size_bytes
            if recipients:
                with out.temporary.open("wb") as handle:
                    encrypt_file(inner, handle, recipients)
                    os.fsync(handle.fileno())
                if not phases.phase()(1, 1):
                    raise ExportCancelled()
                digest, size = "", -1  # publish hashes the .p7m
            out.publish(record, digest, size)
    except OSError as error:
        why = pending_outputs.why_not_written(error, "choose another folder")
        raise BadFile(
            f"The package could not be written to {out_dir}: {why} Nothing was left there."
        ) from None
    return ExportResult(package.reference, draft, [final], records, notes)
