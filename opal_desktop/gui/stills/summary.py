"""After an import: what was added, what was already there, and what was not added, why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.evidence.models import ImportReport


def headline(report: ImportReport) -> str:
    """One sentence for the strip: '3 stills added.' or '2 added, 1 not added.'"""
    added = len(report.added)
    parts = [f"{added} still{'s' if added != 1 else ''} added"]
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already attached")
    if report.rejected:
        parts.append(f"{len(report.rejected)} not added")
    if report.not_stored:
        parts.append(f"{len(report.not_stored)} not stored (the vault cannot be written)")
    text = ", ".join(parts) + "."
    if report.cancelled:
        text = "Import cancelled: " + text[0].lower() + text[1:]
    return text


def needs_dialog(report: ImportReport) -> bool:
    """A clean import needs no dialog; anything left out is shown with its reason."""
    return bool(report.duplicates or report.rejected or report.cancelled or report.not_stored)


def _section(title: str, lines: list[str]) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 6)
    heading = QLabel(title)
    heading.setStyleSheet("font-weight: 600;")
    layout.addWidget(heading)
    for line in lines:
        label = QLabel(line)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(label)
    return box


class ImportSummaryDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Stills import")
        intro = QLabel(headline(report))
        intro.setProperty("cssClass", "title")
        intro.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        if report.added:
            column.addWidget(
                _section(
                    f"Added ({len(report.added)})",
                    [f"{e.reference}: {e.original_filename}" for e in report.added],
                )
            )
        if report.duplicates:
            column.addWidget(
                _section(
                    f"Already attached, not added twice ({len(report.duplicates)})",
                    [f"{name}: already attached as {ref}" for name, ref in report.duplicates],
                )
            )
        if report.rejected:
            column.addWidget(
                _section(
                    f"Not added ({len(report.rejected)})",
                    [reason for _name, reason in report.rejected],
                )
            )
        if report.not_stored:
            column.addWidget(
                _section(
                    f"Not stored ({len(report.not_stored)})",
                    [report.stopped, *report.not_stored],
                )
            )
        if report.cancelled:
            column.addWidget(
                _section("Cancelled", ["The stills added before you cancelled were kept."])
            )
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def lines(self) -> list[str]:
        """Every line shown (for tests and for reading aloud)."""
        return [label.text() for label in self.findChildren(QLabel)]
