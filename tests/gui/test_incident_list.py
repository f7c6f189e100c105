"""The incident list: columns, sorting in the database, search as you type, filters, roles."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.models.incident_model import ATTENTION, SNIPPET_ROLE, Column
from opal_desktop.gui.widgets.highlight_delegate import near_match, snippet_html
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.incidents import records, search

from .conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    WAIT_MS,
    open_main_window,
    run_on_worker,
)
from .incident_data import add_incident, add_store, wait_for_list


def _texts(main: MainWindow, column: Column) -> list[str]:
    model = main.incident_list.model
    position = model.column_of(column)
    return [str(model.index(row, position).data()) for row in range(model.rowCount())]


def test_empty_vault_shows_the_empty_state_then_the_list(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: main.ui.homeStack.currentWidget() is main.ui.emptyPage, timeout=WAIT_MS)
    assert main.ui.emptyTitle.text() == "No incidents logged yet."
    add_incident(qtbot, controller)
    main.incident_list.refresh()
    qtbot.waitUntil(lambda: main.ui.homeStack.currentWidget() is main.ui.listPage, timeout=WAIT_MS)


def test_list_shows_saved_incidents_with_their_columns(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    add_incident(qtbot, controller, when="14/11/2026 16:20")
    with_ref = add_incident(qtbot, controller, when="19/11/2026 18:40")
    assert controller.session is not None
    vault = controller.session.vault
    with_ref.police.crime_reference = "13/420117/26"
    run_on_worker(qtbot, controller.runner, lambda: records.save(vault, with_ref))
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 2)
    model = main.incident_list.model
    assert model.headers() == (
        "Reference",
        "Occurred",
        "Type",
        "Loss",
        "Crime ref",
        "Stills",
        "Offenders",
        "Status",
    )  # one store: no store column; not searching: no "Found" column
    assert _texts(main, Column.REFERENCE) == ["LDS01-2026-00002", "LDS01-2026-00001"]
    assert _texts(main, Column.OCCURRED) == ["19/11/2026 18:40", "14/11/2026 16:20"]
    assert _texts(main, Column.TYPE) == ["Theft from shop", "Theft from shop"]
    assert _texts(main, Column.LOSS) == ["£132.00", "£132.00"]
    assert _texts(main, Column.CRIME_REF) == ["Yes", "Missing"]
    assert _texts(main, Column.OFFENDERS) == ["2", "2"]
    assert _texts(main, Column.STATUS) == ["Draft", "Draft"]
    missing = model.index(1, model.column_of(Column.CRIME_REF))
    assert QColor(missing.data(Qt.ItemDataRole.ForegroundRole).color()) == ATTENTION
    assert "crime reference" in missing.data(Qt.ItemDataRole.ToolTipRole)


def test_clicking_a_header_sorts_in_the_database(
    qtbot: QtBot, controller: AppController, qtmodeltester: ModelTester
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    add_incident(qtbot, controller, when="12/11/2026 09:15", location="Tills")
    add_incident(qtbot, controller, when="18/11/2026 18:30", goods=[])
    add_incident(qtbot, controller, when="15/11/2026 14:00")
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 3)
    model = main.incident_list.model
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert _texts(main, Column.OCCURRED)[0].startswith("18/11/2026")

    header = main.incident_list.ui.table.horizontalHeader()
    loss = model.column_of(Column.LOSS)
    x = header.sectionViewportPosition(loss) + header.sectionSize(loss) // 2
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: model.index(0, 0).data() != "…", timeout=WAIT_MS)
    assert model.current_filter.sort.value == "loss_pence"
    first_sort = _texts(main, Column.LOSS)
    with qtbot.waitSignal(model.modelReset, timeout=WAIT_MS):
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: model.index(0, 0).data() != "…", timeout=WAIT_MS)
    assert _texts(main, Column.LOSS) == list(reversed(first_sort))
    assert "£0.00" in (first_sort[0], first_sort[-1])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_search_as_you_type_narrows_and_highlights(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    add_incident(qtbot, controller, when="12/11/2026 09:15")
    add_incident(
        qtbot,
        controller,
        when="15/11/2026 14:00",
        narrative="Male threatened the door officer with a Stanley knife and ran off.",
    )
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 2)
    listing = main.incident_list
    QTest.keyClicks(listing.ui.searchEdit, "stanl")
    wait_for_list(qtbot, main, 1)
    model = listing.model
    assert model.headers()[-1] == "Found"
    found = model.index(0, model.column_of(Column.FOUND))
    snippet = found.data(SNIPPET_ROLE)
    assert f"{search.HIGHLIGHT_OPEN}Stanley{search.HIGHLIGHT_CLOSE}" in snippet
    assert "<b>Stanley</b>" in snippet_html(snippet)
    assert found.data() == search.plain(near_match(snippet))
    assert found.data(Qt.ItemDataRole.ToolTipRole) == search.plain(snippet)
    listing.ui.table.viewport().repaint()  # the delegate paints the bold extract
    header = listing.ui.table.horizontalHeader()
    header.setSortIndicator(model.column_of(Column.FOUND), Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == model.column_of(Column.OCCURRED)  # not sortable

    QTest.keyClicks(listing.ui.searchEdit, "xyz")
    wait_for_list(qtbot, main, 0)
    assert listing.ui.noMatchLabel.isVisibleTo(listing)
    listing.ui.searchEdit.clear()
    wait_for_list(qtbot, main, 2)
    assert "Found" not in model.headers()


def test_snippets_escape_everything_but_the_highlight() -> None:
    marked = f"<script> & {search.HIGHLIGHT_OPEN}knife{search.HIGHLIGHT_CLOSE}\nend"
    assert snippet_html(marked) == "&lt;script&gt; &amp; <b>knife</b> end"
    long = f"Male threatened the door officer with a {search.HIGHLIGHT_OPEN}Stanley"
    assert search.plain(near_match(long)) == "…door officer with a Stanley"


def test_the_highlight_markers_match_the_core() -> None:
    from opal_desktop.gui.widgets import highlight_delegate

    assert highlight_delegate.HIGHLIGHT_OPEN == search.HIGHLIGHT_OPEN
    assert highlight_delegate.HIGHLIGHT_CLOSE == search.HIGHLIGHT_CLOSE


def test_filters_narrow_the_list(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    add_incident(qtbot, controller, when="02/11/2026 10:00")
    add_incident(qtbot, controller, when="15/11/2026 14:00", incident_type="robbery")
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 2)
    ui = main.incident_list.ui

    ui.typeCombo.setCurrentIndex(ui.typeCombo.findData("robbery"))
    wait_for_list(qtbot, main, 1)
    assert _texts(main, Column.TYPE) == ["Robbery"]
    ui.clearButton.click()
    wait_for_list(qtbot, main, 2)

    from PySide6.QtCore import QDate

    ui.fromDate.setDate(QDate(2026, 11, 10))
    ui.fromCheck.setChecked(True)
    wait_for_list(qtbot, main, 1)
    assert _texts(main, Column.OCCURRED) == ["15/11/2026 14:00"]
    ui.clearButton.click()
    wait_for_list(qtbot, main, 2)

    ui.statusCombo.setCurrentIndex(ui.statusCombo.findData("complete"))
    wait_for_list(qtbot, main, 0)
    ui.statusCombo.setCurrentIndex(0)
    wait_for_list(qtbot, main, 2)
    QTest.keyClick(ui.missingCheck, Qt.Key.Key_Space)
    wait_for_list(qtbot, main, 2)  # neither has a crime reference yet
    assert set(_texts(main, Column.CRIME_REF)) == {"Missing"}


def test_enter_on_a_row_opens_the_editor(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    saved = add_incident(qtbot, controller)
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 1)
    listing = main.incident_list
    QTest.keyClick(listing.ui.searchEdit, Qt.Key.Key_Down)  # from the search box to the rows
    assert listing.ui.table.hasFocus() or listing.ui.table.currentIndex().row() == 0
    QTest.keyClick(listing.ui.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(main.editors), timeout=WAIT_MS)
    editor = main.editors[0]
    assert editor.reference == saved.reference
    assert saved.reference in editor.windowTitle()
    editor.close()


def test_admins_see_a_store_column_and_officers_cannot_open_other_stores(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    add_store(qtbot, controller, "YRK02")
    york = add_incident(qtbot, controller, store_code="YRK02")
    add_incident(qtbot, controller)
    main.request_sign_out()
    qtbot.waitUntil(lambda: controller.runner.idle, timeout=WAIT_MS)

    admin = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    wait_for_list(qtbot, admin, 2)
    assert "Store" in admin.incident_list.model.headers()
    assert admin.incident_list.ui.storeCombo.isVisibleTo(admin)
    admin.request_sign_out()
    qtbot.waitUntil(lambda: controller.runner.idle, timeout=WAIT_MS)

    officer = open_main_window(qtbot, controller, OFFICER, OFFICER_PASSWORD)
    wait_for_list(qtbot, officer, 1)  # their own store only
    assert not officer.incident_list.ui.storeCombo.isVisibleTo(officer)
    officer.open_incident(york.reference)
    message = officer.incident_list.ui.messageLabel
    qtbot.waitUntil(lambda: bool(message.text()), timeout=WAIT_MS)
    assert message.text() == (
        "Your role (Security officer) does not allow you to work on incidents of store "
        "YRK02. Ask a manager or an administrator."
    )
    assert not officer.editors


def test_a_refresh_with_the_same_rows_keeps_the_selection(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    first = add_incident(qtbot, controller, when="12/11/2026 09:15")
    add_incident(qtbot, controller, when="15/11/2026 14:00")
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 2)
    table = main.incident_list.ui.table
    table.selectRow(1)
    assert controller.session is not None
    vault = controller.session.vault
    first.location = "Till 3"
    first.police.crime_reference = "13/1/26"
    run_on_worker(qtbot, controller.runner, lambda: records.save(vault, first))
    model = main.incident_list.model
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    main.incident_list.refresh()
    qtbot.waitUntil(lambda: _texts(main, Column.CRIME_REF) == ["Missing", "Yes"], timeout=WAIT_MS)
    assert not resets and table.currentIndex().row() == 1
