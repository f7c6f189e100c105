"""Look and feel: the shared stylesheet and a few fonts Qt stylesheets cannot pick portably."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from opal_desktop.paths import resource

BASE_POINT_SIZE = 11


def apply_style(app: QApplication) -> None:
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    if app.style().name().lower() != "fusion":  # setting it again costs ~15 ms of start-up
        app.setStyle("Fusion")  # the same calm look on every platform
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f4f5f7"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1c1f23"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1c1f23"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1f5fa8"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    app.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))


def use_monospace(widget: QWidget, point_size: int = BASE_POINT_SIZE) -> None:
    """The platform's fixed-width font (naming a family in QSS warns where it is missing)."""
    from PySide6.QtGui import QFont, QFontDatabase  # not needed for the first window

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    font.setStyleHint(QFont.StyleHint.Monospace)
    widget.setFont(font)
