"""Screenshots of the stills screens (strip, viewer, redaction) for build/screenshots.py.

`python build/screenshots.py` calls `shoot_stills()` with its throwaway, signed-in vault.
The CCTV stills are drawn here with Pillow (fictional scenes); nothing of them is written
anywhere but that vault and the PNG screenshots.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from opal_desktop.evidence.models import IncomingStill
from opal_desktop.gui.stills.redaction import RedactionWindow
from opal_desktop.gui.stills.strip import StillsStrip
from opal_desktop.gui.stills.viewer import ViewerWindow
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

from screenshots import save, settle, wait_until  # build/ is on the path when run


def cctv_frame(camera: int, second: int, people: int) -> bytes:
    """A fictional shop-floor CCTV frame: aisles, people as silhouettes, a timestamp."""
    image = Image.new("RGB", (1280, 720), (92, 96, 100))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 720), (1280, 720), (900, 300), (380, 300)], fill=(128, 126, 120))
    for x in (60, 250, 980, 1150):
        draw.rectangle((x, 120, x + 90, 640), fill=(70, 84, 102), outline=(40, 40, 40))
        for y in range(150, 620, 70):
            draw.rectangle((x + 6, y, x + 84, y + 40), fill=(150 + camera * 20, 120, 80))
    for number in range(people):
        x = 430 + number * 190 + camera * 15
        draw.ellipse((x, 250, x + 60, 310), fill=(205, 170, 140))
        draw.rectangle((x - 15, 310, x + 75, 520), fill=(30 + number * 40, 40, 60))
        draw.rectangle((x - 5, 520, x + 65, 650), fill=(35, 35, 45))
    font = ImageFont.load_default(size=28)
    stamp = f"21-11-2026 18:04:{second:02d}   CAM {camera:02d}"
    draw.rectangle((16, 14, 560, 56), fill=(0, 0, 0))
    draw.text((26, 18), stamp, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _host(strip: StillsStrip, reference: str) -> QWidget:
    """The strip as it sits in the incident editor's Stills section."""
    from PySide6.QtWidgets import QGroupBox

    page = QWidget()
    page.setWindowTitle(f"{reference} — Opal Desktop")
    box = QGroupBox("Stills")
    inner = QVBoxLayout(box)
    inner.addWidget(strip)
    layout = QVBoxLayout(page)
    layout.addWidget(box)
    layout.addStretch(1)
    return page


def shoot_stills(vault: Vault, runner: TaskRunner, out: Path) -> None:
    from opal_desktop.evidence import exhibits
    from opal_desktop.incidents import records

    done: list[str] = []

    def prepare() -> None:
        incident = records.save(vault, records.new_incident(vault))
        stills = [
            IncomingStill.from_bytes(f"CAM{c:02d}_180{s:02d}.jpg", cctv_frame(c, s, p), "folder")
            for c, s, p in ((1, 3, 2), (1, 9, 2), (2, 12, 2), (4, 15, 1), (4, 21, 2), (3, 30, 1))
        ]
        added = exhibits.add_stills(vault, incident.reference, stills, camera="")
        first = added.added[0]
        exhibits.update_details(
            vault,
            first.id,
            camera="Cam 1 – front door",
            cctv_time_shown="21/11/2026 18:04:03",
            clock_offset_seconds=-65,
            caption="Offender 1 entering; bystander at the till on the left.",
        )
        done.append(incident.reference)

    runner.run(prepare)
    runner.run(lambda: None, lambda _none: done.append("ready"))
    wait_until(lambda: len(done) == 2)
    reference = done[0]

    strip = StillsStrip(vault, runner, reference)
    page = _host(strip, reference)
    page.show()
    wait_until(lambda: strip.list.count() == 6)
    strip.list.setCurrentRow(0)
    save(page, out, "stills-strip", (980, 330))

    viewer = strip.open_viewer(strip.list.ids()[0])
    assert isinstance(viewer, ViewerWindow)
    wait_until(lambda: viewer.view is not None)
    save(viewer, out, "stills-viewer", (1360, 860))

    viewer.open_redaction()
    redaction = viewer.findChild(RedactionWindow)
    assert isinstance(redaction, RedactionWindow)
    redaction.show()
    redaction.resize(1100, 720)
    settle()
    canvas = redaction.canvas
    _draw(canvas, (438, 242), (512, 316))
    redaction.fill_radio.click()
    _draw(canvas, (628, 242), (702, 316))
    save(redaction, out, "stills-redaction", (1100, 720))
    redaction._discard = True
    redaction.close()
    viewer.close()
    page.close()


def _draw(canvas: object, start: tuple[int, int], end: tuple[int, int]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from opal_desktop.gui.stills.redaction import DrawingCanvas

    assert isinstance(canvas, DrawingCanvas)
    a = canvas.mapFromScene(QPointF(*start))
    b = canvas.mapFromScene(QPointF(*end))
    none = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, none, a)
    QTest.mouseMove(canvas.viewport(), b)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, none, b)
