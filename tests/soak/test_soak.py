"""Soak: the real windows, driven from the keyboard, wheel and mouse for a long time.

Issue 13 point 4. Each phase signs in to the same demo vault on disk (a real SQLCipher
vault with series, stills and packages), drives the windows as a person would, checks
what the person would see (and what the vault holds), and measures the process.

Memory: the resident set size is taken after each phase's first round (the warm-up: fonts,
styles, caches, the first windows and pages) and at its end; the growth between must stay
under `counts.growth_mb` (300 MB full, 200 MB short). Nothing a phase does should keep
memory: the list caches at most 8 pages of 200 rows, windows are closed, typed text is a
few hundred kB. Allocators keep freed memory, so small growth is normal; a per-keystroke,
per-notch or per-window leak at these counts would go past the bound (e.g. 2 kB per keystroke
over 150,000 keystrokes is 300 MB, 1 MB per window over 350 windows is 350 MB).
The last test checks the vault with the CLI's own `audit verify` and `stills verify`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from gui.conftest import WAIT_MS, ControllerFactory, open_main_window, run_on_worker
from gui.incident_data import message
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from opal_desktop.domain.incident import Incident
from opal_desktop.domain.timeutil import show
from opal_desktop.gui.autosave import CAP_MS
from opal_desktop.gui.linking.series_window import SeriesWindow
from opal_desktop.gui.models.paged import LOADING
from opal_desktop.gui.packages.package_editor import PackageEditor
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.stills.viewer import ViewerWindow
from opal_desktop.gui.windows.audit_window import AuditWindow
from opal_desktop.gui.windows.incident_editor import IncidentEditor
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.gui.windows.settings_dialog import SettingsDialog
from opal_desktop.incidents import records
from opal_desktop.incidents.demo import DemoResult, DemoSeries

from .conftest import PASSWORD, Counts, Figures, Phase

pytestmark = pytest.mark.soak

CTRL = Qt.KeyboardModifier.ControlModifier
USER = "admin"  # the demo's administrator: every window (settings, series, packages) opens
CHUNK = 100  # characters typed between two turns of the event loop (timers, worker results)
SENTENCE = (
    "male grey hoodie took razor blades from aisle four then left by the front doors "
    "towards a silver estate car while staff watched on camera nine"
)
WORDS = SENTENCE.split()


def text_of_length(length: int, seed: int) -> str:
    """Words, `length` characters, no leading or trailing space (fields are stripped)."""
    out: list[str] = []
    size, index = 0, seed
    while size <= length:
        word = WORDS[index % len(WORDS)]
        out.append(word)
        size += len(word) + 1
        index += 7
    text = " ".join(out)[:length]
    return text[:-1] + "x" if text.endswith(" ") else text


def sign_in(qtbot: QtBot, make_controller: ControllerFactory, demo: DemoResult) -> MainWindow:
    controller = make_controller(demo.folder)
    main = open_main_window(qtbot, controller, USER, PASSWORD)
    main.activateWindow()
    return main


def saved_incident(qtbot: QtBot, main: MainWindow, reference: str) -> Incident:
    vault = main.session.vault
    return run_on_worker(qtbot, main.runner, lambda: records.get(vault, reference))


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot: QtBot, widget: QWidget, text: str, phase: Phase) -> None:
    """Type `text` key by key into `widget`, letting the event loop run between chunks so
    the editor's autosave timers fire and the worker's answers arrive, as while typing."""
    widget.setFocus()
    for start in range(0, len(text), CHUNK):
        QTest.keyClicks(widget, text[start : start + CHUNK])
        qtbot.wait(1)  # (qtbot.wait(0) runs no event loop at all)
    phase.add("characters typed", len(text))


def replace_text(qtbot: QtBot, widget: QWidget, text: str, phase: Phase) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
    QTest.keyClick(widget, Qt.Key.Key_Backspace)
    type_text(qtbot, widget, text, phase)


def wait_saved(qtbot: QtBot, editor: IncidentEditor) -> None:
    QTest.keyClick(focused(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.ui.save_state.text().startswith("Saved"), timeout=WAIT_MS)
    assert not editor.dirty


def new_editor(qtbot: QtBot, main: MainWindow) -> IncidentEditor:
    before = len(main.editors)
    main.ui.actionNewIncident.trigger()  # the toolbar's New incident (Ctrl+N)
    qtbot.waitUntil(lambda: len(main.editors) > before, timeout=WAIT_MS)
    return main.editors[-1]


def close_editor(qtbot: QtBot, main: MainWindow, editor: IncidentEditor) -> None:
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor not in main.editors, timeout=WAIT_MS)


def check_growth(phase: Phase, counts: Counts) -> None:
    assert phase.growth_mb < counts.growth_mb, phase.line()


# --- the incident editor: long text in every field, with autosave ---------------------


@dataclass(frozen=True)
class TextField:
    name: str
    widget: Callable[[IncidentEditor], QLineEdit | QPlainTextEdit]
    stored: Callable[[Incident], str]


TEXT_FIELDS = (
    TextField("location", lambda e: e.ui.when.location_edit, lambda i: i.location),
    TextField("narrative", lambda e: e.ui.what.narrative_edit, lambda i: i.narrative),
    TextField(
        "police.crime_reference",
        lambda e: e.ui.police.crime_edit,
        lambda i: i.police.crime_reference,
    ),
    TextField(
        "police.incident_number",
        lambda e: e.ui.police.log_edit,
        lambda i: i.police.incident_number,
    ),
    TextField(
        "police.officer_name", lambda e: e.ui.police.officer_edit, lambda i: i.police.officer_name
    ),
    TextField(
        "police.collar_number",
        lambda e: e.ui.police.collar_edit,
        lambda i: i.police.collar_number,
    ),
    TextField(
        "violence.weapon_type",
        lambda e: e.ui.violence.weapon_edit,
        lambda i: i.violence.weapon_type,
    ),
    TextField(
        "violence.injuries", lambda e: e.ui.violence.injuries_edit, lambda i: i.violence.injuries
    ),
    TextField(
        "violence.staff_involved",
        lambda e: e.ui.violence.staff_edit,
        lambda i: i.violence.staff_involved,
    ),
    TextField("witnesses", lambda e: e.ui.witnesses.witnesses_edit, lambda i: i.witnesses),
)

# Fields read as a date or an amount: 10,000 characters of words give the field's message;
# then the person types a proper value and the message goes.
PARSED_FIELDS = (
    TextField("occurred_start", lambda e: e.ui.when.start_edit, lambda i: show(i.occurred_start)),
    TextField("occurred_end", lambda e: e.ui.when.end_edit, lambda i: show(i.occurred_end)),
    TextField(
        "police.reported_on",
        lambda e: e.ui.police.reported_edit,
        lambda i: i.police.reported_on.strftime("%d/%m/%Y") if i.police.reported_on else "",
    ),
    TextField(
        "recovered_pence", lambda e: e.ui.goods.recovered_edit, lambda i: str(i.recovered_pence)
    ),
    TextField("damage_pence", lambda e: e.ui.goods.damage_edit, lambda i: str(i.damage_pence)),
)
PARSED_VALUES = {
    "occurred_start": ("21/11/2026 18:05", "21/11/2026 18:05"),
    "occurred_end": ("21/11/2026 18:20", "21/11/2026 18:20"),
    "police.reported_on": ("22/11/2026", "22/11/2026"),
    "recovered_pence": ("12.50", "1250"),
    "damage_pence": ("3.05", "305"),
}


def test_typing_into_every_field_of_a_new_incident(
    qtbot: QtBot,
    make_controller: ControllerFactory,
    soak_demo: DemoResult,
    counts: Counts,
    figures: Figures,
) -> None:
    main = sign_in(qtbot, make_controller, soak_demo)
    phase = figures.phase("editor typing")
    editor = new_editor(qtbot, main)
    autosaves: list[str] = []
    editor.saved.connect(lambda: autosaves.append(editor.reference))
    typed: dict[str, str] = {}
    for number, spec in enumerate(TEXT_FIELDS):
        text = f"F{number:02d} " + text_of_length(counts.characters - 4, number)
        type_text(qtbot, spec.widget(editor), text, phase)
        typed[spec.name] = text
        phase.progress(f"typed into {spec.name}, {len(autosaves)} autosaves so far")
        if number == 0:
            phase.warmed_up()
    for spec in PARSED_FIELDS:
        widget = spec.widget(editor)
        type_text(qtbot, widget, text_of_length(counts.characters, 3), phase)
        assert message(editor.ui, spec.name), f"{spec.name}: no message for words in it"
        value, _stored = PARSED_VALUES[spec.name]
        replace_text(qtbot, widget, value, phase)
        assert not message(editor.ui, spec.name), message(editor.ui, spec.name)
        phase.progress(f"typed into {spec.name}, {len(autosaves)} autosaves so far")

    assert autosaves, "the editor's own timers never saved while typing went on"
    # No Ctrl+S: the editor's own timers save what was typed (during typing, every
    # CAP_MS at the latest, and once typing pauses).
    qtbot.waitUntil(lambda: not editor.dirty and not editor._saving, timeout=CAP_MS + WAIT_MS)
    assert autosaves and editor.ui.save_state.text().startswith("Saved")
    phase.add("autosaves", len(autosaves))
    stored = saved_incident(qtbot, main, editor.reference)
    for spec in TEXT_FIELDS:
        assert spec.stored(stored) == typed[spec.name], spec.name
        assert len(spec.stored(stored)) == counts.characters
    for spec in PARSED_FIELDS:
        assert spec.stored(stored) == PARSED_VALUES[spec.name][1], spec.name
    close_editor(qtbot, main, editor)
    figures.report(phase)
    check_growth(phase, counts)


# --- goods lines, offenders and vehicles: added and removed --------------------------


def type_in_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Go to the cell and type: the first key opens its editor; Return puts it in."""
    table.setFocus()
    table.setCurrentCell(row, column)
    QTest.keyClicks(table, text[0])
    cell_editor = focused()
    assert cell_editor is not table, "typing did not open the cell's editor"
    QTest.keyClicks(cell_editor, text[1:])
    QTest.keyClick(cell_editor, Qt.Key.Key_Return)
    qtbot.wait(1)  # the closed cell editor goes before the next click, as it would


