"""Print the recovery code on paper (QtPrintSupport is loaded only when someone prints)."""

from __future__ import annotations

import html

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QWidget


def print_recovery_code(parent: QWidget, code: str) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the recovery code")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    document = QTextDocument()
    document.setHtml(
        "<h2>Opal Desktop recovery code</h2>"
        f"<p style='font-family: monospace; font-size: 20pt'>{html.escape(code)}</p>"
        "<p>Keep this paper locked away from the PC. With it, the vault's administrator "
        "password can be reset.</p>"
    )
    document.print_(printer)
