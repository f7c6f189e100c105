"""What the stills screens ask the worker to do. Everything here runs on the worker thread.

Pictures come back as QImages built from bytes (QImage, unlike QPixmap, may be made off
the GUI thread), already scaled for display, so the GUI thread never decodes a full still.
Nothing is written to disk: a pasted picture is encoded to PNG in memory.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from opal_desktop.evidence.models import CustodyEvent, ExhibitInfo, ImportReport, IncomingStill

if TYPE_CHECKING:
    from opal_desktop.evidence.models import Source
    from opal_desktop.vault.vault import Vault

# The viewer's picture: big enough for 100% on any CCTV still up to 4K, small enough to
# turn into a pixmap quickly. Larger stills are shown from a scaled copy.
DISPLAY_MAX_SIDE = 3840
# .mpo: a multi-picture JPEG (kept whole, shown and exported as its first picture)
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".mpo", ".png", ".bmp", ".tif", ".tiff", ".webp"}
MAX_FOLDER_FILES = 2000


@dataclass(frozen=True)
class StripData:
    exhibits: list[ExhibitInfo]
    thumbnails: dict[int, QImage]


@dataclass(frozen=True)
class ViewData:
    info: ExhibitInfo
    custody: list[CustodyEvent]
    picture: QImage  # upright, RGB, at most DISPLAY_MAX_SIDE on its longer side
    upright_width: int  # the upright still's real size, in pixels
    upright_height: int


@dataclass
class Batch:
    """Stills gathered from paths, plus folder files that were passed over."""

    stills: list[IncomingStill] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def image_from_jpeg(data: bytes) -> QImage:
    image = QImage()
    image.loadFromData(data, "JPEG")
    return image


def load_strip(vault: Vault, incident_reference: str) -> StripData:
    from opal_desktop.evidence import exhibits

    listed = exhibits.list_exhibits(vault, incident_reference)
    raw = exhibits.thumbnails(vault, [e.id for e in listed])
    return StripData(listed, {i: image_from_jpeg(data) for i, data in raw.items()})


def exhibit_ids(vault: Vault, incident_reference: str) -> list[int]:
    from opal_desktop.evidence import exhibits

    return [e.id for e in exhibits.list_exhibits(vault, incident_reference)]


def _qimage_from_rgb(width: int, height: int, rgb: bytes) -> QImage:
    # copy(): the QImage must own its pixels, not borrow the Python bytes.
    return QImage(rgb, width, height, width * 3, QImage.Format.Format_RGB888).copy()


def load_view(vault: Vault, exhibit_id: int) -> ViewData:
    from PIL import Image

    from opal_desktop.evidence import exhibits
    from opal_desktop.evidence.ingest import ACCEPTED_FORMATS, to_display_rgb

    info = exhibits.get_exhibit(vault, exhibit_id)
    data = exhibits.original_bytes(vault, exhibit_id)
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as image:
        image.load()
        upright = to_display_rgb(image)
    width, height = upright.size
    if max(width, height) > DISPLAY_MAX_SIDE:
        upright.thumbnail((DISPLAY_MAX_SIDE, DISPLAY_MAX_SIDE), Image.Resampling.LANCZOS)
    picture = _qimage_from_rgb(upright.width, upright.height, upright.tobytes())
    custody = exhibits.custody_log(vault, info.reference)
    return ViewData(info, custody, picture, width, height)


def gather(paths: list[Path], source: Source) -> Batch:
    """Files as given; folders opened (with their subfolders) for the pictures in them."""
    batch = Batch()
    for path in paths:
        if path.is_dir():
            _gather_folder(path, batch)
        else:
            batch.stills.append(IncomingStill.from_path(path, source))
    return batch


def _gather_folder(folder: Path, batch: Batch) -> None:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found += [Path(root) / name for name in sorted(files)]
    others = 0
    for path in found:
        if path.suffix.lower() not in PICTURE_SUFFIXES:
            others += 1
        elif len(batch.stills) >= MAX_FOLDER_FILES:
            batch.skipped.append(
                (
                    path.name,
                    f"{path.name} was not added: a folder import takes {MAX_FOLDER_FILES:,} stills at most.",
                )
            )
        else:
            batch.stills.append(IncomingStill.from_path(path, "folder"))
    if others:
        noun = "file that is" if others == 1 else "files that are"
        batch.skipped.append(
            (
                folder.name,
                f"{others} {noun} not a picture in {folder.name} {'was' if others == 1 else 'were'} left out.",
            )
        )


def pasted_png(image: QImage, now: datetime | None = None) -> IncomingStill:
    """A pasted picture as PNG bytes in memory, named after the moment it was pasted."""
    from PIL import Image

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = rgba.width(), rgba.height()
    pixels = Image.frombytes("RGBA", (width, height), bytes(rgba.constBits()))
    if pixels.getchannel("A").getextrema() == (255, 255):
        pixels = pixels.convert("RGB")  # a screenshot: no need to keep an opaque alpha
    out = io.BytesIO()
    pixels.save(out, "PNG")
    moment = (now or datetime.now()).strftime("%Y-%m-%d %H-%M-%S")
    return IncomingStill.from_bytes(f"Pasted {moment}.png", out.getvalue(), "clipboard")


def import_batch(
    vault: Vault,
    incident_reference: str,
    make_batch: Callable[[], Batch],
    progress: Callable[[int, int], bool],
) -> ImportReport:
    """Gather, then import; files passed over in folders are listed as not added."""
    from opal_desktop.evidence import exhibits

    batch = make_batch()
    report = (
        exhibits.add_stills(vault, incident_reference, batch.stills, progress=progress)
        if batch.stills
        else ImportReport()
    )
    report.rejected.extend(batch.skipped)
    return report


def save_details(
    vault: Vault,
    exhibit_id: int,
    camera: str,
    cctv_time_shown: str,
    clock_offset_seconds: int | None,
    caption: str,
) -> tuple[ExhibitInfo, list[CustodyEvent]]:
    from opal_desktop.evidence import exhibits

    info = exhibits.update_details(
        vault,
        exhibit_id,
        camera=camera,
        cctv_time_shown=cctv_time_shown,
        clock_offset_seconds=clock_offset_seconds,
        caption=caption,
    )
    return info, exhibits.custody_log(vault, info.reference)
