"""`init`, `forces` and `recover`: making a vault and getting back into it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from opal_desktop.cli.context import (
    NEW_PASSWORD,
    PASSWORD,
    PASSWORD_ENV,
    RECOVERY_CODE_ENV,
    Context,
    Secret,
    file_errors,
)
from opal_desktop.cli.output import emit_json, print_facts, print_table
from opal_desktop.cli.parsing import add_command

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands

RECOVERY_CODE = Secret(
    RECOVERY_CODE_ENV,
    1,
    f"No recovery code given: set {RECOVERY_CODE_ENV}, or with --password-stdin give it "
    "as the first line on stdin.",
)

WRITE_IT_DOWN = (
    "Write the recovery code down now and keep it somewhere safe, away from this PC. "
    "It is shown only this once. It resets an administrator's password if one is forgotten."
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    init = add_command(
        commands,
        "init",
        common,
        summary="create a new vault with its first administrator",
        handler=run_init,
        json_output=True,
        details=(
            f"The administrator's password comes from {PASSWORD_ENV} or, with\n"
            "--password-stdin, the first line on stdin (at least 12 characters; three random\n"
            "words work well). The recovery code is printed once: write it down."
        ),
        examples=(
            "  OPAL_DESKTOP_PASSWORD='kettle orbit velvet' opal-desktop init --vault ./vault \\\n"
            '      --org "Northern Grocers" --store-code LDS01 --store-name "Leeds Kirkstall" \\\n'
            '      --postcode "LS5 3BT" --force west-yorkshire --admin a.admin --admin-name "Alex Admin"'
        ),
    )
    init.add_argument("--org", required=True, metavar="NAME", help="organisation (retailer)")
    init.add_argument(
        "--store-code",
        required=True,
        metavar="CODE",
        help="2 to 10 letters or digits, e.g. LDS01; it starts every incident reference",
    )
    init.add_argument("--store-name", required=True, metavar="NAME", help="e.g. Leeds Kirkstall")
    init.add_argument("--address", default="", metavar="TEXT", help="the store's address")
    init.add_argument(
        "--postcode", required=True, metavar="POSTCODE", help="the store's UK postcode"
    )
    init.add_argument(
        "--force",
        required=True,
        dest="force_id",
        metavar="FORCE_ID",
        help="the store's police force id (`opal-desktop forces` lists them)",
    )
    init.add_argument("--admin", required=True, metavar="USERNAME", help="e.g. a.admin")
    init.add_argument(
        "--admin-name",
        metavar="FULL_NAME",
        help="the administrator's full name (default: USERNAME)",
    )

    add_command(
        commands,
        "forces",
        common,
        summary="list the UK police force ids that --force accepts",
        handler=run_forces,
        json_output=True,
        examples="  opal-desktop forces\n  opal-desktop forces --json",
    )

    recover = add_command(
        commands,
        "recover",
        common,
        summary="reset an administrator's forgotten password with the recovery code",
        handler=run_recover,
        details=(
            f"The recovery code comes from {RECOVERY_CODE_ENV} and the new password from\n"
            f"{NEW_PASSWORD.env}; with --password-stdin, the code is line 1 and the new\n"
            "password line 2."
        ),
        examples=(
            '  printf \'%s\\n%s\\n\' "$CODE" "$NEW" | opal-desktop --vault ./vault recover \\\n'
            "      --admin a.admin --password-stdin"
        ),
    )
    recover.add_argument("--admin", required=True, metavar="USERNAME", help="the administrator")


def run_init(ctx: Context) -> int:
    args = ctx.args
    folder = ctx.vault_folder()
    password = ctx.secret(PASSWORD)
    from opal_desktop.domain.reference import force_by_id
    from opal_desktop.vault import signing
    from opal_desktop.vault.vault import Vault, VaultSetup

    setup = VaultSetup(
        organisation=args.org,
        store_name=args.store_name,
        store_code=args.store_code,
        address=args.address,
        postcode=args.postcode,
        force_id=args.force_id,
        admin_username=args.admin,
        admin_display_name=args.admin_name or args.admin,
        admin_password=password,
    )
    with file_errors(folder, "create a vault in"):
        vault, code = Vault.create(folder, setup)
    try:
        fingerprint = signing.certificate_facts(vault).fingerprint_display
        actor = vault.actor
        store_name = vault.home_store().name  # as kept: spaces tidied, never shortened
    finally:
        vault.close()
    force = force_by_id(args.force_id)
    if ctx.json:
        emit_json(
            {
                "vault": str(folder),
                "vault_id": vault.vault_id,
                "store_code": actor.store_code,
                "admin": actor.username,
                "certificate_fingerprint": fingerprint,
                "recovery_code": code,
                "notice": WRITE_IT_DOWN,
            }
        )
        return 0
    print(f"Created the vault at {folder.resolve()}")
    print_facts(
        [
            ("  Store", f"{store_name} ({actor.store_code}), {force.name}"),
            ("  Administrator", actor.username),
            ("  Certificate fingerprint", fingerprint),
        ]
    )
    print()
    print("RECOVERY CODE")
    print(f"    {code}")
    print()
    print(WRITE_IT_DOWN)
    print(f"To use it: opal-desktop --vault {folder} recover --admin {actor.username}")
    return 0


def run_forces(ctx: Context) -> int:
    from opal_desktop.domain.reference import police_forces

    forces = police_forces()
    if ctx.json:
        emit_json([{"id": f.id, "name": f.name, "nation": f.nation} for f in forces])
    else:
        print_table(["FORCE_ID", "NAME", "NATION"], [(f.id, f.name, f.nation) for f in forces])
    return 0


def run_recover(ctx: Context) -> int:
    folder = ctx.vault_folder()
    code = ctx.secret(RECOVERY_CODE)
    new_password = ctx.secret(NEW_PASSWORD)
    from opal_desktop.vault.vault import Vault

    vault = Vault.recover(folder, code, ctx.args.admin, new_password)
    vault.close()
    if vault.key_file_notice:
        print(f"Note: {vault.key_file_notice}", file=sys.stderr)
    print(
        f"The password for {vault.actor.username} has been reset. Sign in with the new password; "
        "the recovery code stays the same."
    )
    return 0
