"""`demo`: build a realistic fictional vault to try the app on, take screenshots or benchmark."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from opal_desktop.cli.context import PASSWORD, PASSWORD_ENV, Context, file_errors
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.cli.parsing import add_command
from opal_desktop.errors import InvalidInput

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.incidents.demo import DemoResult


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    demo = add_command(
        commands,
        "demo",
        common,
        summary="create a demo vault full of fictional incidents to try the app on",
        handler=run_demo,
        json_output=True,
        details=(
            "Makes a new vault for a fictional retailer with stores in several police force\n"
            "areas, the users admin, manager and officer.<store> (one per store), a year of\n"
            "incidents up to 15/11/2026 (or --until) and a few series of linked incidents. The\n"
            "same --seed and --until give the same incidents. Every user gets the password in "
            f"{PASSWORD_ENV} (or,\nwith --password-stdin, the first line on stdin); "
            "without either, three random\nwords are chosen and printed. "
            "Refuses a folder that already holds a vault."
        ),
        examples=(
            "  opal-desktop demo --vault ./demo-vault\n"
            "  OPAL_DESKTOP_PASSWORD='kettle orbit velvet' opal-desktop demo --vault ./big \\\n"
            "      --incidents 100000 --seed 7 --json"
        ),
    )
    demo.add_argument(
        "--incidents",
        type=int,
        default=400,
        metavar="N",
        help="how many incidents in all, series included (default: 400)",
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default: 1)")
    demo.add_argument(
        "--until",
        metavar="DATE",
        help="the incidents cover the 12 months up to this day, dd/mm/yyyy (default: 15/11/2026)",
    )


def run_demo(ctx: Context) -> int:
    if not ctx.args.vault:
        raise InvalidInput(
            "Say where to make the demo vault with --vault DIR (a new folder), "
            "so it is never mistaken for the real one."
        )
    folder = ctx.vault_folder()
    given = ctx.args.password_stdin or bool(os.environ.get(PASSWORD_ENV))
    password = ctx.secret(PASSWORD) if given else None
    from opal_desktop.domain.timeutil import parse_uk_date
    from opal_desktop.incidents.demo import DEMO_UNTIL, build_demo

    until = parse_uk_date(ctx.args.until, "--until date") if ctx.args.until else DEMO_UNTIL

    def step(message: str) -> None:
        print(f"{message}...", file=sys.stderr, flush=True)

    with file_errors(folder, "create a demo vault in"):
        result = build_demo(
            folder,
            incidents=ctx.args.incidents,
            seed=ctx.args.seed,
            password=password,
            until=until,
            step=None if ctx.json else step,
        )
    if ctx.json:
        emit_json(_as_json(result))
    else:
        _print(result)
    return 0


def _try_it(result: DemoResult) -> str:
    return f"opal-desktop --vault {result.folder}"


def _as_json(result: DemoResult) -> dict[str, object]:
    return {
        "vault": str(result.folder),
        "organisation": result.organisation,
        "seed": result.seed,
        "until": result.until.isoformat(),
        "stores": [
            {"code": s.code, "name": s.name, "force_id": s.force_id, "home": i == 0}
            for i, s in enumerate(result.stores)
        ],
        "users": [
            {"username": u.username, "role": u.role.value, "store_code": u.store_code}
            for u in result.users
        ],
        "password": result.password if result.password_generated else None,
        "password_source": "generated" if result.password_generated else "given",
        "recovery_code": result.recovery_code,
        "incidents": {
            "count": result.incident_count,
            "first_reference": result.first_reference,
            "last_reference": result.last_reference,
        },
        "series": [s.to_json() for s in result.series],
        "stills": result.stills_count,
        "seconds": round(result.seconds, 2),
        "try_it": f"{_try_it(result)} (sign in as manager)",
    }


def _print(result: DemoResult) -> None:
    from opal_desktop.domain.reference import force_by_id

    print(f"Created the demo vault for {result.organisation} at {result.folder.resolve()}")
    print(f"{result.incident_count:,} incidents ({result.first_reference} ... "
          f"{result.last_reference}), seed {result.seed}, up to {result.until:%d/%m/%Y}, "
          f"{result.stills_count} CCTV stills, in {result.seconds:.1f} s")  # fmt: skip
    print()
    print_table(
        ["STORE", "NAME", "POLICE FORCE"],
        [
            (s.code + (" (home)" if i == 0 else ""), s.name, force_by_id(s.force_id).name)
            for i, s in enumerate(result.stores)
        ],
    )
    print()
    print_table(
        ["USER", "ROLE", "STORE"],
        [(u.username, u.role.label, u.store_code) for u in result.users],
    )
    print()
    print_table(
        ["SERIES", "INCIDENTS", "FORCES", "READY TO REFER"],
        [
            (s.name, len(s.incident_references), len(s.force_ids), s.ready_to_refer)
            for s in result.series
        ],
    )
    print()
    print_facts(
        [
            (
                "Password (every user)",
                result.password if result.password_generated else f"the one in {PASSWORD_ENV}",
            ),
            ("Recovery code", result.recovery_code),
        ]
    )
    print()
    print(f"Try it: {_try_it(result)}  then sign in as manager.")
