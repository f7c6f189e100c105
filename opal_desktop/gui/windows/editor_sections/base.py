"""What every editor section shares: form rows with a message line under each field.

A section shows part of an Incident, writes its widgets back into one (`apply`), and says
what it could not read (a date or amount typed wrongly) as Problems tied to field names,
the same names `domain.incident.problems()` uses, so every message lands next to its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from opal_desktop.domain.incident import Incident, Problem
from opal_desktop.errors import InvalidInput
from opal_desktop.gui.widgets.messages import show_message

LABEL_WIDTH = 190  # one label column across every section
T = TypeVar("T")


class Section(QGroupBox):
    changed = Signal()
    touched = Signal(str)  # a field name the person has edited

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.form.setHorizontalSpacing(14)
        self._messages: dict[str, QLabel] = {}
        self._focus: dict[str, QWidget] = {}
        self._loading = False

    # --- building -------------------------------------------------------------------

    def add_row(
        self,
        label: str,
        widget: QWidget,
        field: str = "",
        signal: SignalInstance | None = None,
        hint: str = "",
    ) -> QLabel:
        """A labelled row (the label's mnemonic focuses `widget`), its hint and message lines."""
        caption = QLabel(label)
        caption.setBuddy(widget)
        caption.setMinimumWidth(LABEL_WIDTH)
        self.form.addRow(caption, widget)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setProperty("cssClass", "hint")
            self.form.addRow("", hint_label)
        if field:
            self.watch(field, widget, signal)
        return caption

    def watch(self, field: str, widget: QWidget, signal: SignalInstance | None) -> None:
        """Give `field` a message line under the last row, focus `widget` for it, and
        report a change whenever `signal` fires."""
        message = QLabel()
        message.setWordWrap(True)
        message.setObjectName(f"message:{field}")
        self.form.addRow("", message)
        show_message(message, "")
        self._messages[field] = message
        self._focus[field] = widget
        if signal is not None:
            signal.connect(lambda *_args: self._edited(field))

    def _edited(self, field: str) -> None:
        if not self._loading:
            self.touched.emit(field)
            self.changed.emit()

    def loading(self, load: Callable[[], None]) -> None:
        """Fill the widgets without it counting as an edit."""
        self._loading = True
        try:
            load()
        finally:
            self._loading = False

    # --- for the editor -------------------------------------------------------------

    def fields(self) -> list[str]:
        return list(self._messages)

    def message_label(self, field: str) -> QLabel | None:
        return self._messages.get(field)

    def focus_widget(self, field: str) -> QWidget | None:
        return self._focus.get(field)

    def load(self, incident: Incident) -> None:
        raise NotImplementedError

    def apply(self, incident: Incident) -> list[Problem]:
        """Write the widgets into `incident`; return what could not be read."""
        raise NotImplementedError


def spacer_label() -> QLabel:
    """An empty label that keeps the label column as wide as everywhere else."""
    label = QLabel()
    label.setMinimumWidth(LABEL_WIDTH)
    return label


def text_of(widget: QLineEdit | QPlainTextEdit) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    return widget.toPlainText().strip()


def read(parse: Callable[[str], T], text: str, field: str, empty: T, problems: list[Problem]) -> T:
    """Parse typed text; blank gives `empty`; a mistake adds its sentence to `problems`."""
    if not text.strip():
        return empty
    try:
        return parse(text)
    except InvalidInput as error:
        problems.append(Problem(field, str(error)))
        return empty


def line_edit(placeholder: str = "", width: int = 0) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if width:
        edit.setMaximumWidth(width)
    return edit


def text_box(placeholder: str = "", height: int = 110) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setMinimumHeight(height)
    return box
