"""The package PDF's quick text flowables look exactly as the Paragraphs and Tables they stand
in for: rendered side by side with poppler, the pages are the same pixels; user text is
never read as markup."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from html import escape
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from PIL import Image, ImageChops
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

from opal_desktop.packages import pdf_words as words
from opal_desktop.packages.pdf_incidents import still_caption
from opal_desktop.packages.pdf_styles import (
    BODY,
    CELL,
    CELL_BOLD,
    COVER_KIND,
    NARROW,
    TINY,
    WIDTH,
    SpanningTable,
    Text,
    TextRows,
    grid_style,
    register_fonts,
)
from opal_desktop.packages.snapshot import PackageExhibit

SAMPLES = [
    "BEN01-2026-00001",
    "master, JPEG 1920x1080",  # wraps in a narrow column
    "Two males filled a foil-lined bag with spirits and left by the fire exit. " * 4,
    "spaces  collapsed and  trimmed ",
    "first line\nsecond line",
    "O'Brien & Sons <b>not bold</b>",
    "x" * 120,  # one word longer than the column
    "",
]


@pytest.fixture(autouse=True)
def fonts() -> None:
    register_fonts()


def _pages(story: list[Flowable], tmp_path: Path, name: str) -> list[Image.Image]:
    pdf = tmp_path / f"{name}.pdf"
    SimpleDocTemplate(str(pdf)).build(story)
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / name)], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob(f"{name}-*.png"))]


def _same_pixels(quick: list[Flowable], slow: list[Flowable], tmp_path: Path) -> None:
    quick_pages, slow_pages = _pages(quick, tmp_path, "quick"), _pages(slow, tmp_path, "slow")
    assert len(quick_pages) == len(slow_pages)
    for number, (a, b) in enumerate(zip(quick_pages, slow_pages, strict=True), start=1):
        assert ImageChops.difference(a, b).getbbox() is None, f"page {number} differs"


def _paragraph(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _caption_table(markup: list[str]) -> Table:
    """How the still captions were made: a one-column Table of markup Paragraphs."""
    table = Table([[Paragraph(line, TINY)] for line in markup], colWidths=[WIDTH])
    table.setStyle(grid_style(header=False, lines=False, extra=[("TOPPADDING", (0, 0), (-1, -1), 0.5),
                                                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))  # fmt: skip
    return table


@pytest.mark.parametrize("style", [BODY, CELL_BOLD, NARROW, COVER_KIND], ids=lambda s: s.name)
def test_text_looks_like_its_paragraph(style: object, tmp_path: Path) -> None:
    _same_pixels([Text(t, style) for t in SAMPLES if t],
                 [_paragraph(t, style) for t in SAMPLES if t], tmp_path)  # fmt: skip


def test_table_cells_look_like_paragraph_cells(tmp_path: Path) -> None:
    def table(cell: Callable[[str, object], Flowable]) -> Table:
        rows = [[cell(t, NARROW) for t in SAMPLES[i : i + 3]] for i in range(len(SAMPLES) - 2)]
        made = Table(rows * 8, colWidths=[30 * mm, 40 * mm, WIDTH - 70 * mm], repeatRows=1)
        made.setStyle(grid_style())
        return made

    _same_pixels([table(Text)], [table(_paragraph)], tmp_path)


def test_caption_rows_look_like_the_one_column_table(tmp_path: Path) -> None:
    lines = [("Exhibit BA/1", " — master (original, unaltered)"), ("", "SHA-256 " + "ab12" * 16),
             ("", "Caption: " + "a long caption that has to wrap onto a second line " * 3)]  # fmt: skip
    quick = TextRows([Text(text, TINY, lead=lead) for lead, text in lines], WIDTH, 3, 0.5)
    table = _caption_table(
        [(f"<b>{lead}</b>" if lead else "") + escape(text) for lead, text in lines]
    )
    _same_pixels([quick] * 12, [table] * 12, tmp_path)


def test_still_caption_reads_as_the_caption_table_did(tmp_path: Path) -> None:
    info = SimpleNamespace(reference="BA/7-R1", kind="redacted", master_reference="BA/7",
                           format="PNG", sha256="0f" * 32, camera="Till 2 & door",
                           cctv_time_shown="21/11/2026 18:04", clock_offset_seconds=-65,
                           caption="Male in <b>grey</b> hoodie\nleaving  by the " + "fire exit " * 12)  # fmt: skip
    old = [  # the caption's markup before it was drawn as text
        f"<b>Exhibit {escape(info.reference)}</b> — redacted copy of BA/7; PNG shown converted for display",
        f"SHA-256 {info.sha256}",
        f"Camera: {escape(info.camera)} · CCTV time shown: {escape(info.cctv_time_shown)} · "
        f"Clock offset: {escape(words.clock_offset(info.clock_offset_seconds))}",
        f"Caption: {escape(info.caption)}",
    ]  # fmt: skip
    table = _caption_table(old)
    caption = still_caption(cast(PackageExhibit, SimpleNamespace(info=info)))
    _same_pixels([caption] * 8, [table] * 8, tmp_path)


def test_spanning_table_splits_over_pages_as_a_table(tmp_path: Path) -> None:
    def table(kind: type[Table]) -> Table:
        rows: list[list[object]] = [[Text(h, NARROW) for h in ("Exhibit", "Kind", "Size")]]
        style: list[tuple[object, ...]] = []
        for number in range(1, 90):
            rows.append([Text(f"BA/{number}", NARROW), Text("master, JPEG", NARROW), ""])
            rows.append(
                [Text(f"SHA-256 {number:064d}\nIn the ZIP package: x/{number}.jpg", TINY), "", ""]
            )
            style += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                      ("LINEBELOW", (0, len(rows) - 2), (-1, len(rows) - 2), 0, colors.white)]  # fmt: skip
        made = kind(rows, colWidths=[40 * mm, 40 * mm, WIDTH - 80 * mm], repeatRows=1)
        made.setStyle(grid_style(extra=style))
        return made

    _same_pixels([table(SpanningTable)], [table(Table)], tmp_path)


def test_user_text_is_shown_as_typed_never_as_markup(tmp_path: Path) -> None:
    typed = "<b>not bold</b> &amp; <br/> & 'quoted' \"too\""
    story: list[Flowable] = [Text(typed, CELL), Text(typed + " and on " * 30, CELL),
                             Text(typed, TINY, lead="Exhibit <i>BA/1</i>")]  # fmt: skip
    pdf = tmp_path / "typed.pdf"
    SimpleDocTemplate(str(pdf)).build(story)
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert shown.count(typed) == 3
    assert "Exhibit <i>BA/1</i>" in shown
