"""The referral checklist's screenshots for build/screenshots.py (referral-*.png).

`python build/screenshots.py` calls `shoot_referral()` once the sample incidents are in the
throwaway vault: all of them are not ready (two have no crime reference and were not yet
reported), the two with crime references are ready. A check writes only an audit entry.
"""

from __future__ import annotations

from pathlib import Path

from screenshots import save, wait_until  # build/ is on the path when run

from opal_desktop.gui.models.incident_model import SUMMARY_ROLE
from opal_desktop.gui.referral.checklist import ChecklistDialog
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.windows.main_window import MainWindow


def shoot_referral(main_window: MainWindow, out: Path) -> None:
    listing = main_window.incident_list
    wait_until(lambda: listing.model.rowCount() > 0)
    listing.ui.table.selectAll()
    wait_until(lambda: len(listing.selected_references()) == listing.model.rowCount())
    everything = listing.selected_references()
    summaries = [
        listing.model.index(row, 0).data(SUMMARY_ROLE) for row in range(listing.model.rowCount())
    ]
    with_crime_refs = [s.reference for s in summaries if s is not None and s.has_crime_reference]
    dialog = main_window.check_referral()
    assert isinstance(dialog, ChecklistDialog)
    wait_until(lambda: dialog.view is not None and not dialog.busy.running)
    save(dialog, out, "referral-not-ready", (820, 720))
    assert len(with_crime_refs) < len(everything)
    dialog.check(CheckTarget(incidents=tuple(with_crime_refs)))
    wait_until(lambda: not dialog.busy.running)
    save(dialog, out, "referral-ready", (820, 720))
    dialog.close()
    listing.ui.table.clearSelection()
