"""Fixtures and pictures for the stills GUI tests: a signed-in vault, an incident, real files."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot

from opal_desktop.evidence import exhibits
from opal_desktop.evidence.models import ExhibitInfo
from opal_desktop.gui.session import Session, open_session
from opal_desktop.gui.stills.strip import StillsStrip
from opal_desktop.gui.tasks import TaskRunner

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, run_on_worker


def picture(size: tuple[int, int] = (640, 360), shade: int = 0, fmt: str = "JPEG") -> bytes:
    """A real picture with content (a gradient and a box), different for each shade."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10 + shade, 10, 60 + shade, 50), fill=(200, 40 + shade % 200, 40))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def write_pictures(folder: Path, count: int, size: tuple[int, int] = (640, 360)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"cam{number + 1:02d}.jpg"
        path.write_bytes(picture(size, shade=number * 7))
        paths.append(path)
    return paths


@pytest.fixture
def stills_session(qtbot: QtBot, runner: TaskRunner, vault_folder: Path) -> Iterator[Session]:
    """Jane Smith (exhibit prefix JS) signed in, on the worker as the app does."""
    session = run_on_worker(
        qtbot, runner, lambda: open_session(vault_folder, ADMIN, ADMIN_PASSWORD)
    )
    yield session
    run_on_worker(qtbot, runner, lambda: session.vault.close(audited=False))


@pytest.fixture
def incident_reference(qtbot: QtBot, runner: TaskRunner, stills_session: Session) -> str:
    from opal_desktop.incidents import records

    vault = stills_session.vault
    saved = run_on_worker(qtbot, runner, lambda: records.save(vault, records.new_incident(vault)))
    return saved.reference


@pytest.fixture
def strip(
    qtbot: QtBot, runner: TaskRunner, stills_session: Session, incident_reference: str
) -> StillsStrip:
    widget = StillsStrip(stills_session.vault, runner, incident_reference)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
    return widget


def listed(qtbot: QtBot, runner: TaskRunner, session: Session, reference: str) -> list[ExhibitInfo]:
    vault = session.vault
    return run_on_worker(qtbot, runner, lambda: exhibits.list_exhibits(vault, reference))


def stored_bytes(qtbot: QtBot, runner: TaskRunner, session: Session, exhibit_id: int) -> bytes:
    vault = session.vault
    return run_on_worker(qtbot, runner, lambda: exhibits.original_bytes(vault, exhibit_id))


def import_and_wait(qtbot: QtBot, strip: StillsStrip, paths: list[Path]) -> object:
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS) as blocker:
        assert strip.add_paths(paths)
    qtbot.waitUntil(lambda: strip.runner.idle, timeout=WAIT_MS)
    return blocker.args[0] if blocker.args else None
