"""CCTV stills: only real pictures get in, the master is kept bit for bit, custody is logged."""

from __future__ import annotations

import hashlib
import io
import struct
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from opal_desktop.errors import InvalidInput
from opal_desktop.evidence import exhibits, ingest, redaction
from opal_desktop.evidence.models import IncomingStill, Region
from opal_desktop.incidents import records
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


def _jpeg(size: tuple[int, int] = (1280, 720), mode: str = "RGB", **save: object) -> bytes:
    image = Image.new(mode, size)
    # A gradient, so the picture has content a thumbnail and a blur can be checked against.
    image = (
        Image.linear_gradient("L").resize(size).convert(mode)
        if mode in ("RGB", "CMYK", "L")
        else image
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, **save)
    return out.getvalue()


def _encoded(image: Image.Image, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    return _encoded(image, "PNG")


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def _rotated_jpeg() -> bytes:
    image = Image.new("RGB", (800, 400), (200, 30, 30))
    exif = image.getexif()
    exif[274] = 6  # "rotate 90° clockwise to view"
    exif.get_ifd(0x8769)[36867] = "2026:11:20 17:45:03"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _animated_webp() -> bytes:
    frames = [Image.new("RGB", (200, 100), (i * 80, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:])
    return out.getvalue()


@pytest.fixture
def incident(new_vault: NewVault) -> tuple[Vault, str]:
    vault, _ = new_vault()
    saved = records.save(vault, records.new_incident(vault))
    return vault, saved.reference


def _integrity_ok(vault: Vault) -> bool:
    with vault.engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA cipher_integrity_check").all() == []


def _stored_hashes(vault: Vault) -> list[str]:
    with vault.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT sha256 FROM exhibits ORDER BY id")]


BAD_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "truncated.jpg": (lambda: _jpeg()[:5000], "cut short (truncated)"),
    "huge.png": (lambda: _png_claiming(100_000, 100_000), "impossible size"),
    "wide.png": (lambda: _png_claiming(30_000, 10), "far larger than any CCTV still"),
    "notes.jpg": (
        lambda: b"Shift notes: nothing to report.\n" * 20,
        "not a picture in a format we accept",
    ),
    "logo.svg": (
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        "not a picture",
    ),
    "empty.jpg": (lambda: b"", "is empty (0 bytes)"),
    "anim.gif": (
        lambda: _encoded(Image.new("P", (9, 9)), "GIF"),
        "not a picture in a format we accept",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_with_a_reason_and_leave_nothing(
    incident: tuple[Vault, str], name: str
) -> None:
    vault, reference = incident
    make, reason = BAD_FILES[name]
    report = exhibits.add_stills(vault, reference, [IncomingStill.from_bytes(name, make(), "file")])
    assert report.added == [] and len(report.rejected) == 1
    assert report.rejected[0][0] == name and reason in report.rejected[0][1]
    assert report.rejected[0][1].startswith(name)
    assert _stored_hashes(vault) == [] and _integrity_ok(vault)


def test_a_file_over_the_size_cap_is_refused(
    incident: tuple[Vault, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, reference = incident
    monkeypatch.setattr(ingest, "MAX_BYTES", 100_000)
    big = _png(Image.effect_noise((400, 400), 64).convert("RGB"))
    assert len(big) > 100_000
    report = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("big.png", big, "file")]
    )
    assert (
        "over the 0 MB limit" in report.rejected[0][1]
        or "limit for a still" in report.rejected[0][1]
    )
    assert _stored_hashes(vault) == []


def test_good_stills_of_every_kind_are_kept_bit_for_bit(
    incident: tuple[Vault, str], tmp_path: Path
) -> None:
    vault, reference = incident
    files = {
        "cam1.jpg": _jpeg(),
        "cmyk.jpg": _jpeg(mode="CMYK"),
        "deep.png": _png(Image.new("I;16", (640, 480), 40000)),
        "rotated.jpg": _rotated_jpeg(),
        "moving.webp": _animated_webp(),
        "scan.tif": _encoded(Image.new("RGB", (300, 200), (0, 90, 0)), "TIFF"),
        "frame.bmp": _encoded(Image.new("RGB", (300, 200), (0, 0, 90)), "BMP"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    report = exhibits.add_stills(
        vault, reference, [IncomingStill.from_path(tmp_path / n) for n in files]
    )
    assert report.rejected == [] and len(report.added) == len(files)
    assert [e.reference for e in report.added] == [
        f"AA/{i}" for i in range(1, 8)
    ]  # Alex Admin's initials
    for info in report.added:
        original = files[info.original_filename]
        assert exhibits.original_bytes(vault, info.id) == original
        assert info.sha256 == hashlib.sha256(original).hexdigest()
    rotated = next(e for e in report.added if e.original_filename == "rotated.jpg")
    thumb = Image.open(io.BytesIO(exhibits.thumbnails(vault, [rotated.id])[rotated.id]))
    assert thumb.height > thumb.width  # shown upright
    assert "exif" not in thumb.info  # derived copies carry no EXIF
    assert rotated.exif_datetime == "2026:11:20 17:45:03" and rotated.orientation == 6
    assert next(e for e in report.added if e.original_filename == "moving.webp").frames == 3
    assert records.get(vault, reference).id is not None
    assert _integrity_ok(vault)


def test_the_same_still_twice_is_pointed_out_not_stored_twice(incident: tuple[Vault, str]) -> None:
    vault, reference = incident
    still = _jpeg()
    first = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("a.jpg", still, "file")]
    )
    again = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("copy of a.jpg", still, "drop")]
    )
    assert again.added == [] and again.duplicates == [("copy of a.jpg", first.added[0].reference)]
    assert "already attached to this incident as AA/1" in again.sentences()[0]
    assert len(_stored_hashes(vault)) == 1


def test_a_batch_imports_the_good_and_lists_the_bad(incident: tuple[Vault, str]) -> None:
    vault, reference = incident
    batch = [
        IncomingStill.from_bytes("good1.jpg", _jpeg((640, 360)), "folder"),
        IncomingStill.from_bytes("bad.jpg", b"not a picture", "folder"),
        IncomingStill.from_bytes("good2.jpg", _jpeg((800, 450)), "folder"),
    ]
    report = exhibits.add_stills(vault, reference, batch)
    assert [e.original_filename for e in report.added] == ["good1.jpg", "good2.jpg"]
    assert [name for name, _ in report.rejected] == ["bad.jpg"]
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT stills_count FROM incidents").scalar_one() == 2


def test_cancelling_keeps_what_was_done(incident: tuple[Vault, str]) -> None:
    vault, reference = incident
    batch = [
        IncomingStill.from_bytes(f"s{i}.jpg", _jpeg((320 + i, 240)), "folder") for i in range(5)
    ]
    report = exhibits.add_stills(
        vault, reference, batch, progress=lambda done, total: done < 2, workers=1
    )
    assert report.cancelled and len(report.added) == 2


def test_redaction_makes_a_named_copy_and_never_touches_the_master(
    incident: tuple[Vault, str],
) -> None:
    vault, reference = incident
    original = _jpeg((1280, 720))
    master = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("cam2.jpg", original, "file")]
    ).added[0]
    copy = redaction.redact(
        vault, master.id, [Region(100, 100, 200, 200, "blur"), Region(600, 300, 100, 80, "fill")]
    )
    assert (
        copy.reference == "AA/1-R1" and copy.master_reference == "AA/1" and copy.kind == "redacted"
    )
    assert copy.sha256 != master.sha256 and len(copy.regions) == 2
    assert exhibits.original_bytes(vault, master.id) == original
    assert exhibits.get_exhibit(vault, master.id).sha256 == hashlib.sha256(original).hexdigest()
    redacted = Image.open(io.BytesIO(exhibits.original_bytes(vault, copy.id))).convert("RGB")
    assert redacted.getpixel((650, 340)) == (0, 0, 0)  # filled
    assert "exif" not in redacted.info
    second = redaction.redact(vault, master.id, [Region(0, 0, 50, 50)])
    assert second.reference == "AA/1-R2"
    with pytest.raises(InvalidInput, match="already a working copy"):
        redaction.redact(vault, copy.id, [Region(0, 0, 50, 50)])
    with pytest.raises(InvalidInput, match="outside the picture"):
        redaction.redact(vault, master.id, [Region(5000, 5000, 10, 10)])
    actions = [e.action for e in exhibits.custody_log(vault, "AA/1")]
    assert actions == ["imported", "redacted", "redacted"]


