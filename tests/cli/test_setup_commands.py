"""`init`, `forces`, `recover`, `info` and the error policy every command shares."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from opal_desktop.cli import main
from opal_desktop.cli.app import build_parser
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, Cli, vault_bytes

INIT_ARGS = (
    "init",
    "--org",
    "Northern Grocers Ltd",
    "--store-code",
    "lds01",
    "--store-name",
    "Leeds Kirkstall",
    "--postcode",
    "ls5 3bt",
    "--force",
    "west-yorkshire",
    "--admin",
    "a.admin",
    "--admin-name",
    "Alex Admin",
)
CODE = re.compile(r"\b([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})\b")


def test_init_prints_a_recovery_code_that_then_recovers_the_admin(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "new-vault"
    made = cli(*INIT_ARGS, vault=folder, user=None)
    assert made.code == 0, made.err
    assert "Write the recovery code down" in made.out
    codes = CODE.findall(made.out)
    assert len(codes) == 1
    assert ADMIN_PASSWORD not in made.out + made.err

    new_password = "harbour violet tundra"
    recovered = cli(
        "recover",
        "--admin",
        "a.admin",
        "--password-stdin",
        vault=folder,
        user=None,
        password=None,
        stdin=f"{codes[0].lower()}\n{new_password}\n",
    )
    assert recovered.code == 0, recovered.err
    assert "has been reset" in recovered.out
    Vault.open(folder, "a.admin", new_password).close()
    again = cli("info", vault=folder, user="a.admin", password=ADMIN_PASSWORD)
    assert again.code == 2


def test_init_json_has_the_recovery_code(tmp_path: Path, cli: Cli) -> None:
    made = cli(*INIT_ARGS, "--json", vault=tmp_path / "v", user=None)
    assert made.code == 0, made.err
    doc = made.json()
    assert isinstance(doc, dict)
    assert CODE.fullmatch(doc["recovery_code"])
    assert doc["store_code"] == "LDS01"
    assert doc["admin"] == "a.admin"
    assert "Write the recovery code down" in doc["notice"]


def test_init_without_a_password_says_how_to_give_one(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "v"
    result = cli(*INIT_ARGS, vault=folder, user=None, password=None)
    assert result.code == 2
    assert result.err == "No password given: set OPAL_DESKTOP_PASSWORD or use --password-stdin.\n"
    assert not folder.exists()


def test_init_refuses_a_bad_postcode_and_an_existing_vault(
    tmp_path: Path, cli: Cli, vault_folder: Path
) -> None:
    args = list(INIT_ARGS)
    args[args.index("ls5 3bt")] = "not a postcode"
    bad = cli(*args, vault=tmp_path / "v", user=None)
    assert bad.code == 2
    assert "is not a UK postcode" in bad.err
    assert bad.err.count("\n") == 1
    assert not (tmp_path / "v").exists()

    before = vault_bytes(vault_folder)
    exists = cli(*INIT_ARGS, user=None)
    assert exists.code == 2
    assert "already exists" in exists.err
    assert vault_bytes(vault_folder) == before


def test_init_needs_a_postcode(tmp_path: Path, cli: Cli) -> None:
    args = [a for a in INIT_ARGS if a not in ("--postcode", "ls5 3bt")]
    result = cli(*args, vault=tmp_path / "v", user=None)
    assert result.code == 2
    assert "--postcode" in result.err


def test_forces_lists_every_force(cli: Cli) -> None:
    result = cli("forces", "--json", user=None, password=None)
    assert result.code == 0
    forces = result.json()
    assert isinstance(forces, list)
    ids = {f["id"] for f in forces}
    assert {"west-yorkshire", "metropolitan", "btp", "police-scotland"} <= ids
    table = cli("forces", user=None, password=None)
    assert "West Yorkshire Police" in table.out


def test_recover_with_a_wrong_code_is_refused(cli: Cli, vault_folder: Path) -> None:
    before = vault_bytes(vault_folder)
    result = cli(
        "recover",
        "--admin",
        ADMIN,
        password=None,
        env={
            "OPAL_DESKTOP_RECOVERY_CODE": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
            "OPAL_DESKTOP_NEW_PASSWORD": "harbour violet tundra",
        },
    )
    assert result.code == 2
    assert "recovery code" in result.err
    assert vault_bytes(vault_folder) == before


def test_recover_with_the_code_from_the_environment(cli: Cli, recovery_code: str) -> None:
    result = cli(
        "recover",
        "--admin",
        ADMIN,
        password=None,
        env={
            "OPAL_DESKTOP_RECOVERY_CODE": recovery_code,
            "OPAL_DESKTOP_NEW_PASSWORD": "harbour violet tundra",
        },
    )
    assert result.code == 0, result.err
    assert cli("info", password="harbour violet tundra").code == 0


def test_info_shows_facts_and_no_secrets(cli: Cli, vault_folder: Path) -> None:
    result = cli("info", "--json")
    assert result.code == 0, result.err
    facts = result.json()
    assert isinstance(facts, dict)
    assert facts["path"] == str(vault_folder.resolve())
    assert facts["store_code"] == "LDS01"
    assert facts["force_name"] == "West Yorkshire Police"
    assert facts["schema_version"]
    assert facts["users_active"] == 1
    assert facts["audit_entries"] >= 4
    assert facts["database_bytes"] > 0
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", facts["certificate_fingerprint"])
    assert list(facts) == sorted(facts)
    text = cli("info")
    assert "Leeds Kirkstall (LDS01)" in text.out
    assert ADMIN_PASSWORD not in result.out + text.out


def test_wrong_password_is_one_line_and_leaves_the_vault_untouched(
    cli: Cli, vault_folder: Path
) -> None:
    before = vault_bytes(vault_folder)
    result = cli("info", password="not the right password")
    assert result.code == 2
    assert result.out == ""
    assert result.err == ("The password for 'admin' is not right. Check Caps Lock and try again.\n")
    assert vault_bytes(vault_folder) == before
    assert (vault_folder / "signin-failures.json").exists()


def test_password_from_stdin(cli: Cli) -> None:
    result = cli("--password-stdin", "info", password=None, stdin=f"{ADMIN_PASSWORD}\n")
    assert result.code == 0, result.err
    # The option may also follow the command name.
    after = cli("info", "--password-stdin", password=None, stdin=f"{ADMIN_PASSWORD}\r\n")
    assert after.code == 0, after.err


def test_there_is_no_way_to_pass_a_password_as_an_argument(cli: Cli) -> None:
    result = cli("info", "--password", ADMIN_PASSWORD, password=None)
    assert result.code == 2
    assert "unrecognized arguments" in result.err

    def options(parser: argparse.ArgumentParser) -> set[str]:
        found: set[str] = set()
        for action in parser._actions:
            found.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    found |= options(sub)
        return found

    secret_options = {
        o for o in options(build_parser()) if any(w in o for w in ("pass", "recovery", "secret"))
    }
    assert secret_options == {"--password-stdin"}


def test_missing_user_password_or_vault_are_sentences(cli: Cli, tmp_path: Path) -> None:
    no_user = cli("info", user=None)
    assert (no_user.code, no_user.err) == (
        2,
        "No user given: use --user NAME or set OPAL_DESKTOP_USER.\n",
    )
    no_password = cli("info", password=None)
    assert no_password.code == 2
    assert no_password.err.startswith("No password given")
    nowhere = cli("info", vault=tmp_path / "nowhere")
    assert nowhere.code == 2
    assert "No vault was found" in nowhere.err
    unknown = cli("info", user="nobody")
    assert unknown.code == 2
    assert "no active user called 'nobody'" in unknown.err


def test_user_from_the_environment(cli: Cli) -> None:
    assert cli("info", user=None, env={"OPAL_DESKTOP_USER": ADMIN}).code == 0


def test_vault_already_open_is_refused(cli: Cli, vault_folder: Path) -> None:
    vault = Vault.open(vault_folder, ADMIN, ADMIN_PASSWORD)
    try:
        result = cli("info")
    finally:
        vault.close()
    assert result.code == 2
    assert "already open" in result.err


def test_usage_errors_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "OPAL_DESKTOP_PASSWORD" in out
    assert main(["users"]) == 2
    assert "passwd" in capsys.readouterr().err
    assert main(["--version"]) == 0
    assert main([]) == 2


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("opal_desktop.domain.reference.police_forces", interrupted)
    result = cli("forces")
    assert result.code == 130
    assert result.err.count("\n") == 1


def test_bugs_are_not_hidden(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    def broken() -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("opal_desktop.domain.reference.police_forces", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        cli("forces")


LONG_ORG = (
    "Yorkshire and Humber Retail Crime Partnership – West, North and South Yorkshire, "
    "Hull, York and the East Riding Shop Ltd"
)


def _init_args(org: str, store_name: str = "Caffi’r Ŵyŷ – Aberystwyth 🐉") -> list[str]:
    args = list(INIT_ARGS)
    args[args.index("Northern Grocers Ltd")] = org
    args[args.index("Leeds Kirkstall")] = store_name
    return args


def test_init_with_a_120_character_organisation_name_and_an_en_dash(
    tmp_path: Path, cli: Cli
) -> None:
    assert len(LONG_ORG) == 120 and "–" in LONG_ORG
    folder = tmp_path / "v"
    made = cli(*_init_args(LONG_ORG), vault=folder, user=None)
    assert (made.code, made.err) == (0, "")
    assert "Caffi’r Ŵyŷ – Aberystwyth 🐉 (LDS01)" in made.out
    vault = Vault.open(folder, "a.admin", ADMIN_PASSWORD)
    try:
        assert vault.settings()["organisation"] == LONG_ORG  # whole in the vault
        assert vault.home_store().name == "Caffi’r Ŵyŷ – Aberystwyth 🐉"
    finally:
        vault.close()
    info = cli("info", "--json", vault=folder, user="a.admin")
    assert info.code == 0, info.err
    facts = info.json()
    assert isinstance(facts, dict) and facts["organisation"] == LONG_ORG


def test_init_with_a_name_over_the_limit_is_one_sentence_and_makes_nothing(
    tmp_path: Path, cli: Cli
) -> None:
    folder = tmp_path / "v"
    too_long = f"{LONG_ORG} with the Lincolnshire and Humberside Co-operative Stores"
    assert len(too_long) > 160
    result = cli(*_init_args(too_long), vault=folder, user=None)
    assert result.code == 2
    assert result.err == (
        f"The retailer or organisation name is {len(too_long)} characters long: "
        "shorten it to 160 characters or fewer.\n"
    )
    assert not folder.exists()
    store = cli(*_init_args("Northern Grocers Ltd", "Leeds\x1b[31m"), vault=folder, user=None)
    assert store.code == 2
    assert store.err == (
        "The store name contains a hidden control character: type it in again instead of "
        "pasting it.\n"
    )
    assert not folder.exists()
