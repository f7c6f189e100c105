"""`incidents import-csv`: check a CSV file, show what would come in, and import on confirmation."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context, file_errors
from opal_desktop.cli.output import emit_json, print_table
from opal_desktop.errors import BadFile

if TYPE_CHECKING:
    from opal_desktop.incidents.csv_import import BadRow

NOTHING_IMPORTED = 1
SHOW_BAD_ROWS = 50


def import_csv(ctx: Context) -> int:
    from opal_desktop.incidents.csv_import import commit, import_defaults, parse
    from opal_desktop.incidents.csv_mapping import saved_mapping, suggest_mapping
    from opal_desktop.incidents.csv_read import MAX_BYTES, read_table

    path: Path = ctx.args.file
    with file_errors(path, "read"):
        if path.stat().st_size > MAX_BYTES:
            raise BadFile(
                f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB. "
                "Split it into smaller files and import them one at a time."
            )
        data = path.read_bytes()
    table = read_table(data)  # a file that cannot work fails before the slow sign-in
    with ctx.signed_in() as vault:
        defaults = import_defaults(vault)
        mapping = suggest_mapping(table.headers, saved_mapping(vault))
        mapping.update(dict(ctx.args.map))
        month_first = bool(getattr(ctx.args, "month_first", False))
        plan = parse(table, mapping, defaults, month_first=month_first)
        switch = f"run the import again {'without' if month_first else 'with'} --month-first"
        dates = [note.sentence(switch) for note in plan.ambiguous_dates]
        doc: dict[str, object] = {
            "file": str(path),
            "encoding": plan.encoding,
            "delimiter": table.delimiter_name,
            "headers": list(table.headers),
            "rows": plan.total_rows,
            "blank_rows": plan.blank_rows,
            "mapping": plan.mapping,
            "dates_read": "month first" if month_first else "day first",
            "ambiguous_dates": [{"column": n.column, "rows": n.rows, "example": n.example,
                                 "read_as": n.read_as.isoformat(), "sentence": s}
                                for n, s in zip(plan.ambiguous_dates, dates, strict=True)],
            "bad_rows": [{"row": b.row, "reasons": list(b.reasons), "sentence": b.sentence} for b in plan.bad],
            "ready": len(plan.good),
            "complete": plan.complete_count,
            "drafts": plan.draft_count,
            "missing_crime_reference": plan.missing_crime_reference_count,
            "imported": 0,
        }  # fmt: skip
        if not ctx.json:
            _print_plan(path, table.headers, doc, plan.bad, [*dates, plan.summary()])
        if plan.good and not _confirmed(ctx, len(plan.good)):
            if ctx.json:
                emit_json(doc)
            else:
                print(
                    f"Nothing was imported. Run again with --yes to import the {len(plan.good):,} good rows."
                )
            return NOTHING_IMPORTED
        if not plan.good and ctx.json:
            emit_json(doc)
        result = commit(vault, plan, path.name)  # refuses, in a sentence, if there is nothing good
    doc.update(
        imported=result.count,
        first_reference=result.first_reference,
        last_reference=result.last_reference,
    )
    if ctx.json:
        emit_json(doc)
    else:
        print(
            f"Imported {result.count:,} incident{'s' if result.count != 1 else ''}: "
            f"{result.first_reference} to {result.last_reference}."
        )
    return 0


def _print_plan(
    path: Path,
    headers: tuple[str, ...],
    doc: dict[str, object],
    bad: Sequence[BadRow],
    closing: Sequence[str],
) -> None:
    from opal_desktop.incidents.csv_mapping import FIELDS_BY_KEY

    mapping = doc["mapping"]
    assert isinstance(mapping, dict)
    print(f"File: {path} ({doc['encoding']}, {doc['delimiter']}-delimited, {doc['rows']:,} rows)")
    print()
    print_table(
        ["FIELD", "FROM COLUMN", "MEANING"],
        [(k, mapping[k], FIELDS_BY_KEY[k].label) for k in FIELDS_BY_KEY if k in mapping],
    )
    unused = [h for h in headers if h not in mapping.values()]
    if unused:
        print(f"\nColumns not used: {', '.join(unused)}.")
    if bad:
        print("\nRows with problems (they will be left out):")
        for row in bad[:SHOW_BAD_ROWS]:
            print(f"  {row.sentence}")
        if len(bad) > SHOW_BAD_ROWS:
            print(f"  … and {len(bad) - SHOW_BAD_ROWS:,} more (--json lists them all).")
    print()
    for line in closing:  # how ambiguous dates were read (once per column), then the counts
        print(line)


def _confirmed(ctx: Context, count: int) -> bool:
    if ctx.args.yes:
        return True
    if ctx.json or not sys.stdin.isatty():
        return False
    print(f"Import {count:,} incident{'s' if count != 1 else ''}? [y/N] ", end="", flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")
