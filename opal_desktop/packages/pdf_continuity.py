"""The continuity statements in the package PDF: one per producer, each starting on its own
page so it can be printed, signed by hand and served on its own (see packages/continuity)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from opal_desktop.packages import continuity
from opal_desktop.packages.pdf_pages import Context
from opal_desktop.packages.pdf_styles import CELL, H1, H2, SMALL, key_values, para

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

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


def export_statements(
    vault: Vault, reference: str, out: Path, producer: str = ""
) -> tuple[Path, str]:
    """The continuity statements of a package (or one producer's) as their own signed PDF,
    to print and sign by hand; recorded in the audit trail with the file's SHA-256."""
    import io

    from opal_desktop.domain.roles import Permission
    from opal_desktop.errors import InvalidInput
    from opal_desktop.fileio import atomic_output
    from opal_desktop.packages import store
    from opal_desktop.packages.cms import make_signer
    from opal_desktop.packages.export import snapshot_for
    from opal_desktop.packages.pdf_layout import PageFacts, canvas_maker, document
    from opal_desktop.packages.pdf_sign import sign_pdf
    from opal_desktop.packages.pdf_styles import register_fonts
    from opal_desktop.vault.signing import signing_material

    vault.require(Permission.EXPORT_PACKAGES)
    snapshot = snapshot_for(vault, reference)
    chosen = [s for s in continuity.statements(snapshot.data)
              if not producer or s.producer["username"] == producer.strip().lower()]  # fmt: skip
    if not chosen:
        raise InvalidInput(
            f"{reference} has no stills produced by {producer}."
            if producer
            else f"{reference} has no stills, so there is no continuity statement to print."
        )
    snapshot.data["producers"] = [s.producer for s in chosen]
    register_fonts()
    data = snapshot.data
    facts = PageFacts(data["marking"], snapshot.reference, data["package"]["title"], False)
    ctx = Context(snapshot, False)
    story = continuity_statements(ctx)[1:]  # no page break before the first
    buffer = io.BytesIO()
    document(buffer, facts, author=data["submitter"]["organisation"]).build(
        story, canvasmaker=canvas_maker(facts)
    )
    out = Path(out)
    with atomic_output(out, mode=0o644) as handle:
        handle.write(buffer.getvalue())
        handle.flush()
        sign_pdf(handle, make_signer(signing_material(vault)),
                 location=data["submitter"]["organisation"], reason="Continuity statement")  # fmt: skip
        handle.seek(0)
        digest = hashlib.sha256(handle.read()).hexdigest()
    names = ", ".join(s.producer["name"] for s in chosen)
    with vault.transaction() as conn:
        vault.audit(conn, "continuity_statement_printed", "package", store.get_package(vault, reference).reference,
                    f"{out.name} for {names} (SHA-256 {digest})")  # fmt: skip
    return out, digest
