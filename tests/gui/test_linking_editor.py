"""The incident editor's Links section: link a person and a vehicle (with a reason), unlink."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from opal_desktop.domain.incident import OffenderDescription
from opal_desktop.gui.app import AppController
from opal_desktop.gui.linking.link_person import LinkPersonDialog
from opal_desktop.gui.linking.link_vehicle import LinkVehicleDialog
from opal_desktop.gui.linking.links_section import WAITING_TEXT, LinksSection
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog
from opal_desktop.gui.windows.incident_editor import IncidentEditor

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window, run_on_worker
from .incident_data import add_incident, open_editor
from .linking_data import cell

RED_CAP = OffenderDescription(sex="male", height="tall", build="slim", clothing="red cap")


def _section(qtbot: QtBot, editor: IncidentEditor) -> LinksSection:
    section = editor.links
    qtbot.waitUntil(lambda: section.data is not None, timeout=WAIT_MS)
    return section


def _audit_actions(qtbot: QtBot, controller: AppController) -> list[str]:
    from opal_desktop.vault.audit_view import AuditFilter, list_entries

    assert controller.session is not None
    vault = controller.session.vault
    entries = run_on_worker(qtbot, controller.runner, lambda: list_entries(vault, AuditFilter()))
    return [f"{e.action} {e.summary}" for e in entries]


def test_a_new_incident_asks_for_a_save_before_links(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    editor = open_editor(qtbot, main)
    assert editor.links.waiting.text() == WAITING_TEXT
    assert not editor.links.body.isVisibleTo(editor)
    editor.close()


def test_link_a_person_and_a_vehicle_with_reasons(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    incident = add_incident(qtbot, controller, offenders=[RED_CAP])
    editor = open_editor(qtbot, main, incident.reference)
    section = _section(qtbot, editor)
    assert section.empty_label.isVisibleTo(editor)

    section.person_button.click()
    person = section.findChild(LinkPersonDialog)
    assert person is not None
    qtbot.waitUntil(lambda: person.new_radio.isChecked(), timeout=WAIT_MS)  # no profiles yet
    assert person.detail_edits["clothing"].text() == "red cap"  # from the offender description
    person.confirm_button.click()
    assert "Say why" in person.message.text()  # a reason is required
    person.reason_edit.setText("Red cap and slim build on CCTV camera 2")
    with qtbot.waitSignal(person.saved, timeout=WAIT_MS):
        person.confirm_button.click()
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    assert cell(section.table, 0, 0).startswith("SUBJ-0001 “tall, slim, male”")
    assert cell(section.table, 0, 1) == "Offender"
    assert cell(section.table, 0, 2) == "Red cap and slim build on CCTV camera 2"
    assert cell(section.table, 0, 3) == ADMIN

    section.vehicle_button.click()
    vehicle = section.findChild(LinkVehicleDialog)
    assert vehicle is not None
    assert vehicle.vrm_combo.currentText() == "AB12CDE"  # from the vehicles seen
    assert vehicle.make_edit.text() == "Audi"
    vehicle.reason_edit.setText("Left in it, car park camera")
    with qtbot.waitSignal(vehicle.saved, timeout=WAIT_MS):
        vehicle.confirm_button.click()
    qtbot.waitUntil(lambda: section.table.rowCount() == 2, timeout=WAIT_MS)
    assert cell(section.table, 1, 0) == "AB12CDE (grey Audi A4)"

    actions = _audit_actions(qtbot, controller)
    assert any(
        a.startswith("linked") and "SUBJ-0001" in a and "Red cap and slim build" in a
        for a in actions
    )
    assert any(a.startswith("linked") and "AB12CDE: Left in it" in a for a in actions)
    editor.close()


def test_unlink_asks_why_and_keeps_the_history(qtbot: QtBot, controller: AppController) -> None:
    from opal_desktop.linking import links

    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    incident = add_incident(qtbot, controller)
    assert controller.session is not None
    vault = controller.session.vault
    run_on_worker(
        qtbot,
        controller.runner,
        lambda: links.link_vehicle(vault, incident.reference, "AB12CDE", "Car park camera"),
    )
    editor = open_editor(qtbot, main, incident.reference)
    section = _section(qtbot, editor)
    assert section.table.rowCount() == 1
    assert not section.unlink_button.isEnabled()
    section.table.selectRow(0)
    section.unlink_button.click()
    dialog = section.findChild(ReasonDialog)
    assert dialog is not None and "Unlink AB12CDE" in dialog.intro.text()
    dialog.confirm_button.click()
    assert "Say why" in dialog.message.text()
    dialog.reason_edit.setText("Wrong car: the plate was misread")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: section.table.rowCount() == 0, timeout=WAIT_MS)
    history = run_on_worker(
        qtbot, controller.runner, lambda: links.links_of(vault, vrm="AB12CDE", history=True)
    )
    assert history[0].unlink_reason == "Wrong car: the plate was misread"
    assert history[0].unlinked_by == ADMIN
    editor.close()
