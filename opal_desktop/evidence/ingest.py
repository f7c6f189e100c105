"""Safe reading of a CCTV still: is it a picture we accept, and what does it show?

No I/O and no database: takes the file's bytes, returns facts and a thumbnail, or raises
BadFile with a plain reason. Pure, so imports can run it on several threads at once
(Pillow releases the GIL while decoding).

The original bytes are never changed: only their hash is taken. Everything derived
(thumbnail) is re-encoded without EXIF.

Hostile files. Pillow's parsers answer a crafted or damaged file with almost any exception
(IndexError, TypeError "Missing dimensions" from a fuzzed TIFF, KeyError, struct.error, ...),
so inspect_still is the boundary: whatever Pillow raises while opening, verifying or decoding
becomes BadFile with one sentence, and a batch import lists the file as not added and goes
on. An animated PNG whose acTL chunk declares zero frames (or more than PNG allows) is
refused outright rather than silently shown as its default image.

MPO (multi-picture JPEG, CIPA DC-007: 3D and some phone cameras, often named .jpg). Decision:
keep the evidence. The file is a JPEG whose first picture is an ordinary JPEG followed by
further JPEG pictures; every JPEG reader shows the first. The master is stored bit for bit
with the SHA-256 of the whole file, recorded as format JPEG (the formats the package schema
and the exporters know) with `frames` = the number of pictures and `multi_picture` set, so
the custody log says what it holds. The ZIP package carries that master unchanged (a .jpg,
its hash as recorded); the PDF draws the first picture, whose exact bytes are cut from the
master by `first_jpeg_picture` (nothing re-encoded). Import checks that the first picture
can be cut out and read on its own, so an export can never fail on it later.
"""

from __future__ import annotations

import hashlib
import io
import logging
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
# A hostile file makes Pillow log ("More samples per pixel than can be decoded", at ERROR)
# and warn ("Corrupt EXIF data", "Tag data larger than file"): the user gets our sentence
# (or, if the picture still decodes, the still), not those lines on the terminal. (Under
# pytest, warnings are errors: there they end as BadFile, through the catch-all below.)
logging.getLogger("PIL").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")

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
    frames: int  # >1 for animated WebP/PNG or an MPO: the first frame is what is shown
    exif_datetime: str  # "2026:11:20 17:45:03" as the camera wrote it, a claim; "" if none
    thumbnail_jpeg: bytes
    thumbnail_width: int
    thumbnail_height: int
    multi_picture: bool = False  # an MPO: recorded as JPEG, `frames` pictures, first shown

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
    except Exception as error:  # hostile input: see the module docstring
        # OSError, SyntaxError, ValueError, EOFError, MemoryError are Pillow's documented
        # answers; IndexError, TypeError, KeyError, struct.error (and UserWarning where
        # warnings are errors) are what fuzzed files get from it in practice.
        reason = "cut short (truncated)" if "truncated" in str(error).lower() else "damaged"
        raise BadFile(
            f"{name} is {reason} and cannot be read. Export it again from the CCTV system."
        ) from None


def _inspect(data: bytes, name: str) -> InspectedStill:
    if data.startswith(_PNG_SIGNATURE):
        _check_animation(data, name)  # before Pillow, which warns and shows the default image
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
        fmt = str(probe.format)
        width, height = probe.size
        _check_dimensions(width, height, name)
        probe.verify()  # structure and checksums; does not decode every pixel
    multi_picture = fmt == "MPO"  # Pillow's JPEG opener answers MPO for a multi-picture JPEG
    if multi_picture:
        fmt = "JPEG"
        _check_first_picture(data, name, (width, height))
    if fmt not in ACCEPTED_FORMATS:
        raise BadFile(f"{name} is not a picture in a format we accept ({_ACCEPTED_TEXT}).")
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
        multi_picture=multi_picture,
    )


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_APNG_MAX_FRAMES = 0x80000000  # as Pillow reads it: more is not a valid APNG


def _check_animation(data: bytes, name: str) -> None:
    """An animated PNG must declare at least one frame (its acTL chunk, before the first IDAT)."""
    at = len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            return
        if kind == b"acTL":
            frames = int.from_bytes(data[at + 8 : at + 12], "big")
            if length < 8 or frames == 0 or frames > _APNG_MAX_FRAMES:
                raise BadFile(
                    f"{name} is an animated PNG that declares {frames:,} frames, so it is damaged. "
                    "Export the still again from the CCTV system as a single picture."
                )
            return
        at += 12 + length


def _check_first_picture(data: bytes, name: str, size: tuple[int, int]) -> None:
    """An MPO's first picture, cut from the file as the PDF export will, is a JPEG of its size."""
    try:
        first = first_jpeg_picture(data)
        with Image.open(io.BytesIO(first), formats=("JPEG",)) as image:
            ok = image.size == size
            image.load()
    except (ValueError, OSError):
        ok = False
    if not ok:
        raise BadFile(
            f"{name} holds several JPEG pictures (MPO) and its first picture cannot be read on its own. "
            "Export the still again from the CCTV system as a single JPEG."
        )


def first_jpeg_picture(data: bytes) -> bytes:
    """The first picture of a JPEG file: up to and including its first end-of-image marker.

    For a multi-picture JPEG (MPO) that is the first picture's exact bytes; an ordinary JPEG
    (no MPF segment before its first scan) is returned as it is, without scanning it.
    Raises ValueError if the markers cannot be followed to the first picture's end."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    at, end, multi = 2, len(data), False
    while at < end:
        if data[at] != 0xFF:
            raise ValueError("marker expected")
        while at < end and data[at] == 0xFF:  # fill bytes
            at += 1
        if at >= end:
            break
        marker = data[at]
        at += 1
        if marker == 0xD9:  # end of image
            return data[:at]
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            continue
        if at + 2 > end:
            break
        length = int.from_bytes(data[at : at + 2], "big")
        if length < 2:
            raise ValueError("bad segment length")
        if marker == 0xE2 and data[at + 2 : at + 6] == b"MPF\x00":
            multi = True
        at += length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            if not multi:
                return data
            at = _scan_end(data, at)
    raise ValueError("no end of image")


def _scan_end(data: bytes, at: int) -> int:
    end = len(data)
    while True:
        found = data.find(b"\xff", at)
        if found < 0 or found + 1 >= end:
            raise ValueError("scan runs past the end")
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed byte, restart marker
            at = found + 2
        elif following == 0xFF:  # fill before a marker
            at = found + 1
        else:
            return found


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