def test_custody_records_details_and_deletion_with_the_hash(incident: tuple[Vault, str]) -> None:
    vault, reference = incident
    master = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("c.jpg", _jpeg(), "clipboard")]
    ).added[0]
    copy = redaction.redact(vault, master.id, [Region(10, 10, 100, 100)])
    exhibits.update_details(
        vault,
        master.id,
        camera="Cam 4 – front door",
        cctv_time_shown="20/11/2026 17:44:10",
        clock_offset_seconds=-65,
        caption="Male in red cap at the exit",
    )
    with pytest.raises(InvalidInput, match="Say why"):
        exhibits.delete_exhibit(vault, master.id, "")
    gone = exhibits.delete_exhibit(vault, master.id, "Wrong incident")
    assert sorted(gone) == ["AA/1", "AA/1-R1"]
    log = exhibits.custody_log(vault, "AA/1")
    assert [e.action for e in log] == ["imported", "redacted", "details_changed", "deleted"]
    assert log[-1].exhibit_sha256 == master.sha256 and log[-1].details == "Wrong incident"
    assert "clock offset (s): none → -65" in log[2].details
    assert [e.action for e in exhibits.custody_log(vault, copy.reference)] == ["created", "deleted"]
    assert exhibits.list_exhibits(vault, reference) == []


