"""One subject profile: details (a name and aliases marked sensitive), best image, linked
incidents and vehicles, suggestions, and merging with another profile (managers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.gui.linking import subject_work as work
from opal_desktop.gui.linking.link_person import DETAIL_FIELDS
from opal_desktop.gui.linking.link_tables import RecordTable, when
from opal_desktop.gui.linking.subject_tabs import BestImageTab, MergesTab
from opal_desktop.gui.linking.suggestions_panel import Action, SuggestionsPanel, reason_text
from opal_desktop.gui.linking.window import LinkingWindow
from opal_desktop.gui.linking.work import SuggestionLike
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog
from opal_desktop.linking.models import Subject, SubjectDetails

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

LINK_HEADERS = ("Role", "Why", "Linked by", "When")
HEADER_PICTURE = QSize(136, 102)
SENSITIVE_HINT = (
    "Record a name or alias only from a reliable source (for example the police). "
    "Changes are named in the audit trail."
)


class SubjectProfileWindow(LinkingWindow):
    changed = Signal()  # saved, merged, best image chosen
    open_profile_requested = Signal(str)

    def __init__(
        self, vault: Vault, runner: TaskRunner, reference: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.vault, self.runner, self.reference = vault, runner, reference
        self.data: work.ProfileData | None = None
        self.setWindowTitle(f"{reference} — Opal Desktop")
        self.title = QLabel(reference)
        self.title.setProperty("cssClass", "title")
        self.title.setWordWrap(True)
        self.merged_label = QLabel()
        self.merged_label.setProperty("cssClass", "error")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), "&Details")
        self.best_image = BestImageTab()
        self.best_image.chosen.connect(self.choose_best_image)
        self.tabs.addTab(self.best_image, "&Best image")
        self.incidents = RecordTable(("Incident", *LINK_HEADERS), "Linked incidents", stretch=2)
        self.incidents.open_requested.connect(self.open_incident_requested)
        self.tabs.addTab(
            self._with_hint(self.incidents, "Double-click an incident to open it."), "&Incidents"
        )
        self.vehicles = RecordTable(("Vehicle", *LINK_HEADERS), "Linked vehicles", stretch=2)
        self.tabs.addTab(self.vehicles, "&Vehicles")
        self.suggestions = SuggestionsPanel(
            "Incidents, vehicles and profiles that may belong to this person. Nothing is "
            "linked or merged until you confirm it."
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        holder_column = QVBoxLayout(holder)
        holder_column.addWidget(self.suggestions)
        holder_column.addStretch(1)
        scroll.setWidget(holder)
        self.tabs.addTab(scroll, "Su&ggestions")
        self.merges = MergesTab()
        self.merges.merge_requested.connect(self.ask_merge)
        self.merges.undo_requested.connect(self.ask_undo_merge)
        self.merges_index = self.tabs.addTab(self.merges, "&Merges")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(self._header())
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self.close_footer())
        show_message(self.message, "")
        show_message(self.merged_label, "")
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.resize(900, 680)
        self.reload()

    def _header(self) -> QHBoxLayout:
        """The best image beside the label, what the person looks like and how often seen."""
        self.picture = QLabel("No image")
        self.picture.setFixedSize(HEADER_PICTURE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setProperty("cssClass", "hint")
        self.picture.setStyleSheet("background: #e4e8ee; border: 1px solid #b7bdc5;")
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(4)
        for widget in (self.title, self.summary_label, self.merged_label):
            text.addWidget(widget)
        text.addStretch(1)
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(self.picture)
        header.addLayout(text, 1)
        return header

    def _details_tab(self) -> QWidget:
        page = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.detail_edits: dict[str, QLineEdit] = {}
        for name, label in DETAIL_FIELDS:
            self.detail_edits[name] = QLineEdit()
            form.addRow(label, self.detail_edits[name])
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(64)
        form.addRow("Notes", self.notes_edit)
        self.detail_edits["name"], self.detail_edits["aliases"] = QLineEdit(), QLineEdit()
        self.detail_edits["name"].setPlaceholderText(
            "Leave blank unless known from a reliable source"
        )
        form.addRow("Name (sensitive)", self.detail_edits["name"])
        form.addRow("Aliases (sensitive)", self.detail_edits["aliases"])
        sensitive = QLabel(SENSITIVE_HINT)
        sensitive.setProperty("cssClass", "hint")
        sensitive.setWordWrap(True)
        form.addRow("", sensitive)
        self.review_label = QLabel()
        form.addRow("Review by", self.review_label)
        self.save_button = QPushButton("&Save changes  (Ctrl+S)")
        self.save_button.setProperty("cssClass", "primary")
        self.save_button.clicked.connect(self.save)
        self.save_state = QLabel()
        self.save_state.setProperty("cssClass", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_state, 1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        return scroll

    @staticmethod
    def _with_hint(widget: QWidget, hint: str) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        label = QLabel(hint)
        label.setProperty("cssClass", "hint")
        column.addWidget(widget, 1)
        column.addWidget(label)
        return page

    # --- loading --------------------------------------------------------------------

    def reload(self) -> None:
        vault, reference = self.vault, self.reference
        self.runner.run(
            lambda: (work.load_profile(vault, reference), work.subject_rows(vault)),
            self._show,
            self.show_error,
            busy=self.busy,
            busy_text="Loading the profile…",
        )

    def _show(self, loaded: tuple[work.ProfileData, list[work.SubjectRow]]) -> None:
        if not shiboken6.isValid(self):
            return
        data, rows = loaded
        self.data = data
        subject = data.subject
        self.title.setText(subject.label)
        self.setWindowTitle(f"{subject.label} — Opal Desktop")
        merged = f"Merged into {subject.merged_into}: open that profile to work on this person."
        show_message(self.merged_label, merged if subject.merged_into else "")
        self._fill_details(subject)
        self._show_header(data)
        self.best_image.show_profile(data)
        people = [k for k in data.links if k.kind == "incident-subject"]
        cars = [k for k in data.links if k.kind == "subject-vehicle"]
        self.incidents.fill(
            [
                (k.left, (k.left, k.role.title(), k.reason, k.linked_by, when(k.linked_at)))
                for k in people
            ]
        )
        self.vehicles.fill(
            [
                (k.right, (k.right, k.role.title(), k.reason, k.linked_by, when(k.linked_at)))
                for k in cars
            ]
        )
        self.tabs.setTabText(2, f"&Incidents ({len(people)})")
        self.tabs.setTabText(3, f"&Vehicles ({len(cars)})")
        self.suggestions.show_suggestions(data.suggestions, self._action_for)
        count = f" ({len(data.suggestions)})" if data.suggestions else ""
        self.tabs.setTabText(4, f"Su&ggestions{count}")
        self.tabs.setTabVisible(self.merges_index, data.merges is not None)
        others = [r.subject for r in rows if r.subject.reference != subject.reference]
        self.merges.show_merges(data.merges or [], others, bool(subject.merged_into))

    def _show_header(self, data: work.ProfileData) -> None:
        subject = data.subject
        best = subject.best_exhibit_id
        image = data.thumbnails.get(best) if best is not None else None
        if image is None or image.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText("No best image yet")
        else:
            self.picture.setPixmap(
                QPixmap.fromImage(
                    image.scaled(
                        HEADER_PICTURE,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            )
        noun = "incident" if subject.incident_count == 1 else "incidents"
        looks = subject.details.description() or "No description yet"
        self.summary_label.setText(f"{looks}\nLinked to {subject.incident_count} {noun}.")

    def _fill_details(self, subject: Subject) -> None:
        for name, edit in self.detail_edits.items():
            edit.setText(getattr(subject.details, name))
        self.notes_edit.setPlainText(subject.details.notes)
        review = subject.review_date
        self.review_label.setText(review.strftime("%d/%m/%Y") if review else "Not set")

    # --- changing -------------------------------------------------------------------

    def details(self) -> SubjectDetails:
        typed = {name: edit.text().strip() for name, edit in self.detail_edits.items()}
        return SubjectDetails(**typed, notes=self.notes_edit.toPlainText().strip())

    def save(self) -> None:
        vault, reference, details = self.vault, self.reference, self.details()
        self.runner.run(
            lambda: work.save_details(vault, reference, details),
            self._saved,
            self.show_error,
            busy=self.busy,
            busy_text="Saving…",
        )

    def _saved(self, subject: Subject) -> None:
        if not shiboken6.isValid(self):
            return
        show_message(self.message, "")
        self.save_state.setText("Saved.")
        self.title.setText(subject.label)
        self.changed.emit()

    def choose_best_image(self, exhibit_id: int | None) -> None:
        vault, reference = self.vault, self.reference
        self.runner.run(
            lambda: work.set_best_image(vault, reference, exhibit_id),
            lambda _subject: self._changed(),
            self.show_error,
            busy=self.busy,
            busy_text="Saving…",
        )

    def _changed(self, _result: object = None) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, "")
            self.changed.emit()
            self.reload()

    def ask_merge(self, other: str) -> None:
        vault, keep = self.vault, self.reference
        ReasonDialog(
            self.runner,
            lambda why: work.merge_into(vault, keep, other, why),
            parent=self,
            title="Merge profiles",
            button="&Merge",
            intro=f"Merge {other} into {keep}? Its links move to {keep} and {other} is marked "
            "as merged. You can undo this from the Merges tab.",
            question="&Why are they the same person? (required)",
            placeholder="For example: same scar under the left eye, same car",
        ).ask(self._changed)

    def ask_undo_merge(self, merge_id: int) -> None:
        vault = self.vault
        ReasonDialog(
            self.runner,
            lambda why: work.undo_merge(vault, merge_id, why),
            parent=self,
            title="Undo merge",
            button="&Undo merge",
            intro="Undo this merge? The links move back and both profiles are separate again.",
            question="&Why is the merge being undone? (required)",
            placeholder="For example: different height on the York CCTV",
        ).ask(self._changed)

    def _action_for(self, suggestion: SuggestionLike) -> Action | None:
        vault, me, why = self.vault, self.reference, reason_text(suggestion)
        other = suggestion.reference
        if suggestion.kind == "incident":
            return "Link…", lambda: ReasonDialog(
                self.runner,
                lambda r: work.link_to_incident(vault, me, other, r),
                parent=self,
                title="Link to incident",
                button="&Link",
                reason=why,
                intro=f"Link {me} to {other} as a suspect? You can change the role from the incident.",
                question="&Why link them? (required)",
            ).ask(self._changed)
        if suggestion.kind == "subject" and self.data is not None and self.data.merges is not None:
            return "Merge…", lambda: self.ask_merge(other)
        return None
