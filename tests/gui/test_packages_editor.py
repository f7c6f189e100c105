"""The package editor: built from a series with everything prefilled, the check shown, the
grading in plain words, handling code C needing its conditions, and exhibit choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from opal_desktop.gui.packages.editor_form import CONDITIONS_NEEDED, GRADING_NEEDED
from opal_desktop.gui.packages.package_editor import PackageEditor
from opal_desktop.gui.packages.packages_window import PackagesWindow
from opal_desktop.gui.referral.work import CheckTarget

from .conftest import WAIT_MS, ControllerFactory
from .packages_support import NOT_READY, READY, demo_main_window, grade, series_reference


def loaded(qtbot: QtBot, editor: PackageEditor) -> None:
    qtbot.waitUntil(
        lambda: editor.check.view is not None and not editor.busy.running, timeout=WAIT_MS
    )


def test_a_series_package_is_prefilled_and_shows_its_check(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    reference = series_reference(built, READY)
    editor = main.new_package(CheckTarget(series=reference))
    assert isinstance(editor, PackageEditor)
    loaded(qtbot, editor)
    actor = main.session.vault.actor
    form = editor.form
    assert form.title.text() == READY
    assert form.submitter_name.text() == actor.display_name
    assert form.submitter_role.text() == actor.role.label
    assert form.organisation.text() == built.organisation
    assert form.legal_basis.toPlainText().startswith(
        "Shared with Opal under the Data Protection Act"
    )
    # Nothing graded for them: saving says so and puts the cursor in the first box
    assert {form.source_evaluation.currentText(), form.assessment.currentText(),
            form.handling.currentText()} == {"Choose…"}  # fmt: skip
    assert not form.conditions.isEnabled()
    editor.save_button.click()
    assert form.grading_error.text() == GRADING_NEEDED and not form.grading_error.isHidden()
    assert editor.reference == ""  # nothing saved
    grade(form)
    assert form.grading_error.isHidden()
    assert form.source_evaluation.currentText() == "2 – Untested"
    assert editor.check.verdict.text().startswith("✓")
    assert editor.check.meaning.text().startswith("Ready")
    assert editor.exhibits.rows, "the demo gives every series incident a still"
    row = editor.exhibits.rows[0]
    assert not row.thumb.pixmap().isNull()
    row.set_choice("exclude")
    assert row.note.text() == "Left out of the package"

    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as saved:
        editor.save_button.click()
    package = str(saved.args[0])
    assert package == "NGD-LDS01-PKG-0001"  # organisation, store, number
    sent, left_out = editor.exhibits.counts()
    assert left_out == 1
    assert editor.note.text() == f"Saved as {package}: {sent} stills to send, 1 left out."
    window = main._open_windows["packages"]
    assert isinstance(window, PackagesWindow)
    qtbot.waitUntil(lambda: package in window.records, timeout=WAIT_MS)
    assert window.records[package].draft.exhibit_choices[row.option.master_uuid] == "exclude"

    # Open it again: the choice is kept.
    again = window.open_package(package)
    assert again is not None
    loaded(qtbot, again)
    assert again.exhibits.rows[0].value() == "exclude"
    assert again.form.title.text() == READY


def test_handling_code_c_needs_its_conditions(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    editor = main.new_package(CheckTarget(series=series_reference(built, NOT_READY)))
    assert isinstance(editor, PackageEditor)
    loaded(qtbot, editor)
    assert editor.check.verdict.text().startswith("✗  Not ready")
    assert "only as a DRAFT" in editor.check.meaning.text()
    form = editor.form
    grade(form, handling="C")
    assert form.conditions.isEnabled()
    editor.save_button.click()
    assert form.conditions_error.text() == CONDITIONS_NEEDED
    assert not form.conditions_error.isHidden()
    assert editor.reference == ""  # nothing saved
    form.conditions.setPlainText("Not to be shared outside policing without asking us.")
    assert form.conditions_error.isHidden()
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save_button.click()
    window = main._open_windows["packages"]
    assert isinstance(window, PackagesWindow)
    qtbot.waitUntil(lambda: editor.reference in window.records, timeout=WAIT_MS)
    grading = window.records[editor.reference].draft.grading
    assert grading.code == "2B C" and grading.handling_conditions.startswith("Not to be shared")


def test_from_the_incidents_selected_in_the_list(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    refs = tuple(built.series_named(READY).incident_references[:2])
    editor = main.new_package(CheckTarget(incidents=refs))
    assert isinstance(editor, PackageEditor)
    loaded(qtbot, editor)
    assert editor.source.currentText().startswith("2 incidents: ")
    assert editor.target() == CheckTarget(incidents=refs)
    assert editor.form.title.text() == ""
    grade(editor.form)
    editor.save_button.click()
    assert editor.error.text().startswith("Give the package a title") or editor.busy.running
    qtbot.waitUntil(lambda: bool(editor.error.text()), timeout=WAIT_MS)
    assert editor.error.text().startswith("Give the package a title")


def test_build_package_from_the_series_window(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    from opal_desktop.gui.linking.series_window import SeriesWindow

    main, _built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    series = main.open_series()
    assert isinstance(series, SeriesWindow)
    qtbot.waitUntil(lambda: series.view is not None, timeout=WAIT_MS)
    assert series.view is not None
    chosen = series.view.reference
    series.package_button.click()
    window = main._open_windows["packages"]
    assert isinstance(window, PackagesWindow)
    editors = window.findChildren(PackageEditor)
    assert len(editors) == 1
    loaded(qtbot, editors[0])
    assert editors[0].target() == CheckTarget(series=chosen)


def test_a_closed_editor_is_deleted_not_kept_under_the_packages_window(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    """Every "New package…" makes an editor: kept after closing, they piled up in memory."""
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    target = CheckTarget(series=series_reference(built, READY))
    for _ in range(3):
        editor = main.new_package(target)
        assert isinstance(editor, PackageEditor)
        loaded(qtbot, editor)
        editor.close()
    window = main._open_windows["packages"]
    qtbot.waitUntil(lambda: not window.findChildren(PackageEditor), timeout=WAIT_MS)
