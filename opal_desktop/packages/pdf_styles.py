"""Fonts, paragraph styles and table styles of the package PDF.

Black and white first: weight, rules and light grey shading carry the structure, so the
report reads the same printed on an office laser printer. DejaVu Sans (embedded, subset)
covers the en dash, £ and the accented names that reach us from CCTV exports.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection
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
    """Plain text in a style, looking as a Paragraph of it would, drawn as strings line by line.

    Most table cells are one short line; a Paragraph (parse, break lines, on every wrap) for
    each made the 50-incident package spend seconds in layout. Lines that fit are drawn as they
    are; longer text is broken where a Paragraph breaks it (`_broken_lines`); what a Paragraph
    draws otherwise (squeezed lines, entities) is left to one. `lead` is drawn in bold before
    the text (a caption's "Exhibit X-1").
    """

    def __init__(self, text: str, style: ParagraphStyle, lead: str = "") -> None:
        super().__init__()
        self.text, self.style, self.lead = text, style, lead
        self._lines = text.split("\n")  # drawn as strings, unless a Paragraph is set
        self._para: Paragraph | None = None
        self._widest: float | None = None
        self._wrapped_for: float | None = None  # the width the lines or Paragraph are for

    def _widest_line(self) -> float:
        """Width of the widest line drawn as it is; infinite when a Paragraph would show the
        lines otherwise (spaces collapsed, blank lines dropped). Measured once: a table
        measures its cells again on every wrap and when drawing them."""
        if self._widest is None:
            lines = (self.lead + self.text).split("\n")
            if self.text and any(not line or line != " ".join(line.split()) for line in lines):
                self._widest = math.inf
            else:
                self._widest = max(self._line_width(n, line) for n, line in enumerate(lines))
        return self._widest

    def _line_width(self, number: int, line: str) -> float:
        size = self.style.fontSize
        lead = self.lead if number == 0 else ""
        return float(stringWidth(lead, BOLD, size) + stringWidth(line, self.style.fontName, size))

    def _paragraph(self) -> Paragraph:
        lead = f"<b>{escape(self.lead)}</b>" if self.lead else ""
        return Paragraph(lead + _as_markup(self.text), self.style)

    def _lines_for(self, width: float) -> list[str] | None:
        """The lines to draw as strings at this width; None when a Paragraph must draw it."""
        style = self.style
        if self._widest_line() <= width - style.leftIndent - style.rightIndent:
            return self.text.split("\n")
        broken = None if self.lead else _broken_lines(self.text, style, width)
        return None if broken is None else list(broken)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width != self._wrapped_for:
            self._wrapped_for = available_width
            lines = self._lines_for(available_width)
            self._lines, self._para = (lines, None) if lines else ([], self._paragraph())
            self.width = available_width
            self.height = self.style.leading * len(self._lines)
            if self._para is not None:
                self.height = self._para.wrap(available_width, available_height)[1]
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """As the Paragraph would split (a single line cannot be)."""
        self.wrap(available_width, available_height)
        if self._para is None and len(self._lines) < 2:
            return []
        para = self._para or self._paragraph()
        parts: list[Flowable] = para.split(available_width, available_height)
        return parts

    def getSpaceBefore(self) -> float:  # reportlab's name
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # reportlab's name
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)
            return
        style = self.style
        origins = [(self._line_x(number, line), self.height - style.fontSize - number * style.leading)
                   for number, line in enumerate(self._lines)]  # fmt: skip
        text = self.canv.beginText(*origins[0])  # one text object for all lines
        text.setFillColor(style.textColor)
        for number, (line, origin) in enumerate(zip(self._lines, origins, strict=True)):
            if number:
                text.setTextOrigin(*origin)
            elif self.lead:
                text.setFont(BOLD, style.fontSize)
                text.textOut(self.lead)
            text.setFont(style.fontName, style.fontSize)
            text.textOut(line)
        self.canv.drawText(text)

    def _line_x(self, number: int, line: str) -> float:
        if self.style.alignment == TA_CENTER:
            return (self.width - self._line_width(number, line)) / 2
        return float(self.style.leftIndent)


def _as_markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


@functools.lru_cache(maxsize=1024)
def _broken_lines(text: str, style: ParagraphStyle, width: float) -> tuple[str, ...] | None:
    """The lines a Paragraph breaks plain text into at this width, or None when it would draw
    them other than as plain strings (markup, entities, squeezed spaces, soft hyphens).
    Cached: the same cell text recurs (stores, forces, kinds of still)."""
    if "\xad" in text:
        return None
    para = Paragraph(_as_markup(text), style)
    para.wrap(width, math.inf)
    broken = para.blPara
    if broken.kind != 0 or any(spare < 0 for spare, _words in broken.lines):
        return None
    return tuple(" ".join(words) for _spare, words in broken.lines)


class TextRows(Flowable):  # type: ignore[misc]  # reportlab has no stubs
    """Text one row under another, each padded like a cell of a one-column Table without rules.

    Looks as that Table did (the still captions were one) without its per-cell layout cost.
    """

    def __init__(self, rows: list[Text], width: float, pad_x: float, pad_y: float) -> None:
        super().__init__()
        self.rows, self.width, self.pad_x, self.pad_y = rows, width, pad_x, pad_y
        self.hAlign = "CENTER"  # as a Table: a full-width one overhangs the frame's padding
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        inner = self.width - 2 * self.pad_x
        self._heights = [row.wrap(inner, available_height)[1] + 2 * self.pad_y for row in self.rows]
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Between rows, as the Table did; never inside one."""
        self.wrap(available_width, available_height)
        fit, used = 0, 0.0
        while fit < len(self.rows) and used + self._heights[fit] <= available_height:
            used += self._heights[fit]
            fit += 1
        if not 0 < fit < len(self.rows):
            return []
        return [TextRows(part, self.width, self.pad_x, self.pad_y)
                for part in (self.rows[:fit], self.rows[fit:])]  # fmt: skip

    def draw(self) -> None:
        top = self.height
        for row, height in zip(self.rows, self._heights, strict=True):
            top -= height
            row.drawOn(self.canv, self.pad_x, top + self.pad_y)


class SpanningTable(Table):  # type: ignore[misc]  # reportlab has no stubs
    """A Table with many spanned cells (a row spanning the width under each exhibit).

    reportlab lists the spanned cells and looks every cell up in those lists when it measures
    the table: quadratic in the rows, which the 400 rows of a 200-still exhibit list notice.
    Sets give the same answers at once.
    """

    _colSpanCells: Collection[tuple[int, int]]
    _rowSpanCells: Collection[tuple[int, int]]

    def _calcSpanRanges(self) -> None:  # reportlab's name
        super()._calcSpanRanges()
        self._colSpanCells = set(self._colSpanCells)
        self._rowSpanCells = set(self._rowSpanCells)


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
