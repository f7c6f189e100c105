"""Reading a package ZIP someone sent us, without trusting it: one set of rules for `import`
and for `verify`, so the two always agree.

Nothing is ever extracted to disk (no `extractall`): entries are read into memory one at a
time. Before the central directory is parsed, its declared size and entry count are read
from the end record and capped, so a huge directory is never loaded. Then every entry is
checked: names (no absolute paths, `..`, backslashes, drive letters, control characters,
names that are not UTF-8, duplicates that differ only in case), symlinks and other special
files, encryption, compression method, declared sizes and compression ratio, entries whose
data overlap (a zip bomb trick Python < 3.11.8 does not refuse), and that every name belongs
to the package layout. While reading, inflated bytes are counted against the caps whatever
the headers claim, a megabyte at a time. package.json is parsed with its own caps
(`load_document`) and META-INF/SHA256SUMS a line at a time (`read_manifest`).

The bounds (DEFAULT_LIMITS), for `import` and `verify` alike:
- the archive: at most 4 GiB; at most 5,000 entries; its central directory at most
  1 KiB per entry (5 MiB);
- one entry at most 512 MiB inflated (report.pdf, stills); package.json, the manifest, its
  signature, incidents.csv and README.txt at most 64 MiB each;
- everything read from one archive at most 4 GiB inflated;
- an entry over 1 MiB inflated may be at most 100 times its compressed size;
- package.json: nested at most 32 levels, integers at most 20 digits, other numbers at most
  40 characters, at most 1,000,000 values (commas); SHA256SUMS: at most one line per entry.
Memory stays at one entry's cap (reads are streamed and hashed a megabyte at a time; the
small entries are read whole), time at one pass over the capped bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from opal_desktop.errors import BadFile

SUMS = "META-INF/SHA256SUMS"
SIGNATURE = "META-INF/SHA256SUMS.p7s"
PACKAGE_JSON = "package.json"
REQUIRED = (PACKAGE_JSON, SUMS, SIGNATURE)
CONTINUITY = "continuity-statements.txt"
TOP_LEVEL = frozenset(
    {PACKAGE_JSON, "incidents.csv", "report.pdf", "README.txt", CONTINUITY, SUMS, SIGNATURE}
)
EXHIBIT_NAME = re.compile(r"^exhibits/(masters|redacted)/[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
DIRECTORIES = frozenset({"exhibits/", "exhibits/masters/", "exhibits/redacted/", "META-INF/"})
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, (skipped), name length, extra length
_END_RECORD = struct.Struct(
    "<4s4H2LH"
)  # signature, disks, entries here and in all, size, offset, comment
_SUMS_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_CHUNK = 1024 * 1024
MiB = 1024 * 1024

REFUSED = "It was not imported; ask the sender for a new export."


@dataclass(frozen=True)
class Limits:
    max_archive_bytes: int = 4096 * MiB
    max_entries: int = 5000
    max_directory_bytes_per_entry: int = 1024  # central directory record, name and extras
    max_entry_bytes: int = 512 * MiB  # report.pdf with hundreds of stills
    max_small_entry_bytes: int = 64 * MiB  # package.json, the manifest, the signature, CSV
    max_total_bytes: int = 4096 * MiB  # inflated, over everything read from one archive
    max_ratio: int = 100  # inflated / compressed, for entries over ratio_floor
    ratio_floor: int = 1 * MiB
    max_json_depth: int = 32
    max_json_digits: int = 20  # an integer's digits; package.json's counts stay below 2**53
    max_json_number_chars: int = 40  # a non-integer number, exponent and all
    max_json_values: int = 1_000_000  # counted as commas, so strings' commas count too


DEFAULT_LIMITS = Limits()


class PackageProblem(Exception):
    """A package breaks one of the rules here; `str()` is the reason, a clause ending in '.'
    (import says it after "This package cannot be imported:", verify as a sentence)."""


def refuse(reason: str) -> BadFile:
    return BadFile(f"This package cannot be imported: {reason} {REFUSED}")


def sentence(reason: str) -> str:
    """A reason as verify lists it: a sentence of its own (a file name stays as it is)."""
    if reason.startswith("it "):
        reason = "The ZIP " + reason[3:]
    first = reason.split(" ", 1)[0]
    return reason[:1].upper() + reason[1:] if first in ("the", "an", "its", "line") else reason


def name_problem(name: str) -> str | None:
    """Why a name cannot be inside a package, or None (the layout is checked separately)."""
    shown = name.encode("unicode_escape").decode("ascii")[:120]
    if not name or any(_unprintable(c) for c in name):
        return f"an entry has an empty or unprintable name ({shown!r})."
    if "\\" in name:
        return f"the entry {shown!r} has a backslash in its name."
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return f"the entry {shown!r} has an absolute path."
    if ".." in name.split("/") or name.startswith("./"):
        return f"the entry {shown!r} points outside the package ('..')."
    return None


def _unprintable(char: str) -> bool:
    """C0 and C1 controls (terminal escapes), DEL and lone surrogates."""
    code = ord(char)
    return code < 32 or 0x7F <= code <= 0x9F or 0xD800 <= code < 0xE000


def check_name(name: str) -> None:
    """A name we would accept inside a package (the layout is checked separately)."""
    problem = name_problem(name)
    if problem is not None:
        raise refuse(problem)


def _in_layout(name: str) -> bool:
    return name in TOP_LEVEL or name in DIRECTORIES or bool(EXHIBIT_NAME.match(name))


def _directory_declared(handle: BinaryIO) -> tuple[int, int] | None:
    """(entries, central directory bytes) as the end record states them, before zipfile
    reads the directory whole; None when there is no end record (zipfile then says so)."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_len = min(size, _END_RECORD.size + 0xFFFF)  # the record, then a comment of up to 64 KiB
    handle.seek(size - tail_len)
    tail = handle.read(tail_len)
    handle.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END_RECORD.size:
        return None
    _sig, _disk, _cd_disk, _here, count, cd_size, _offset, _comment = _END_RECORD.unpack_from(
        tail, at
    )
    if count != 0xFFFF and cd_size != 0xFFFFFFFF:
        return count, cd_size
    locator = tail.rfind(b"PK\x06\x07", 0, at)  # ZIP64: the real numbers are in its own record
    if locator < 0 or at - locator < 20:
        return count, cd_size
    handle.seek(int.from_bytes(tail[locator + 8 : locator + 16], "little"))
    record = handle.read(56)
    handle.seek(0)
    if len(record) < 56 or record[:4] != b"PK\x06\x06":
        return count, cd_size
    return int.from_bytes(record[32:40], "little"), int.from_bytes(record[40:48], "little")


