"""Every page of the package PDF: marking at top and bottom, "Page n of N", draft watermark.

The page count is known only at the end, so the canvas keeps each finished page's drawing
commands (small: pictures are references) and adds the bands when the document is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from opal_desktop.packages.model import DRAFT_WATERMARK
from opal_desktop.packages.pdf_styles import (
    BOLD,
    FONT,
    FRAME_BOTTOM,
    FRAME_TOP,
    MARGIN,
    PAGE,
    WIDTH,
)
from opal_desktop.packages.pdf_words import package_keywords


@dataclass(frozen=True)
class PageFacts:
    marking: str  # "OFFICIAL" or "OFFICIAL-SENSITIVE"
    reference: str  # the package reference
    title: str
    draft: bool


def _band(canv: Canvas, facts: PageFacts, page: int, pages: int) -> None:
    width, height = PAGE
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setFont(BOLD, 11)
    canv.drawCentredString(width / 2, height - 12 * mm, facts.marking)
    canv.drawCentredString(width / 2, 8 * mm, facts.marking)
    canv.setLineWidth(0.6)
    canv.line(MARGIN, height - 14.5 * mm, width - MARGIN, height - 14.5 * mm)
    canv.line(MARGIN, 15 * mm, width - MARGIN, 15 * mm)
    canv.setFont(FONT, 7.5)
    canv.drawString(MARGIN, 11.5 * mm, f"{facts.reference} · {facts.title}"[:90])
    canv.drawRightString(width - MARGIN, 11.5 * mm, f"Page {page} of {pages}")
    if facts.draft:  # also as plain text, which readers and text extraction find (not diagonal)
        canv.setFont(BOLD, 7.5)
        canv.drawString(MARGIN, height - 12 * mm, DRAFT_WATERMARK)
        canv.drawRightString(width - MARGIN, height - 12 * mm, DRAFT_WATERMARK)
    canv.restoreState()


def _watermark(canv: Canvas) -> None:
    width, height = PAGE
    canv.saveState()
    canv.setFillColor(colors.Color(0.35, 0.35, 0.35, alpha=0.28))
    canv.setStrokeColor(colors.Color(0.2, 0.2, 0.2, alpha=0.5))
    canv.setLineWidth(0.6)
    canv.translate(width / 2, height / 2)
    canv.rotate(54)
    text = canv.beginText()
    text.setTextRenderMode(2)  # fill and outline: visible on photographs and on white
    text.setFont(BOLD, 40)
    text.setTextOrigin(-canv.stringWidth(DRAFT_WATERMARK, BOLD, 40) / 2, -14)
    text.textOut(DRAFT_WATERMARK)
    canv.drawText(text)
    canv.restoreState()


def canvas_maker(facts: PageFacts) -> Callable[..., Canvas]:
    class PackageCanvas(Canvas):  # type: ignore[misc]  # reportlab has no stubs
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if facts.draft:
                    _watermark(self)
                _band(self, facts, number, total)
                super().showPage()
            self._pages.clear()
            super().save()

    return PackageCanvas


def document(out: Any, facts: PageFacts, author: str) -> BaseDocTemplate:
    doc = BaseDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=FRAME_TOP,
        bottomMargin=FRAME_BOTTOM,
        title=f"{facts.reference} {facts.title}",
        author=author,
        subject=("DRAFT – NOT FOR SUBMISSION. " if facts.draft else "")
        + f"Intelligence package ({facts.marking})",
        # Read back by `verify` (covered by the signature): which package, and whether a draft.
        keywords=package_keywords(facts.reference, facts.draft),
        creator="Opal Desktop",
        invariant=0,
        initialFontName=FONT,  # else every page names Helvetica, a font not embedded
    )
    frame = Frame(MARGIN, FRAME_BOTTOM, WIDTH, PAGE[1] - FRAME_TOP - FRAME_BOTTOM, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc
