"""The package PDF: what an Opal analyst reads and prints, signed PAdES B-B.

API (no Qt; run it off the GUI thread):

    from opal_desktop.packages.cms import make_signer
    from opal_desktop.packages.pdf import chart_png_for, export_pdf
    from opal_desktop.vault.signing import signing_material

    signer = make_signer(signing_material(vault))          # once per export
    result = export_pdf(snapshot, out_dir / "report.pdf", draft=not snapshot.check.ready,
                        signer=signer, chart_png=chart_png_for(vault, snapshot),
                        progress=lambda done, total: not cancelled)
    result.sha256, result.size_bytes                       # for store.record_export

- `export_pdf` writes the signed PDF atomically (temporary name, fsync, rename: a crash, a full
  disk or a cancel leaves no file) and returns an `ExportedPdf`. `progress(done, total)` is
  called as incidents are laid out, stills written and the signature made; returning False
  cancels (raises `ExportCancelled`, a UserError). A non-draft export of a snapshot whose
  referral check is not ready raises InvalidInput: export it as a draft instead.
- `write_pdf(snapshot, out, draft=..., chart_png=..., progress=...)` writes the unsigned PDF to
  a binary stream; `pdf_sign.sign_pdf(stream, signer)` signs a PDF in a read-write stream
  in place; `pdf_sign.check_pdf(stream, trusted_der)` validates it (tests, verify).

Stills are streamed a few at a time from the vault (see pdf_stills): JPEGs are embedded
unchanged and each is checked against its SHA-256 as it is written; other formats are shown
converted. Pages: cover, referral check, overview, timeline, provenance (where each incident
came from: this vault, or a signed package from another), link chart (series), one section
per incident with its stills, subjects and vehicles, exhibit list, statement on the stills,
legal basis. Every page carries the marking at top and bottom and "Page n of N"; a draft is
watermarked DRAFT – NOT FOR SUBMISSION on every page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from opal_desktop.errors import ExportCancelled, InvalidInput
from opal_desktop.fileio import FollowingHash, atomic_output
from opal_desktop.packages import (
    pdf_annex,
    pdf_continuity,
    pdf_incidents,
    pdf_pages,
    pdf_provenance,
)
from opal_desktop.packages.pdf_layout import PageFacts, canvas_maker, document
from opal_desktop.packages.pdf_stills import PictureWriter, append_document
from opal_desktop.packages.pdf_styles import register_fonts
from opal_desktop.packages.snapshot import Snapshot
from opal_desktop.prefetch import quick_gil_handoffs

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


@dataclass(frozen=True)
class ExportedPdf:
    path: Path
    sha256: str
    size_bytes: int
    pages: int


class _Steps:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def tick(self) -> None:
        self.done = min(self.done + 1, self.total)
        if self.progress is not None and not self.progress(self.done, self.total):
            raise ExportCancelled()


def _steps_for(snapshot: Snapshot, chart_png: bytes | None, progress: Progress | None) -> _Steps:
    pictures = len({e.info.sha256 for e in snapshot.exhibits}) + (1 if chart_png else 0)
    return _Steps(len(snapshot.incidents) + pictures + 1, progress)


def chart_png_for(vault: Any, snapshot: Snapshot) -> bytes | None:
    """The series' link chart as a PNG, or None for a package built from a selection."""
    series = snapshot.data.get("series")
    if not series:
        return None
    from opal_desktop.linking.chart import render_png, series_graph

    return render_png(series_graph(vault, str(series["reference"])))


def write_pdf(
    snapshot: Snapshot,
    out: BinaryIO,
    *,
    draft: bool,
    chart_png: bytes | None = None,
    progress: Progress | None = None,
    written: Callable[[int], None] | None = None,
    _steps: _Steps | None = None,
) -> int:
    """Write the unsigned PDF to `out`; returns the number of pages. `written(n)` is told, from
    another thread, as the first n bytes become final (see PictureWriter)."""
    if not draft and not snapshot.check.ready:
        raise InvalidInput(
            f"{snapshot.reference} is not ready to refer ({snapshot.check.verdict.lower()}). "
            "Fix what the referral check lists, or export it as a draft."
        )
    register_fonts()
    steps = _steps or _steps_for(snapshot, chart_png, progress)
    data = snapshot.data
    ctx = pdf_pages.Context(snapshot, draft, tick=steps.tick)
    facts = PageFacts(data["marking"], snapshot.reference, data["package"]["title"], draft)
    story = [
        *pdf_pages.cover(ctx),
        *pdf_pages.referral_check(ctx),
        *pdf_pages.overview(ctx),
        *pdf_pages.timeline(ctx),
        *pdf_provenance.provenance_page(ctx),
        *pdf_pages.link_chart(ctx, chart_png),
        *pdf_incidents.incident_sections(ctx),
        *pdf_annex.subjects_and_vehicles(ctx),
        *pdf_annex.exhibit_list(ctx),
        *pdf_annex.statement(ctx),
        *pdf_continuity.continuity_statements(ctx),
        *pdf_annex.legal_basis(ctx),
    ]
    small = io.BytesIO()  # text, fonts and placeholders only
    doc = document(small, facts, author=data["submitter"]["organisation"])
    # pictures load on worker threads beside the layout, each needing the GIL now and then
    with snapshot.stills.kept_open(), quick_gil_handoffs():
        pictures = PictureWriter(out, ctx.registry, written)  # loads now, writes each once drawn
        try:
            doc.build(story, canvasmaker=canvas_maker(facts))
        except BaseException:
            pictures.abandon()
            raise
        pictures.finish(on_picture=steps.tick)
    append_document(small.getvalue(), ctx.registry, out, pictures.offsets)
    return int(doc.page)


def export_pdf(
    snapshot: Snapshot,
    out_path: Path,
    *,
    draft: bool,
    signer: Any,
    chart_png: bytes | None = None,
    progress: Progress | None = None,
) -> ExportedPdf:
    """Write, sign and hash the package PDF; the file appears complete at `out_path` or not at all."""
    from opal_desktop.packages.pdf_sign import sign_pdf

    out_path = Path(out_path)
    steps = _steps_for(snapshot, chart_png, progress)
    submitter = snapshot.data["submitter"]
    # The file's SHA-256 follows the pictures as they are written, on another thread; the
    # signature's digest goes on from it (pdf_sign), so 100 MB is hashed once, not twice.
    # Open read-write: the signature is appended in place. Readable like the ZIP: it is for
    # sending.
    with atomic_output(out_path, mode=0o644) as handle, FollowingHash(handle) as file_hash:
        pages = write_pdf(
            snapshot, handle, draft=draft, chart_png=chart_png, written=file_hash.advance,
            _steps=steps,
        )  # fmt: skip
        handle.flush()
        file_hash.advance(handle.tell())  # the unsigned document; the signature is appended
        sign_pdf(handle, signer, location=submitter["organisation"], contact=submitter["contact"],
                 hash_upto=file_hash.hash_upto)  # fmt: skip
        steps.tick()
        digest, size = file_hash.finish()
    return ExportedPdf(out_path, digest, size, pages)
