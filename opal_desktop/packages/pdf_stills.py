"""Pictures in the package PDF, streamed: only a few stills' bytes in memory at a time.

reportlab builds its whole document in memory, so handing it 200 stills would hold every
still (twice) until the end, and from in-memory bytes it decodes each JPEG just to name it
(TECH_NOTES). Instead each picture is drawn as a reference to an image XObject that
reportlab writes only as a short placeholder object. Meanwhile a `PictureWriter` thread
loads the pictures from the vault in story order (a few ahead, on worker threads), checks
each against its SHA-256 and, once reportlab has drawn it and so numbered it, writes its
image object to the output file: unchanged for a JPEG (/DCTDecode; of a multi-picture
JPEG, an MPO, the first picture's bytes), converted for display otherwise (PNG, BMP, TIFF, WebP: 8-bit RGB, Flate). Loading and hashing release the GIL, so
this runs on the other core while reportlab lays out the pages. `append_document` then adds
reportlab's document without its placeholders and a cross-reference table pointing at both.
Pictures are named by SHA-256, so a still used twice (an incident still that is also a
subject's best image) is embedded once.
"""

from __future__ import annotations

import contextlib
import io
import queue
import re
import secrets
import threading
import zlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfbase.pdfutils import readJPEGInfo
from reportlab.platypus import Flowable

from opal_desktop.evidence.stored import still_as_recorded
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
    """Formats as a marker: `append_document` leaves the object out (PictureWriter wrote it)."""

    def __init__(self, marker: bytes) -> None:
        self.marker = marker

    def format(self, document: Any) -> bytes:
        return self.marker


