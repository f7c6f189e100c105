"""The printable report: the dashboard's figures and charts for a period and stores, as a
PDF signed like the packages (PAdES B-B with the organisation's certificate).

    figures = queries.compute(vault, scope, today)
    exported = export_report(vault, figures, Path("report.pdf"))   # off the GUI thread

The file appears complete at its path or not at all (atomic_output), and the export is
written to the audit trail. Charts are reportlab drawings made in memory.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from opal_desktop.dashboard import charts_pdf, palette
from opal_desktop.dashboard.figures import Figures
from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import show, utc_now
from opal_desktop.errors import PermissionDenied
from opal_desktop.fileio import atomic_output
from opal_desktop.packages.pdf_layout import PageFacts, canvas_maker, document
from opal_desktop.packages.pdf_styles import (
    BODY,
    CELL,
    CELL_BOLD,
    H1,
    H2,
    SMALL,
    WIDTH,
    grid_style,
    key_values,
    markup,
    para,
    register_fonts,
)
from opal_desktop.vault.vault import Vault

MARKING = "OFFICIAL-SENSITIVE"  # it describes people suspected of crime
TITLE = "Loss-prevention report"


@dataclass(frozen=True)
class ExportedReport:
    path: Path
    pages: int
    size_bytes: int


def _table(headers: list[str], rows: list[list[str]], widths: list[float]) -> Flowable:
    if not rows:
        return para("None in this period.", SMALL)
    data = [[para(h, CELL_BOLD) for h in headers]] + [[para(c, CELL) for c in row] for row in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(grid_style())
    return table


def _summary(figures: Figures, organisation: str) -> list[Flowable]:
    r = figures.readiness
    scope = figures.scope
    return [
        markup(TITLE, H1),
        key_values(
            [
                ("Organisation", organisation),
                ("Period", scope.period.label if scope.period else "All time"),
                ("Stores", ", ".join(scope.store_codes)),
                ("Made", show(utc_now(), with_zone=True)),
                ("Incidents", f"{figures.incidents:,}"),
                ("Loss", palette.pounds(figures.loss_pence)),
                (
                    "With a crime reference",
                    f"{palette.percent(r.share_with_crime_reference)} "
                    f"({r.with_crime_reference:,} of {figures.incidents:,}); {r.missing_crime_reference:,} missing",
                ),
                ("Police take (median)", _median_text(figures)),
                ("Waiting for a crime reference", f"{r.waiting_total:,} reported incidents"),
            ]
        ),
        Spacer(1, 4 * mm),
    ]


def _median_text(figures: Figures) -> str:
    r = figures.readiness
    if r.median_days_to_crime_reference is None:
        return "Not known yet: no crime reference was added after logging in this period"
    return (f"{palette.days_text(r.median_days_to_crime_reference)} to give a crime reference "
            f"(over {r.measured:,} added after logging)")  # fmt: skip


def _readiness_sentence(figures: Figures) -> str:
    r = figures.readiness
    first = (
        f"{palette.percent(r.share_with_crime_reference)} of incidents have a crime reference; "
        f"{r.missing_crime_reference:,} do not."
    )
    if r.median_days_to_crime_reference is None:
        return (
            first
            + " No crime reference was added after logging in this period, so there is no median yet."
        )
    return first + (
        f" The police took a median of {palette.days_text(r.median_days_to_crime_reference)} to give one "
        f"(over {r.measured:,} incidents)."
    )


def story(figures: Figures, organisation: str) -> list[Flowable]:
    r = figures.readiness
    out: list[Flowable] = [*_summary(figures, organisation)]
    if figures.weeks:
        out += [charts_pdf.weekly_chart(figures, money=False), Spacer(1, 3 * mm),
                charts_pdf.weekly_chart(figures, money=True)]  # fmt: skip
    out += [Spacer(1, 4 * mm), KeepTogether([charts_pdf.heat_map(figures)]), PageBreak()]
    out += [
        markup("What is taken, and how", H2),
        _table(
            ["Offence type", "Incidents", "Loss"],
            [[t.label, f"{t.incidents:,}", palette.pounds(t.pence)] for t in figures.types],
            [WIDTH - 60 * mm, 25 * mm, 35 * mm],
        ),
        Spacer(1, 4 * mm),
        charts_pdf.ranked_chart(
            "Top tactics (incidents)",
            figures.tactics,
            "Incidents where the tactic was seen, and their loss",
            by_money=False,
        ),
        Spacer(1, 4 * mm),
        charts_pdf.ranked_chart(
            "Top goods by value taken", figures.goods, "Value taken (£): quantity × unit price"
        ),
        CondPageBreak(60 * mm),
        markup("Repeat subjects and vehicles (seen at two or more stores)", H2),
        _table(
            ["Subject", "Incidents", "Stores", "Force areas"],
            [
                [s.label, str(s.incidents), ", ".join(s.stores), ", ".join(s.force_areas)]
                for s in figures.subjects
            ],
            [70 * mm, 18 * mm, 40 * mm, WIDTH - 128 * mm],
        ),
        Spacer(1, 3 * mm),
        _table(
            ["Vehicle", "Incidents", "Stores", "Force areas"],
            [
                [v.label, str(v.incidents), ", ".join(v.stores), ", ".join(v.force_areas)]
                for v in figures.vehicles
            ],
            [70 * mm, 18 * mm, 40 * mm, WIDTH - 128 * mm],
        ),
        CondPageBreak(60 * mm),
        markup("Opal readiness", H2),
        para(_readiness_sentence(figures), BODY),
        markup("Waiting longest for a crime reference", CELL_BOLD),
        _table(
            ["Incident", "Store", "Reported to police", "Waiting"],
            [
                [w.reference, w.store_code, f"{w.reported_on:%d/%m/%Y}", palette.days_text(w.days)]
                for w in r.waiting
            ],
            [50 * mm, 25 * mm, 40 * mm, WIDTH - 115 * mm],
        ),
    ]
    if r.series is not None:
        out += [
            Spacer(1, 3 * mm),
            markup("Series by readiness (referral rules are indicative)", CELL_BOLD),
            _table(
                ["Series", "Name", "Incidents", "Referral check"],
                [[s.reference, s.name, str(s.incidents), s.verdict] for s in r.series],
                [25 * mm, WIDTH - 105 * mm, 20 * mm, 60 * mm],
            ),
        ]
    out += [Spacer(1, 5 * mm), markup("Notes", CELL_BOLD), *[para(n, SMALL) for n in figures.notes]]
    return out


def write_report(figures: Figures, organisation: str, out: io.BufferedIOBase | io.BytesIO) -> int:
    """The unsigned PDF into `out`; returns its page count."""
    register_fonts()
    facts = PageFacts(MARKING, TITLE, figures.scope.label, draft=False)
    doc = document(out, facts, author=organisation)
    doc.title = f"{TITLE} · {figures.scope.label}"
    doc.subject = f"Loss-prevention report ({MARKING})"
    doc.build(story(figures, organisation), canvasmaker=canvas_maker(facts))
    return int(doc.page)


def export_report(vault: Vault, figures: Figures, out_path: Path) -> ExportedReport:
    """Write and sign the report at `out_path`. Managers and admins (they hold the signing key)."""
    if not vault.can(Permission.EXPORT_PACKAGES):
        raise PermissionDenied(
            "sign reports with the organisation's certificate", vault.actor.role.label
        )
    from opal_desktop.packages.cms import make_signer
    from opal_desktop.packages.pdf_sign import sign_pdf
    from opal_desktop.vault.signing import signing_material

    organisation = str(vault.settings().get("organisation") or "")
    signer = make_signer(signing_material(vault))
    out_path = Path(out_path)
    with atomic_output(out_path, mode=0o644) as handle:
        pages = write_report(figures, organisation, handle)  # type: ignore[arg-type]
        handle.flush()
        sign_pdf(handle, signer, reason=TITLE, location=organisation)
        size = handle.seek(0, io.SEEK_END)
    with vault.transaction() as conn:
        vault.audit(conn, "report_exported", "report", figures.scope.label[:80],
                    f"{TITLE} for {figures.scope.label}: {figures.incidents} incidents, {pages} pages")  # fmt: skip
    return ExportedReport(out_path, pages, size)
