"""A folder import that the vault could not take whole (a full disk) says in the strip and
the summary exactly which stills were stored and which were not."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from opal_desktop.evidence.models import ImportReport
from opal_desktop.gui.stills.summary import ImportSummaryDialog, headline, needs_dialog

FULL = (
    "The disk holding /srv/vault is full, so nothing more can be saved there. Free some space "
    "on it (or move the vault to a disk with room), then add them again."
)


def test_stills_not_stored_are_listed_with_the_sentence(qtbot: QtBot) -> None:
    report = ImportReport(not_stored=["cam3.jpg", "cam4.jpg"], stopped=FULL)
    assert headline(report) == "0 stills added, 2 not stored (the vault cannot be written)."
    assert needs_dialog(report)
    dialog = ImportSummaryDialog(report)
    qtbot.addWidget(dialog)
    assert dialog.lines()[1:] == ["Not stored (2)", FULL, "cam3.jpg", "cam4.jpg"]
    assert report.sentences() == [f"Not stored (2): cam3.jpg, cam4.jpg. {FULL}"]
