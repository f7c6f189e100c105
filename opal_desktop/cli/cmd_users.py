"""`users list|add|disable|enable|passwd|reset|role`: accounts, enforced by the core's roles."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from opal_desktop.cli.context import NEW_PASSWORD_ENV, PASSWORD, Context
from opal_desktop.cli.output import emit_json, print_table
from opal_desktop.cli.parsing import add_command, subcommands

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands

ROLES = ("officer", "manager", "admin")

NEW_PASSWORD_HELP = (
    f"Your own password is {PASSWORD.env} (or stdin line 1); the {{what}} is\n"
    f"{NEW_PASSWORD_ENV} or, with --password-stdin, stdin line 2."
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    users = add_command(commands, "users", common, summary="list and manage user accounts")
    actions = subcommands(users)
    add_command(
        actions,
        "list",
        common,
        summary="list users, their roles and stores",
        handler=run_list,
        json_output=True,
        examples="  opal-desktop --user a.admin users list --json",
    )

    add = add_command(
        actions,
        "add",
        common,
        summary="add a user (administrators)",
        handler=run_add,
        details=NEW_PASSWORD_HELP.format(what="new user's first password")
        + "\nThey must change it when they first sign in.",
        examples=(
            '  printf \'%s\\n%s\\n\' "$MY_PW" "$FIRST_PW" | opal-desktop --user a.admin \\\n'
            '      --password-stdin users add j.smith --name "Jo Smith" --role officer'
        ),
    )
    add.add_argument("username", help="e.g. j.smith")
    add.add_argument("--name", required=True, metavar="FULL_NAME", help="the person's full name")
    add.add_argument("--role", required=True, choices=ROLES, help="what they may do")
    add.add_argument("--store", metavar="CODE", help="their store (default: yours)")

    disable = add_command(
        actions,
        "disable",
        common,
        summary="disable a user so their password no longer opens the vault (administrators)",
        handler=run_disable,
        examples="  opal-desktop --user a.admin users disable j.smith --reason 'Left the company'",
    )
    disable.add_argument("username")
    disable.add_argument("--reason", default="", metavar="TEXT", help="kept in the audit trail")

    enable = add_command(
        actions,
        "enable",
        common,
        summary="enable a disabled user again with a new first password (administrators)",
        handler=run_enable,
        details=NEW_PASSWORD_HELP.format(what="user's new first password"),
        examples="  OPAL_DESKTOP_NEW_PASSWORD=... opal-desktop --user a.admin users enable j.smith",
    )
    enable.add_argument("username")

    add_command(
        actions,
        "passwd",
        common,
        summary="change your own password",
        handler=run_passwd,
        details=NEW_PASSWORD_HELP.format(what="new password"),
        examples=(
            '  printf \'%s\\n%s\\n\' "$OLD" "$NEW" | opal-desktop --user j.smith '
            "--password-stdin users passwd"
        ),
    )

    reset = add_command(
        actions,
        "reset",
        common,
        summary="set a temporary password for a user who forgot theirs (administrators)",
        handler=run_reset,
        details=NEW_PASSWORD_HELP.format(what="temporary password")
        + "\nThe user must change it when they next sign in.",
        examples="  OPAL_DESKTOP_NEW_PASSWORD=... opal-desktop --user a.admin users reset j.smith",
    )
    reset.add_argument("username")

    add_command(
        actions,
        "recovery-code",
        common,
        summary="make a new recovery code; the old one stops working (administrators)",
        handler=run_recovery_code,
        details="Prints the new code once: write it down and keep it locked away from the PC.",
        examples="  opal-desktop --user a.admin users recovery-code",
    )

    role = add_command(
        actions,
        "role",
        common,
        summary="change a user's role (administrators)",
        handler=run_role,
        examples="  opal-desktop --user a.admin users role j.smith manager",
    )
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)


def run_list(ctx: Context) -> int:
    from opal_desktop.vault.users import list_users

    with ctx.signed_in() as vault:
        users = list_users(vault)
    if ctx.json:
        emit_json([u.to_json() for u in users])
        return 0
    print_table(
        ["USERNAME", "NAME", "ROLE", "STORE", "ACTIVE", "LAST SIGN-IN"],
        [
            (
                u.username,
                u.display_name,
                u.role.value,
                u.store_code,
                u.active,
                (u.last_sign_in_at or "")[:16].replace("T", " ") or None,
            )
            for u in users
        ],
    )
    return 0


def run_add(ctx: Context) -> int:
    from opal_desktop.domain.roles import Role
    from opal_desktop.vault.users import add_user

    args = ctx.args
    first_password = ctx.new_password()
    with ctx.signed_in() as vault:
        info = add_user(
            vault, args.username, args.name, Role(args.role), first_password, args.store
        )
    print(
        f"Added {info.username} ({info.display_name}, {info.role.label}, store {info.store_code}). "
        "They must change the first password when they sign in."
    )
    return 0


def run_disable(ctx: Context) -> int:
    from opal_desktop.vault.users import disable_user

    with ctx.signed_in() as vault:
        disable_user(vault, ctx.args.username, ctx.args.reason)
    print(
        f"Disabled {ctx.args.username.strip().lower()}: their password no longer opens the vault."
    )
    return 0


def run_enable(ctx: Context) -> int:
    from opal_desktop.vault.users import enable_user

    new_password = ctx.new_password()
    with ctx.signed_in() as vault:
        enable_user(vault, ctx.args.username, new_password)
    print(
        f"Enabled {ctx.args.username.strip().lower()} with a new first password; "
        "they must change it when they sign in."
    )
    return 0


def run_passwd(ctx: Context) -> int:
    from opal_desktop.vault.users import change_own_password

    new_password = ctx.new_password()
    with ctx.signed_in() as vault:
        change_own_password(vault, ctx.secret(PASSWORD), new_password)
        who = vault.actor.username
    print(f"Changed the password for {who}. Use the new one from now on.")
    return 0


def run_reset(ctx: Context) -> int:
    from opal_desktop.vault.users import reset_password

    new_password = ctx.new_password()
    with ctx.signed_in() as vault:
        reset_password(vault, ctx.args.username, new_password)
    print(
        f"Set a temporary password for {ctx.args.username.strip().lower()}; "
        "they must change it when they next sign in."
    )
    return 0


def run_role(ctx: Context) -> int:
    from opal_desktop.domain.roles import Role
    from opal_desktop.vault.users import set_role

    role = Role(ctx.args.role)
    with ctx.signed_in() as vault:
        note = set_role(vault, ctx.args.username, role)
    print(f"{ctx.args.username.strip().lower()} is now: {role.label}.")
    if note:
        print(note)
    return 0


def run_recovery_code(ctx: Context) -> int:
    from opal_desktop.vault.role_keys import new_recovery_code

    with ctx.signed_in() as vault:
        code = new_recovery_code(vault)
    print(f"New recovery code: {code}")
    print("Write it down now and keep it locked away; the old code no longer opens the vault.")
    return 0
