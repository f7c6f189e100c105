"""Draws a search extract with the matched words in bold (the rest escaped as plain text)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x02", "\x03"  # as incidents.search marks matches


def near_match(snippet: str, keep: int = 24) -> str:
    """Drop the words more than `keep` characters before the first match, so a narrow
    column still shows the match: 'Male threatened … with a Stanley' -> '…with a Stanley'."""
    flat = " ".join(snippet.split())
    start = flat.find(HIGHLIGHT_OPEN)
    if start <= keep:
        return flat
    cut = flat.find(" ", start - keep)
    return "…" + flat[cut + 1 :] if 0 <= cut < start else flat


def snippet_html(snippet: str) -> str:
    """'…took \\x02Stanley\\x03 knife…' -> '…took <b>Stanley</b> knife…', all else escaped."""
    flat = near_match(snippet)
    escaped = html.escape(flat, quote=False)
    return escaped.replace(HIGHLIGHT_OPEN, "<b>").replace(HIGHLIGHT_CLOSE, "</b>")


class HighlightDelegate(QStyledItemDelegate):
    """For a column whose `role` holds a snippet with highlight markers."""

    def __init__(self, role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role = role
        # One document for every cell, not one per paint: each new document's layout
        # costs an allocation and, on PySide6 6.10-6.11, leaks three references to None.
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)

    def _document(self, option: QStyleOptionViewItem, snippet: str) -> QTextDocument:
        self._doc.setDefaultFont(option.font)
        self._doc.setHtml(snippet_html(snippet))
        return self._doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        snippet = index.data(self._role)
        if not isinstance(snippet, str) or not snippet:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(opt, snippet)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        top = rect.top() + max(0, (rect.height() - round(doc.size().height())) // 2)
        painter.translate(rect.left() + 2, top)
        painter.setClipRect(QRectF(0, 0, rect.width() - 2, rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        snippet = index.data(self._role)
        if not isinstance(snippet, str) or not snippet:
            return super().sizeHint(option, index)
        doc = self._document(option, snippet)
        return QSize(round(doc.idealWidth()) + 8, super().sizeHint(option, index).height())
