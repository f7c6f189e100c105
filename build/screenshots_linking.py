"""Screenshots of the linking screens (subject, series with timeline, link chart) for
build/screenshots.py; run alone (`python build/screenshots_linking.py --out DIR`) to take
only these.

They need several stores, police force areas and CCTV stills, so they use the demo vault
(built in the throwaway folder) with the "Grey Audi spirits team" linked up as a manager
would: two subject profiles, the car, and the series.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from opal_desktop.gui.linking.series_window import SeriesWindow
from opal_desktop.gui.linking.subjects_window import SubjectsWindow
from opal_desktop.gui.linking.vehicles_window import VehiclesWindow
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.gui.windows.incident_editor import EditorContext
    from opal_desktop.incidents.demo import DemoSeries
    from opal_desktop.vault.vault import Vault

from screenshots import PASSWORD, ROOT, save, settle, wait_until  # build/ is on the path


def link_series(vault: Vault, found: DemoSeries) -> tuple[list[str], str]:
    """Profiles for the series' offenders, linked with the car to its incidents; the series."""
    from opal_desktop.evidence import exhibits
    from opal_desktop.incidents.demo_series import SERIES
    from opal_desktop.linking import links, series, subjects
    from opal_desktop.linking.models import SubjectDetails, SubjectRole, VehicleRole

    plan = next(p for p in SERIES if p.name == found.name)
    people = []
    for offender in plan.offenders:
        details = {
            k: getattr(offender, k)
            for k in ("sex", "age_range", "height", "build", "hair", "clothing", "marks")
        }
        people.append(subjects.create_subject(vault, SubjectDetails(**details)).reference)
    vrm = found.vrms[0]
    for number, incident in enumerate(found.incident_references[:-1]):
        for person in people:
            links.link_subject(
                vault,
                incident,
                person,
                SubjectRole.OFFENDER,
                "Same build, clothing and marks on CCTV",
            )
        if number % 3 != 2:
            links.link_vehicle(
                vault, incident, vrm, "Seen arriving and leaving on the car park camera"
            )
    links.link_subject_vehicle(vault, people[0], vrm, VehicleRole.DRIVER, "Seen driving it at York")
    stills = exhibits.list_exhibits(vault, found.incident_references[0])
    if stills:
        subjects.set_best_image(vault, people[0], stills[0].id)
    reference = series.create_series(vault, found.name, plan.description)
    series.add_members(vault, reference, "incident", list(found.incident_references[:-1]))
    series.add_members(vault, reference, "subject", people)
    series.add_members(vault, reference, "vehicle", [vrm])
    return people, reference


def shoot_linking(runner: TaskRunner, out: Path, folder: Path) -> None:
    from opal_desktop.incidents.demo import build_demo
    from opal_desktop.vault.vault import Vault

    demo = build_demo(folder / "demo", incidents=120, seed=3, password=PASSWORD)
    answers: list[tuple[Vault, list[str], str]] = []

    def work() -> tuple[Vault, list[str], str]:
        from opal_desktop.linking import series

        vault = Vault.open(demo.folder, "manager", PASSWORD)
        made = series.list_series(vault)
        if made:  # the demo links its seeded series itself
            summary = series.summary(vault, made[0][0])
            return vault, list(summary.subject_references), summary.reference
        return (vault, *link_series(vault, demo.series_named("Grey Audi spirits team")))

    runner.run(work, answers.append)
    wait_until(lambda: bool(answers))
    vault, people, reference = answers[0]
    try:
        newest = demo.series_named("Grey Audi spirits team").incident_references[-1]
        _shoot_editor(vault, runner, out, newest)
        _shoot(vault, runner, out, people, reference)
    finally:
        done: list[bool] = []
        runner.run(lambda: vault.close(), lambda _none: done.append(True))
        wait_until(lambda: bool(done))


def _shoot_editor(vault: Vault, runner: TaskRunner, out: Path, reference: str) -> None:
    """The Links section of an incident of the series nobody has linked yet: its suggestions."""
    from opal_desktop.gui.windows.incident_editor import IncidentEditor, load_for_editing

    contexts: list[EditorContext] = []
    runner.run(lambda: load_for_editing(vault, reference), contexts.append)
    wait_until(lambda: bool(contexts))
    editor = IncidentEditor(contexts[0], vault, runner)
    editor.resize(1000, 900)
    editor.show()
    section = editor.links
    wait_until(lambda: section.data is not None and not section.suggestions.status.isVisible())
    settle(1.0)
    editor.ui.scroll.verticalScrollBar().setValue(section.y() - 10)
    settle(0.3)
    save(editor, out, "incident-links", (1000, 900))
    dialog = section.link_person()
    wait_until(lambda: dialog.subject_list.count() > 0)
    dialog.new_radio.setChecked(True)
    save(dialog, out, "link-person", (640, 600))
    dialog.reject()
    editor.close()


def _shoot(vault: Vault, runner: TaskRunner, out: Path, people: list[str], series_ref: str) -> None:
    subjects = SubjectsWindow(vault, runner)
    subjects.show()
    wait_until(lambda: subjects.table.rowCount() >= len(people))
    save(subjects, out, "subjects", (860, 420))
    profile = subjects.open_profile(people[0])
    wait_until(lambda: profile.data is not None)
    save(profile, out, "subject", (960, 760))
    profile.tabs.setCurrentIndex(1)
    save(profile, out, "subject-best-image", (960, 760))
    profile.tabs.setCurrentIndex(4)
    save(profile, out, "subject-suggestions", (960, 760))
    profile.close()
    subjects.close()

    vehicles = VehiclesWindow(vault, runner)
    vehicles.show()
    wait_until(lambda: vehicles.current != "")
    save(vehicles, out, "vehicles", (1100, 600))
    vehicles.close()

    window = SeriesWindow(vault, runner)
    window.show()
    window.refresh(series_ref)
    wait_until(lambda: window.view is not None and window.view.data is not None)
    settle(0.5)
    save(window, out, "series", (1280, 820))
    assert window.view is not None
    window.view.tabs.setCurrentIndex(2)
    save(window, out, "link-chart", (1280, 820))
    window.close()


def main(argv: list[str] | None = None) -> int:
    from opal_desktop.gui.style import apply_style
    from opal_desktop.vault import keyfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)  # a throwaway vault
    app = QApplication(sys.argv[:1])
    apply_style(app)
    runner = TaskRunner()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            shoot_linking(runner, args.out, Path(tmp))
    finally:
        runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
