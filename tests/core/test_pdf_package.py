"""The package PDF: signed PAdES B-B (pyHanko and poppler's pdfsig agree), text on every page,
stills embedded unchanged, a draft watermarked, a changed byte caught, a cancel leaves nothing."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image

from opal_desktop.errors import ExportCancelled, InvalidInput, VaultDamaged
from opal_desktop.evidence import exhibits as exhibit_store
from opal_desktop.evidence.models import IncomingStill, Region
from opal_desktop.evidence.redaction import redact
from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.linking.series import summary
from opal_desktop.packages import store
from opal_desktop.packages.cms import make_signer
from opal_desktop.packages.model import DRAFT_WATERMARK, Grading, Marking, PackageDraft, Submitter
from opal_desktop.packages.pdf import ExportedPdf, chart_png_for, export_pdf
from opal_desktop.packages.pdf_sign import check_pdf
from opal_desktop.packages.snapshot import Snapshot, build_snapshot
from opal_desktop.referral.check import CheckLine
from opal_desktop.referral.store import check_incidents
from opal_desktop.vault.signing import signing_material
from opal_desktop.vault.vault import Vault

PASSWORD = "demo password long"
SERIES = "SER-0001"


@dataclass
class Exported:
    snapshot: Snapshot
    final: ExportedPdf
    draft: ExportedPdf
    certificate_der: bytes
    signer: object
    chart_png: bytes | None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    from opal_desktop.incidents.demo import MIN_INCIDENTS
    from opal_desktop.vault import keyfile

    keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)  # module scope: see conftest
    try:
        return build_demo(tmp_path_factory.mktemp("demo") / "vault", incidents=MIN_INCIDENTS,
                          seed=11, password=PASSWORD)  # fmt: skip
    finally:
        keyfile.DEFAULT_KDF = keyfile.KdfParams()


@pytest.fixture(scope="module")
def exported(demo: DemoResult, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    vault = Vault.open(demo.folder, "manager", PASSWORD)
    try:
        refs = list(summary(vault, SERIES).incident_references)
        _add_png_and_redaction(vault, refs[0])
        package = store.create_package(vault, PackageDraft(
            title="Grey Audi spirits team", summary="Two males targeting spirits across Yorkshire.",
            series_reference=SERIES, grading=Grading("2", "B", "C", "Not to be shared outside policing."),
            marking=Marking.OFFICIAL_SENSITIVE, legal_basis="DPA 2018 Sch 1 para 10",
            submitter=Submitter("Alex Admin", "Regional LP manager", "07700 900123", "Northern Grocers Ltd (DEMO)"),
        ))  # fmt: skip
        snapshot = build_snapshot(vault, package, check_incidents(vault, refs))
        assert snapshot.check.ready, snapshot.check.as_text()
        material = signing_material(vault)
        signer = make_signer(material)
        chart = chart_png_for(vault, snapshot)
        out = tmp_path_factory.mktemp("pdf")
        final = export_pdf(snapshot, out / "final.pdf", draft=False, signer=signer, chart_png=chart)
        draft = export_pdf(snapshot, out / "draft.pdf", draft=True, signer=signer, chart_png=chart)
        return Exported(snapshot, final, draft, material.certificate_der, signer, chart)
    finally:
        vault.close()


def _add_png_and_redaction(vault: Vault, reference: str) -> None:
    """A PNG still (shown converted) and a redacted copy (named -R1), beside the demo's JPEGs."""
    picture = Image.new("RGB", (640, 360), (90, 90, 90))
    png = io.BytesIO()
    picture.save(png, "PNG")
    report = exhibit_store.add_stills(vault, reference, [IncomingStill.from_bytes("till.png", png.getvalue(), "file")],
                                      camera="Cam 9")  # fmt: skip
    assert report.added, report.sentences()
    master = next(e for e in exhibit_store.list_exhibits(vault, reference) if e.format == "JPEG")
    redact(vault, master.id, [Region(10, 10, 200, 200, "fill")])


def _text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


def _pdfsig(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)


