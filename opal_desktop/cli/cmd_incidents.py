"""`incidents list|show|import-csv`: find and read incidents, and bring in a spreadsheet."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context
from opal_desktop.cli.parsing import add_command, subcommands

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands

SORTS = {
    "occurred": "occurred_start",
    "reference": "reference",
    "type": "incident_type",
    "loss": "loss_pence",
    "crime-ref": "has_crime_reference",
    "stills": "stills_count",
    "offenders": "offender_count",
    "status": "status",
}

IMPORT_DETAILS = """\
The file is checked first: its encoding (UTF-8, Excel's UTF-8 with BOM, Windows-1252),
its delimiter (comma, semicolon, tab), which column feeds which field, and every row.
Rows with problems are listed by spreadsheet row number (the heading row is row 1) and
left out. Nothing is added until you confirm: type y at the prompt, or give --yes
(needed when stdin is not a terminal, and with --json). All the good rows are added in
one go, or none. Rows that meet every rule for completion come in as complete, the rest
as drafts. The column mapping is remembered for the next import into this vault.

Columns are matched to fields by their headings ("Date", "Crime Ref", "Loss £", "VRM"...).
Change or add a match with --map FIELD=COLUMN, or leave a field out with --map FIELD=.
Fields: {fields}.
Dates such as 03/04/2026 are read day first (3 April 2026), as in the UK; the check says
how many rows could be read either way round. Give --month-first for a US-style file.

exit codes: 0 imported; 1 checked but nothing imported (not confirmed); 2 a problem you
can fix (the message says what)."""


def _uk_date(text: str) -> date:
    from opal_desktop.domain.timeutil import parse_uk_date
    from opal_desktop.errors import InvalidInput

    try:
        return parse_uk_date(text)
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _limit(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("use a whole number from 1 to 100000")
    return value


def _mapping_pair(text: str) -> tuple[str, str]:
    field, sep, column = text.partition("=")
    if not sep or not field.strip():
        raise argparse.ArgumentTypeError(
            f'{text!r} is not FIELD=COLUMN, e.g. crime_reference="Crime No"'
        )
    return field.strip(), column.strip()


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    from opal_desktop.incidents.csv_mapping import FIELDS

    incidents = add_command(
        commands, "incidents", common, summary="list, show and import incidents"
    )
    actions = subcommands(incidents)
    listing = add_command(
        actions,
        "list",
        common,
        summary="list incidents, newest first, with filters and search",
        handler=run_list,
        json_output=True,
        details="Officers see their own store's incidents; managers and administrators all stores'.",
        examples=(
            "  opal-desktop --user j.smith incidents list --search 'stanley knife'\n"
            "  opal-desktop --user a.admin incidents list --from 01/11/2026 --to 30/11/2026 \\\n"
            "      --type theft-from-shop --missing-crime-ref --sort loss --json"
        ),
    )
    listing.add_argument(
        "--search", default="", metavar="TEXT", help="words, part of a plate or a number"
    )
    listing.add_argument(
        "--from", dest="date_from", type=_uk_date, metavar="DATE", help="from this day (dd/mm/yyyy)"
    )
    listing.add_argument(
        "--to", dest="date_to", type=_uk_date, metavar="DATE", help="to this day, inclusive"
    )
    listing.add_argument(
        "--type",
        action="append",
        default=[],
        metavar="TYPE",
        help="an incident type (id or name); repeat for more",
    )
    listing.add_argument(
        "--status", choices=("draft", "complete"), help="only drafts or only complete ones"
    )
    listing.add_argument(
        "--missing-crime-ref", action="store_true", help="only incidents without a crime reference"
    )
    listing.add_argument(
        "--store",
        action="append",
        default=[],
        metavar="CODE",
        help="only this store (NG/LDS01: one organisation's LDS01); repeat for more",
    )
    listing.add_argument(
        "--sort", choices=tuple(SORTS), default="occurred", help="default: occurred"
    )
    listing.add_argument("--ascending", action="store_true", help="smallest or oldest first")
    listing.add_argument("--limit", type=_limit, default=50, metavar="N", help="default 50")

    show = add_command(
        actions,
        "show",
        common,
        summary="show one incident in full",
        handler=run_show,
        json_output=True,
        examples=(
            "  opal-desktop --user j.smith incidents show LDS01-2026-00042\n"
            "  opal-desktop --user j.smith incidents show LDS01-2026-00042 --history --json"
        ),
    )
    show.add_argument(
        "reference",
        metavar="REF",
        help="e.g. LDS01-2026-00042; NG/LDS01-2026-00042 when two organisations use that reference",
    )
    show.add_argument("--history", action="store_true", help="also list every change to it")

    importing = add_command(
        actions,
        "import-csv",
        common,
        summary="import incidents from a CSV file exported from a spreadsheet",
        handler=run_import,
        json_output=True,
        details=IMPORT_DETAILS.format(fields=", ".join(f.key for f in FIELDS)),
        examples=(
            "  opal-desktop --user j.smith incidents import-csv incidents.csv\n"
            "  opal-desktop --user a.manager incidents import-csv export.csv \\\n"
            "      --map crime_reference='Crime No' --map police_incident_number= --yes"
        ),
    )
    importing.add_argument("file", type=Path, metavar="FILE", help="the CSV file")
    importing.add_argument(
        "--map",
        action="append",
        type=_mapping_pair,
        default=[],
        metavar="FIELD=COLUMN",
        help="feed FIELD from the column headed COLUMN (FIELD= leaves it out)",
    )
    importing.add_argument("--yes", action="store_true", help="import the good rows without asking")
    importing.add_argument("--month-first", action="store_true", help="dates are month/day/year (US style); the default is day/month/year")  # fmt: skip


def run_list(ctx: Context) -> int:
    from opal_desktop.cli.incidents_view import print_list

    return print_list(ctx)


def run_show(ctx: Context) -> int:
    from opal_desktop.cli.incidents_view import print_incident

    return print_incident(ctx)


def run_import(ctx: Context) -> int:
    from opal_desktop.cli.incidents_import import import_csv

    return import_csv(ctx)
