"""The dashboard's charts as reportlab.graphics drawings: vector, native in the PDF, drawn
from the same Figures the screen draws (no bitmap, no temporary file).

reportlab's own chart classes (VerticalBarChart, HorizontalBarChart) do the axes, scales
and labels; the heat map is a grid of cells with its count written in each one.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from opal_desktop.dashboard import palette
from opal_desktop.dashboard.figures import WEEKDAYS, Figures, Ranked
from opal_desktop.packages.pdf_styles import BOLD, FONT, WIDTH


def _hex(value: str) -> colors.Color:
    return colors.HexColor(value)


def _legend(drawing: Drawing, x: float, y: float, with_last_year: bool) -> None:
    drawing.add(
        Rect(
            x,
            y,
            9,
            7,
            fillColor=_hex(palette.THIS_PERIOD),
            strokeColor=colors.black,
            strokeWidth=0.4,
        )
    )
    drawing.add(String(x + 12, y + 0.5, "This period (filled)", fontName=FONT, fontSize=7))
    if with_last_year:
        drawing.add(Rect(x + 95, y, 9, 7, fillColor=colors.white, strokeColor=_hex(palette.LAST_YEAR),
                         strokeWidth=1.2, strokeDashArray=[2, 1]))  # fmt: skip
        drawing.add(
            String(
                x + 107, y + 0.5, "Same dates a year earlier (outlined)", fontName=FONT, fontSize=7
            )
        )


def weekly_chart(figures: Figures, money: bool) -> Drawing:
    """Incidents (or loss in £) per week, this period against the same dates a year earlier."""
    height = 150
    drawing = Drawing(WIDTH, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 48, 34, WIDTH - 60, height - 58
    this = [(w.loss_pence / 100 if money else w.incidents) for w in figures.weeks]
    compare = any(w.last_year_incidents is not None for w in figures.weeks)
    before = [
        ((w.last_year_loss_pence or 0) / 100 if money else (w.last_year_incidents or 0))
        for w in figures.weeks
    ]
    chart.data = [this, before] if compare else [this]
    chart.categoryAxis.categoryNames = [palette.day_month(w.start) for w in figures.weeks]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 0 if len(figures.weeks) <= 14 else 60
    chart.categoryAxis.labels.boxAnchor = "n" if len(figures.weeks) <= 14 else "ne"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = 1
    if not any(this) and not any(before):  # an empty period: a plain 0-4 scale, not £0 five times
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 4, 1
    if money:
        chart.valueAxis.labelTextFormat = lambda v: f"£{v:,.0f}"
    else:
        chart.valueAxis.labelTextFormat = lambda v: f"{v:.0f}" if v == int(v) else ""
    chart.bars[0].fillColor = _hex(palette.THIS_PERIOD)
    chart.bars[0].strokeColor = colors.black
    chart.bars[0].strokeWidth = 0.3
    if compare:
        chart.bars[1].fillColor = colors.white
        chart.bars[1].strokeColor = _hex(palette.LAST_YEAR)
        chart.bars[1].strokeWidth = 1.1
        chart.bars[1].strokeDashArray = [2, 1]
    chart.barSpacing = 1
    chart.groupSpacing = 6
    drawing.add(chart)
    title = "Loss per week (£)" if money else "Incidents per week"
    drawing.add(String(0, height - 10, title, fontName=BOLD, fontSize=9))
    axis = "Loss (£)" if money else "Incidents"
    drawing.add(
        String(4, 34 + (height - 58) / 2, axis, fontName=FONT, fontSize=7, textAnchor="middle")
    )
    drawing.contents[-1].x = 8  # left of the scale
    drawing.add(String(48 + (WIDTH - 60) / 2, 2, "Week starting (UK dates, dd/mm)", fontName=FONT,
                       fontSize=7, textAnchor="middle"))  # fmt: skip
    _legend(drawing, WIDTH - 290, height - 11, compare)
    return drawing


def heat_map(figures: Figures) -> Drawing:
    """Weekday × hour of day (UK local time), the count in every cell that has one."""
    hours = range(24)
    highest = max((max(row) for row in figures.heat), default=0)
    label_w, top, cell_h = 52, 16, 15
    cell_w = (WIDTH - label_w) / len(hours)
    height = top + 7 * cell_h + 26
    drawing = Drawing(WIDTH, height)
    drawing.add(
        String(
            0,
            height - 10,
            "When incidents happen (weekday × hour, UK local time)",
            fontName=BOLD,
            fontSize=9,
        )
    )
    y0 = height - top - 7 * cell_h - 4
    for row, day in enumerate(WEEKDAYS):
        y = y0 + (6 - row) * cell_h
        drawing.add(String(0, y + 4, day, fontName=FONT, fontSize=7))
        for col, hour in enumerate(hours):
            value = figures.heat[row][hour]
            rgb = palette.heat_rgb(value, highest)
            x = label_w + col * cell_w
            drawing.add(Rect(x, y, cell_w, cell_h, fillColor=colors.Color(*(c / 255 for c in rgb)),
                             strokeColor=colors.Color(0.8, 0.8, 0.8), strokeWidth=0.3))  # fmt: skip
            if value:
                ink = colors.white if palette.dark(rgb) else colors.black
                drawing.add(String(x + cell_w / 2, y + 4, str(value), fontName=FONT, fontSize=6.5,
                                   fillColor=ink, textAnchor="middle"))  # fmt: skip
    for col, hour in enumerate(hours):
        drawing.add(String(label_w + col * cell_w + cell_w / 2, y0 - 9, f"{hour:02d}", fontName=FONT,
                           fontSize=6.5, textAnchor="middle"))  # fmt: skip
    drawing.add(String(label_w, y0 - 19, "Hour starting (24-hour clock). Darker = more incidents.",
                       fontName=FONT, fontSize=6.5))  # fmt: skip
    drawing.add(Line(label_w, y0, WIDTH, y0, strokeWidth=0.4))
    return drawing


def ranked_chart(
    title: str, items: tuple[Ranked, ...], money_label: str, by_money: bool = True
) -> Drawing:
    """A horizontal bar per item, of what the list is ranked by (£, or incidents), the
    other figure written after it."""
    rows = max(1, len(items))
    height = 26 + rows * 15
    drawing = Drawing(WIDTH, height)
    drawing.add(String(0, height - 10, title, fontName=BOLD, fontSize=9))
    if not items:
        drawing.add(String(0, height - 26, "None in this period.", fontName=FONT, fontSize=8))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = 190, 16
    chart.width, chart.height = WIDTH - 270, rows * 15 - 4
    chart.data = [[(item.pence / 100 if by_money else item.incidents) for item in reversed(items)]]
    chart.categoryAxis.categoryNames = [_short(item.label) for item in reversed(items)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = (
        (lambda v: f"£{v:,.0f}") if by_money else (lambda v: f"{v:g}" if v == int(v) else "")
    )
    chart.bars[0].fillColor = _hex(palette.THIS_PERIOD)
    chart.bars[0].strokeColor = colors.black
    chart.bars[0].strokeWidth = 0.3
    chart.barLabelFormat = (lambda v: f"£{v:,.0f}") if by_money else (lambda v: f"{v:g}")
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    step = chart.height / rows
    for index, item in enumerate(reversed(items)):
        noun = "incident" if item.incidents == 1 else "incidents"
        other = (
            f"{item.incidents} {noun}" if by_money else f"loss {palette.whole_pounds(item.pence)}"
        )
        drawing.add(String(WIDTH, chart.y + step * index + step / 2 - 2.5, other,
                           fontName=FONT, fontSize=7, textAnchor="end"))  # fmt: skip
    drawing.add(
        String(WIDTH, height - 10, money_label, fontName=FONT, fontSize=7, textAnchor="end")
    )
    return drawing


def _short(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
