"""Confirm an action and say why: unlinking, merging, undoing a merge, leaving a series.

The action runs on the worker with the reason typed. An empty reason, or anything the
vault refuses, is shown as one sentence and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from opal_desktop.gui.linking.form_dialog import FormDialog
from opal_desktop.gui.tasks import TaskRunner

AUDIT_NOTE = "The reason is kept in the audit trail with your name and the time."


class ReasonDialog(FormDialog):
    def __init__(
        self,
        runner: TaskRunner,
        action: Callable[[str], object],
        *,
        title: str,
        intro: str,
        question: str,
        button: str,
        placeholder: str = "",
        reason: str = "",
        destructive: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner, title=title, intro=intro, button=button, parent=parent, destructive=destructive
        )
        self.action = action
        label = QLabel(question)
        self.reason_edit = QLineEdit(reason)
        self.reason_edit.setPlaceholderText(placeholder)
        self.reason_edit.setMinimumWidth(460)
        label.setBuddy(self.reason_edit)
        note = QLabel(AUDIT_NOTE)
        note.setProperty("cssClass", "hint")
        note.setWordWrap(True)
        for widget in (label, self.reason_edit, note):
            self.top.addWidget(widget)
        self.reason_edit.returnPressed.connect(self.confirm)
        self.busy.guard(self.reason_edit)
        self.resize(560, self.sizeHint().height())
        self.reason_edit.setFocus()
        self.reason_edit.selectAll()

    def confirm(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            self.refuse("Say why, in a few words, before you confirm.", self.reason_edit)
            return
        action = self.action
        self.run(lambda: action(reason), "Saving…")
