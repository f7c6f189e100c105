"""Confirm an action and say why: deleting, unlinking, merging, undoing a merge, leaving a series.

The action runs on the worker with the reason typed. An empty reason, or anything the
vault refuses, is shown as one sentence and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.form_dialog import FormDialog

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
        missing: str = "Say why, in a few words, before you confirm.",
        note: str = AUDIT_NOTE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner, title=title, intro=intro, button=button, parent=parent, destructive=destructive
        )
        self.action = action
        self.missing = missing
        label = QLabel(question)
        self.reason_edit = QLineEdit(reason)
        self.reason_edit.setPlaceholderText(placeholder)
        self.reason_edit.setMinimumWidth(460)
        label.setBuddy(self.reason_edit)
        hint = QLabel(note)
        hint.setProperty("cssClass", "hint")
        hint.setWordWrap(True)
        for widget in (label, self.reason_edit, hint):
            self.top.addWidget(widget)
        self.reason_edit.returnPressed.connect(self.confirm)
        self.busy.guard(self.reason_edit)
        self.resize(560, self.sizeHint().height())
        self.reason_edit.setFocus()
        self.reason_edit.selectAll()

    def confirm(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            self.refuse(self.missing, self.reason_edit)
            return
        action = self.action
        self.run(lambda: action(reason), "Saving…")
