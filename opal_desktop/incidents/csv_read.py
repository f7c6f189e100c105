"""Reading a CSV file safely: bytes in, a table of trimmed text cells out.

Handles what retailers' spreadsheets actually produce: UTF-8 with or without Excel's BOM,
Windows-1252 (Excel's plain "CSV" on a UK PC, with £ and curly quotes), UTF-16 with a BOM
("Unicode text"), and comma, semicolon or tab delimiters. Caps the file size, the row and
column counts; refuses binary files. Cells are text only: nothing is ever evaluated.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from opal_desktop.errors import BadFile

MAX_BYTES = 200 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 200
PREVIEW_ROWS = 20
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}

# C0 controls other than tab, line feed and carriage return, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_DROP = {code: None for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
_SAVE_AS = "Open it in Excel and save it as 'CSV UTF-8 (Comma delimited)', then import that file."


@dataclass(frozen=True)
class CsvTable:
    """The whole file: unique column headings and the non-blank data rows."""

    encoding: str  # as a person would name it: "UTF-8 with BOM", "Windows-1252", ...
    delimiter: str
    headers: tuple[str, ...]
    rows: list[list[str]]  # trimmed cells; a row may be shorter or longer than the headers
    row_numbers: list[int]  # each row's spreadsheet row number (the header is row 1)
    blank_rows: int  # rows with no text at all, skipped

    @property
    def delimiter_name(self) -> str:
        return DELIMITERS.get(self.delimiter, repr(self.delimiter))


@dataclass(frozen=True)
class CsvPreview:
    """What an import dialog shows before anything is mapped or added."""

    encoding: str
    delimiter: str
    delimiter_name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first few data rows
    total_rows: int  # data rows, not counting the header or blank rows
    blank_rows: int


def preview(data: bytes | CsvTable, rows: int = PREVIEW_ROWS) -> CsvPreview:
    table = data if isinstance(data, CsvTable) else read_table(data)
    return CsvPreview(
        encoding=table.encoding,
        delimiter=table.delimiter,
        delimiter_name=table.delimiter_name,
        headers=table.headers,
        rows=tuple(tuple(r) for r in table.rows[:rows]),
        total_rows=len(table.rows),
        blank_rows=table.blank_rows,
    )


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the name of its encoding; BadFile if it is not a text file."""
    if len(data) > MAX_BYTES:
        raise BadFile(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. "
            "Split it into smaller files and import them one at a time."
        )
    if not data.strip():
        raise BadFile("The file is empty. Choose the CSV file exported from your spreadsheet.")
    if data.startswith(b"PK\x03\x04"):
        raise BadFile(
            f"This is an Excel workbook (.xlsx) or another zip file, not a CSV file. {_SAVE_AS}"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadFile(f"This is an old Excel workbook (.xls), not a CSV file. {_SAVE_AS}")
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8"), "UTF-8 with BOM"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16"), "UTF-16"
    elif b"\x00" in data:
        raise BadFile(f"The file contains NUL bytes, so it is not a plain CSV file. {_SAVE_AS}")
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = _strict(data, "cp1252"), "Windows-1252"
    controls = len(_CONTROL.findall(text, 0, 1_000_000))
    if "\x00" in text or controls > max(8, min(len(text), 1_000_000) // 1000):
        raise BadFile(f"The file does not look like text: it holds binary data. {_SAVE_AS}")
    return text.translate(_CONTROL_DROP) if controls else text, encoding


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise BadFile(
            f"The file is not readable text (it is neither UTF-8 nor Windows-1252). {_SAVE_AS}"
        ) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most columns (comma on a tie)."""
    first = text[:65536]
    best, best_count = ",", 0
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader(io.StringIO(first, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(header) > best_count:
            best, best_count = delimiter, len(header)
    return best


def unique_headers(cells: list[str]) -> tuple[str, ...]:
    """Blank headings become 'Column N'; repeated ones get ' (2)', ' (3)' so each is unique."""
    seen: set[str] = set()
    out: list[str] = []
    for number, cell in enumerate(cells, start=1):
        name = " ".join(cell.split()) or f"Column {number}"
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{name} ({n})"
        seen.add(candidate.casefold())
        out.append(candidate)
    return tuple(out)


def read_table(data: bytes) -> CsvTable:
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    try:
        return _read_table(text, encoding, delimiter, strict=True)
    except _Lenient:  # a stray quote mid-cell: read it as spreadsheets do, as a plain character
        return _read_table(text, encoding, delimiter, strict=False)


class _Lenient(Exception):
    """Strict parsing met something only strict parsing refuses (not an unclosed quote)."""


def _read_table(text: str, encoding: str, delimiter: str, strict: bool) -> CsvTable:
    # Strict, so that a quotation mark never closed is found: lenient parsing would quietly
    # make the rest of the file one cell of the row where it opened.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    opened_at = 1  # the line of the file where the row being read began
    rows: list[list[str]] = []
    numbers: list[int] = []
    headers: tuple[str, ...] | None = None
    blank = 0
    number = 0
    try:
        for number, raw in enumerate(reader, start=1):
            opened_at = reader.line_num + 1  # where the next row begins
            if len(raw) > MAX_COLUMNS:
                raise BadFile(
                    f"Row {number} has {len(raw):,} cells; at most {MAX_COLUMNS} columns can be imported. "
                    "Remove the columns you do not need and try again."
                )
            cells = [cell.strip() for cell in raw]
            if headers is None:
                if not any(cells):
                    raise BadFile(
                        "The first row is blank. The first row must hold the column headings."
                    )
                headers = unique_headers(cells)
                continue
            if not any(cells):
                blank += 1
                continue
            if len(rows) >= MAX_ROWS:
                raise BadFile(
                    f"The file has more than {MAX_ROWS:,} rows. "
                    "Split it into smaller files and import them one at a time."
                )
            rows.append(cells)
            numbers.append(number)
    except csv.Error as error:
        where = number + 1
        if strict and "unexpected end of data" in str(error):
            raise BadFile(
                f"Row {where} (line {opened_at} of the file) opens a quotation mark that is never "
                "closed, so everything after it would become one cell. Close or remove that "
                "quotation mark in the spreadsheet, save as CSV again and try again."
            ) from None
        if "field larger than field limit" in str(error):
            raise BadFile(
                f"Row {where} (line {opened_at} of the file) has a cell too long to import. "
                "Check it for a quotation mark that is not closed."
            ) from None
        if strict:
            raise _Lenient from None
        raise BadFile(f"Row {where} cannot be read as CSV ({error}). {_SAVE_AS}") from None
    if headers is None:
        raise BadFile("The file is empty. Choose the CSV file exported from your spreadsheet.")
    return CsvTable(encoding, delimiter, headers, rows, numbers, blank)
