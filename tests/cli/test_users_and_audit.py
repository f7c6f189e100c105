"""`users ...` and `audit ...`: roles enforced by the core, the trail checked and listed."""

from __future__ import annotations

from pathlib import Path

from .helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    Cli,
    raw_database,
)

NEW = "OPAL_DESKTOP_NEW_PASSWORD"


def _users(cli: Cli) -> dict[str, dict[str, object]]:
    listed = cli("users", "list", "--json")
    assert listed.code == 0, listed.err
    rows = listed.json()
    assert isinstance(rows, list)
    return {row["username"]: row for row in rows}


def test_add_user_with_the_first_password_on_stdin_line_two(cli: Cli) -> None:
    added = cli(
        "--password-stdin",
        "users",
        "add",
        "k.patel",
        "--name",
        "Kiran Patel",
        "--role",
        "manager",
        password=None,
        stdin=f"{ADMIN_PASSWORD}\nfirst password here\n",
    )
    assert added.code == 0, added.err
    assert "Added k.patel" in added.out
    user = _users(cli)["k.patel"]
    assert user["role"] == "manager"
    assert user["must_change_password"] is True
    signed_in = cli("info", user="k.patel", password="first password here")
    assert signed_in.code == 0
    assert "must change their password" in signed_in.err


def test_add_user_without_a_first_password_says_how(cli: Cli) -> None:
    result = cli("users", "add", "k.patel", "--name", "Kiran Patel", "--role", "officer")
    assert result.code == 2
    assert result.err.startswith("No new password given: set OPAL_DESKTOP_NEW_PASSWORD")


def test_disabled_user_cannot_sign_in_until_enabled(with_officer: Cli) -> None:
    cli = with_officer
    assert cli("info", user=OFFICER, password=OFFICER_PASSWORD).code == 0
    disabled = cli("users", "disable", OFFICER, "--reason", "Left the company")
    assert disabled.code == 0, disabled.err
    assert _users(cli)[OFFICER]["active"] is False
    refused = cli("info", user=OFFICER, password=OFFICER_PASSWORD)
    assert refused.code == 2
    assert "no active user called 'j.smith'" in refused.err

    enabled = cli("users", "enable", OFFICER, env={NEW: "welcome back friend"})
    assert enabled.code == 0, enabled.err
    assert cli("info", user=OFFICER, password="welcome back friend").code == 0


def test_officer_cannot_add_users_or_read_the_audit_trail(with_officer: Cli) -> None:
    cli = with_officer
    denied = cli(
        "users",
        "add",
        "k.patel",
        "--name",
        "Kiran Patel",
        "--role",
        "admin",
        user=OFFICER,
        password=OFFICER_PASSWORD,
        env={NEW: "first password here"},
    )
    assert denied.code == 2
    assert denied.err == (
        "Your role (Security officer) does not allow you to add, disable or reset users. "
        "Ask a manager or an administrator.\n"
    )
    assert "k.patel" not in _users(cli)
    audit = cli("audit", "list", user=OFFICER, password=OFFICER_PASSWORD)
    assert audit.code == 2
    assert "view the audit trail" in audit.err


def test_passwd_changes_only_your_own_password(with_officer: Cli) -> None:
    cli = with_officer
    changed = cli(
        "--password-stdin",
        "users",
        "passwd",
        user=OFFICER,
        password=None,
        stdin=f"{OFFICER_PASSWORD}\nbrand new password\n",
    )
    assert changed.code == 0, changed.err
    assert cli("info", user=OFFICER, password=OFFICER_PASSWORD).code == 2
    assert cli("info", user=OFFICER, password="brand new password").code == 0


def test_reset_sets_a_temporary_password_and_role_changes(with_officer: Cli) -> None:
    cli = with_officer
    reset = cli("users", "reset", OFFICER, env={NEW: "temporary again 2"})
    assert reset.code == 0, reset.err
    assert _users(cli)[OFFICER]["must_change_password"] is True
    assert cli("info", user=OFFICER, password="temporary again 2").code == 0

    role = cli("users", "role", OFFICER, "manager")
    assert role.code == 0, role.err
    assert _users(cli)[OFFICER]["role"] == "manager"
    bad_role = cli("users", "role", OFFICER, "superuser")
    assert bad_role.code == 2
    assert "invalid choice" in bad_role.err


def test_users_list_as_a_table(cli: Cli) -> None:
    table = cli("users", "list")
    assert table.code == 0
    assert table.out.splitlines()[0].split()[:3] == ["USERNAME", "NAME", "ROLE"]
    assert "Alex Admin" in table.out


def test_audit_verify_then_tampering_is_named(cli: Cli, vault_folder: Path) -> None:
    intact = cli("audit", "verify")
    assert intact.code == 0, intact.err
    assert "intact" in intact.out

    with raw_database(vault_folder) as conn:
        conn.execute("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2")

    tampered = cli("audit", "verify")
    assert tampered.code == 1
    assert "tampered with at entry 2" in tampered.out
    as_json = cli("audit", "verify", "--json")
    assert as_json.code == 1
    doc = as_json.json()
    assert isinstance(doc, dict)
    assert (doc["intact"], doc["first_bad_id"]) == (False, 2)


def test_audit_verify_detects_a_deleted_entry(cli: Cli, vault_folder: Path) -> None:
    with raw_database(vault_folder) as conn:
        conn.execute("DELETE FROM audit_log WHERE id = 3")
    result = cli("audit", "verify")
    assert result.code == 1
    assert "entry 3" in result.out


def test_audit_list_filters_and_json(cli: Cli) -> None:
    cli("info", password="wrong password here")
    listed = cli("audit", "list", "--action", "sign_in_failed", "--json")
    assert listed.code == 0, listed.err
    rows = listed.json()
    assert isinstance(rows, list)
    assert [row["action"] for row in rows] == ["sign_in_failed"]
    assert set(rows[0]) >= {"id", "at", "actor", "action", "summary", "hash"}

    limited = cli("audit", "list", "--actor", ADMIN, "--limit", "2", "--json").json()
    assert isinstance(limited, list)
    assert len(limited) == 2
    assert limited[0]["id"] > limited[1]["id"]
    future = cli("audit", "list", "--since", "2999-01-01", "--json").json()
    assert future == []
    table = cli("audit", "list", "--until", "2999-12-31")
    assert "vault_created" in table.out

    bad_date = cli("audit", "list", "--since", "yesterday")
    assert bad_date.code == 2
    assert "is not a date" in bad_date.err
    bad_limit = cli("audit", "list", "--limit", "0")
    assert bad_limit.code == 2