class ImageRegistry:
    """The pictures of one document: expected in story order as Picture flowables are made
    (so they can be loaded before layout reaches them), numbered when first drawn."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.expected: list[ImageSource] = []
        self._index: dict[str, int] = {}
        # told (picture key, object number) when a picture is first drawn: PictureWriter.drawn
        self.on_first_draw: Callable[[str, int], None] | None = None

    def expect(self, source: ImageSource) -> None:
        if source.key not in self._index:
            self._index[source.key] = len(self.expected)
            self.expected.append(source)

    def marker(self, index: int) -> bytes:
        return f"%OPAL-IMAGE-{self.token}-{index}-END".encode("ascii")

    def pattern(self) -> re.Pattern[bytes]:
        return re.compile(rb"%OPAL-IMAGE-" + self.token.encode("ascii") + rb"-(\d+)-END")

    def draw(self, canv: Any, source: ImageSource, box: tuple[float, float, float, float]) -> None:
        """Draw `source` upright filling box (x, y, width, height), registering it once."""
        name = f"OpalImage{source.key[:24]}"
        reg_name = canv._doc.getXObjectName(name)
        if reg_name not in canv._doc.idToObject:
            if source.key not in self._index:  # a programming error: Picture expects its source
                raise RuntimeError(f"picture {source.label} was drawn without being expected")
            canv._doc.Reference(_Placeholder(self.marker(self._index[source.key])), reg_name)
            if self.on_first_draw is not None:
                number = canv._doc.idToObjectNumberAndVersion[reg_name][0]
                self.on_first_draw(source.key, int(number))
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
        registry.expect(source)
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
    if source.check_sha256:
        still_as_recorded(data, source.key, source.label)
    if source.is_jpeg:
        data = _first_picture(data)  # an MPO: its first picture's exact bytes
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


def _first_picture(data: bytes) -> bytes:
    """A JPEG as it is; a multi-picture JPEG (MPO) as its first picture, cut out unchanged
    (see evidence/ingest.py: import checked that this works for every MPO it accepted)."""
    from opal_desktop.evidence.ingest import first_jpeg_picture

    try:
        return first_jpeg_picture(data)
    except ValueError:
        return data  # markers Pillow tolerates but we cannot follow: embedded as before


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_HEAD = re.compile(rb"xref\s+0\s+(\d+)\s+")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_STREAM, _ENDSTREAM = b"\nstream\n", b"\nendstream"


# Our own header: PDF 1.7 (ISO 32000-1, which PAdES signatures build on) covers everything
# reportlab writes (it declares 1.3 or 1.4), and it must be known before the pictures are.
HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


class PictureWriter:
    """Writes the image object of every picture the layout draws to `out`, from a thread.

    Loading (and checking) starts at once, in the order the story expects the pictures; each
    is written as soon as reportlab has drawn it, and so given it an object number (`drawn`,
    via ImageRegistry.on_first_draw). The thread owns `out` until `finish` returns.
    """

    def __init__(
        self,
        out: BinaryIO,
        registry: ImageRegistry,
        written: Callable[[int], None] | None = None,
    ) -> None:
        """`written(n)`, if given, is called from the thread after each picture: the first n
        bytes of `out` are flushed and final (the file's SHA-256 follows them)."""
        self.out, self.registry, self.written = out, registry, written
        self.offsets: dict[int, int] = {}  # object number -> where its object starts in `out`
        self._numbers: dict[str, int] = {}  # picture key -> object number, once drawn
        self._layout_done = False
        self._drawn = threading.Condition()
        self._written: queue.SimpleQueue[bool] = queue.SimpleQueue()  # True per picture, then False
        self._stop = threading.Event()
        self._error: BaseException | None = None
        out.write(HEADER)
        registry.on_first_draw = self.drawn
        self._thread = threading.Thread(target=self._run, name="pdf-pictures", daemon=True)
        self._thread.start()

    def drawn(self, key: str, number: int) -> None:
        with self._drawn:
            self._numbers[key] = number
            self._drawn.notify_all()

    def finish(self, on_picture: Callable[[], None]) -> None:
        """After layout: wait for every drawn picture, calling on_picture() for each; then
        `out` is the caller's again. Raises what the writer met (a still failing its check)."""
        self._end_layout()
        try:
            while self._written.get():
                on_picture()
        finally:  # a cancel from on_picture stops the writer before `out` is handed back
            self.abandon()
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        """Stop after the picture being written (an error or a cancel in the layout)."""
        self._stop.set()
        self._end_layout()
        self._thread.join()

    def _end_layout(self) -> None:
        with self._drawn:
            self._layout_done = True
            self._drawn.notify_all()

    def _number_of(self, source: ImageSource) -> int | None:
        """Its object number, waiting until layout draws it; None if layout never did."""
        with self._drawn:
            self._drawn.wait_for(lambda: source.key in self._numbers or self._layout_done)
            return self._numbers.get(source.key)

    def _run(self) -> None:
        try:
            loaded = loaded_ahead(_loaded, self.registry.expected, lookahead=LOOKAHEAD)
            with contextlib.closing(loaded) as pictures:
                for source, dictionary, stream in pictures:
                    number = self._number_of(source)
                    if self._stop.is_set():
                        break
                    if number is not None:
                        self._write(number, dictionary, stream)
                        if self.written is not None:
                            self.out.flush()
                            self.written(self.out.tell())
                        self._written.put(True)
        except BaseException as error:  # handed to the layout thread by finish()
            self._error = error
        finally:
            self._written.put(False)

    def _write(self, number: int, dictionary: bytes, stream: bytes) -> None:
        self.offsets[number] = self.out.tell()
        for part in (
            b"%d 0 obj\n" % number,
            dictionary,
            _STREAM,
            stream,
            _ENDSTREAM,
            b"\nendobj\n",
        ):
            self.out.write(part)


def _loaded(source: ImageSource) -> tuple[ImageSource, bytes, bytes]:
    return (source, *_image_object(source))


def append_document(
    document: bytes, registry: ImageRegistry, out: BinaryIO, offsets: dict[int, int]
) -> None:
    """Append reportlab's `document` after the pictures already in `out`: its objects without
    the placeholders, then a cross-reference table for both, its trailer and startxref."""
    tail = _STARTXREF.search(document)
    xref_at = int(tail.group(1)) if tail else -1
    head = _XREF_HEAD.match(document, xref_at) if tail else None
    if tail is None or head is None or not re.match(rb"%PDF-1\.[1-7]\n", document):
        raise RuntimeError("reportlab wrote no PDF 1.x with a classic cross-reference table")
    count = int(head.group(1))
    entries = _ENTRY.findall(document, head.end())[:count]
    body_at = int(entries[1][0])  # object 1 follows reportlab's header
    placeholder = re.compile(rb"(\d+) 0 obj\n" + registry.pattern().pattern + rb"\nendobj\n")
    found_all = list(placeholder.finditer(document, body_at, xref_at))
    if sorted(int(found.group(1)) for found in found_all) != sorted(offsets):
        raise RuntimeError("the pictures written do not match reportlab's placeholders")
    base, at = out.tell(), body_at
    cuts_at, cuts = [body_at], [base - body_at]  # offsets in `document` -> shift to `out`
    for found in found_all:
        out.write(document[at : found.start()])
        at = found.end()
        cuts_at.append(at)
        cuts.append(cuts[-1] - (found.end() - found.start()))
    out.write(document[at:xref_at])

    def moved(offset: int) -> int:
        return offset + cuts[bisect_right(cuts_at, offset) - 1]

    xref = out.tell()
    out.write(b"xref\n0 %d\n" % count)
    for number, (offset, generation, kind) in enumerate(entries):
        if kind == b"f":
            value = int(offset)
        else:
            value = offsets[number] if number in offsets else moved(int(offset))
        out.write(b"%010d %s %s \n" % (value, generation, kind))
    trailer_at = document.index(b"trailer", head.end())
    out.write(document[trailer_at : tail.start()])
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
