"""Incidents for GUI tests, written on the worker as the app would."""

from __future__ import annotations

import dataclasses
from datetime import date

from pytestqt.qtbot import QtBot

from opal_desktop.domain.incident import GoodsLine, Incident, VehicleSeen
from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.editor_layout import EditorLayout
from opal_desktop.gui.windows.incident_editor import IncidentEditor
from opal_desktop.gui.windows.main_window import MainWindow

from .conftest import WAIT_MS, run_on_worker


def theft(vault: object, when: object = "20/11/2026 17:45", **changes: object) -> Incident:
    from opal_desktop.incidents import records

    incident = records.new_incident(vault)  # type: ignore[arg-type]
    incident.occurred_start = parse_uk_datetime(str(when))
    incident.incident_type = "theft-from-shop"
    incident.location = "Aisle 4, spirits"
    incident.narrative = "Two males swept the whisky shelf into a foil-lined bag and left on foot."
    incident.goods = [GoodsLine("Jameson 70cl", 6, 2200, "5011007003029")]
    incident.offender_count = 2
    incident.vehicles = [VehicleSeen("ab12 cde", "Audi", "A4", "grey")]
    incident.police.reported_on = date(2026, 11, 20)
    return dataclasses.replace(incident, **changes)  # type: ignore[arg-type]


def add_incident(qtbot: QtBot, controller: AppController, **changes: object) -> Incident:
    """Save a theft (with `changes`) on the worker; return it as saved."""
    from opal_desktop.incidents import records

    assert controller.session is not None
    vault = controller.session.vault
    return run_on_worker(
        qtbot, controller.runner, lambda: records.save(vault, theft(vault, **changes))
    )


def add_store(qtbot: QtBot, controller: AppController, code: str = "YRK02") -> None:
    from opal_desktop.vault.models import Store

    assert controller.session is not None
    vault = controller.session.vault

    def work() -> None:
        with vault.session() as session, session.begin():
            session.add(
                Store(
                    code=code,
                    name="York Coney Street",
                    retailer="Northgate Retail Ltd",
                    address="",
                    postcode="",
                    force_id="north-yorkshire",
                    is_home=False,
                    created_at="2026-01-01T00:00:00+00:00",
                )
            )

    run_on_worker(qtbot, controller.runner, work)


def wait_for_list(qtbot: QtBot, main: MainWindow, count: int) -> None:
    """Wait until the list shows `count` incidents with the first row loaded."""
    listing = main.incident_list
    noun = "incident" if count == 1 else "incidents"
    qtbot.waitUntil(lambda: listing.ui.countLabel.text() == f"{count} {noun}", timeout=WAIT_MS)
    if count:
        qtbot.waitUntil(lambda: listing.model.index(0, 0).data() != "…", timeout=WAIT_MS)


def open_editor(qtbot: QtBot, main: MainWindow, reference: str | None = None) -> IncidentEditor:
    before = len(main.editors)
    if reference is None:
        main.new_incident()
    else:
        main.open_incident(reference)
    qtbot.waitUntil(lambda: len(main.editors) > before, timeout=WAIT_MS)
    return main.editors[-1]


def message(ui: EditorLayout, field: str) -> str:
    label = ui.message_label_for(field)
    assert label is not None
    return label.text() if label.isVisibleTo(label.window()) else ""
