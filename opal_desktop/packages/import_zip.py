"""Reading a package ZIP someone sent us, without trusting it.

Nothing is ever extracted to disk (no `extractall`): entries are read into memory one at a
time. Before any entry is read, the central directory is checked: entry count, names (no
absolute paths, `..`, backslashes, drive letters, duplicates that differ only in case),
symlinks and other special files, encryption, compression method, declared sizes and
compression ratio, entries whose data overlap (a zip bomb trick Python < 3.11.8 does not
refuse), and that every name belongs to the package layout. While reading, inflated bytes
are counted against the caps whatever the headers claim.
"""

from __future__ import annotations

import hashlib
import re
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from opal_desktop.errors import BadFile

SUMS = "META-INF/SHA256SUMS"
SIGNATURE = "META-INF/SHA256SUMS.p7s"
PACKAGE_JSON = "package.json"
REQUIRED = (PACKAGE_JSON, SUMS, SIGNATURE)
TOP_LEVEL = frozenset({PACKAGE_JSON, "incidents.csv", "report.pdf", "README.txt", SUMS, SIGNATURE})
EXHIBIT_NAME = re.compile(r"^exhibits/(masters|redacted)/[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
DIRECTORIES = frozenset({"exhibits/", "exhibits/masters/", "exhibits/redacted/", "META-INF/"})
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, (skipped), name length, extra length
_CHUNK = 1024 * 1024
MiB = 1024 * 1024

REFUSED = "It was not imported; ask the sender for a new export."


@dataclass(frozen=True)
class Limits:
    max_archive_bytes: int = 4096 * MiB
    max_entries: int = 5000
    max_entry_bytes: int = 512 * MiB  # report.pdf with hundreds of stills
    max_small_entry_bytes: int = 64 * MiB  # package.json, the manifest, the signature, CSV
    max_total_bytes: int = 4096 * MiB  # inflated, over everything read from one archive
    max_ratio: int = 100  # inflated / compressed, for entries over ratio_floor
    ratio_floor: int = 1 * MiB


DEFAULT_LIMITS = Limits()


def refuse(reason: str) -> BadFile:
    return BadFile(f"This package cannot be imported: {reason} {REFUSED}")


def check_name(name: str) -> None:
    """A name we would accept inside a package (the layout is checked separately)."""
    shown = name.encode("unicode_escape").decode("ascii")[:120]
    if not name or "\x00" in name or any(ord(c) < 32 for c in name):
        raise refuse(f"an entry has an empty or unprintable name ({shown!r}).")
    if "\\" in name:
        raise refuse(f"the entry {shown!r} has a backslash in its name.")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise refuse(f"the entry {shown!r} has an absolute path.")
    if ".." in name.split("/") or name.startswith("./"):
        raise refuse(f"the entry {shown!r} points outside the package ('..').")


def _in_layout(name: str) -> bool:
    return name in TOP_LEVEL or name in DIRECTORIES or bool(EXHIBIT_NAME.match(name))


class SafeZip:
    """A package archive opened for careful reading. Use as a context manager."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.limits = limits
        self._inflated = 0
        self._seen: set[str] = set()
        try:
            size = self.path.stat().st_size
            if size > limits.max_archive_bytes:
                raise refuse(f"the file is {size / MiB:,.0f} MB, over the limit for a package.")
            self._file: BinaryIO = self.path.open("rb")
        except OSError as error:
            raise BadFile(
                f"Cannot read {self.path}: {error.strerror or error}. Check the file and try again."
            ) from None
        try:
            self.sha256 = self._hash_file()
            self._zip = zipfile.ZipFile(self._file)
            self.entries = self._check_directory(self._zip.infolist())
        except (zipfile.BadZipFile, EOFError, struct.error):
            self._file.close()
            raise BadFile(
                f"{self.path.name} is not a ZIP package or is damaged. Ask the sender for a new export."
            ) from None
        except BaseException:
            self._file.close()
            raise

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    @property
    def handle(self) -> BinaryIO:
        """The open file, for a second reader (the verifier); the same bytes as every read here."""
        self._file.seek(0)
        return self._file

    @property
    def names(self) -> list[str]:
        """Every file in the archive (directory entries left out)."""
        return [name for name in self.entries if not name.endswith("/")]

    def _hash_file(self) -> str:
        digest = hashlib.sha256()
        while chunk := self._file.read(_CHUNK):
            digest.update(chunk)
        self._file.seek(0)
        return digest.hexdigest()

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        limits = self.limits
        if len(infos) > limits.max_entries:
            raise refuse(f"it holds {len(infos):,} entries, more than a package ever has.")
        entries: dict[str, zipfile.ZipInfo] = {}
        folded: set[str] = set()
        declared = 0
        for info in infos:
            name = info.filename
            check_name(name)
            if name.casefold() in folded:
                raise refuse(f"the name {name!r} appears twice (perhaps in different case).")
            folded.add(name.casefold())
            _check_entry_kind(info)
            if not _in_layout(name):
                raise refuse(f"it holds {name!r}, which is not part of a package.")
            cap = self._cap(name)
            if info.file_size > cap:
                raise refuse(f"{name} says it is {info.file_size / MiB:,.0f} MB, over the limit.")
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise refuse(f"{name} is compressed too much to be genuine (a 'zip bomb').")
            declared += info.file_size
            if declared > limits.max_total_bytes:
                raise refuse("its contents add up to more than the limit for a package.")
            entries[name] = info
        self._check_no_overlap(infos)
        missing = [name for name in REQUIRED if name not in entries]
        if missing:
            raise refuse(f"it has no {missing[0]}, so it is not an Opal Desktop package.")
        return entries

    def _check_no_overlap(self, infos: list[zipfile.ZipInfo]) -> None:
        """Each entry's data must end before the next entry starts (and before the directory)."""
        ordered = sorted(infos, key=lambda i: i.header_offset)
        limit = self._zip.start_dir
        for info, following in zip(ordered, [*ordered[1:], None], strict=True):
            self._file.seek(info.header_offset)
            magic, name_len, extra_len = _LOCAL_HEADER.unpack(self._file.read(30))
            if magic != b"PK\x03\x04":
                raise zipfile.BadZipFile("bad local header")
            end = info.header_offset + 30 + name_len + extra_len + info.compress_size
            next_start = following.header_offset if following is not None else limit
            if end > next_start:
                raise refuse("its entries overlap one another (a 'zip bomb' trick).")
        self._file.seek(0)

    def _cap(self, name: str) -> int:
        if name in (PACKAGE_JSON, SUMS, SIGNATURE, "incidents.csv", "README.txt"):
            return self.limits.max_small_entry_bytes
        return self.limits.max_entry_bytes

    def chunks(self, name: str) -> Iterator[bytes]:
        """One entry's bytes a piece at a time, checked against the caps as they are inflated.
        An entry read again (verified, then merged) counts once towards the total."""
        info = self.entries.get(name)
        if info is None or name.endswith("/"):
            raise refuse(f"it has no {name}.")
        cap, first, got = min(self._cap(name), info.file_size), name not in self._seen, 0
        self._seen.add(name)
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(min(_CHUNK, cap - got + 1)):
                    got += len(chunk)
                    self._inflated += len(chunk) if first else 0
                    if got > cap:
                        raise refuse(f"{name} holds more than it says it does.")
                    if self._inflated > self.limits.max_total_bytes:
                        raise refuse("its contents add up to more than the limit for a package.")
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError):
            raise refuse(f"{name} is damaged inside the ZIP.") from None
        if got != info.file_size:
            raise refuse(f"{name} is shorter than it says it is.")

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def sha256_of(self, name: str) -> str:
        """Hashed as it streams: a large report.pdf is never held whole."""
        digest = hashlib.sha256()
        for chunk in self.chunks(name):
            digest.update(chunk)
        return digest.hexdigest()


def _check_entry_kind(info: zipfile.ZipInfo) -> None:
    name = info.filename
    if info.flag_bits & 0x1:
        raise refuse(f"{name} is encrypted.")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse(f"{name} uses a compression method packages do not use.")
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_IFMT(mode):  # Unix: the file type is in the high bits
        if stat.S_ISLNK(mode):
            raise refuse(f"{name} is a symbolic link.")
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise refuse(f"{name} is not an ordinary file.")
    if name.endswith("/") and info.file_size:
        raise refuse(f"the folder entry {name} has contents.")
