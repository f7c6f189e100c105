"""The Dashboard window: a period and stores at a glance, every figure a way into the list.

The figures are computed on the worker (dashboard.queries.compute); a click on a tile, bar,
cell or row asks the worker for the incident list filter of exactly what it counts
(`drill_filter`) and hands it to the main window's list (`list_requested`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.dashboard import palette
from opal_desktop.dashboard.figures import Drill, Figures
from opal_desktop.dashboard.scope import Period, Scope, period_choices, visible_stores
from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import utc_now, utc_to_london
from opal_desktop.errors import UserError
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.windows.dashboard_charts import HeatMap, RankedBars, WeeklyChart

if TYPE_CHECKING:
    from opal_desktop.incidents.listing import IncidentFilter
    from opal_desktop.vault.vault import Vault

ALL_STORES = "All my stores"


def _today() -> date:
    return utc_to_london(utc_now()).date()


class Tile(QPushButton):
    """A big number and what it is; clicking lists what it counts."""

    def __init__(self, caption: str, drill: Drill, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.drill = caption, drill
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("QPushButton { text-align: left; padding: 6px 10px; }")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_value("…")

    def set_value(self, value: str, detail: str = "") -> None:
        self.value = value
        self.setText(f"{value}\n{self.caption}")
        more = f" ({detail})" if detail else ""
        self.setToolTip(f"{value} {self.caption}{more}. Click to list them.")
        font = self.font()
        font.setBold(True)
        self.setFont(font)


class DashboardWindow(QWidget):
    list_requested = Signal(object, str)  # IncidentFilter, what it shows
    open_incident_requested = Signal(str)

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.vault, self.runner = vault, runner
        self.figures: Figures | None = None
        self.scope: Scope | None = None
        self.managers = vault.can(Permission.EDIT_ANY_STORE_INCIDENTS)
        self.setWindowTitle("Opal Desktop — Dashboard")
        self.resize(1280, 760)
        self._build()
        self.load()

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        title = QLabel("Dashboard")
        title.setProperty("cssClass", "title")
        bar.addWidget(title)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Period:"))
        self.period_combo = QComboBox()
        for period in period_choices(_today()):
            self.period_combo.addItem(period.label if period else "All time", period)
        bar.addWidget(self.period_combo)
        self.store_label = QLabel(
            "Stores:" if self.managers else f"Store: {self.vault.actor.store_code}"
        )
        bar.addWidget(self.store_label)
        self.store_combo = QComboBox()
        self.store_combo.addItem(ALL_STORES, "")
        self.store_combo.setVisible(self.managers)
        bar.addWidget(self.store_combo)
        bar.addStretch(1)
        self.busy = BusyIndicator(self)
        bar.addWidget(self.busy)
        self.report_button = QPushButton("Print report (signed PDF)…")
        self.report_button.setVisible(self.vault.can(Permission.EXPORT_PACKAGES))
        self.report_button.clicked.connect(self.save_report)
        bar.addWidget(self.report_button)
        outer.addLayout(bar)
        self.message = QLabel()
        self.message.setWordWrap(True)
        show_message(self.message, "")
        outer.addWidget(self.message)

        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(12)
        self.tiles = {
            "incidents": Tile("incidents", Drill("all", "", "all incidents")),
            "loss": Tile("loss", Drill("all", "", "all incidents")),
            "with": Tile("have a crime ref.", Drill("with-crime-reference", "", "with a crime reference")),
            "missing": Tile("missing a crime ref.", Drill("missing-crime-reference", "", "missing a crime reference")),
            "median": Tile("police take (median)", Drill("days-to-crime-reference", "", "crime references added after logging")),
            "waiting": Tile("waiting for a crime ref.", Drill("waiting", "", "reported, waiting for a crime reference")),
        }  # fmt: skip
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tile.clicked.connect(lambda _on=False, t=tile: self.drill(t.drill))
            tiles.addWidget(tile)
        grid.addLayout(tiles, 0, 0, 1, 2)
        self.weekly = WeeklyChart(money=False)
        self.weekly_loss = WeeklyChart(money=True)
        self.heat = HeatMap()
        self.types = RankedBars("Top offence types (incidents; their loss)", by_money=False)
        self.tactics = RankedBars("Top tactics (incidents; their loss)", by_money=False)
        self.goods = RankedBars("Top goods by value taken (£)", by_money=True)
        for chart in (
            self.weekly,
            self.weekly_loss,
            self.heat,
            self.types,
            self.tactics,
            self.goods,
        ):
            chart.drill_requested.connect(self.drill)
        grid.addWidget(_card(self.weekly), 1, 0)
        grid.addWidget(_card(self.weekly_loss), 1, 1)
        self.heat.setFixedHeight(250)
        grid.addWidget(_card(self.heat), 2, 0)
        grid.addWidget(_card(self.types), 2, 1)
        grid.addWidget(_card(self.tactics), 3, 0)
        grid.addWidget(_card(self.goods), 3, 1)
        self.subjects = _table(["Subject seen at 2+ stores", "Incidents", "Stores", "Force areas"])
        self.vehicles = _table(["Vehicle seen at 2+ stores", "Incidents", "Stores", "Force areas"])
        self.waiting = _table(["Waiting longest", "Store", "Reported", "Waiting"])
        self.series = _table(["Series", "Name", "Incidents", "Referral check"])
        self.subjects.cellClicked.connect(lambda row, _c: self._row_drill(self.subjects, row))
        self.vehicles.cellClicked.connect(lambda row, _c: self._row_drill(self.vehicles, row))
        self.series.cellClicked.connect(lambda row, _c: self._row_drill(self.series, row))
        self.waiting.cellClicked.connect(self._open_waiting)
        grid.addWidget(_card(self.subjects), 4, 0, 1, 2)
        grid.addWidget(_card(self.vehicles), 5, 0, 1, 2)
        grid.addWidget(_card(self.waiting), 6, 0)
        grid.addWidget(_card(self.series), 6, 1)
        self.series.setVisible(self.vault.can(Permission.LINK_INCIDENTS))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.notes = QLabel()
        self.notes.setProperty("cssClass", "hint")
        self.notes.setWordWrap(True)
        grid.addWidget(self.notes, 7, 0, 1, 2)
        self.body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.store_combo.currentIndexChanged.connect(lambda _i: self.load())

    # --- loading --------------------------------------------------------------------

    def chosen(self) -> tuple[Period | None, str]:
        """The period and store picked ("" for every store this person may see)."""
        return self.period_combo.currentData(), str(self.store_combo.currentData() or "")

    def load(self) -> None:
        from opal_desktop.dashboard.queries import compute

        vault, (period, code), today = self.vault, self.chosen(), _today()
        show_message(self.message, "")

        def work() -> tuple[tuple[str, ...], Figures]:
            stores = visible_stores(vault)
            scope = Scope(period, (code,) if code else stores, not code)
            return stores, compute(vault, scope, today)

        self.runner.run(work, self._counted, self.show_error, busy=self.busy, busy_text="Counting…")

    def _counted(self, answer: tuple[tuple[str, ...], Figures]) -> None:
        stores, figures = answer
        if not shiboken6.isValid(self):
            return
        if self.managers and self.store_combo.count() == 1:
            self.store_combo.blockSignals(True)
            for store in stores:
                self.store_combo.addItem(store, store)
            self.store_combo.blockSignals(False)
        self.show_figures(figures)

    def show_figures(self, figures: Figures) -> None:
        if not shiboken6.isValid(self):
            return
        period, code = self.chosen()
        if figures.scope.period != period or (code and figures.scope.store_codes != (code,)):
            return  # the choice changed again meanwhile: its answer is on the way
        self.figures, self.scope = figures, figures.scope
        r = figures.readiness
        noun = "incident" if figures.incidents == 1 else "incidents"
        median = r.median_days_to_crime_reference
        self.tiles["incidents"].caption = noun
        self.tiles["incidents"].set_value(f"{figures.incidents:,}")
        self.tiles["loss"].set_value(palette.pounds(figures.loss_pence))
        self.tiles["with"].set_value(palette.percent(r.share_with_crime_reference),
                                     f"{r.with_crime_reference:,} incidents")  # fmt: skip
        self.tiles["missing"].set_value(f"{r.missing_crime_reference:,}")
        self.tiles["median"].set_value(palette.days_text(median),
                                       f"over {r.measured:,} added after logging" if median is not None
                                       else "no reference added after logging yet")  # fmt: skip
        self.tiles["waiting"].set_value(f"{r.waiting_total:,}", "reported to the police")
        for chart in (self.weekly, self.weekly_loss, self.heat):
            chart.set_figures(figures)
        self.types.set_items(figures.types)
        self.tactics.set_items(figures.tactics)
        self.goods.set_items(figures.goods)
        _fill(self.subjects, [(s.label, str(s.incidents), ", ".join(s.stores), ", ".join(s.force_areas), s.drill)
                              for s in figures.subjects])  # fmt: skip
        _fill(self.vehicles, [(v.label, str(v.incidents), ", ".join(v.stores), ", ".join(v.force_areas), v.drill)
                              for v in figures.vehicles])  # fmt: skip
        _fill(self.waiting, [(w.reference, w.store_code, f"{w.reported_on:%d/%m/%Y}", palette.days_text(w.days),
                              w.reference) for w in r.waiting])  # fmt: skip
        _fill(
            self.series,
            [(s.reference, s.name, str(s.incidents), s.verdict, s.drill) for s in r.series or ()],
        )
        self.notes.setText(" ".join(figures.notes))
        self.setWindowTitle(f"Opal Desktop — Dashboard — {figures.scope.label}")

    def show_error(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, str(error))

    # --- clicks ---------------------------------------------------------------------

    def drill(self, drill: Drill) -> None:
        from opal_desktop.dashboard.queries import drill_filter

        scope = self.scope
        if scope is None:
            return
        vault = self.vault
        caption = f"{drill.label or drill.kind} · {scope.label}"
        self.runner.run(lambda: drill_filter(vault, scope, drill),
                        lambda flt: self._list(flt, caption), self.show_error)  # fmt: skip

    def _list(self, flt: IncidentFilter, caption: str) -> None:
        if shiboken6.isValid(self):
            self.list_requested.emit(flt, caption)

    def _row_drill(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None and isinstance(item.data(Qt.ItemDataRole.UserRole), Drill):
            self.drill(item.data(Qt.ItemDataRole.UserRole))

    def _open_waiting(self, row: int, _column: int) -> None:
        item = self.waiting.item(row, 0)
        if item is not None:
            self.open_incident_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    # --- the report -----------------------------------------------------------------

    def save_report(self) -> None:
        from opal_desktop.gui.widgets.file_dialogs import save_file_name

        if self.figures is None:
            return
        name = f"loss-prevention-report-{self.figures.scope.label.split(' · ')[0].lower().replace(' ', '-')}.pdf"
        path = save_file_name(self, "Save the signed report", name, "PDF files (*.pdf)")
        if path:
            self.write_report(path)

    def write_report(self, path: str) -> None:
        from pathlib import Path

        from opal_desktop.dashboard.report import export_report

        figures, vault = self.figures, self.vault
        if figures is None:
            return
        self.runner.run(lambda: export_report(vault, figures, Path(path)), self._report_written,
                        self.show_error, busy=self.busy, busy_text="Writing and signing the report…")  # fmt: skip

    def _report_written(self, exported: object) -> None:
        if shiboken6.isValid(self):
            path = getattr(exported, "path", "")
            pages = getattr(exported, "pages", 0)
            self.message.setProperty("cssClass", "ok")
            show_message(self.message, f"Saved the signed report ({pages} pages) to {path}.")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def _card(widget: QWidget) -> QFrame:
    layout = QVBoxLayout()
    layout.addWidget(widget)
    return _card_layout(layout)


def _card_layout(layout: QVBoxLayout) -> QFrame:
    frame = QFrame()
    frame.setProperty("cssClass", "card")
    frame.setLayout(layout)
    return frame


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # no sideways scrolling
    for column in range(1, len(headers)):
        if headers[column] in ("Incidents", "Store", "Reported", "Waiting"):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(True)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setMinimumHeight(190)
    table.setCursor(Qt.CursorShape.PointingHandCursor)
    return table


def _fill(table: QTableWidget, rows: list[tuple[object, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        *cells, key = row
        for c, value in enumerate(cells):
            item = QTableWidgetItem(str(value))
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setToolTip(f"{value}: click to list its incidents")
            table.setItem(r, c, item)
    table.resizeRowsToContents()
    if not rows:
        table.setRowCount(1)
        empty = QTableWidgetItem("None in this period.")
        empty.setFlags(Qt.ItemFlag.NoItemFlags)
        table.setItem(0, 0, empty)
