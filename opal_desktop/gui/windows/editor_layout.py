"""The editor window's widgets: a header, the sections in a scroll area, and a footer."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.domain.incident import Incident, Status
from opal_desktop.gui.widgets.messages import set_style, show_message
from opal_desktop.gui.windows.editor_sections.base import Section
from opal_desktop.gui.windows.editor_sections.goods import GoodsSection
from opal_desktop.gui.windows.editor_sections.people import (
    OffendersSection,
    VehiclesSection,
    WitnessesSection,
    review_text,
)
from opal_desktop.gui.windows.editor_sections.police import PoliceSection, ViolenceSection
from opal_desktop.gui.windows.editor_sections.when_what import (
    WhatHappenedSection,
    WhenWhereSection,
)

if TYPE_CHECKING:
    from opal_desktop.gui.windows.incident_editor import EditorContext

CONTENT_MAX_WIDTH = 1100


class EditorLayout:
    def __init__(self, context: EditorContext, window: QWidget) -> None:
        self.window = window
        outer = QVBoxLayout(window)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)

        header = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setProperty("cssClass", "title")
        self.status_label = QLabel()
        self.status_label.setObjectName("statusBadge")
        self.save_state = QLabel()
        self.save_state.setProperty("cssClass", "hint")
        self.save_state.setObjectName("saveState")
        header.addWidget(self.title_label)
        header.addWidget(self.status_label)
        header.addStretch(1)
        header.addWidget(self.save_state)
        outer.addLayout(header)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setProperty("cssClass", "error")
        self.message_label.setObjectName("editorMessage")
        outer.addWidget(self.message_label)

        self.when = WhenWhereSection()
        self.what = WhatHappenedSection(context.custom_tactics)
        self.goods = GoodsSection()
        self.police = PoliceSection()
        self.violence = ViolenceSection()
        self.offenders = OffendersSection(context.show_ic)
        self.vehicles = VehiclesSection()
        self.witnesses = WitnessesSection(context.retention_months)
        self.sections: list[Section] = [
            self.when,
            self.what,
            self.goods,
            self.police,
            self.violence,
            self.offenders,
            self.vehicles,
            self.witnesses,
        ]
        logged_at = context.incident.reported_at
        self.when.changed.connect(lambda: self._show_review_date(logged_at))
        body = QWidget()
        body.setMaximumWidth(CONTENT_MAX_WIDTH)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(10)
        for section in self.sections:
            column.addWidget(section)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)

        footer = QHBoxLayout()
        self.history_button = QPushButton("History…")
        self.delete_button = QPushButton("Delete…")
        self.to_fix_label = QLabel()
        self.to_fix_label.setProperty("cssClass", "hint")
        self.to_fix_label.setWordWrap(True)
        self.save_button = QPushButton("Save  (Ctrl+S)")
        self.complete_button = QPushButton()
        self.complete_button.setProperty("cssClass", "primary")
        self.close_button = QPushButton("Close  (Esc)")
        for button in (
            self.history_button,
            self.delete_button,
            self.save_button,
            self.complete_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
        footer.addWidget(self.history_button)
        footer.addWidget(self.delete_button)
        footer.addSpacing(12)
        footer.addWidget(self.to_fix_label, 1)
        footer.addWidget(self.save_button)
        footer.addWidget(self.complete_button)
        footer.addWidget(self.close_button)
        outer.addLayout(footer)

    def _show_review_date(self, logged_at: datetime | None) -> None:
        """The review date follows the time it happened as it is typed."""
        scratch = Incident(store_code="", reported_at=logged_at)
        self.when.apply(scratch)
        self.witnesses.review_label.setText(review_text(scratch, self.witnesses.retention_months))

    # --- fields and messages --------------------------------------------------------

    def first_field(self) -> QWidget:
        return self.when.start_edit

    def _owner(self, field: str) -> tuple[Section, str] | None:
        for name in (field, field.split(".")[0]):
            for section in self.sections:
                if section.message_label(name) is not None:
                    return section, name
        return None

    def message_label_for(self, field: str) -> QLabel | None:
        owner = self._owner(field)
        return owner[0].message_label(owner[1]) if owner else None

    def all_message_labels(self) -> list[QLabel]:
        labels = []
        for section in self.sections:
            labels += [section.message_label(f) for f in section.fields()]
        return [label for label in labels if label is not None]

    def focus_field(self, field: str) -> None:
        owner = self._owner(field)
        widget = owner[0].focus_widget(owner[1]) if owner else None
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget, 50, 80)
            widget.setFocus()

    # --- header and footer ----------------------------------------------------------

    def show_identity(self, reference: str, status: Status) -> None:
        if reference:
            self.title_label.setText(reference)
            title = f"{reference} ({status.label.lower()})"
        else:
            self.title_label.setText("New incident")
            title = "New incident"
        self.window.setWindowTitle(f"{title} — Opal Desktop")
        self.status_label.setText(status.label if reference else "Draft, not saved yet")
        set_style(self.status_label, status=status.value)
        complete = status is Status.COMPLETE
        self.complete_button.setText(
            "Reopen as draft  (Ctrl+Enter)" if complete else "Mark complete  (Ctrl+Enter)"
        )

    def show_to_fix(self, count: int, status: Status) -> None:
        if status is Status.COMPLETE:
            text = "Complete: every required field is filled in."
        elif count == 0:
            text = "Everything needed is filled in: you can mark it complete."
        else:
            noun = "thing" if count == 1 else "things"
            text = f"{count} {noun} to fill in before it can be marked complete."
        self.to_fix_label.setText(text)

    def set_save_state(self, text: str) -> None:
        self.save_state.setText(text)

    def show_error(self, text: str) -> None:
        show_message(self.message_label, text)