def test_no_still_bytes_reach_any_file_outside_the_database(incident: tuple[Vault, str]) -> None:
    vault, reference = incident
    still = _jpeg((1024, 576))
    master = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("x.jpg", still, "file")]
    ).added[0]
    redaction.redact(vault, master.id, [Region(0, 0, 64, 64)])
    thumb = exhibits.thumbnails(vault, [master.id])[master.id]
    samples = [still[2000:2064], thumb[600:664]]
    for moment in ("open", "closed"):
        for path in vault.folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not any(s in data for s in samples), (
                    f"{path.name} holds picture bytes ({moment})"
                )
        if moment == "open":
            vault.close()


def _checked_out(vault: Vault) -> int:
    from sqlalchemy.pool import QueuePool

    assert isinstance(vault.engine.pool, QueuePool)
    return vault.engine.pool.checkedout()


def test_an_export_reads_stills_from_worker_threads_and_hands_every_connection_back(
    incident: tuple[Vault, str],
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from opal_desktop.evidence.stored import StoredBytes

    vault, reference = incident
    stills = [_jpeg((640 + 64 * n, 360)) for n in range(6)]
    added = exhibits.add_stills(
        vault,
        reference,
        [IncomingStill.from_bytes(f"{n}.jpg", s, "file") for n, s in enumerate(stills)],
    ).added
    expected = {e.id: hashlib.sha256(s).hexdigest() for e, s in zip(added, stills, strict=True)}
    reader = StoredBytes(vault)
    assert hashlib.sha256(reader.read(added[0].id)).hexdigest() == expected[added[0].id]
    both_reading = threading.Barrier(2)

    def read_beside_the_other(exhibit_id: int) -> bytes:
        both_reading.wait(timeout=10)
        return reader.read(exhibit_id)

    ids = list(expected)
    with reader.kept_open(), ThreadPoolExecutor(max_workers=2) as pool:
        read = dict(zip(ids[:2], pool.map(read_beside_the_other, ids[:2]), strict=True))
        read |= dict(zip(ids[2:], pool.map(reader.read, ids[2:]), strict=True))
        assert _checked_out(vault) == 2  # one per worker, kept for the block
    assert {i: hashlib.sha256(d).hexdigest() for i, d in read.items()} == expected
    assert _checked_out(vault) == 0
    # the read transactions ended with the block: a still added now is read in the next one
    later = exhibits.add_stills(
        vault, reference, [IncomingStill.from_bytes("z.jpg", _jpeg((320, 180)), "file")]
    )
    with reader.kept_open():
        assert reader.read(later.added[0].id)[:2] == b"\xff\xd8"
    with vault.engine.connect() as conn:
        busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    assert busy == 0  # no reader left behind holding the log
