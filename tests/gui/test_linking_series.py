"""The series window: summary numbers, timeline order, members added and removed, the chart."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.linking.series_dialogs import AddMembersDialog
from opal_desktop.gui.linking.series_view import SeriesView
from opal_desktop.gui.linking.series_window import SeriesWindow
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog
from opal_desktop.gui.windows.main_window import MainWindow

from .conftest import MANAGER, MANAGER_PASSWORD, WAIT_MS, open_main_window
from .incident_data import add_incident
from .linking_data import RED_CAP, cell, on_worker, person_linked_to, two_stores_incidents


def _series_with(qtbot: QtBot, controller: AppController, incidents: list[str]) -> str:
    from opal_desktop.linking import series

    def work(vault: object) -> str:
        reference = series.create_series(vault, "Red cap razor team")  # type: ignore[arg-type]
        series.add_members(vault, reference, "incident", incidents)  # type: ignore[arg-type]
        return reference

    return on_worker(qtbot, controller, work)


def _open(qtbot: QtBot, main: MainWindow, reference: str) -> tuple[SeriesWindow, SeriesView]:
    window = main.open_series()
    assert isinstance(window, SeriesWindow)
    qtbot.waitUntil(
        lambda: window.view is not None and window.view.data is not None, timeout=WAIT_MS
    )
    view = window.view
    assert view is not None and view.reference == reference
    return window, view


def test_summary_numbers_and_timeline_order(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    leeds, york = two_stores_incidents(qtbot, controller)
    person = person_linked_to(qtbot, controller, leeds, RED_CAP)
    reference = _series_with(qtbot, controller, [leeds, york])
    window, view = _open(qtbot, main, reference)
    assert view.data is not None
    facts = dict(view.data.facts)
    assert facts["Incidents"] == "2"
    assert facts["Dates"] == "10/11/2026 to 20/11/2026 (11 days)"
    assert facts["Total loss"] == "£147.00"  # 6 x £22.00 + 3 x £5.00
    assert facts["Stores"] == "LDS01 Leeds Briggate, YRK02 York Coney Street"
    assert facts["Police force areas"] == "North Yorkshire Police, West Yorkshire Police"
    assert facts["Tactics"] == "Foil-lined or booster bag (2), Lookout posted (1)"
    assert facts["Crime references"] == f"Missing for {leeds}"
    timeline = view.timeline
    assert [cell(timeline, r, 1) for r in range(2)] == [york, leeds]  # oldest first
    assert cell(timeline, 0, 0) == "10/11/2026 09:30"
    assert cell(timeline, 1, 4) == "£132.00"
    assert cell(timeline, 1, 5) == person
    assert cell(timeline, 1, 6) == ""  # the plate was seen, but no vehicle linked yet
    assert cell(timeline, 1, 7) == "Missing"

    before = len(main.editors)
    timeline.itemActivated.emit(timeline.item(0, 1))  # a double-click opens the incident
    qtbot.waitUntil(lambda: len(main.editors) > before, timeout=WAIT_MS)
    assert main.editors[-1].reference == york
    main.editors[-1].close()
    window.close()


def test_members_are_added_and_removed_with_a_reason(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    leeds, york = two_stores_incidents(qtbot, controller)
    third = add_incident(qtbot, controller, when="15/11/2026 12:00").reference
    reference = _series_with(qtbot, controller, [leeds])
    window, view = _open(qtbot, main, reference)
    assert view.members.rowCount() == 1

    view.add_button.click()
    dialog = view.findChild(AddMembersDialog)
    assert dialog is not None
    dialog.keys_edit.setText(f"{york}, {third}")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "Say why" in dialog.message.text(), timeout=WAIT_MS)
    dialog.reason_edit.setText("Same booster bags, same fortnight")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: view.timeline.rowCount() == 3, timeout=WAIT_MS)
    order = [cell(view.timeline, r, 1) for r in range(3)]
    assert order == [york, third, leeds]

    view.members.select_key(f"incident|{third}")
    view.remove_button.click()
    remove = view.findChildren(ReasonDialog)[-1]
    remove.reason_edit.setText("Different offenders on CCTV")
    remove.confirm_button.click()
    qtbot.waitUntil(lambda: view.members.rowCount() == 2, timeout=WAIT_MS)
    assert cell(window.list, 0, 2) == "2"
    window.close()


def test_the_chart_shows_and_saves_as_a_png(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    leeds, york = two_stores_incidents(qtbot, controller)
    person = person_linked_to(qtbot, controller, leeds, RED_CAP)
    reference = _series_with(qtbot, controller, [leeds, york])
    window, view = _open(qtbot, main, reference)
    view.tabs.setCurrentIndex(2)
    graph = view.chart.graph
    assert graph is not None
    assert {n.key for n in graph.nodes} >= {leeds, york, person}
    assert view.chart.isVisibleTo(window)
    assert not view.chart.grab().isNull()

    charts = tmp_path / "charts"
    charts.mkdir()
    view.save_chart(charts / "Red cap chart")
    written = charts / "Red cap chart.png"
    qtbot.waitUntil(lambda: view.saved_label.text() == f"Saved as {written}", timeout=WAIT_MS)
    assert written.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(written) as picture:
        picture.verify()
    assert [p.name for p in charts.iterdir()] == [written.name]  # nothing else written
    window.close()
