"""Subjects, links and series for the linking GUI tests, written on the worker as the app would."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from opal_desktop.domain.incident import Police
from opal_desktop.gui.app import AppController
from opal_desktop.linking.models import SubjectDetails, SubjectRole

from .conftest import run_on_worker
from .incident_data import add_incident, add_store

T = TypeVar("T")
RED_CAP = SubjectDetails(sex="male", height="tall", clothing="red cap")
SCAR = SubjectDetails(sex="male", build="stocky", marks="scar under left eye")


def on_worker(qtbot: QtBot, controller: AppController, work: Callable[..., T]) -> T:
    """Run `work(vault)` on the worker and wait for its answer."""
    assert controller.session is not None
    vault = controller.session.vault
    return run_on_worker(qtbot, controller.runner, lambda: work(vault))


def two_stores_incidents(qtbot: QtBot, controller: AppController) -> tuple[str, str]:
    """A Leeds theft on 20/11 (6 x £22.00) and an earlier York one on 10/11 (£15.00 line)."""
    from opal_desktop.domain.incident import GoodsLine

    add_store(qtbot, controller)
    leeds = add_incident(
        qtbot, controller, tactics=["booster-bag"], police=Police(force_id="west-yorkshire")
    )
    york = add_incident(
        qtbot,
        controller,
        when="10/11/2026 09:30",
        store_code="YRK02",
        goods=[GoodsLine("Razor blades", 3, 500)],
        tactics=["booster-bag", "lookout"],
        police=Police(force_id="north-yorkshire", crime_reference="12/34567/26"),
    )
    return leeds.reference, york.reference


def person_linked_to(
    qtbot: QtBot, controller: AppController, incident: str, details: SubjectDetails
) -> str:
    """A new profile linked to `incident` as an offender; its reference."""
    from opal_desktop.linking import links, subjects

    def work(vault: object) -> str:
        made = subjects.create_subject(vault, details)  # type: ignore[arg-type]
        links.link_subject(vault, incident, made.reference, SubjectRole.OFFENDER, "CCTV")  # type: ignore[arg-type]
        return made.reference

    return on_worker(qtbot, controller, work)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, f"no cell at row {row}, column {column}"
    return item.text()
