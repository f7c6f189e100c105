"""CSV import of incidents: preview, map columns, check every row, then add the good rows.

    table = read_table(data)                       # or preview(data) for a dialog
    mapping = suggest_mapping(table.headers, saved_mapping(vault))
    plan = parse(table, mapping, import_defaults(vault))
    ...show plan.bad (row number and reason) and plan's counts; the user accepts...
    result = commit(vault, plan, "incidents.csv")  # nothing is added before this

`parse` touches no database (the worker thread may run it; it is fast: one pass, lookups
built once). Rules chosen:
- Every row needs the date it happened; the time is optional (midnight UK time if blank).
- Blank store code: the importer's store; a store code must exist in the vault, and an
  officer may only import their own store's incidents.
- Blank police force: the store's force.
- Cells saying "N/A", "TBC", "-" and the like in the crime reference or police log number
  mean none yet (flagged as missing); any other crime reference is kept verbatim.
- A row that meets every rule for completion is imported as complete, otherwise as a draft
  (listed as such), exactly as the editor would allow it to be saved.
- Cells are kept as text, verbatim: `=HYPERLINK(...)`, `+cmd`, `@SUM(1)` are never
  evaluated. Anything that writes CSV later must neutralise them; this only reads.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from opal_desktop.domain.incident import Incident, Status
from opal_desktop.domain.roles import Permission
from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.incidents.bulk import BulkResult, Cancelled, Progress, add_incidents
from opal_desktop.incidents.csv_mapping import FIELDS_BY_KEY, check_mapping, save_mapping
from opal_desktop.incidents.csv_read import CsvTable, read_table
from opal_desktop.incidents.csv_rows import ImportDefaults, RowBuilder
from opal_desktop.incidents.records import custom_tactics
from opal_desktop.vault.vault import Vault

PROGRESS_EVERY = 5000

__all__ = [
    "AmbiguousDates",
    "BadRow",
    "ImportDefaults",
    "ImportPlan",
    "ImportedRow",
    "commit",
    "import_defaults",
    "parse",
]


def import_defaults(vault: Vault) -> ImportDefaults:
    vault.require(Permission.EDIT_OWN_STORE_INCIDENTS)
    with vault.engine.connect() as conn:
        forces = {
            str(c): str(f)
            for c, f in conn.execute(text(  # this vault's own stores: never another retailer's
                "SELECT s.code, s.force_id FROM stores s JOIN organisations o "
                "ON o.id = s.organisation_id WHERE o.is_home"))
        }  # fmt: skip
    any_store = vault.can(Permission.EDIT_ANY_STORE_INCIDENTS)
    return ImportDefaults(
        store_code=vault.actor.store_code,
        store_forces=forces,
        allowed_stores=None if any_store else frozenset({vault.actor.store_code}),
        custom_tactics=custom_tactics(vault),
    )


@dataclass(frozen=True)
class ImportedRow:
    row: int  # spreadsheet row number (the header is row 1)
    incident: Incident


@dataclass(frozen=True)
class BadRow:
    row: int
    reasons: tuple[str, ...]  # whole sentences

    @property
    def sentence(self) -> str:
        first, *rest = self.reasons
        first = first[0].lower() + first[1:] if first.startswith(("The ", "This ")) else first
        return " ".join([f"Row {self.row}: {first}", *rest])


@dataclass(frozen=True)
class AmbiguousDates:
    """A date column whose dates could be read either way round (03/04/2026), and how
    they were read: said once per column in the preview, with how to change it."""

    column: str
    rows: int
    example: str  # the first such cell, as the file has it
    read_as: date
    month_first: bool

    def sentence(self, switch: str) -> str:
        """`switch` says how to choose the other order where the user is, e.g.
        'run the import again with --month-first'."""
        order = "month first, US style" if self.month_first else "day first, as in the UK"
        other = "day" if self.month_first else "month"
        rows, they = (
            ("1 row has a date", "it is")
            if self.rows == 1
            else (f"{self.rows:,} rows have dates", "they are")
        )
        return (
            f"Column '{self.column}': {rows} like {self.example} that could be read either "
            f"way round; {they} read {order} ({_spoken(self.read_as)}). If this file puts "
            f"the {other} first, {switch}."
        )


def _spoken(day: date) -> str:
    return f"{day.day} {day:%B %Y}"  # 3 April 2026 (no %-d: it is not on Windows)


@dataclass(frozen=True)
class ImportPlan:
    """Checked rows, nothing added yet."""

    mapping: dict[str, str]
    encoding: str
    delimiter: str
    total_rows: int
    good: list[ImportedRow]
    bad: list[BadRow]
    blank_rows: int = 0
    month_first: bool = False  # how numeric dates were read; day first is the UK way
    ambiguous_dates: tuple[AmbiguousDates, ...] = ()  # one per date column that has any

    @property
    def complete_count(self) -> int:
        return sum(1 for r in self.good if r.incident.status is Status.COMPLETE)

    @property
    def draft_count(self) -> int:
        return len(self.good) - self.complete_count

    @property
    def missing_crime_reference_count(self) -> int:
        return sum(1 for r in self.good if not r.incident.has_crime_reference)

    def summary(self) -> str:
        """One or two sentences for the confirmation step."""
        ready = (
            f"{len(self.good):,} of {self.total_rows:,} rows can be imported "
            f"({self.complete_count:,} complete, {self.draft_count:,} as drafts to finish; "
            f"{self.missing_crime_reference_count:,} without a crime reference)."
        )
        if not self.bad:
            return ready
        problems = "1 row has" if len(self.bad) == 1 else f"{len(self.bad):,} rows have"
        return f"{ready} {problems} problems and will be left out."


def parse(
    data: bytes | CsvTable,
    mapping: Mapping[str, str],
    defaults: ImportDefaults,
    progress: Progress | None = None,
    *,
    month_first: bool = False,
) -> ImportPlan:
    """Check every row against the mapping; BadFile/InvalidInput if the file or mapping cannot work.

    `progress(done, total)` is called every few thousand rows; returning False cancels.
    Numeric dates are read day first (21/11/2026) unless `month_first` (11/21/2026).
    """
    table = data if isinstance(data, CsvTable) else read_table(data)
    with _collector_paused():
        return _parse(table, mapping, defaults, progress, month_first)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Building 100,000 incidents makes only acyclic objects; the cyclic garbage collector
    re-scanning them all as they pile up made parsing about twice as slow."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse(
    table: CsvTable,
    mapping: Mapping[str, str],
    defaults: ImportDefaults,
    progress: Progress | None,
    month_first: bool,
) -> ImportPlan:
    if not table.rows:
        raise BadFile("The file has a heading row but no incidents under it. Nothing was imported.")
    checked = check_mapping(mapping, table.headers)
    columns = [(k, table.headers.index(c)) for k, c in checked.items()]
    limits = [(k, FIELDS_BY_KEY[k].max_length, c) for k, c in checked.items()]
    width = len(table.headers)
    build = RowBuilder(defaults, month_first)
    good: list[ImportedRow] = []
    bad: list[BadRow] = []
    total = len(table.rows)
    for index, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=True)):
        if progress is not None and index % PROGRESS_EVERY == 0 and not progress(index, total):
            raise Cancelled()
        size = len(cells)
        row = {k: cells[i] if i < size else "" for k, i in columns}
        reasons: list[str] = []
        if size > width and any(cells[width:]):
            reasons.append(
                f"The row has more cells than there are column headings ({width}). "
                "A comma or semicolon inside a cell may be missing its quotation marks."
            )
        for field_key, limit, column in limits:
            if len(row[field_key]) > limit:
                reasons.append(
                    f"The cell in column '{column}' is longer than {limit:,} characters. Shorten it."
                )
        incident = None if reasons else build(row, reasons)
        if incident is None:
            bad.append(BadRow(number, tuple(reasons)))
        else:
            good.append(ImportedRow(number, incident))
    if progress is not None and not progress(total, total):
        raise Cancelled()
    return ImportPlan(
        checked, table.encoding, table.delimiter, total, good, bad, table.blank_rows,
        month_first, _ambiguous(build, checked),
    )  # fmt: skip


def _ambiguous(build: RowBuilder, columns: Mapping[str, str]) -> tuple[AmbiguousDates, ...]:
    return tuple(
        AmbiguousDates(
            columns[field_key], rows, example, build.date_read(example), build.month_first
        )
        for field_key, rows in build.either_way.items()
        for example in (build.either_way_example[field_key],)
    )


def commit(
    vault: Vault, plan: ImportPlan, source_name: str, progress: Progress | None = None
) -> BulkResult:
    """Add the plan's good rows in one transaction (all or none), then keep the mapping."""
    if not plan.good:
        raise InvalidInput(
            "None of the rows can be imported, so nothing was added. Fix the rows listed and import the file again."
        )
    left_out = f"; {len(plan.bad):,} rows with problems left out" if plan.bad else ""
    result = add_incidents(
        vault,
        [r.incident for r in plan.good],
        source=f"CSV file {source_name}{left_out}",
        progress=progress,
    )
    save_mapping(vault, plan.mapping)
    return result
