"""Safe reading of a CCTV still: is it a picture we accept, and what does it show?

No I/O and no database: takes the file's bytes, returns facts and a thumbnail, or raises
BadFile with a plain reason. Pure, so imports can run it on several threads at once
(Pillow releases the GIL while decoding).

The original bytes are never changed: only their hash is taken. Everything derived
(thumbnail) is re-encoded without EXIF.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, ImageOps, UnidentifiedImageError

from opal_desktop.errors import BadFile

ACCEPTED_FORMATS = ("JPEG", "PNG", "BMP", "TIFF", "WEBP")
MAX_BYTES = 60 * 1024 * 1024
MAX_PIXELS = 60_000_000  # 8K video frames are 33 MP; stills cameras rarely exceed 50 MP
MAX_SIDE = 20_000
THUMBNAIL_SIZE = (320, 320)

# Pillow's own guard against decompression bombs, made strict: a warning is an error here.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.simplefilter("error", Image.DecompressionBombWarning)

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 36867
_OFFSET_TIME_ORIGINAL = 36881
_ORIENTATION = 274

_ACCEPTED_TEXT = "JPEG, PNG, BMP, TIFF or WebP"


@dataclass(frozen=True)
class InspectedStill:
    sha256: str
    size_bytes: int
    format: str  # Pillow's name: JPEG, PNG, ...
    width: int  # as stored (before any EXIF rotation)
    height: int
    orientation: int  # EXIF orientation 1..8 (1 = upright)
    frames: int  # >1 for animated WebP/PNG: the first frame is what is shown
    exif_datetime: str  # "2026:11:20 17:45:03" as the camera wrote it, a claim; "" if none
    thumbnail_jpeg: bytes
    thumbnail_width: int
    thumbnail_height: int

    @property
    def media_type(self) -> str:
        return {
            "JPEG": "image/jpeg",
            "PNG": "image/png",
            "BMP": "image/bmp",
            "TIFF": "image/tiff",
            "WEBP": "image/webp",
        }[self.format]

    @property
    def extension(self) -> str:
        return {"JPEG": ".jpg", "PNG": ".png", "BMP": ".bmp", "TIFF": ".tif", "WEBP": ".webp"}[
            self.format
        ]


def inspect_still(data: bytes, name: str = "the file") -> InspectedStill:
    """Check and describe a still. Raises BadFile saying why it cannot be used."""
    if not data:
        raise BadFile(f"{name} is empty (0 bytes). Export the still again from the CCTV system.")
    if len(data) > MAX_BYTES:
        raise BadFile(
            f"{name} is {len(data) / 1_048_576:.0f} MB, over the {MAX_BYTES // 1_048_576} MB limit for a still. "
            "Export a single frame, not a video."
        )
    try:
        return _inspect(data, name)
    except BadFile:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadFile(
            f"{name} claims to be a picture of impossible size. It was not imported."
        ) from None
    except UnidentifiedImageError:
        raise BadFile(
            f"{name} is not a picture in a format we accept ({_ACCEPTED_TEXT})."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as error:
        reason = "cut short (truncated)" if "truncated" in str(error) else "damaged"
        raise BadFile(
            f"{name} is {reason} and cannot be read. Export it again from the CCTV system."
        ) from None


def _inspect(data: bytes, name: str) -> InspectedStill:
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
        fmt = str(probe.format)
        width, height = probe.size
        _check_dimensions(width, height, name)
        probe.verify()  # structure and checksums; does not decode every pixel
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as image:
        frames = int(getattr(image, "n_frames", 1) or 1)
        exif = image.getexif()
        orientation = int(exif.get(_ORIENTATION, 1) or 1)
        exif_datetime = _exif_datetime(exif)
        if fmt == "JPEG":
            image.draft("RGB", THUMBNAIL_SIZE)  # decode at reduced size: much faster
        image.load()  # decodes for real: catches truncation that verify() misses
        thumbnail = _thumbnail(image)
    jpeg = io.BytesIO()
    thumbnail.save(jpeg, "JPEG", quality=82, optimize=False)  # no EXIF carried over
    return InspectedStill(
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        format=fmt,
        width=width,
        height=height,
        orientation=orientation if 1 <= orientation <= 8 else 1,
        frames=frames,
        exif_datetime=exif_datetime,
        thumbnail_jpeg=jpeg.getvalue(),
        thumbnail_width=thumbnail.width,
        thumbnail_height=thumbnail.height,
    )


def _check_dimensions(width: int, height: int, name: str) -> None:
    if width <= 0 or height <= 0:
        raise BadFile(f"{name} has no picture in it.")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise BadFile(
            f"{name} says it is {width:,} x {height:,} pixels, far larger than any CCTV still. "
            "It was not imported."
        )


def _exif_datetime(exif: Image.Exif) -> str:
    try:
        value = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(306)  # 306: DateTime
    except (KeyError, ValueError, TypeError, SyntaxError):
        return ""
    text = str(value).strip("\x00 ") if value else ""
    try:
        datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return ""
    return text


def to_display_rgb(image: Image.Image) -> Image.Image:
    """Upright, 8-bit RGB: CMYK, 16-bit, palette and alpha images all shown as people expect."""
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode in ("I;16", "I;16B", "I;16L", "I"):
        upright = upright.point(lambda v: v / 256).convert("L")
    if upright.mode in ("RGBA", "LA", "P", "PA"):
        upright = upright.convert("RGBA")
        background = Image.new("RGB", upright.size, (255, 255, 255))
        background.paste(upright, mask=upright.getchannel("A"))
        return background
    return upright.convert("RGB")


def _thumbnail(image: Image.Image) -> Image.Image:
    rgb = to_display_rgb(image)
    rgb.thumbnail(THUMBNAIL_SIZE, Image.Resampling.BILINEAR)
    return rgb


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
