"""Hostile pictures, made in the tests: an APNG declaring zero frames, fuzzed TIFFs, an MPO.

Everything is deterministic: the TIFF mutations come from random.Random(seed), so a failure
names a mutation that can be made again.
"""

from __future__ import annotations

import io
import random
import struct
import warnings
import zlib
from collections.abc import Iterator

from PIL import Image


def _picture(size: tuple[int, int], colour: tuple[int, int, int]) -> Image.Image:
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste(colour, (4, 4, size[0] // 2, size[1] // 2))
    return image


def apng(frames: int = 2, size: tuple[int, int] = (64, 48)) -> bytes:
    pictures = [_picture(size, (60 * i % 256, 120, 30)) for i in range(frames)]
    out = io.BytesIO()
    pictures[0].save(out, "PNG", save_all=True, append_images=pictures[1:])
    return out.getvalue()


def with_declared_frames(png: bytes, frames: int) -> bytes:
    """The APNG with its acTL chunk's frame count replaced, and the chunk's CRC made right."""
    at = png.index(b"acTL") - 4
    (length,) = struct.unpack(">I", png[at : at + 4])
    body = struct.pack(">I", frames) + png[at + 12 : at + 8 + length]
    crc = struct.pack(">I", zlib.crc32(b"acTL" + body))
    return png[: at + 8] + body + crc + png[at + 12 + length :]


def zero_frame_apng() -> bytes:
    return with_declared_frames(apng(), 0)


def small_tiff() -> bytes:
    out = io.BytesIO()
    _picture((24, 16), (200, 40, 40)).save(out, "TIFF")
    return out.getvalue()


def tiff_mutations(count: int, seed: int = 15) -> Iterator[bytes]:
    """`count` copies of a small valid TIFF with 1-4 bytes of its header and tag table
    (the first 256 bytes: byte order, IFD offset, tag types, counts, values) changed."""
    rng = random.Random(seed)
    original = small_tiff()
    for _ in range(count):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(min(256, len(data)))] = rng.randrange(256)
        yield bytes(data)


def pillow_fails_with(data: bytes) -> type[BaseException] | None:
    """What Pillow itself raises reading `data` as the import does (open, count the frames,
    read the EXIF, decode), warnings ignored; None if it reads."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as image:
                getattr(image, "n_frames", 1)
                image.getexif()
                image.load()
        except Exception as error:  # finding what Pillow raises is the point
            return type(error)
    return None


def tiff_missing_dimensions() -> bytes:
    """The first mutation that makes Pillow raise TypeError (\"Missing dimensions\")."""
    return next(m for m in tiff_mutations(2000) if pillow_fails_with(m) is TypeError)


def mpo(size: tuple[int, int] = (320, 240)) -> bytes:
    """A two-picture MPO (as a 3D or phone camera writes), the pictures clearly different."""
    first, second = _picture(size, (220, 30, 30)), _picture(size, (30, 30, 220))
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=[second])
    return out.getvalue()


def mpo_first_picture_size(data: bytes) -> int:
    """The byte length of an MPO's first picture, as its MP index says."""
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "MPO"
        return int(image.mpinfo[0xB002][0]["Size"])  # type: ignore[attr-defined]
