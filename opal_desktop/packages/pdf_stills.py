"""Pictures in the package PDF, streamed: only a few stills' bytes in memory at a time.

reportlab builds its whole document in memory, so handing it 200 stills would hold every
still (twice) until the end, and from in-memory bytes it decodes each JPEG just to name it
(TECH_NOTES). Instead each picture is drawn as a reference to an image XObject that
reportlab writes only as a short placeholder. `splice` then copies reportlab's small
document to the output, replacing each placeholder by the real image object as it goes:
the still is loaded from the vault (a few ahead, on worker threads), checked against its
SHA-256, and written unchanged (JPEG, as /DCTDecode) or converted for display (PNG, BMP,
TIFF, WebP: 8-bit RGB, Flate).
Cross-reference offsets are shifted accordingly. Pictures are named by SHA-256, so a still
used twice (an incident still that is also a subject's best image) is embedded once.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import secrets
import zlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfbase.pdfutils import readJPEGInfo
from reportlab.platypus import Flowable

from opal_desktop.errors import BadFile
from opal_desktop.prefetch import loaded_ahead

LOOKAHEAD = 3  # pictures being loaded while one is written
MAX_CONVERTED_SIDE = 2400  # converted (non-JPEG) pictures are scaled down to this for display
_SWAPS_SIDES = {5, 6, 7, 8}  # EXIF orientations that turn the picture on its side


@dataclass(frozen=True)
class ImageSource:
    key: str  # SHA-256 of the original bytes: names the picture in the PDF
    width: int  # stored pixels, before EXIF orientation
    height: int
    orientation: int  # EXIF 1..8; JPEGs are drawn turned, converted pictures are made upright
    is_jpeg: bool
    label: str  # for error messages: the exhibit reference
    load: Callable[[], bytes]
    check_sha256: bool = True

    @property
    def upright_size(self) -> tuple[int, int]:
        # JPEGs are drawn turned; converted pictures are made upright: the same box either way
        if self.orientation in _SWAPS_SIDES:
            return self.height, self.width
        return self.width, self.height


class _Placeholder(PDFObject):  # type: ignore[misc]  # reportlab has no stubs
    """Formats as a marker that `splice` replaces by the image object."""

    def __init__(self, marker: bytes) -> None:
        self.marker = marker

    def format(self, document: Any) -> bytes:
        return self.marker


class ImageRegistry:
    """The pictures of one document, in the order they are first drawn."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.sources: list[ImageSource] = []
        self._index: dict[str, int] = {}

    def marker(self, index: int) -> bytes:
        return f"%OPAL-IMAGE-{self.token}-{index}-END".encode("ascii")

    def pattern(self) -> re.Pattern[bytes]:
        return re.compile(rb"%OPAL-IMAGE-" + self.token.encode("ascii") + rb"-(\d+)-END")

    def draw(self, canv: Any, source: ImageSource, box: tuple[float, float, float, float]) -> None:
        """Draw `source` upright filling box (x, y, width, height), registering it once."""
        name = f"OpalImage{source.key[:24]}"
        reg_name = canv._doc.getXObjectName(name)
        if reg_name not in canv._doc.idToObject:
            self._index[source.key] = len(self.sources)
            self.sources.append(source)
            canv._doc.Reference(_Placeholder(self.marker(self._index[source.key])), reg_name)
        x, y, w, h = box
        a, b, c, d, e, f = _orientation_matrix(source.orientation if source.is_jpeg else 1, w, h)
        canv.saveState()
        canv.translate(x, y)
        canv.transform(a, b, c, d, e, f)
        canv._code.append(f"/{reg_name} Do")
        canv.restoreState()
        canv._formsinuse.append(name)


def _orientation_matrix(
    orientation: int, w: float, h: float
) -> tuple[float, float, float, float, float, float]:
    """Maps the stored image's unit square onto the upright w x h box (EXIF orientation)."""
    return {
        2: (-w, 0, 0, h, w, 0),
        3: (-w, 0, 0, -h, w, h),
        4: (w, 0, 0, -h, 0, h),
        5: (0, -h, -w, 0, w, h),
        6: (0, -h, w, 0, 0, h),
        7: (0, h, w, 0, 0, 0),
        8: (0, h, -w, 0, w, 0),
    }.get(orientation, (w, 0, 0, h, 0, 0))


