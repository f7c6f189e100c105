"""One-sentence messages under fields and at the foot of forms."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def show_message(label: QLabel, text: str) -> None:
    """Show `text` in `label`; an empty text hides the label so it takes no room."""
    label.setText(text)
    label.setVisible(bool(text))


def clear_messages(*labels: QLabel) -> None:
    for label in labels:
        show_message(label, "")
