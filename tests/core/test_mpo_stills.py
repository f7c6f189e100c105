"""A multi-picture JPEG (MPO) is kept whole as evidence and exports as its first picture.

Before, it was accepted as format "MPO" and every PDF and ZIP export of its package ended in
KeyError: 'MPO'. Now (see evidence/ingest.py): the master is the file bit for bit with the
SHA-256 of the whole file, recorded as JPEG with its picture count; the ZIP carries that
master unchanged; the PDF draws the first picture from its exact bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_images import mpo, mpo_first_picture_size
from import_support import draft
from PIL import Image

from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.evidence import exhibits, ingest
from opal_desktop.evidence.models import ExhibitInfo, IncomingStill
from opal_desktop.incidents import records
from opal_desktop.packages import store
from opal_desktop.packages.export import export_package
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


@pytest.fixture
def with_mpo(new_vault: NewVault) -> tuple[Vault, str, bytes, ExhibitInfo]:
    vault, _ = new_vault()
    reference = records.save(vault, records.new_incident(vault)).reference
    data = mpo()
    report = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("DSCF0001.jpg", data, "file")]
    )
    assert report.rejected == [] and len(report.added) == 1, report.sentences()
    return vault, reference, data, report.added[0]


def test_first_jpeg_picture_is_the_first_pictures_exact_bytes() -> None:
    data = mpo()
    first = ingest.first_jpeg_picture(data)
    assert first == data[: mpo_first_picture_size(data)]
    assert first.endswith(b"\xff\xd9") and len(first) < len(data)
    with Image.open(io.BytesIO(first)) as image:  # still has its MP index, so Pillow says MPO
        assert image.size == (320, 240)
        red, _green, blue = image.convert("RGB").getpixel((10, 10))  # type: ignore[misc]
        assert red > 150 > blue  # the red first picture, not the blue second
    plain = io.BytesIO()
    Image.new("RGB", (32, 32)).save(plain, "JPEG")
    assert ingest.first_jpeg_picture(plain.getvalue()) == plain.getvalue()  # unchanged


def test_an_mpo_is_kept_bit_for_bit_and_recorded_as_a_jpeg_of_two_pictures(
    with_mpo: tuple[Vault, str, bytes, ExhibitInfo],
) -> None:
    vault, _reference, data, info = with_mpo
    assert exhibits.original_bytes(vault, info.id) == data
    assert info.sha256 == hashlib.sha256(data).hexdigest() and info.size_bytes == len(data)
    assert (info.format, info.frames, info.width, info.height) == ("JPEG", 2, 320, 240)
    imported = exhibits.custody_log(vault, info.reference)[0]
    assert imported.action == "imported" and imported.exhibit_sha256 == info.sha256
    assert "MPO: 2 JPEG pictures in one file, kept whole" in imported.details


def test_an_mpo_whose_first_picture_cannot_be_cut_out_is_refused() -> None:
    data = bytearray(mpo())
    first = mpo_first_picture_size(bytes(data))
    data[first - 2 : first] = b"\x00\x00"  # the first picture's end-of-image marker
    data[first : first + 2] = b"\x00\x00"  # and the second's start: no picture boundary
    with pytest.raises(BadFile) as refused:
        ingest.inspect_still(bytes(data), "DSCF0002.jpg")
    assert str(refused.value).startswith("DSCF0002.jpg ")


def _export(vault: Vault, reference: str, out: Path, fmt: str) -> Path:
    package = store.create_package(vault, draft([reference])).reference
    try:
        return export_package(vault, package, out, fmt).files[0]  # type: ignore[arg-type]
    except InvalidInput:  # the referral check is not ready (no crime number): a draft
        return export_package(vault, package, out, fmt, draft=True).files[0]  # type: ignore[arg-type]


def _embedded_jpegs(pdf: bytes) -> list[bytes]:
    found = []
    for match in re.finditer(rb"/Filter /DCTDecode /Length (\d+) >>\nstream\n", pdf):
        found.append(pdf[match.end() : match.end() + int(match.group(1))])
    return found


def test_the_pdf_draws_the_first_picture_and_names_the_whole_files_hash(
    with_mpo: tuple[Vault, str, bytes, ExhibitInfo], tmp_path: Path
) -> None:
    vault, reference, data, info = with_mpo
    path = _export(vault, reference, tmp_path, "pdf")
    pdf = path.read_bytes()
    first = data[: mpo_first_picture_size(data)]
    assert first in _embedded_jpegs(pdf)
    assert data not in pdf and data[len(first) :] not in pdf  # nor the second picture
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert info.sha256 in text.replace("\n", "")
    rendered = subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")],
                              capture_output=True, text=True, check=False)  # fmt: skip
    assert rendered.returncode == 0 and "Error" not in rendered.stderr, rendered.stderr


def test_the_zip_carries_the_master_unchanged_with_its_hash(
    with_mpo: tuple[Vault, str, bytes, ExhibitInfo], tmp_path: Path
) -> None:
    vault, reference, data, info = with_mpo
    path = _export(vault, reference, tmp_path, "zip")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        still = next(n for n in names if n.startswith("exhibits/masters/"))
        assert still.endswith(".jpg") and archive.read(still) == data
        sums = archive.read("META-INF/SHA256SUMS").decode()
        assert f"{info.sha256}  {still}\n" in sums
        report = archive.read("report.pdf") if "report.pdf" in names else b""
        doc = json.loads(archive.read("package.json"))
    exhibit = next(e for e in doc["exhibits"] if e["path"] == still)
    assert (exhibit["format"], exhibit["sha256"], exhibit["size_bytes"]) == (
        "JPEG", info.sha256, len(data),
    )  # fmt: skip
    if report:  # the PDF inside the ZIP draws the first picture too
        assert data[: mpo_first_picture_size(data)] in _embedded_jpegs(report)
