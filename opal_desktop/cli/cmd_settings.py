"""`settings show|set`: the vault's settings (administrators change them)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context
from opal_desktop.cli.output import emit_json, print_facts
from opal_desktop.cli.parsing import add_command, subcommands
from opal_desktop.errors import InvalidInput

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    settings = add_command(commands, "settings", common, summary="show or change vault settings")
    actions = subcommands(settings)
    add_command(
        actions,
        "show",
        common,
        summary="show the vault's settings",
        handler=run_show,
        json_output=True,
        examples="  opal-desktop --user a.admin settings show",
    )
    change = add_command(
        actions,
        "set",
        common,
        summary="change one setting (administrators)",
        handler=run_set,
        examples=(
            "  opal-desktop --user a.admin settings set idle_lock_minutes 5\n"
            "  opal-desktop --user a.admin settings set show_ethnic_appearance false"
        ),
    )
    change.add_argument("key", help="a name that `settings show` lists")
    change.add_argument("value", help="numbers as digits, yes/no or true/false for switches")
    store = add_command(
        actions,
        "store",
        common,
        summary="change this store's address, postcode or police force (administrators)",
        handler=run_store,
        details=(
            "They appear in every export (the PDF, package.json). Give only what changes; "
            "the change is written to the audit trail."
        ),
        examples=(
            '  opal-desktop --user a.admin settings store --address "12 Briggate, Leeds" '
            "--postcode LS1 6HD\n"
            "  opal-desktop --user a.admin settings store --force west-yorkshire"
        ),
    )
    store.add_argument("--address", help="street and town; separate lines with commas")
    store.add_argument("--postcode", help="UK postcode, e.g. LS1 6HD")
    store.add_argument("--force", help="police force id or name (`opal-desktop forces` lists them)")


def parse_value(key: str, text: str, current: object) -> object:
    """Read VALUE as the same kind of value the setting holds now."""
    if isinstance(current, bool):
        lowered = text.strip().lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        raise InvalidInput(f"{key} is a switch: give yes or no.")
    if isinstance(current, int):
        try:
            return int(text)
        except ValueError:
            raise InvalidInput(f"{key} is a number: give it in digits, like 10.") from None
    return text


def run_show(ctx: Context) -> int:
    with ctx.signed_in() as vault:
        values = vault.settings()
        home = vault.home_store()
    store = {"code": home.code, "name": home.name, "retailer": home.retailer,
             "address": home.address or "", "postcode": home.postcode or "", "force_id": home.force_id}  # fmt: skip
    if ctx.json:
        emit_json({**values, "home_store": store})
    else:
        print_facts(
            [(key, json.dumps(value, ensure_ascii=False)) for key, value in sorted(values.items())]
            + [(f"store {key}", value or "(none)") for key, value in store.items()]
        )
    return 0


def force_id_from(text: str) -> str:
    """A force's id from its id or its name, as typed ('west-yorkshire', 'West Yorkshire Police')."""
    from opal_desktop.domain.reference import force_by_id, police_forces

    wanted = " ".join(text.split()).casefold()
    for force in police_forces():
        if wanted in (force.id, force.name.casefold()):
            return force.id
    return force_by_id(text.strip()).id  # raises with the sentence that says what to type


def run_store(ctx: Context) -> int:
    args = ctx.args
    if args.address is None and args.postcode is None and args.force is None:
        raise InvalidInput("Give what changes: --address, --postcode or --force.")
    force = None if args.force is None else force_id_from(args.force)
    with ctx.signed_in() as vault:
        change = vault.update_home_store(
            address=args.address, postcode=args.postcode, force_id=force
        )
    if change.changes:
        print(f"Changed. {change.summary}.")
    else:
        print(f"Nothing changed: store {change.code} already has those details.")
    return 0


def run_set(ctx: Context) -> int:
    from opal_desktop.vault.vault import DEFAULT_SETTINGS

    key = ctx.args.key
    if key not in DEFAULT_SETTINGS:
        raise InvalidInput(
            f"There is no setting called {key!r}. Settings: {', '.join(sorted(DEFAULT_SETTINGS))}."
        )
    with ctx.signed_in() as vault:
        value = parse_value(key, ctx.args.value, vault.settings()[key])
        vault.update_settings(**{key: value})
        value = vault.settings()[key]  # as kept (an organisation code in capitals)
    print(f"{key} is now {json.dumps(value, ensure_ascii=False)}.")
    return 0