def test_pdfsig_says_valid_and_whole_document(exported: Exported) -> None:
    for result in (exported.final, exported.draft):
        out = _pdfsig(result.path)
        assert out.returncode == 0, out.stdout + out.stderr
        assert "Signature is Valid." in out.stdout
        assert "Total document signed" in out.stdout
        assert "ETSI.CAdES.detached" in out.stdout  # PAdES, not adbe.pkcs7.detached


def test_pyhanko_validates_and_trusts_the_organisation(exported: Exported) -> None:
    with exported.final.path.open("rb") as handle:
        facts = check_pdf(handle, [exported.certificate_der])
    assert facts.ok and facts.trusted and facts.whole_file
    assert facts.subfilter == "/ETSI.CAdES.detached" and "Northern Grocers" in facts.signer


def test_export_result_matches_the_file(exported: Exported) -> None:
    import hashlib

    data = exported.final.path.read_bytes()
    assert exported.final.sha256 == hashlib.sha256(data).hexdigest()
    assert exported.final.size_bytes == len(data) and data.startswith(b"%PDF-")
    assert not [
        p for p in exported.final.path.parent.iterdir() if p.name.startswith(".")
    ]  # no temp left


def test_one_changed_byte_breaks_the_signature(exported: Exported, tmp_path: Path) -> None:
    data = bytearray(exported.final.path.read_bytes())
    jpeg = exported.snapshot.exhibits[0].load()
    at = bytes(data).index(jpeg) + len(jpeg) // 2  # in the middle of a still
    data[at] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    out = _pdfsig(tampered)
    assert "Signature is Valid." not in out.stdout
    with tampered.open("rb") as handle:
        facts = check_pdf(handle, [exported.certificate_der])
    assert not facts.intact and not facts.ok


def test_every_page_has_the_marking_and_its_number(exported: Exported) -> None:
    pages = exported.final.pages
    assert pages >= 10
    for page in range(1, pages + 1):
        text = _text(exported.final.path, page)
        assert text.count("OFFICIAL-SENSITIVE") >= 2, f"page {page}"  # top and bottom
        assert f"Page {page} of {pages}" in text


def test_text_names_every_incident_and_every_exhibit_hash(exported: Exported) -> None:
    text = _text(exported.final.path)
    for incident in exported.snapshot.incidents:
        assert incident.reference in text
    for exhibit in exported.snapshot.exhibits:
        assert exhibit.info.sha256 in text, exhibit.info.reference
    assert "PKG-" in text and "2B C" in text and "Not to be shared outside policing." in text
    assert "rules opal-indicative" in text and "(indicative)" in text
    assert (
        "Link chart" in text
        and "How the stills were produced" in text
        and "DPA 2018 Sch 1 para 10" in text
    )
    assert "-R1" in text and "shown converted for display" in text  # the redacted copy, the PNG


def test_draft_watermark_only_on_drafts(exported: Exported) -> None:
    assert DRAFT_WATERMARK not in _text(exported.final.path)
    draft = exported.draft
    for page in range(1, draft.pages + 1):
        assert DRAFT_WATERMARK in _text(draft.path, page), f"page {page}"


def test_jpeg_stills_are_embedded_unchanged(exported: Exported) -> None:
    data = exported.final.path.read_bytes()
    jpegs = [e for e in exported.snapshot.exhibits if e.info.format == "JPEG"]
    assert len(jpegs) >= 6
    for exhibit in jpegs:
        original = exhibit.load()
        assert (
            b"/Filter /DCTDecode /Length %d >>\nstream\n" % len(original)
            + original
            + b"\nendstream"
            in data
        )
    assert data.count(b"/Subtype /Image") >= len(jpegs) + 2  # + the PNG and the link chart


def test_pages_render_and_fonts_are_embedded(exported: Exported, tmp_path: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(exported.final.path)], capture_output=True, text=True, check=True
    )
    rows = [line for line in fonts.stdout.splitlines()[2:] if line.strip()]
    assert len(rows) == 2 and all(" yes " in row for row in rows), (
        fonts.stdout
    )  # DejaVu Sans, embedded
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "2", str(exported.final.path),
                    str(tmp_path / "page")], check=True, capture_output=True)  # fmt: skip
    assert len(list(tmp_path.glob("page-*.png"))) == 2


