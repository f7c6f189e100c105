"""What the CSV import dialog asks the worker to do, and how progress and Stop travel.

`open_file`, `check_rows` and `import_rows` run on the worker thread (they read the file or
the vault). The file is read into memory once and never copied anywhere on disk. A
`ProgressJob` runs one of them with a `progress(done, total)` callback: each call is relayed
to the GUI thread by a queued signal and answers False once the person pressed Stop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from opal_desktop.errors import BadFile, UserError
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.incidents.bulk import BulkResult
    from opal_desktop.incidents.csv_import import ImportPlan
    from opal_desktop.incidents.csv_read import CsvPreview, CsvTable
    from opal_desktop.vault.vault import Vault

T = TypeVar("T")
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class OpenedFile:
    name: str  # the file's name, for the audit trail ("CSV file incidents.csv")
    table: CsvTable
    preview: CsvPreview
    suggested: dict[str, str]  # {field: column}, from the last import's mapping and headings


def open_file(vault: Vault, path: Path) -> OpenedFile:
    """Read and decode the whole file, and suggest a mapping. BadFile if it cannot be used."""
    from opal_desktop.incidents.csv_mapping import saved_mapping, suggest_mapping
    from opal_desktop.incidents.csv_read import MAX_BYTES, preview, read_table

    try:
        if path.stat().st_size > MAX_BYTES:
            raise BadFile(
                f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. "
                "Split it into smaller files and import them one at a time."
            )
        data = path.read_bytes()
    except OSError as error:
        reason = (error.strerror or str(error)).rstrip(".").lower()
        raise BadFile(
            f"The file {path.name} cannot be read ({reason}). "
            "If it is open in Excel, close it there and choose it again."
        ) from None
    table = read_table(data)
    if not table.rows:
        raise BadFile(
            "The file has a heading row but no incidents under it. "
            "Choose the file that holds the incidents."
        )
    suggested = suggest_mapping(table.headers, saved_mapping(vault))
    return OpenedFile(path.name, table, preview(table), suggested)


def check_rows(
    vault: Vault,
    table: CsvTable,
    mapping: dict[str, str],
    progress: Progress,
    month_first: bool = False,
) -> ImportPlan:
    """Every row checked against the mapping (dates read day first unless month_first);
    nothing is added."""
    from opal_desktop.incidents.csv_import import import_defaults, parse

    return parse(table, mapping, import_defaults(vault), progress, month_first=month_first)


def import_rows(vault: Vault, plan: ImportPlan, source_name: str, progress: Progress) -> BulkResult:
    """The plan's good rows added in one transaction (all or none); the mapping kept."""
    from opal_desktop.incidents.csv_import import commit

    return commit(vault, plan, source_name, progress)


class _Relay(QObject):
    """Carries progress from the worker. Owned by the running task, not by a window, so a
    closed dialog cannot leave the worker emitting on a deleted object."""

    progressed = Signal(int, int)


class ProgressJob(QObject):
    """One long task at a time on the worker, with progress and Stop."""

    progressed = Signal(int, int)  # done, total

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._stop = threading.Event()
        self._running = False
        self.destroyed.connect(self._stop.set)  # the dialog went: stop at the next chance

    @property
    def running(self) -> bool:
        return self._running

    @property
    def stopping(self) -> bool:
        return self._running and self._stop.is_set()

    @property
    def stopped(self) -> bool:
        """Stop was pressed during the last job."""
        return self._stop.is_set()

    def start(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], object],
        on_error: Callable[[UserError], object],
    ) -> None:
        assert not self._running, "one job at a time"
        self._stop.clear()
        self._running = True
        stop, relay = self._stop, _Relay()
        relay.progressed.connect(self.progressed)  # queued to the GUI thread; cut if we go

        def progress(done: int, total: int) -> bool:  # on the worker
            relay.progressed.emit(done, total)
            return not stop.is_set()

        def done(result: Any) -> None:
            if shiboken6.isValid(self):
                self._running = False
                on_done(result)

        def failed(error: UserError) -> None:
            if shiboken6.isValid(self):
                self._running = False
                on_error(error)

        self.runner.run(lambda: work(progress), done, failed)

    def stop(self) -> None:
        self._stop.set()
