"""The continuity statements in the package PDF: one per producer, each starting on its own
page so it can be printed, signed by hand and served on its own (see packages/continuity)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from opal_desktop.packages import continuity
from opal_desktop.packages.pdf_pages import Context
from opal_desktop.packages.pdf_styles import CELL, H1, H2, SMALL, key_values, para

_SIGN = "Signature: ...........................................     Date: ....................."


def continuity_statements(ctx: Context) -> list[Flowable]:
    story: list[Flowable] = []
    for statement in continuity.statements(ctx.data):
        p = statement.producer
        story += [
            PageBreak(),
            para("Witness statement: exhibits and continuity", H1),
            para("Criminal Procedure Rules Part 16; Criminal Justice Act 1967 s.9", SMALL),
            key_values(
                [
                    ("Statement of", p["name"]),
                    ("Occupation", f"{p['role']}, {p['employer']}"),
                    ("Package", ctx.snapshot.reference),
                    ("Exhibits", statement.initials_numbers),
                ]
            ),
            Spacer(1, 3 * mm),
            para(continuity.DECLARATION.format(pages="this and the following pages, each")),
            para(_SIGN),
            *(para(text) for text in continuity.body(statement, ctx.data)),
        ]
        for exhibit in statement.exhibits:
            events = statement.custody[exhibit["reference"]]
            # one row per custody event: a table splits between rows, never inside a cell
            lines = [continuity.custody_line(e) for e in events] or ["No events recorded."]
            rows = [("Description", continuity.describe(exhibit)),
                    ("File", str(exhibit.get("original_filename") or "")),
                    ("SHA-256", exhibit["sha256"]),
                    *(("Chain of custody" if n == 0 else " ", line) for n, line in enumerate(lines))]  # fmt: skip
            story += [CondPageBreak(40 * mm), para(f"Exhibit {exhibit['reference']}", H2),
                      key_values(rows)]  # fmt: skip
        story += [Spacer(1, 6 * mm), para(_SIGN, CELL),
                  para("Signature witnessed by: ...........................................", CELL)]  # fmt: skip
    return story