def open_zip(handle: BinaryIO, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """The archive, its directory capped before it is read. PackageProblem for a rule broken;
    zipfile.BadZipFile (or EOFError, struct.error) for a file that is not a readable ZIP."""
    declared = _directory_declared(handle)
    if declared is not None:
        count, cd_size = declared
        if count > limits.max_entries:
            raise PackageProblem(f"it holds {count:,} entries, more than a package ever has.")
        if cd_size > limits.max_entries * limits.max_directory_bytes_per_entry:
            raise PackageProblem(
                f"its list of entries is {cd_size / MiB:,.1f} MB, more than a package ever has."
            )
    try:
        return zipfile.ZipFile(handle)
    except UnicodeDecodeError:
        raise PackageProblem("an entry's name is marked as UTF-8 but is not.") from None
    except ValueError as error:  # e.g. a negative or impossible offset
        raise zipfile.BadZipFile(str(error)) from None


class CheckedZip:
    """An archive with its directory checked against `limits`: `problems` holds every rule
    broken (reasons, in the order import meets them) and `flagged` the entries they concern.
    Reads stream, counted against the caps; a cap broken raises PackageProblem."""

    def __init__(self, handle: BinaryIO, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._file = handle
        self._inflated = 0
        self._seen: set[str] = set()
        self.problems: list[str] = []
        self.flagged: set[str] = set()
        self._zip = open_zip(handle, limits)
        try:
            self.entries = self._check_directory(self._zip.infolist())
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    @property
    def names(self) -> list[str]:
        """Every file in the archive (directory entries left out)."""
        return [name for name in self.entries if not name.endswith("/")]

    def _problem(self, reason: str, name: str = "") -> None:
        self.problems.append(reason)
        if name:
            self.flagged.add(name)

    def _check_directory(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        limits = self.limits
        if len(infos) > limits.max_entries:
            self._problem(f"it holds {len(infos):,} entries, more than a package ever has.")
            return {}
        entries: dict[str, zipfile.ZipInfo] = {}
        folded: set[str] = set()
        declared = 0
        for info in infos:
            name = info.filename
            problem = name_problem(name)
            if problem is None and name.casefold() in folded:
                problem = f"the name {name!r} appears twice (perhaps in different case)."
            problem = problem or _entry_kind_problem(info)
            if problem is None and not _in_layout(name):
                problem = f"it holds {name!r}, which is not part of a package."
            if problem is None and info.file_size > self._cap(name):
                problem = f"{name} says it is {info.file_size / MiB:,.0f} MB, over the limit."
            if (
                problem is None
                and info.file_size > limits.ratio_floor
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)
            ):
                problem = f"{name} is compressed too much to be genuine (a 'zip bomb')."
            folded.add(name.casefold())
            if problem is not None:
                self._problem(problem, name)
                continue
            declared += info.file_size
            if declared > limits.max_total_bytes:
                self._problem("its contents add up to more than the limit for a package.", name)
                continue
            entries[name] = info
        self._check_no_overlap(infos)
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
                self._problem("its entries overlap one another (a 'zip bomb' trick).")
                self.flagged.update(i.filename for i in (info, following) if i is not None)
                break
        self._file.seek(0)

    def _cap(self, name: str) -> int:
        if name in (PACKAGE_JSON, SUMS, SIGNATURE, "incidents.csv", "README.txt", CONTINUITY):
            return self.limits.max_small_entry_bytes
        return self.limits.max_entry_bytes

    def chunks(self, name: str) -> Iterator[bytes]:
        """One entry's bytes a piece at a time, checked against the caps as they are inflated.
        An entry read again (verified, then merged) counts once towards the total."""
        info = self.entries.get(name)
        if info is None or name.endswith("/"):
            raise PackageProblem(f"it has no {name}.")
        cap, first, got = min(self._cap(name), info.file_size), name not in self._seen, 0
        self._seen.add(name)
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(min(_CHUNK, cap - got + 1)):
                    got += len(chunk)
                    self._inflated += len(chunk) if first else 0
                    if got > cap:
                        raise PackageProblem(f"{name} holds more than it says it does.")
                    if self._inflated > self.limits.max_total_bytes:
                        raise PackageProblem(
                            "its contents add up to more than the limit for a package."
                        )
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError):
            raise PackageProblem(f"{name} is damaged inside the ZIP.") from None
        if got != info.file_size:
            raise PackageProblem(f"{name} is shorter than it says it is.")

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def sha256_of(self, name: str) -> str:
        """Hashed as it streams: a large report.pdf is never held whole."""
        digest = hashlib.sha256()
        for chunk in self.chunks(name):
            digest.update(chunk)
        return digest.hexdigest()


class SafeZip(CheckedZip):
    """A package archive opened for import: the first rule broken refuses it (BadFile).
    Use as a context manager."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        try:
            size = self.path.stat().st_size
            if size > limits.max_archive_bytes:
                raise refuse(f"the file is {size / MiB:,.0f} MB, over the limit for a package.")
            self._file = self.path.open("rb")
        except OSError as error:
            raise BadFile(
                f"Cannot read {self.path}: {error.strerror or error}. Check the file and try again."
            ) from None
        try:
            self.sha256 = self._hash_file()
            super().__init__(self._file, limits)
        except PackageProblem as problem:
            self._file.close()
            raise refuse(str(problem)) from None
        except (zipfile.BadZipFile, EOFError, struct.error):
            self._file.close()
            raise BadFile(
                f"{self.path.name} is not a ZIP package or is damaged. Ask the sender for a new export."
            ) from None
        except BaseException:
            self._file.close()
            raise
        missing = [name for name in REQUIRED if name not in self.entries]
        if self.problems or missing:
            self.close()
            raise refuse(
                self.problems[0]
                if self.problems
                else f"it has no {missing[0]}, so it is not an Opal Desktop package."
            )

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        super().close()
        self._file.close()

    @property
    def handle(self) -> BinaryIO:
        """The open file, for a second reader (the verifier); the same bytes as every read here."""
        self._file.seek(0)
        return self._file

    def _hash_file(self) -> str:
        digest = hashlib.sha256()
        while chunk := self._file.read(_CHUNK):
            digest.update(chunk)
        self._file.seek(0)
        return digest.hexdigest()

    def chunks(self, name: str) -> Iterator[bytes]:
        try:
            yield from super().chunks(name)
        except PackageProblem as problem:
            raise refuse(str(problem)) from None


def read_manifest(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, str], list[str]]:
    """META-INF/SHA256SUMS read a line at a time: (hash by name, problems as reasons). Stops
    at one line more than a package can have entries, so a file of newlines costs nothing."""
    sums: dict[str, str] = {}
    problems: list[str] = []
    if raw.count(b"\n") > limits.max_entries + 1:  # counted in C: a file of newlines is cheap
        return sums, [f"{SUMS} has more lines than a package has files."]
    start, number = 0, 0
    while start < len(raw):
        number += 1
        if number > limits.max_entries + 1:
            problems.append(f"{SUMS} has more lines than a package has files.")
            break
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end
        line, start = raw[start:end], end + 1
        try:
            match = _SUMS_LINE.match(line.decode("utf-8"))
        except UnicodeDecodeError:
            match = None
        if match is None:
            problems.append(f"line {number} of {SUMS} is not '<sha256>  <path>'.")
            continue
        digest, name = match.groups()
        problem = name_problem(name)
        if problem is not None:
            problems.append(f"{SUMS} lists a bad name: {problem}")
        elif name in sums or name in (SUMS, SIGNATURE):
            problems.append(f"{SUMS} lists {name} twice or lists itself.")
        else:
            sums[name] = digest
    return sums, problems


def load_document(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Any:
    """package.json parsed within the bounds (depth, digits, values); PackageProblem if not.
    Python's own limits (int/str conversion at 4,300 digits, recursion at ~1,000 levels)
    are never reached: these are checked first, or turned into the same sentences."""

    def integer(text: str) -> int:
        if len(text.lstrip("-")) > limits.max_json_digits:
            raise PackageProblem(
                f"package.json holds a number longer than {limits.max_json_digits} digits."
            )
        return int(text)

    def number(text: str) -> float:
        if len(text) > limits.max_json_number_chars:
            raise PackageProblem(
                f"package.json holds a number longer than {limits.max_json_number_chars} characters."
            )
        return float(text)

    def constant(text: str) -> None:
        raise PackageProblem(f"package.json holds {text}, which is not JSON.")

    too_deep = PackageProblem(
        f"package.json is nested more than {limits.max_json_depth} levels deep."
    )
    if raw.count(b",") > limits.max_json_values:
        raise PackageProblem(f"package.json holds more than {limits.max_json_values:,} values.")
    try:
        doc = json.loads(
            raw.decode("utf-8"), parse_int=integer, parse_float=number, parse_constant=constant
        )
    except RecursionError:
        raise too_deep from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageProblem("package.json is not JSON (or not UTF-8).") from None
    except ValueError:
        raise PackageProblem("package.json holds a value JSON cannot represent.") from None
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        children = (
            value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        )
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limits.max_json_depth:
                    raise too_deep
                stack.append((child, depth + 1))
    return doc


def _entry_kind_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if info.flag_bits & 0x1:
        return f"{name} is encrypted."
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"{name} uses a compression method packages do not use."
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_IFMT(mode):  # Unix: the file type is in the high bits
        if stat.S_ISLNK(mode):
            return f"{name} is a symbolic link."
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return f"{name} is not an ordinary file."
    if name.endswith("/") and info.file_size:
        return f"the folder entry {name} has contents."
    return None
