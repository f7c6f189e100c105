"""A crash loses at most the last two seconds of typing, and the next start says what happened.

Real app processes are started, signed in through the sign-in window, typed into and then
killed (SIGKILL) or crashed in native code (SIGSEGV); the next sign-in, in this process,
must reopen the incident with what was typed and say so; a native crash leaves a report
beside the vault that names code locations only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from opal_desktop import crash_report
from opal_desktop.gui.app import AppController, tell_previous_crash
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.incidents import records

from .conftest import ADMIN, ADMIN_PASSWORD, FAST_KDF, WAIT_MS, open_main_window, run_on_worker

MARKER = "Crash marker 5521 "
TEXT = MARKER + "the offender took four bottles of gin from aisle nine and left " * 6

# A real app: the controller's sign-in window, signed in as a person would, Ctrl+N's
# editor, then one character of the narrative every 20 ms, each reported with its time.
CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from opal_desktop import crash_report
from opal_desktop.gui.app import AppController
from opal_desktop.gui.style import apply_style
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.vault import keyfile

keyfile.DEFAULT_KDF = keyfile.KdfParams(*map(int, sys.argv[4:7]))
folder, user, password, text, then = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[7], sys.argv[8]
app = QApplication([])
apply_style(app)
watch = crash_report.watch(folder)
controller = AppController(folder, TaskRunner())
sign_in = controller.start()

def wait_for(condition):
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline
        app.processEvents()
        time.sleep(0.01)

wait_for(lambda: sign_in.ui.userList.count() > 0)
sign_in.select_user(user)
QTest.keyClicks(sign_in.ui.passwordEdit, password)
QTest.keyClick(sign_in.ui.passwordEdit, Qt.Key.Key_Return)
wait_for(lambda: isinstance(controller.window, MainWindow))
main = controller.window
main.new_incident()
wait_for(lambda: bool(main.editors))
field = main.editors[0].ui.what.narrative_edit
field.setFocus()
print("READY", flush=True)
for count, character in enumerate(text, start=1):
    QTest.keyClicks(field, character)
    print("TYPED", count, time.monotonic(), flush=True)
    end = time.monotonic() + 0.02
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)
if then == "segfault":
    import faulthandler
    faulthandler._sigsegv()
while True:  # go on as the app would, until the test kills it
    app.processEvents()
    time.sleep(0.02)
"""


def start_typing(vault_folder: Path, text: str, then: str = "wait") -> subprocess.Popen[str]:
    kdf = (FAST_KDF.memory_kib, FAST_KDF.iterations, FAST_KDF.lanes)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault_folder), ADMIN, ADMIN_PASSWORD,
         *map(str, kdf), text, then],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def stop(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        child.kill()
        child.wait(timeout=30)
    for pipe in (child.stdout, child.stderr):
        if pipe is not None:
            pipe.close()


def read_line(child: subprocess.Popen[str]) -> list[str]:
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, f"the app process ended early: {child.stderr.read() if child.stderr else ''}"
    return line.split()


def recovered_box(main: MainWindow) -> QMessageBox:
    boxes = [b for b in main.findChildren(QMessageBox) if b.objectName() == "recoveredBox"]
    assert len(boxes) == 1
    return boxes[0]


@pytest.mark.slow
def test_killed_while_typing_a_new_incident_the_next_sign_in_gives_it_back(
    qtbot: QtBot, vault_folder: Path, controller: AppController
) -> None:
    child = start_typing(vault_folder, TEXT)
    try:
        assert read_line(child) == ["READY"]
        typed_at: list[float] = []  # when each character was typed, in the child
        while not typed_at or typed_at[-1] - typed_at[0] < 4.0:
            word, count, when = read_line(child)
            assert word == "TYPED" and int(count) == len(typed_at) + 1
            typed_at.append(float(when))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.stdout is not None
        for line in child.stdout.read().splitlines():  # typed before the kill landed
            typed_at.append(float(line.split()[2]))
    finally:
        stop(child)
    assert child.returncode == -signal.SIGKILL
    killed_at = typed_at[-1]
    due = sum(1 for moment in typed_at if moment <= killed_at - 2.0)
    assert due > 50  # four seconds of typing at ~40 characters a second

    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: len(main.editors) == 1, timeout=WAIT_MS)
    editor = main.editors[0]
    qtbot.waitUntil(lambda: editor.reference != "", timeout=WAIT_MS)
    narrative = editor.ui.what.narrative_edit.toPlainText()
    assert TEXT.startswith(narrative)
    assert len(narrative) >= due, f"{len(narrative)} saved of {due} typed 2 s before the kill"
    box = recovered_box(main)
    assert box.isVisible()
    assert editor.reference in box.text() and "new draft" in box.text()
    assert "did not close properly" in box.text()

    vault = controller.session.vault if controller.session else None
    assert vault is not None
    stored = run_on_worker(qtbot, controller.runner, lambda: records.get(vault, editor.reference))
    assert stored.narrative == narrative and stored.status.value == "draft"


@pytest.mark.slow
def test_a_native_crash_leaves_a_report_without_incident_data_and_is_told_once(
    qtbot: QtBot, vault_folder: Path
) -> None:
    child = start_typing(vault_folder, TEXT[:60], then="segfault")
    try:
        _out, err = child.communicate(timeout=120)
    finally:
        stop(child)
    assert child.returncode == -signal.SIGSEGV, err
    reports = list((vault_folder / crash_report.FOLDER_NAME).glob("running-*.txt"))
    assert len(reports) == 1
    report = reports[0].read_text(encoding="utf-8")
    assert "Segmentation fault" in report and "line " in report  # where it was
    assert MARKER.strip() not in report  # it was typed into the narrative

    box = tell_previous_crash(vault_folder, None)
    assert box is not None
    assert box.text().startswith("Opal Desktop stopped unexpectedly on ")
    assert "no incident data" in box.text() and str(vault_folder) in box.text()
    box.close()
    kept = list((vault_folder / crash_report.FOLDER_NAME).glob("crash-*.txt"))
    assert [p.read_text(encoding="utf-8") for p in kept] == [report]
    assert tell_previous_crash(vault_folder, None) is None  # told once


def test_a_clean_exit_leaves_no_report_and_a_running_app_is_not_taken_for_a_crash(
    tmp_path: Path,
) -> None:
    watch = crash_report.watch(tmp_path)
    assert watch is not None
    try:
        assert watch.path.exists()
        assert crash_report.previous_crash(tmp_path) is None  # ours, still running
        assert watch.path.exists()
    finally:
        watch.stop()
    assert not watch.path.exists()
    assert not (tmp_path / crash_report.FOLDER_NAME).exists()  # no empty folder left either


def test_a_killed_run_leaves_an_empty_report_that_is_removed_silently(tmp_path: Path) -> None:
    folder = tmp_path / crash_report.FOLDER_NAME
    folder.mkdir()
    (folder / "running-999999.txt").write_bytes(b"")
    assert crash_report.previous_crash(tmp_path) is None
    assert list(folder.iterdir()) == []