@pytest.mark.parametrize("steps_left", [None, 2], ids=["during-layout", "during-pictures"])
def test_cancel_leaves_no_file(exported: Exported, tmp_path: Path, steps_left: int | None) -> None:
    # Pictures are written while the pages are laid out; a cancel in either phase stops both.
    target = tmp_path / "cancelled.pdf"

    def progress(done: int, total: int) -> bool:
        return done < (3 if steps_left is None else total - steps_left)

    with pytest.raises(ExportCancelled):
        export_pdf(exported.snapshot, target, draft=True, signer=exported.signer, progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_total(exported: Exported, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    export_pdf(
        exported.snapshot, tmp_path / "p.pdf", draft=True, signer=exported.signer, progress=progress
    )
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_not_ready_is_only_a_draft(exported: Exported, tmp_path: Path) -> None:
    failing = CheckLine(
        "crime-reference", "blocking", "fail", "An incident has no crime reference."
    )
    snapshot = dataclasses.replace(exported.snapshot, check=dataclasses.replace(exported.snapshot.check,
                                                                                lines=(failing,)))  # fmt: skip
    with pytest.raises(InvalidInput, match="export it as a draft"):
        export_pdf(snapshot, tmp_path / "x.pdf", draft=False, signer=exported.signer)
    assert list(tmp_path.iterdir()) == []


def test_a_still_that_changed_in_the_vault_is_refused(exported: Exported, tmp_path: Path) -> None:
    first = exported.snapshot.exhibits[0]
    swapped = dataclasses.replace(first, load=lambda: exported.snapshot.exhibits[1].load())
    snapshot = dataclasses.replace(
        exported.snapshot, exhibits=[swapped, *exported.snapshot.exhibits[1:]]
    )
    with pytest.raises(
        VaultDamaged, match="no longer matches the SHA-256 recorded when it was imp"
    ):
        export_pdf(snapshot, tmp_path / "x.pdf", draft=True, signer=exported.signer)
    assert list(tmp_path.iterdir()) == []


def _signature_facts(data: bytes) -> dict[str, object]:
    """What a signature says beyond its value: dictionaries, extensions, signed attributes."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    embedded = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[0]
    sig = embedded.sig_object
    attributes = embedded.signer_info["signed_attrs"]
    return {
        "signature keys": sorted(sig.keys()),
        "signature values": {
            k: str(sig[k])
            for k in ("/Type", "/Filter", "/SubFilter", "/Reason", "/Location", "/ContactInfo")
            if k in sig
        },
        "field": {
            k: str(embedded.sig_field[k])
            for k in ("/FT", "/T", "/F", "/Rect")
            if k in embedded.sig_field
        },
        "extensions": str(embedded.reader.root.get("/Extensions")),
        "certification": str(embedded.reader.root.get("/Perms", {}).keys()),
        "docmdp": [str(ref.get("/TransformParams")) for ref in sig.get("/Reference", [])],
        "signed attributes": [a["type"].native for a in attributes],
    }


def test_our_signing_sets_what_pyhankos_pdfsigner_sets(exported: Exported) -> None:
    # sign_pdf embeds the signature itself so that its digest continues the file's hash
    # (pdf_sign): apart from the values, the result must be what PdfSigner makes.
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from opal_desktop.packages.pdf import write_pdf
    from opal_desktop.packages.pdf_sign import FIELD_NAME, sign_pdf

    unsigned = io.BytesIO()
    write_pdf(exported.snapshot, unsigned, draft=True)
    ours, theirs = io.BytesIO(unsigned.getvalue()), io.BytesIO(unsigned.getvalue())
    sign_pdf(ours, exported.signer, location="Leeds", contact="07700 900123")
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason="Intelligence package for Opal", location="Leeds", contact_info="07700 900123",
        certify=True, docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )  # fmt: skip
    signers.PdfSigner(meta, cast(Any, exported.signer)).sign_pdf(IncrementalPdfFileWriter(theirs, strict=False),
                                                      in_place=True)  # fmt: skip
    assert _signature_facts(ours.getvalue()) == _signature_facts(theirs.getvalue())
    ours.seek(0)
    facts = check_pdf(ours, [exported.certificate_der])
    assert facts.ok and facts.trusted and facts.whole_file
