"""Fonts, paragraph styles and table styles of the package PDF.

Black and white first: weight, rules and light grey shading carry the structure, so the
report reads the same printed on an office laser printer. DejaVu Sans (embedded, subset)
covers the en dash, £ and the accented names that reach us from CCTV exports.
"""

from __future__ import annotations

import functools
from html import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from opal_desktop.paths import resource

rl_config.useA85 = 0  # binary streams: ~180x faster with JPEGs, 20% smaller (TECH_NOTES)

FONT = "OpalSans"
BOLD = "OpalSans-Bold"
PAGE = A4
MARGIN = 18 * mm
FRAME_TOP = 22 * mm  # room for the marking band
FRAME_BOTTOM = 22 * mm
WIDTH = PAGE[0] - 2 * MARGIN  # usable width
LIGHT = colors.Color(0.90, 0.90, 0.90)
MID = colors.Color(0.55, 0.55, 0.55)


@functools.cache
def register_fonts() -> None:
    """Register DejaVu Sans once per process; reportlab embeds the glyphs used."""
    pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _style(name: str, size: float, *, bold: bool = False, **extra: object) -> ParagraphStyle:
    settings: dict[str, object] = {"leading": size * 1.3, **extra}
    return ParagraphStyle(name, fontName=BOLD if bold else FONT, fontSize=size, **settings)


BODY = _style("body", 9.5, spaceAfter=4)
SMALL = _style("small", 8)
TINY = _style("tiny", 6.8, leading=8.4)
CELL = _style("cell", 8.2, leading=10)
CELL_BOLD = _style("cellBold", 8.2, bold=True, leading=10)
NARROW = _style("narrow", 7.4, leading=9)  # wide tables: references and hashes on one line
NARROW_BOLD = _style("narrowBold", 7.4, bold=True, leading=9)
H1 = _style("h1", 16, bold=True, spaceBefore=2, spaceAfter=8)
H2 = _style("h2", 12, bold=True, spaceBefore=10, spaceAfter=5)
H3 = _style("h3", 10, bold=True, spaceBefore=6, spaceAfter=3)
COVER_REF = _style("coverRef", 26, bold=True, alignment=TA_CENTER, spaceAfter=6, leading=32)
COVER_TITLE = _style("coverTitle", 15, alignment=TA_CENTER, spaceAfter=14, leading=20)
COVER_KIND = _style("coverKind", 11, alignment=TA_CENTER, spaceAfter=10, textColor=MID)


class Text(Flowable):  # type: ignore[misc]  # reportlab has no stubs
    """Plain text in a style: drawn as one string when it fits on a line, else a Paragraph.

    Most table cells are one short line; a Paragraph (parse, break lines) for each made the
    50-incident package spend seconds in layout. This gives the same look at a fraction of it.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self._para: Paragraph | None = None
        self._line_width = 0.0

    def _paragraph(self) -> Paragraph:
        if self._para is None:
            self._para = Paragraph(escape(self.text).replace("\n", "<br/>"), self.style)
        return self._para

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        style = self.style
        if "\n" not in self.text:
            self._line_width = stringWidth(self.text, style.fontName, style.fontSize)
            if self._line_width <= available_width - style.leftIndent - style.rightIndent:
                self._para = None
                self.width, self.height = available_width, style.leading
                return available_width, style.leading
        width, height = self._paragraph().wrap(available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._para is None:
            return []
        parts: list[Flowable] = self._para.split(available_width, available_height)
        return parts

    def getSpaceBefore(self) -> float:  # reportlab's name
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # reportlab's name
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)
            return
        style, canv = self.style, self.canv
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        baseline = self.height - style.fontSize
        if style.alignment == TA_CENTER:
            canv.drawCentredString(self.width / 2, baseline, self.text)
        else:
            canv.drawString(style.leftIndent, baseline, self.text)


def para(text: str, style: ParagraphStyle = BODY) -> Flowable:
    """User text: escaped, line breaks kept (see Text)."""
    return Text(text, style)


def markup(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of our own markup (<b>, <br/>); never pass user text here unescaped."""
    return Paragraph(text, style)


def grid_style(
    *, header: bool = True, lines: bool = True, extra: list[tuple[object, ...]] | None = None
) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.2),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if lines:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, MID))
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
        ]
    return TableStyle(commands + (extra or []))


def key_values(rows: list[tuple[str, str]], key_width: float = 38 * mm) -> Table:
    """Two columns, label in bold: the details of a record. Empty values are left out."""
    data = [[para(k, CELL_BOLD), para(v, CELL)] for k, v in rows if v.strip()]
    if not data:
        data = [[para("—", CELL), para("", CELL)]]
    table = Table(data, colWidths=[key_width, WIDTH - key_width], hAlign="LEFT")
    table.setStyle(grid_style(header=False))
    return table
