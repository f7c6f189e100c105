"""The Dashboard window on a real demo vault: managers see it first, officers their store's,
and a click on any figure fills the incident list with exactly the incidents it counts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from opal_desktop.dashboard.figures import Drill
from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.dashboard import DashboardWindow
from opal_desktop.gui.windows.dashboard_charts import _Chart
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.incidents.demo import build_demo
from opal_desktop.vault import keyfile

from .conftest import FAST_KDF, WAIT_MS, ControllerFactory, open_main_window

PASSWORD = "demo password long"
SHOTS_ENV = "OPAL_TEST_SCREENSHOTS"  # a folder: keep what the person sees (as other GUI tests)


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    saved = keyfile.DEFAULT_KDF
    keyfile.DEFAULT_KDF = FAST_KDF
    try:
        return build_demo(
            tmp_path_factory.mktemp("dash") / "vault", incidents=160, seed=3, password=PASSWORD
        ).folder
    finally:
        keyfile.DEFAULT_KDF = saved


@pytest.fixture
def demo_controller(
    make_controller: ControllerFactory, demo_template: Path, tmp_path: Path
) -> AppController:
    folder = tmp_path / "vault"
    shutil.copytree(demo_template, folder)
    return make_controller(folder)


def _dashboard(main: MainWindow) -> DashboardWindow:
    window = main._open_windows.get("dashboard")
    assert isinstance(window, DashboardWindow)
    return window


def _loaded(qtbot: QtBot, dash: DashboardWindow, label: str | None = None) -> None:
    qtbot.waitUntil(lambda: dash.figures is not None and dash.runner.idle
                    and (label is None or dash.figures.scope.label.startswith(label)), timeout=WAIT_MS)  # fmt: skip


def _choose_all_time(qtbot: QtBot, dash: DashboardWindow) -> None:
    dash.period_combo.setCurrentIndex(dash.period_combo.count() - 1)
    _loaded(qtbot, dash, "All time")


def _list_count(qtbot: QtBot, main: MainWindow, expected: int) -> None:
    label = main.incident_list.ui.countLabel
    noun = "incident" if expected == 1 else "incidents"
    qtbot.waitUntil(
        lambda: label.text().startswith(f"{expected:,} {noun} · from the dashboard"),
        timeout=WAIT_MS,
    )
    assert main.incident_list.model.rowCount() == expected


def _click_region(qtbot: QtBot, chart: _Chart, drill: Drill) -> None:
    rect = next(r for r, d, _tip in chart.regions if d == drill)
    QTest.mouseClick(
        chart, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y()))
    )


def test_a_manager_sees_the_dashboard_first_and_every_click_lists_what_it_counts(
    qtbot: QtBot, demo_controller: AppController
) -> None:
    main = open_main_window(qtbot, demo_controller, "manager", PASSWORD)
    dash = _dashboard(main)
    assert dash.isVisible()
    _loaded(qtbot, dash)
    _choose_all_time(qtbot, dash)
    figures = dash.figures
    assert figures is not None and figures.incidents == 160
    dash.resize(1366, 768)
    # tiles
    QTest.mouseClick(dash.tiles["missing"], Qt.MouseButton.LeftButton)
    _list_count(qtbot, main, figures.readiness.missing_crime_reference)
    QTest.mouseClick(dash.tiles["waiting"], Qt.MouseButton.LeftButton)
    _list_count(qtbot, main, figures.readiness.waiting_total)
    # a bar, a heat-map cell, a tactic
    busiest_week = max(figures.weeks, key=lambda w: w.incidents)
    dash.weekly.repaint()
    _click_region(qtbot, dash.weekly, busiest_week.drill)
    _list_count(qtbot, main, busiest_week.incidents)
    day, hour = max(
        ((d, h) for d in range(7) for h in range(24)), key=lambda c: figures.heat[c[0]][c[1]]
    )
    dash.heat.repaint()
    _click_region(
        qtbot,
        dash.heat,
        Drill(
            "heat",
            f"{day}:{hour}",
            f"{('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')[day]}s {hour:02d}:00–{hour:02d}:59",
        ),
    )
    _list_count(qtbot, main, figures.heat[day][hour])
    tactic = figures.tactics[1]
    dash.tactics.repaint()
    _click_region(qtbot, dash.tactics, tactic.drill)
    _list_count(qtbot, main, tactic.incidents)
    # a repeat vehicle row
    assert figures.vehicles
    item = dash.vehicles.item(0, 0)
    assert item is not None
    QTest.mouseClick(dash.vehicles.viewport(), Qt.MouseButton.LeftButton,
                     pos=dash.vehicles.visualItemRect(item).center())  # fmt: skip
    _list_count(qtbot, main, figures.vehicles[0].incidents)
    # the main window's keys (Ctrl+N, Ctrl+L, Ctrl+R) are the dashboard window's too (the
    # offscreen platform has no active window to send a real key press to)
    assert {main.ui.actionNewIncident, main.ui.actionLock, main.action_check_referral} <= set(
        dash.actions()
    )
    # the list's own filters narrow it; Clear gives everything back
    main.incident_list.clear_filters()
    qtbot.waitUntil(
        lambda: main.incident_list.ui.countLabel.text() == "160 incidents", timeout=WAIT_MS
    )


def test_changing_the_period_or_store_recounts(
    qtbot: QtBot, demo_controller: AppController
) -> None:
    main = open_main_window(qtbot, demo_controller, "manager", PASSWORD)
    dash = _dashboard(main)
    _loaded(qtbot, dash)
    _choose_all_time(qtbot, dash)
    everything = dash.tiles["incidents"].value
    dash.store_combo.setCurrentIndex(dash.store_combo.findData("YRK01"))
    _loaded(qtbot, dash, "All time · YRK01")
    assert dash.figures is not None and dash.figures.scope.store_codes == ("YRK01",)
    assert dash.tiles["incidents"].value != everything
    QTest.mouseClick(dash.tiles["incidents"], Qt.MouseButton.LeftButton)
    _list_count(qtbot, main, dash.figures.incidents)


def test_an_officer_opens_their_own_stores_dashboard(
    qtbot: QtBot, demo_controller: AppController, tmp_path: Path, styled_app: object
) -> None:
    main = open_main_window(qtbot, demo_controller, "officer.yrk01", PASSWORD)
    assert "dashboard" not in main._open_windows  # the list first: they log incidents
    main.action_dashboard.trigger()
    dash = _dashboard(main)
    _loaded(qtbot, dash)
    _choose_all_time(qtbot, dash)
    assert dash.figures is not None and dash.figures.scope.store_codes == ("YRK01",)
    assert not dash.store_combo.isVisible() and not dash.report_button.isVisible()
    assert not dash.series.isVisible()
    dash.period_combo.setCurrentIndex(dash.period_combo.findText("October 2026"))
    _loaded(qtbot, dash, "October 2026")
    dash.resize(1366, 768)
    qtbot.wait(50)
    assert dash.grab().save(str(_shots(tmp_path) / "dashboard-store-1366x768.png"))


@pytest.mark.parametrize("size", [(1366, 768), (1024, 700)])
def test_screenshots(
    qtbot: QtBot, demo_controller: AppController, size: tuple[int, int], tmp_path: Path,
    styled_app: object,
) -> None:  # fmt: skip
    main = open_main_window(qtbot, demo_controller, "manager", PASSWORD)
    dash = _dashboard(main)
    _loaded(qtbot, dash)
    dash.period_combo.setCurrentIndex(dash.period_combo.findText("October 2026"))
    _loaded(qtbot, dash, "October 2026")
    dash.resize(*size)
    qtbot.wait(50)
    shots = _shots(tmp_path)
    assert dash.grab().save(str(shots / f"dashboard-{size[0]}x{size[1]}.png"))
    assert dash.body.grab().save(str(shots / f"dashboard-body-{size[0]}.png"))


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_print_report_writes_a_signed_pdf_off_the_gui_thread(
    qtbot: QtBot, demo_controller: AppController, tmp_path: Path
) -> None:
    import subprocess

    main = open_main_window(qtbot, demo_controller, "manager", PASSWORD)
    dash = _dashboard(main)
    _loaded(qtbot, dash)
    assert dash.report_button.isVisible()
    out = tmp_path / "meeting.pdf"
    dash.write_report(str(out))
    qtbot.waitUntil(
        lambda: dash.message.text().startswith("Saved the signed report"), timeout=WAIT_MS
    )
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid." in sig
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "vault") == ["meeting.pdf"]