class Picture(Flowable):  # type: ignore[misc]  # reportlab has no stubs
    """A still (or the link chart) scaled to fit max_width x max_height, keeping its shape."""

    def __init__(
        self, registry: ImageRegistry, source: ImageSource, max_width: float, max_height: float
    ) -> None:
        super().__init__()
        self.registry, self.source = registry, source
        up_w, up_h = source.upright_size
        scale = min(max_width / up_w, max_height / up_h)
        self.width, self.height = up_w * scale, up_h * scale
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeGray(0.3)
        self.canv.setLineWidth(0.5)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        self.registry.draw(self.canv, self.source, (0, 0, self.width, self.height))


def _image_object(source: ImageSource) -> tuple[bytes, bytes]:
    """(dictionary, stream bytes) of one picture, loaded now."""
    data = source.load()
    if source.check_sha256 and hashlib.sha256(data).hexdigest() != source.key:
        raise BadFile(
            f"Exhibit {source.label} in the vault no longer matches its recorded SHA-256. "
            "Do not export it: run the vault check and tell your administrator."
        )
    if source.is_jpeg:
        width, height, components = readJPEGInfo(io.BytesIO(data))[:3]
        space = {1: "/DeviceGray", 3: "/DeviceRGB"}.get(components, "/DeviceCMYK")
        decode = " /Decode [1 0 1 0 1 0 1 0]" if components == 4 else ""
        head = (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} "
                f"/BitsPerComponent 8 /ColorSpace {space}{decode} /Filter /DCTDecode "
                f"/Length {len(data)} >>")  # fmt: skip
        return head.encode("ascii"), data
    from PIL import Image

    from opal_desktop.evidence.ingest import to_display_rgb

    with Image.open(io.BytesIO(data)) as image:
        rgb = to_display_rgb(image)
    del data
    rgb.thumbnail((MAX_CONVERTED_SIDE, MAX_CONVERTED_SIDE))
    stream = zlib.compress(rgb.tobytes(), 6)
    head = (f"<< /Type /XObject /Subtype /Image /Width {rgb.width} /Height {rgb.height} "
            f"/BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode /Length {len(stream)} >>")  # fmt: skip
    return head.encode("ascii"), stream


def _write_object(out: BinaryIO, before: bytes, dictionary: bytes, stream: bytes) -> None:
    out.write(before)
    out.write(dictionary)
    out.write(_STREAM)
    out.write(stream)
    out.write(_ENDSTREAM)


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_HEAD = re.compile(rb"xref\s+0\s+(\d+)\s+")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_STREAM, _ENDSTREAM = b"\nstream\n", b"\nendstream"


def splice(
    document: bytes,
    registry: ImageRegistry,
    out: BinaryIO,
    on_image: Callable[[], None] | None = None,
) -> None:
    """Write reportlab's `document` to `out` with every placeholder replaced by its picture."""
    tail = _STARTXREF.search(document)
    xref_at = int(tail.group(1)) if tail else -1
    head = _XREF_HEAD.match(document, xref_at) if tail else None
    if tail is None or head is None:
        raise RuntimeError("reportlab wrote no classic cross-reference table")
    at, shifts_at, shifts = 0, [0], [0]  # offsets in `document` -> bytes added before them
    placeholders = list(registry.pattern().finditer(document, 0, xref_at))
    sources = (registry.sources[int(found.group(1))] for found in placeholders)
    with contextlib.closing(loaded_ahead(_image_object, sources, lookahead=LOOKAHEAD)) as pictures:
        for found, (dictionary, stream) in zip(placeholders, pictures, strict=True):
            _write_object(out, document[at : found.start()], dictionary, stream)
            added = (
                len(dictionary) + len(_STREAM) + len(stream) + len(_ENDSTREAM) - len(found.group(0))
            )
            shifts_at.append(found.end())
            shifts.append(shifts[-1] + added)
            at = found.end()
            if on_image is not None:
                on_image()
    out.write(document[at:xref_at])

    def moved(offset: int) -> int:
        return offset + shifts[bisect_right(shifts_at, offset) - 1]

    count = int(head.group(1))
    entries = _ENTRY.findall(document, head.end())[:count]
    out.write(b"xref\n0 %d\n" % count)
    for offset, generation, kind in entries:
        value = moved(int(offset)) if kind == b"n" else int(offset)
        out.write(b"%010d %s %s \n" % (value, generation, kind))
    trailer_at = document.index(b"trailer", head.end())
    out.write(document[trailer_at : tail.start()])
    out.write(b"startxref\n%d\n%%%%EOF\n" % moved(xref_at))
