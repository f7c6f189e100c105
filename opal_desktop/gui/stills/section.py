"""The incident editor's "Stills" section: the strip, once the incident has a reference.

A new incident has no reference until its first save, and exhibits hang off a saved
incident; until then the section says how to get there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from opal_desktop.gui.stills.strip import StillsStrip
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

WAITING_TEXT = "Save the incident first (Ctrl+S); then you can add CCTV stills here."


class StillsSection(QGroupBox):
    changed = Signal()  # stills added, edited, redacted or deleted: lists showing counts refresh

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__("Stills", parent)
        self.vault, self.runner = vault, runner
        self.strip: StillsStrip | None = None
        self.waiting = QLabel(WAITING_TEXT)
        self.waiting.setProperty("cssClass", "hint")
        self.waiting.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.waiting)

    def set_incident(self, reference: str) -> None:
        """Show the strip for `reference` ('' while the incident is unsaved). Idempotent."""
        if self.strip is not None or not reference:
            return
        self.waiting.hide()
        self.strip = StillsStrip(self.vault, self.runner, reference, self)
        self.strip.changed.connect(self.changed)
        self._layout.addWidget(self.strip)


def add_to_editor(scroll: QScrollArea, vault: Vault, runner: TaskRunner) -> StillsSection:
    """Put the section at the foot of the editor's column of sections (before its stretch)."""
    body = scroll.widget()
    column = body.layout() if body is not None else None
    assert isinstance(column, QVBoxLayout), "the editor's sections sit in a QVBoxLayout"
    section = StillsSection(vault, runner, body)
    column.insertWidget(max(0, column.count() - 1), section)
    return section
