"""One window per incident: sections top to bottom, messages beside their fields, autosave.

The draft is saved on the worker within 1.5 s of a change (see gui/autosave.py), on Ctrl+S,
when the window closes and when the app locks. The first save of a new incident creates
the draft and its reference, whatever is still missing. While the window is open its
incident is noted in the vault (incidents/editing.py), so that if the app dies the next
sign-in reopens it. A failed save shows its sentence and keeps every typed word in the
window; nothing is written anywhere but the vault.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

from opal_desktop.domain.incident import Incident, Problem, Status, problems
from opal_desktop.errors import UserError
from opal_desktop.gui.autosave import CAP_MS, PAUSE_MS, AutosaveTimer
from opal_desktop.gui.linking.links_section import add_to_editor as add_links_section
from opal_desktop.gui.stills.section import add_to_editor
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.window_memory import remember_size
from opal_desktop.gui.windows.editor_layout import EditorLayout

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class EditorContext:
    incident: Incident
    custom_tactics: dict[str, str]
    show_ic: bool
    retention_months: int


def load_for_editing(vault: Vault, reference: str | None) -> EditorContext:
    """Worker: the incident (a blank one for None) and the settings the editor needs."""
    from opal_desktop.incidents import records

    incident = records.new_incident(vault) if reference is None else records.get(vault, reference)
    settings = vault.settings()
    months = settings.get("retention_months", 24)
    return EditorContext(
        incident=incident,
        custom_tactics=records.custom_tactics(vault),
        show_ic=bool(settings.get("show_ethnic_appearance")),
        retention_months=months if isinstance(months, int) else 24,
    )


_IDENTITY = ("id", "uuid", "reference", "name", "store_id", "version", "created_by", "created_at")


def _save_on_worker(vault: Vault, incident: Incident, latest: list[Incident]) -> Incident:
    """Save what was typed as a change to the version this window last saved. `latest` is
    only read and written here, on the worker, so saves may be queued back to back."""
    from opal_desktop.incidents import editing, records

    identity = {name: getattr(latest[0], name) for name in _IDENTITY}
    created = latest[0].id is None
    saved = records.save(vault, dataclasses.replace(incident, **identity))
    latest[0] = saved
    editing.note_open(vault, saved.name or saved.reference, created)
    return saved


def _closed_on_worker(vault: Vault, reference: str) -> None:
    from opal_desktop.incidents import editing

    editing.note_closed(vault, reference)


class IncidentEditor(QWidget):
    saved = Signal()
    stills_changed = Signal()  # the incident's stills changed (it was not itself saved)
    deleted = Signal()
    closed = Signal()

    def __init__(
        self,
        context: EditorContext,
        vault: Vault,
        runner: TaskRunner,
        parent: QWidget | None = None,
        pause_ms: int = PAUSE_MS,
        cap_ms: int = CAP_MS,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.vault = vault
        self.runner = runner
        self.context = context
        self._incident = context.incident  # as last saved (or as created, if never saved)
        self._latest = [context.incident]  # the worker's copy of the same (see _save_on_worker)
        self._edits = 0  # changes made; compared with the count a save started from
        self._saved_edits = 0
        self._saving = False
        self._after_save: list[Callable[[], None]] = []
        self._closing = False  # close once the last change is saved
        self._leaving = False  # the app is going: save and close without waiting
        self._conflict = False
        self._show_all = context.incident.id is not None
        self._touched: set[str] = set()
        self.ui = EditorLayout(context, self)
        self.stills = add_to_editor(self.ui.scroll, vault, runner)
        self.stills.changed.connect(self.stills_changed)
        self.links = add_links_section(self.ui.scroll, vault, runner, lambda: self.current()[0])
        self.autosave = AutosaveTimer(pause_ms, cap_ms, self)
        self.autosave.due.connect(self.save_now)
        for section in self.ui.sections:
            section.load(self._incident)
            section.changed.connect(self._changed)
            section.touched.connect(self._touched.add)
        self.ui.save_button.clicked.connect(self.save_now)
        self.ui.complete_button.clicked.connect(self.toggle_complete)
        self.ui.close_button.clicked.connect(self.close)
        self.ui.history_button.clicked.connect(self.open_history)
        self.ui.delete_button.clicked.connect(self.ask_delete)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_now)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.toggle_complete)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.toggle_complete)
        show_message(self.ui.message_label, "")
        self._show_identity()
        self._show_problems()
        self.resize(980, 760)
        remember_size(self, "incident-editor")
        self.ui.first_field().setFocus()

    # --- what is on screen ----------------------------------------------------------

    @property
    def reference(self) -> str:
        return self._incident.reference

    @property
    def dirty(self) -> bool:
        return self._edits != self._saved_edits

    def current(self) -> tuple[Incident, list[Problem]]:
        """The incident as typed, and what could not be read (bad dates, amounts)."""
        incident = copy.deepcopy(self._incident)
        unreadable: list[Problem] = []
        for section in self.ui.sections:
            unreadable += section.apply(incident)
        return incident, unreadable

    def all_problems(self) -> list[Problem]:
        incident, unreadable = self.current()
        return unreadable + problems(incident, self.context.custom_tactics)

    def _changed(self) -> None:
        self._edits += 1
        if not self._conflict:
            self.autosave.note_change()
        self.ui.set_save_state("Not saved yet" if self._incident.id is None else "Changed")
        self._show_problems()

    def _show_problems(self) -> None:
        found = self.all_problems()
        by_label: dict[QLabel, list[Problem]] = {}
        for problem in found:
            label = self.ui.message_label_for(problem.field)
            shown = (
                self._show_all
                or not problem.blocks_completion
                or problem.field.split(".")[0] in {f.split(".")[0] for f in self._touched}
            )
            if label is not None and shown:
                by_label.setdefault(label, []).append(problem)
        for label in self.ui.all_message_labels():
            listed = by_label.get(label, [])
            blocking = any(p.blocks_completion for p in listed)
            text = " ".join(dict.fromkeys(p.message for p in listed))
            show_message(label, text, "error" if blocking else "attention")
        to_fix = sum(1 for p in found if p.blocks_completion)
        self.ui.show_to_fix(to_fix, self._incident.status)

    def _show_identity(self) -> None:
        incident = self._incident
        self.ui.show_identity(incident.reference, incident.status)
        saved = incident.id is not None
        self.ui.history_button.setEnabled(saved)
        self.ui.delete_button.setEnabled(saved)
        # its name opens it again: NG/REF when another organisation's incident has REF too
        self.stills.set_incident((incident.name or incident.reference) if saved else "")
        self.links.set_incident((incident.name or incident.reference) if saved else "")

    # --- saving ---------------------------------------------------------------------

    def save_now(self) -> None:
        """Save the draft if anything changed (autosave, Ctrl+S, lock, close)."""
        if self._saving and not self._leaving:
            if self.save_now not in self._after_save:
                self._after_save.append(self.save_now)
            return
        self.autosave.stop()
        if not self.dirty:
            if self._closing:
                self._finish_closing()
            return
        incident, _unreadable = self.current()
        self._start_save(incident)

    def _start_save(self, incident: Incident) -> None:
        self._saving = True
        edits = self._edits
        self.ui.set_save_state("Saving…")
        vault, latest = self.vault, self._latest
        self.runner.run(
            lambda: _save_on_worker(vault, incident, latest),
            lambda saved: self._saved(saved, edits),
            self._save_failed,
        )

    def _saved(self, saved: Incident, edits: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._conflict = False
        self._incident = saved
        self._saved_edits = edits
        show_message(self.ui.message_label, "")
        self.ui.set_save_state(f"Saved {datetime.now().strftime('%H:%M')}")
        self._show_identity()
        self.ui.witnesses.show_record(saved)
        self._show_problems()
        self.saved.emit()
        self._run_after_save()
        if self.dirty and not self._saving and not self.autosave.pending:
            self.autosave.note_change()
        if self._closing and not self.dirty:
            self._finish_closing()

    def _save_failed(self, error: UserError) -> None:
        if not shiboken6.isValid(self):
            return
        from opal_desktop.incidents.records import EditConflict

        self._saving = False
        self._closing = False
        self._conflict = isinstance(error, EditConflict)
        if self._conflict:
            self.autosave.stop()  # every retry would conflict again
        self.ui.set_save_state("Not saved")
        self.ui.show_error(str(error))
        self._run_after_save()

    def _run_after_save(self) -> None:
        waiting, self._after_save = self._after_save, []
        for callback in waiting:
            callback()

    # --- completing -----------------------------------------------------------------

    def toggle_complete(self) -> None:
        """Mark complete (Ctrl+Enter), or reopen a complete incident as a draft."""
        if self._saving:
            self._after_save.append(self.toggle_complete)
            return
        incident, unreadable = self.current()
        if self._incident.status is Status.COMPLETE:
            self._start_save(dataclasses.replace(incident, status=Status.DRAFT))
            return
        blocking = unreadable + [
            p for p in problems(incident, self.context.custom_tactics) if p.blocks_completion
        ]
        if blocking:
            self._show_all = True
            self._show_problems()
            self.ui.show_error(
                "To mark it complete, fix the messages in red first: " + blocking[0].message
            )
            self.ui.focus_field(blocking[0].field)
            return
        self.autosave.stop()
        self._start_save(dataclasses.replace(incident, status=Status.COMPLETE))

    # --- history and deleting -------------------------------------------------------

    def open_history(self) -> None:
        from opal_desktop.gui.windows.incident_history import HistoryWindow

        HistoryWindow(self._incident.name or self.reference, self.vault, self.runner, self).show()

    def ask_delete(self) -> None:
        from opal_desktop.gui.windows.incident_delete import DeleteDialog

        dialog = DeleteDialog(self._incident, self.vault, self.runner, self)
        dialog.deleted.connect(self._was_deleted)
        dialog.open()

    def _was_deleted(self) -> None:
        self._saved_edits = self._edits  # nothing left to save
        self.autosave.stop()
        self.deleted.emit()
        self._finish_closing()

    # --- closing --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def save_and_close(self) -> None:
        """The app is locking for good, signing out or quitting: save what is typed, close."""
        self._leaving = True
        self.save_now()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving or not (self.dirty or self._saving):
            self.autosave.stop()
            self._note_closed()
            self.closed.emit()
            event.accept()
            return
        event.ignore()  # save first; close once it is saved (or stay open if it fails)
        self._closing = True
        self.save_now()

    def _note_closed(self) -> None:
        """Queued after any save still running, so the note goes only once all is saved.
        The reference is the worker's (`_latest`): a first save may still be on its way."""
        vault, latest = self.vault, self._latest
        self.runner.run(
            lambda: (
                _closed_on_worker(vault, latest[0].name or latest[0].reference)
                if latest[0].reference
                else None
            )
        )

    def _finish_closing(self) -> None:
        self._closing = False
        self._leaving = True
        self.close()
