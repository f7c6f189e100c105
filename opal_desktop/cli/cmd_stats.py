"""`stats [--period P] [--stores A,B] [--json]` and `report --out FILE.pdf [--period P] [--stores A,B]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context, file_errors
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.cli.parsing import add_command

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.dashboard.figures import Figures

PERIOD_HELP = "a month (2026-11), a year (2026), dates (2026-10-01..2026-12-31) or 'all'"
STORES_HELP = "store codes separated by commas (default: every store you may see)"


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    stats = add_command(
        commands, "stats", common, summary="print the dashboard's figures for a period and stores",
        handler=run_stats, json_output=True,
        details="Without --period: all the incidents you may see. Times of day are UK local time;\n"
                "money in JSON is in pence.",
        examples="  opal-desktop --user manager stats --json\n"
                 "  opal-desktop --user manager stats --period 2026-11 --stores LDS01,YRK01 --json",
    )  # fmt: skip
    stats.add_argument("--period", metavar="PERIOD", help=PERIOD_HELP + " (default: all)")
    stats.add_argument("--stores", metavar="CODES", help=STORES_HELP)
    report = add_command(
        commands, "report", common, summary="write the signed PDF report of the dashboard for a period and stores",
        handler=run_report,
        details="Signed with the organisation's certificate (managers and administrators), like packages.",
        examples="  opal-desktop --user manager report --period 2026-11 --stores LDS01,YRK01 --out report.pdf",
    )  # fmt: skip
    report.add_argument(
        "--period", metavar="PERIOD", help=PERIOD_HELP + " (default: the last full month)"
    )
    report.add_argument("--stores", metavar="CODES", help=STORES_HELP)
    report.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)


def _today() -> object:
    from opal_desktop.domain.timeutil import utc_now, utc_to_london

    return utc_to_london(utc_now()).date()


def run_stats(ctx: Context) -> int:
    from opal_desktop.dashboard import queries, scope

    with ctx.signed_in() as vault:
        today = _today()
        chosen = scope.resolve(vault, period=ctx.args.period, store_list=ctx.args.stores,
                               today=today, default="all")  # type: ignore[arg-type]  # fmt: skip
        figures = queries.compute(vault, chosen, today)  # type: ignore[arg-type]
    if ctx.json:
        emit_json(figures.to_json())
    else:
        print_figures(figures)
    return 0


def print_figures(figures: Figures) -> None:
    from opal_desktop.dashboard import palette

    r = figures.readiness
    print_facts([
        ("Covers", figures.scope.label),
        ("Incidents", f"{figures.incidents:,}"),
        ("Loss", palette.pounds(figures.loss_pence)),
        ("With a crime reference", f"{palette.percent(r.share_with_crime_reference)}; "
                                   f"{r.missing_crime_reference:,} missing"),
        ("Police take (median)", palette.days_text(r.median_days_to_crime_reference)),
        ("Waiting for a crime reference", f"{r.waiting_total:,}"),
    ])  # fmt: skip
    print()
    print_table(["Top offence types", "Incidents", "Loss"],
                [(t.label, t.incidents, palette.pounds(t.pence)) for t in figures.types])  # fmt: skip
    print()
    print_table(["Top tactics", "Incidents", "Loss"],
                [(t.label, t.incidents, palette.pounds(t.pence)) for t in figures.tactics])  # fmt: skip
    print()
    print_table(["Repeat vehicles", "Incidents", "Stores", "Force areas"],
                [(v.label, v.incidents, ",".join(v.stores), ", ".join(v.force_areas)) for v in figures.vehicles])  # fmt: skip


def run_report(ctx: Context) -> int:
    from opal_desktop.dashboard import queries, scope
    from opal_desktop.dashboard.report import export_report

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".pdf":
        from opal_desktop.errors import InvalidInput

        raise InvalidInput(
            f"The report is a PDF: give --out a name ending in .pdf, not {out.name}."
        )
    with ctx.signed_in() as vault:
        today = _today()
        chosen = scope.resolve(vault, period=ctx.args.period, store_list=ctx.args.stores,
                               today=today)  # type: ignore[arg-type]  # fmt: skip
        figures = queries.compute(vault, chosen, today)  # type: ignore[arg-type]
        with file_errors(out, "write the report to"):
            exported = export_report(vault, figures, out)
    print(f"Wrote {exported.path} ({exported.pages} pages, signed): {figures.scope.label}, "
          f"{figures.incidents:,} incidents.", file=sys.stderr)  # fmt: skip
    return 0
