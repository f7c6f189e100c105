"""Suggested links in the editor and on a profile: each with its reasons, linked only once
a person confirms (and says why, pre-filled from the reasons)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.linking.link_vehicle import LinkVehicleDialog
from opal_desktop.gui.linking.links_section import LinksSection
from opal_desktop.gui.linking.series_dialogs import AddToSeriesDialog
from opal_desktop.gui.linking.suggestions_panel import SuggestionCard
from opal_desktop.gui.linking.work import suggestions_available

from .conftest import MANAGER, MANAGER_PASSWORD, WAIT_MS, open_main_window
from .incident_data import add_incident, open_editor
from .linking_data import cell, on_worker

pytestmark = pytest.mark.skipif(
    not suggestions_available(), reason="opal_desktop.linking.suggestions is not in this build"
)


def _cards(qtbot: QtBot, section: LinksSection) -> list[SuggestionCard]:
    qtbot.waitUntil(lambda: bool(section.suggestions.cards), timeout=WAIT_MS)
    return section.suggestions.cards


def test_a_plate_suggestion_shows_why_and_links_once_confirmed(
    qtbot: QtBot, controller: AppController
) -> None:
    from opal_desktop.linking import links

    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    earlier = add_incident(qtbot, controller, when="18/11/2026 10:00").reference
    on_worker(
        qtbot,
        controller,
        lambda vault: links.link_vehicle(vault, earlier, "AB12CDE", "Car park camera"),
    )
    later = add_incident(qtbot, controller).reference  # the same grey Audi AB12 CDE seen
    editor = open_editor(qtbot, main, later)
    section = editor.links
    cards = _cards(qtbot, section)
    vehicle = next(c for c in cards if c.suggestion.kind == "vehicle")
    assert vehicle.suggestion.reference == "AB12CDE"
    assert vehicle.suggestion.reasons  # every suggestion says why
    assert all(reason in vehicle.reasons.text() for reason in vehicle.suggestion.reasons)
    assert section.table.rowCount() == 0  # nothing linked by suggesting

    assert vehicle.button is not None
    vehicle.button.click()
    dialog = section.findChild(LinkVehicleDialog)
    assert dialog is not None
    assert dialog.vrm_combo.currentText() == "AB12CDE"
    assert dialog.reason_edit.text().startswith("Suggested: ")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.confirm_button.click()
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    assert cell(section.table, 0, 2).startswith("Suggested: ")
    editor.close()


def test_a_similar_incident_can_be_added_to_a_new_series(
    qtbot: QtBot, controller: AppController
) -> None:
    from opal_desktop.linking import series

    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    earlier = add_incident(qtbot, controller, when="18/11/2026 10:00").reference
    later = add_incident(qtbot, controller).reference
    editor = open_editor(qtbot, main, later)
    section = editor.links
    cards = _cards(qtbot, section)
    incident = next(c for c in cards if c.suggestion.kind == "incident")
    assert incident.suggestion.reference == earlier
    assert incident.button is not None and incident.button.text() == "Add to series…"
    incident.button.click()
    dialog = section.findChild(AddToSeriesDialog)
    assert dialog is not None
    dialog.confirm_button.click()
    assert "name" in dialog.message.text()  # a new series needs a name
    dialog.name_edit.setText("Grey Audi whisky pair")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.confirm_button.click()
    made = on_worker(qtbot, controller, lambda vault: series.list_series(vault))
    assert made == [("SER-0001", "Grey Audi whisky pair", 2)]
    editor.close()