def test_adding_and_removing_goods_offenders_and_vehicles(
    qtbot: QtBot,
    make_controller: ControllerFactory,
    soak_demo: DemoResult,
    counts: Counts,
    figures: Figures,
) -> None:
    main = sign_in(qtbot, make_controller, soak_demo)
    phase = figures.phase("editor rows")
    editor = new_editor(qtbot, main)
    type_text(qtbot, editor.ui.when.location_edit, "Aisle 7, health and beauty", phase)
    ui = editor.ui
    tables = {
        "goods lines": (ui.goods.table, ui.goods.add_button, ui.goods.remove_button, 0),
        "offenders": (ui.offenders.table, ui.offenders.add_button, ui.offenders.remove_button, 5),
        "vehicles": (ui.vehicles.table, ui.vehicles.add_button, ui.vehicles.remove_button, 0),
    }
    for what, (table, add, _remove, column) in tables.items():
        for row in range(counts.rows):
            QTest.mouseClick(add, Qt.MouseButton.LeftButton)
            assert table.rowCount() == row + 1
            text = f"YK{row:02d}ABC" if what == "vehicles" else f"{what} {row + 1} navy coat"
            type_in_cell(qtbot, table, row, column, text)
            phase.add(f"{what} added")
            phase.add("characters typed", len(text))
        if what == "goods lines":
            phase.warmed_up()
    wait_saved(qtbot, editor)
    stored = saved_incident(qtbot, main, editor.reference)
    assert [g.description for g in stored.goods] == [
        f"goods lines {n + 1} navy coat" for n in range(counts.rows)
    ]
    assert [o.clothing for o in stored.offenders] == [
        f"offenders {n + 1} navy coat" for n in range(counts.rows)
    ]
    assert [v.vrm for v in stored.vehicles] == [f"YK{n:02d}ABC" for n in range(counts.rows)]
    assert stored.offender_count == counts.rows

    for what, (table, _add, remove, _column) in tables.items():
        for left in range(counts.rows, 0, -1):
            table.setCurrentCell(left // 2, 0)  # from the middle, as the list shrinks
            QTest.mouseClick(remove, Qt.MouseButton.LeftButton)
            assert table.rowCount() == left - 1
            phase.add(f"{what} removed")
            qtbot.wait(1)
    wait_saved(qtbot, editor)
    stored = saved_incident(qtbot, main, editor.reference)
    assert (stored.goods, stored.offenders, stored.vehicles) == ([], [], [])
    assert stored.location == "Aisle 7, health and beauty"
    close_editor(qtbot, main, editor)
    figures.report(phase)
    check_growth(phase, counts)


# --- the incident list: wheel, keyboard paging, search as you type -------------------


def listed_total(qtbot: QtBot, main: MainWindow) -> int:
    """Wait for the list, unfiltered, to show its count (the demo's, and the phases' own)."""
    listing = main.incident_list
    qtbot.waitUntil(lambda: listing.model.current_filter is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: listing.ui.countLabel.text().endswith(" incidents"), timeout=WAIT_MS)
    total = listing.model.rowCount()
    assert total >= 1000
    wait_for_count(qtbot, main, total)
    return total


def wait_for_count(qtbot: QtBot, main: MainWindow, count: int) -> None:
    noun = "incident" if count == 1 else "incidents"
    label = main.incident_list.ui.countLabel
    qtbot.waitUntil(lambda: label.text() == f"{count:,} {noun}", timeout=WAIT_MS)


def loaded(main: MainWindow, row: int) -> bool:
    data = main.incident_list.model.index(row, 0).data()
    return data is not None and data != LOADING


def wheel(view: QAbstractItemView, notches: int) -> None:
    """One notch of a mouse wheel (120 eighths of a degree) over the list; < 0 is down."""
    viewport = view.viewport()
    where = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(
        where,
        QPointF(viewport.mapToGlobal(where.toPoint())),
        QPoint(),
        QPoint(0, 120 if notches > 0 else -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    for _ in range(abs(notches)):
        QApplication.sendEvent(viewport, event)


def top_row(view: QAbstractItemView) -> int:
    return view.indexAt(QPoint(4, 4)).row()


def bottom_row(view: QAbstractItemView) -> int:
    return view.indexAt(QPoint(4, view.viewport().height() - 4)).row()


def click_top_row(qtbot: QtBot, view: QAbstractItemView) -> None:
    row = top_row(view)
    middle = view.visualRect(view.model().index(row, 0)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert view.currentIndex().row() == row and view.hasFocus()


def test_scrolling_and_paging_through_the_whole_list(
    qtbot: QtBot,
    make_controller: ControllerFactory,
    soak_demo: DemoResult,
    counts: Counts,
    figures: Figures,
) -> None:
    main = sign_in(qtbot, make_controller, soak_demo)
    main.resize(1280, 800)
    total = listed_total(qtbot, main)
    phase = figures.phase("list scrolling")
    table = main.incident_list.ui.table
    last = total - 1
    qtbot.waitUntil(lambda: loaded(main, 0), timeout=WAIT_MS)

    def notches(count: int, step: int = 10) -> None:
        """Wheel `count` notches (< 0 down) in bursts, the pages arriving between, as the
        rows come into view; every burst really moves the view."""
        for done in range(0, abs(count), step):
            burst = min(step, abs(count) - done)
            before = top_row(table)
            wheel(table, burst if count > 0 else -burst)
            phase.add("wheel notches", burst)
            moved = top_row(table)
            assert (moved < before) if count > 0 else (moved > before or bottom_row(table) == last)
            qtbot.waitUntil(lambda: loaded(main, top_row(table)), timeout=WAIT_MS)
            if phase.counts["wheel notches"] == 2 * step:
                phase.warmed_up()

    down = counts.notches // 2
    notches(-down)
    assert top_row(table) >= down  # at least a row a notch (three, by default)
    assert main.incident_list.model.index(top_row(table), 0).data() != LOADING

    click_top_row(qtbot, table)  # the keyboard pages on from the row clicked
    for _ in range(counts.pages):
        before = top_row(table)
        QTest.keyClick(table, Qt.Key.Key_PageDown)
        phase.add("keyboard pages")
        assert top_row(table) > before
        qtbot.waitUntil(lambda: loaded(main, bottom_row(table)), timeout=WAIT_MS)
    QTest.keyClick(table, Qt.Key.Key_End, CTRL)
    phase.add("keyboard pages")
    assert table.currentIndex().row() == last
    assert bottom_row(table) == last
    qtbot.waitUntil(lambda: loaded(main, last), timeout=WAIT_MS)
    oldest = main.incident_list.model.index(last, 0).data()
    assert str(oldest).startswith(("LDS01-", "BFD01-", "YRK01-", "HGT01-", "SHF01-"))

    notches(counts.notches - down)
    assert top_row(table) < last - (counts.notches - down)
    click_top_row(qtbot, table)
    for _ in range(counts.pages):
        before = top_row(table)
        QTest.keyClick(table, Qt.Key.Key_PageUp)
        phase.add("keyboard pages")
        assert top_row(table) < before
        qtbot.waitUntil(lambda: loaded(main, top_row(table)), timeout=WAIT_MS)
    QTest.keyClick(table, Qt.Key.Key_Home, CTRL)
    phase.add("keyboard pages")
    assert table.currentIndex().row() == 0 and top_row(table) == 0
    qtbot.waitUntil(lambda: loaded(main, 0), timeout=WAIT_MS)
    assert len(main.incident_list.model.cached_pages) <= 8
    figures.report(phase)
    check_growth(phase, counts)


def search_words(qtbot: QtBot, main: MainWindow, demo: DemoResult, how_many: int) -> list[str]:
    """What a person looks for: references, plates, marks and words from real incidents,
    some half typed, and some that nothing has."""
    references = [demo.first_reference, demo.last_reference]
    for series in demo.series:
        references += list(series.incident_references[:2])
    found: list[str] = list(references)
    for series in demo.series:
        found += list(series.vrms) + list(series.marks)
    for reference in references:
        incident = saved_incident(qtbot, main, reference)
        words = [w.strip(".,;:'\"()") for w in incident.narrative.split()]
        found += [w for w in words if len(w) >= 6 and w.isalpha()][:4]
        found += [g.description for g in incident.goods[:1]]
    queries = []
    for number in range(how_many):
        word = found[number % len(found)]
        if number % 7 == 6:
            word = f"zqx{number}vv"  # nothing has this: the list says so
        elif number % 5 == 4 and word not in references:
            word = word[: max(3, len(word) // 2)]  # half typed
        queries.append(word)
    return queries


def test_search_as_you_type(
    qtbot: QtBot,
    make_controller: ControllerFactory,
    soak_demo: DemoResult,
    counts: Counts,
    figures: Figures,
) -> None:
    main = sign_in(qtbot, make_controller, soak_demo)
    total = listed_total(qtbot, main)
    listing = main.incident_list
    phase = figures.phase("search as you type")
    answered: list[tuple[str, int]] = []
    listing.model.count_changed.connect(
        lambda count: answered.append((listing.model.current_filter.search, count))
    )
    box = listing.ui.searchEdit
    results: dict[str, int] = {}
    for number, query in enumerate(search_words(qtbot, main, soak_demo, counts.queries)):
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_A, CTRL)
        answered.clear()
        QTest.keyClicks(box, query)  # replaces what was selected, key by key
        wanted = query.strip()

        def answer_came(wanted: str = wanted) -> None:
            assert answered and answered[-1][0] == wanted, (wanted, box.text(), answered)

        qtbot.waitUntil(answer_came, timeout=WAIT_MS)
        count = answered[-1][1]
        results[query] = count
        phase.add("queries")
        phase.add("characters typed", len(query))
        if query.startswith("zqx"):
            qtbot.waitUntil(listing.ui.noMatchLabel.isVisible, timeout=WAIT_MS)
            assert count == 0
        else:
            assert 0 < count <= total, (query, count)
            qtbot.waitUntil(lambda: loaded(main, 0), timeout=WAIT_MS)
        if query in (soak_demo.first_reference, soak_demo.last_reference):
            shown = listing.model.index(0, 0).data()
            assert count == 1 and shown == query, (query, count, shown)
        if number == 4:
            phase.warmed_up()
    assert len(set(results.values())) > 3, results  # the results follow the query
    QTest.keyClick(box, Qt.Key.Key_A, CTRL)
    QTest.keyClick(box, Qt.Key.Key_Backspace)
    wait_for_count(qtbot, main, total)
    figures.report(phase)
    check_growth(phase, counts)


# --- every window, opened and closed; locking and unlocking --------------------------


def open_and_close_every_window(
    qtbot: QtBot, main: MainWindow, series: DemoSeries, phase: Phase
) -> None:
    """One round: an incident's editor and its still in the viewer, the series, a package
    for it over the packages window, the audit trail and the settings; each closed again."""
    with_stills = series.incident_references[0]  # the demo gives every series incident a still
    main.open_incident(with_stills)
    qtbot.waitUntil(lambda: len(main.editors) == 1, timeout=WAIT_MS)
    editor = main.editors[0]
    assert editor.reference == with_stills
    phase.add("windows opened")
    qtbot.waitUntil(
        lambda: editor.stills.strip is not None and editor.stills.strip.list.count() > 0,
        timeout=WAIT_MS,
    )
    strip = editor.stills.strip
    assert strip is not None
    viewer = strip.open_viewer(strip.list.ids()[0])
    assert isinstance(viewer, ViewerWindow)
    qtbot.waitUntil(lambda: viewer.view is not None, timeout=WAIT_MS)
    assert viewer.details.title.text().count("/") == 1  # an exhibit number, e.g. JS/1
    phase.add("windows opened")
    viewer.close()
    close_editor(qtbot, main, editor)

    window = main.open_series()
    assert isinstance(window, SeriesWindow)
    qtbot.waitUntil(lambda: window.view is not None and window.view.data is not None,
                    timeout=WAIT_MS)  # fmt: skip
    phase.add("windows opened")
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()

    package = main.new_package(CheckTarget(series=series.series_reference))
    assert isinstance(package, PackageEditor)
    qtbot.waitUntil(lambda: package.check.view is not None and not package.busy.running,
                    timeout=WAIT_MS)  # fmt: skip
    assert package.form.title.text() == series.name
    phase.add("windows opened", 2)  # the packages window, and the editor over it
    QTest.keyClick(package, Qt.Key.Key_Escape)
    assert not package.isVisible()
    packages = main._open_windows["packages"]
    QTest.keyClick(packages, Qt.Key.Key_Escape)
    assert not packages.isVisible()

    main.open_audit()
    audit = main._open_windows["audit"]
    assert isinstance(audit, AuditWindow)
    qtbot.waitUntil(lambda: audit.ui.countLabel.text() != "", timeout=WAIT_MS)
    phase.add("windows opened")
    audit.close()

    main.open_settings()
    settings = main._open_windows["settings"]
    assert isinstance(settings, SettingsDialog)
    qtbot.waitUntil(lambda: settings.loaded, timeout=WAIT_MS)
    phase.add("windows opened")
    QTest.keyClick(settings, Qt.Key.Key_Escape)
    assert not settings.isVisible()
    qtbot.wait(1)  # windows that delete themselves on closing go now


def test_opening_and_closing_every_window(
    qtbot: QtBot,
    make_controller: ControllerFactory,
    soak_demo: DemoResult,
    counts: Counts,
    figures: Figures,
) -> None:
    main = sign_in(qtbot, make_controller, soak_demo)
    phase = figures.phase("windows")
    for cycle in range(counts.cycles):
        open_and_close_every_window(qtbot, main, soak_demo.series[0], phase)
        if cycle == 0:
            phase.warmed_up()
    qtbot.waitUntil(lambda: main.runner.idle, timeout=WAIT_MS)
    qtbot.wait(1)
    figures.report(phase)
    # A closed window is gone, or kept to be shown again: never one more per opening.
    alive = Counter(type(w).__name__ for w in QApplication.topLevelWidgets())
    kinds = ("IncidentEditor", "ViewerWindow", "SeriesWindow", "PackagesWindow",
             "PackageEditor", "AuditWindow", "SettingsDialog")  # fmt: skip
    assert {kind: alive[kind] for kind in kinds if alive[kind] > 1} == {}, phase.line()
    check_growth(phase, counts)


def test_locking_and_unlocking(
    qtbot: QtBot,
    make_controller: ControllerFactory,
    soak_demo: DemoResult,
    counts: Counts,
    figures: Figures,
) -> None:
    from opal_desktop.vault.audit_view import AuditFilter, list_entries

    main = sign_in(qtbot, make_controller, soak_demo)
    phase = figures.phase("locking")
    editor = new_editor(qtbot, main)
    marker = "Locked and unlocked with this typed"
    type_text(qtbot, editor.ui.what.narrative_edit, marker, phase)
    lock = main.lock_screen
    for number in range(counts.locks):
        main.ui.actionLock.trigger()  # Ctrl+L
        assert main.locked and not editor.isVisible()
        assert main.ui.stack.currentWidget() is lock
        QTest.keyClicks(lock.ui.passwordEdit, PASSWORD)
        QTest.keyClick(lock.ui.passwordEdit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not main.locked, timeout=WAIT_MS)
        phase.add("locks")
        phase.add("characters typed", len(PASSWORD))
        assert editor.isVisible()
        assert editor.ui.what.narrative_edit.toPlainText() == marker
        if number == 0:
            phase.warmed_up()
    assert not editor.dirty  # locking saved the draft
    stored = saved_incident(qtbot, main, editor.reference)
    assert stored.narrative == marker
    vault = main.session.vault
    locks = run_on_worker(
        qtbot, main.runner, lambda: list_entries(vault, AuditFilter(action="lock"), limit=10_000)
    )
    assert len(locks) >= counts.locks
    close_editor(qtbot, main, editor)
    figures.report(phase)
    check_growth(phase, counts)


# --- afterwards: the vault is whole ---------------------------------------------------


@pytest.mark.parametrize("command", ["audit", "stills"])
def test_the_vault_verifies_afterwards(
    soak_demo: DemoResult, figures: Figures, command: str
) -> None:
    """The CLI's own checks, in a process of its own, on the vault the soak used."""
    cli = Path(sys.executable).with_name("opal-desktop")
    env = dict(os.environ, OPAL_DESKTOP_PASSWORD=PASSWORD)
    started = datetime.now()
    done = subprocess.run(
        [str(cli), "--vault", str(soak_demo.folder), "--user", USER, command, "verify", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = (datetime.now() - started).total_seconds()
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    figures.note(f"SOAK {command} verify: exit 0, {report['sentence']} ({seconds:.0f} s)")
    assert report["intact"] is True
    assert (report["count"] if command == "audit" else report["checked"]) > 0
