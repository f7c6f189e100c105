"""The incident editor's "Links" section: who and what this incident is linked to, and why.

Once the incident has a reference, the section lists its links (people with their role,
vehicles) with the reason, who linked them and when; "Link a person…", "Link a vehicle…"
and "Unlink…" each ask for a reason. Below, suggested links with the reasons they were
made; acting on one opens the same confirming dialogs, the reason pre-filled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.domain.incident import Incident
from opal_desktop.errors import UserError
from opal_desktop.gui.formatting import local_time
from opal_desktop.gui.linking.link_person import LinkPersonDialog
from opal_desktop.gui.linking.link_vehicle import LinkVehicleDialog
from opal_desktop.gui.linking.series_dialogs import AddToSeriesDialog
from opal_desktop.gui.linking.suggestions_panel import Action, SuggestionsPanel, reason_text
from opal_desktop.gui.linking.work import IncidentLinks, SuggestionLike, load_incident_links
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog
from opal_desktop.linking.models import Link

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

WAITING_TEXT = "Save the incident first (Ctrl+S); then you can link people and vehicles to it."
EMPTY_TEXT = "Not linked to any person or vehicle yet."
HEADERS = ("Person or vehicle", "Role", "Why", "Linked by", "When")
SUGGESTIONS_INTRO = "Possible links found in this vault. Nothing is linked until you confirm it."


def _unlink(vault: Vault, link: Link, reason: str) -> Link:
    from opal_desktop.linking import links

    return links.unlink(vault, link.kind, link.id, reason)


class LinksSection(QGroupBox):
    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        typed: Callable[[], Incident],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Links", parent)
        self.vault, self.runner, self.typed = vault, runner, typed
        self.reference = ""
        self.data: IncidentLinks | None = None
        self._shown_suggestions: list[tuple[str, str, tuple[str, ...]]] | None = None
        self.waiting = QLabel(WAITING_TEXT)
        self.waiting.setProperty("cssClass", "hint")
        self.waiting.setWordWrap(True)
        self.body = QWidget()
        column = QVBoxLayout(self)
        column.addWidget(self.waiting)
        column.addWidget(self.body)
        self._build_body()
        self.body.hide()

    def _build_body(self) -> None:
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Links of this incident")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((300, 90, 260, 110)):
            header.resizeSection(column, width)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setProperty("cssClass", "hint")
        self.person_button = QPushButton("Lin&k a person…")
        self.vehicle_button = QPushButton("Link a vehicle…")
        self.unlink_button = QPushButton("Unlink…")
        buttons = QHBoxLayout()
        for button in (self.person_button, self.vehicle_button, self.unlink_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setProperty("cssClass", "error")
        self.message.setWordWrap(True)
        heading = QLabel("<b>Suggestions</b>")
        self.suggestions = SuggestionsPanel(SUGGESTIONS_INTRO)
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        for widget in (self.table, self.empty_label):
            inner.addWidget(widget)
        inner.addLayout(buttons)
        inner.addWidget(self.message)
        inner.addSpacing(6)
        inner.addWidget(heading)
        inner.addWidget(self.suggestions)
        show_message(self.message, "")
        self.person_button.clicked.connect(lambda: self.link_person())
        self.vehicle_button.clicked.connect(lambda: self.link_vehicle())
        self.unlink_button.clicked.connect(self.ask_unlink)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    # --- loading --------------------------------------------------------------------

    def set_incident(self, reference: str) -> None:
        """Show the links of `reference` ('' while unsaved); each save looks for suggestions again."""
        if not reference:
            return
        first = not self.reference
        self.reference = reference
        self.waiting.hide()
        self.body.show()
        if first:
            self.suggestions.show_loading()
        self.reload()

    def reload(self) -> None:
        vault, reference = self.vault, self.reference
        self.runner.run(lambda: load_incident_links(vault, reference), self._show, self._failed)

    def _show(self, data: IncidentLinks) -> None:
        if not shiboken6.isValid(self):
            return
        self.data = data
        self.table.setRowCount(0)
        for link in data.links:
            row = self.table.rowCount()
            self.table.insertRow(row)
            values = (
                data.labels.get(link.right, link.right),
                link.role.title() if link.role else "Vehicle",
                link.reason,
                link.linked_by,
                local_time(link.linked_at),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.setFixedHeight(34 + 30 * max(1, min(len(data.links), 6)))
        self.empty_label.setVisible(not data.links)
        self.table.setVisible(bool(data.links))
        self._selection_changed()
        shown = [(s.kind, s.reference, tuple(s.reasons)) for s in data.suggestions or []]
        if data.suggestions is None or shown != self._shown_suggestions:
            self._shown_suggestions = shown
            self.suggestions.show_suggestions(data.suggestions, self._action_for)

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, str(error))

    def _selection_changed(self) -> None:
        self.unlink_button.setEnabled(self.selected_link() is not None)

    def selected_link(self) -> Link | None:
        row = self.table.currentRow()
        if self.data is None or not 0 <= row < len(self.data.links):
            return None
        return self.data.links[row] if self.table.selectedItems() else None

    # --- acting ---------------------------------------------------------------------

    def _linked(self, _link: object) -> None:
        show_message(self.message, "")
        self.reload()

    def link_person(self, subject_reference: str = "", reason: str = "") -> LinkPersonDialog:
        offenders = self.typed().offenders
        dialog = LinkPersonDialog(
            self.vault,
            self.runner,
            self.reference,
            offenders,
            self,
            subject_reference=subject_reference,
            reason=reason,
        )
        dialog.ask(self._linked)
        return dialog

    def link_vehicle(self, vrm: str = "", reason: str = "") -> LinkVehicleDialog:
        seen = self.typed().vehicles
        dialog = LinkVehicleDialog(
            self.vault, self.runner, self.reference, seen, self, vrm=vrm, reason=reason
        )
        dialog.ask(self._linked)
        return dialog

    def ask_unlink(self) -> None:
        link = self.selected_link()
        if link is None or self.data is None:
            return
        vault, what = self.vault, self.data.labels.get(link.right, link.right)
        ReasonDialog(
            self.runner,
            lambda why: _unlink(vault, link, why),
            parent=self,
            title="Unlink",
            button="&Unlink",
            destructive=True,
            intro=f"Unlink {what} from {self.reference}? The link stays in the history, "
            "marked as removed, with your reason.",
            question="&Why is the link being removed? (required)",
            placeholder="For example: wrong person, different height on CCTV",
        ).ask(self._linked)

    def add_to_series(self, suggestion: SuggestionLike) -> AddToSeriesDialog:
        dialog = AddToSeriesDialog(
            self.vault,
            self.runner,
            [self.reference, suggestion.reference],
            self,
            reason=reason_text(suggestion),
        )
        dialog.ask(self._linked)
        return dialog

    def _action_for(self, suggestion: SuggestionLike) -> Action | None:
        why = reason_text(suggestion)
        if suggestion.kind == "subject":
            return "Link…", lambda: self.link_person(suggestion.reference, why)
        if suggestion.kind == "vehicle":
            return "Link…", lambda: self.link_vehicle(suggestion.reference, why)
        if suggestion.kind == "incident" and self.data is not None and self.data.can_build_series:
            return "Add to series…", lambda: self.add_to_series(suggestion)
        return None


def add_to_editor(
    scroll: QScrollArea, vault: Vault, runner: TaskRunner, typed: Callable[[], Incident]
) -> LinksSection:
    """Put the section at the foot of the editor's column of sections (before its stretch)."""
    body = scroll.widget()
    column = body.layout() if body is not None else None
    assert isinstance(column, QVBoxLayout), "the editor's sections sit in a QVBoxLayout"
    section = LinksSection(vault, runner, typed, body)
    column.insertWidget(max(0, column.count() - 1), section)
    return section
