"""One-sentence messages under fields and at the foot of forms."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel


def show_message(label: QLabel, text: str) -> None:
    """Show `text` in `label`; an empty text hides it so it takes no room (in a form
    layout, the whole row, else the row's spacing would stay)."""
    label.setText(text)
    form = _form_holding(label)
    if form is not None:
        form.setRowVisible(label, bool(text))
    else:
        label.setVisible(bool(text))


def _form_holding(label: QLabel) -> QFormLayout | None:
    parent = label.parentWidget()
    if parent is None:
        return None
    for form in parent.findChildren(QFormLayout):
        if form.indexOf(label) >= 0:
            return form
    return None


def clear_messages(*labels: QLabel) -> None:
    for label in labels:
        show_message(label, "")
