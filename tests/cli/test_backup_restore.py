"""`backup` and `restore`: one encrypted file, checked strictly, never losing a vault."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from opal_desktop.vault.backup import verify_backup
from opal_desktop.vault.vault import Vault

from .helpers import (
    ADMIN,
    ADMIN_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    Cli,
    raw_database,
    vault_bytes,
)

MARKER = "Zebedee Quillfeather"


def _backup(cli: Cli, out: Path) -> dict[str, object]:
    made = cli("backup", "--out", str(out), "--json")
    assert made.code == 0, made.err
    doc = made.json()
    assert isinstance(doc, dict)
    return doc


def _trail(folder: Path) -> list[tuple[int, str, str]]:
    with raw_database(folder) as conn:
        return [
            tuple(row) for row in conn.execute("SELECT id, action, hash FROM audit_log ORDER BY id")
        ]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_round_trip_into_a_new_folder(cli: Cli, vault_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "store.opalbackup"
    doc = _backup(cli, out)
    assert doc["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert doc["size"] == out.stat().st_size
    assert out.stat().st_mode & 0o077 == 0

    target = tmp_path / "restored"
    restored = cli("restore", str(out), vault=target, user=None, password=None)
    assert restored.code == 0, restored.err
    assert "Sign in to check it" in restored.out

    original, copy = _trail(vault_folder), _trail(target)
    # The copy holds every entry up to the moment of the backup, byte for byte; the original
    # then recorded the backup itself.
    assert copy == original[: len(copy)]
    assert original[len(copy)][1] == "backup_created"
    with raw_database(vault_folder) as conn:
        record_id = conn.execute(
            "SELECT record_id FROM audit_log WHERE action = 'backup_created'"
        ).fetchone()[0]
    assert record_id == doc["sha256"]

    assert (target / "restored.json").exists()  # no key yet: the restore waits for a sign-in
    info = cli("info", "--json", vault=target).json()
    assert isinstance(info, dict)
    assert info["vault_id"] == doc["vault_id"]
    assert info["audit_entries"] == len(copy) + 2  # plus the restore and this sign-in
    with raw_database(target) as conn:
        actions = [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]
        details = conn.execute(
            "SELECT summary FROM audit_log WHERE action = 'vault_restored'"
        ).fetchone()[0]
    assert actions[len(copy) : len(copy) + 2] == ["vault_restored", "sign_in"]
    assert f"Restored from a backup taken at {doc['created_at']}" in details
    assert not (target / "restored.json").exists()
    assert cli("audit", "verify", vault=target).code == 0
    assert not [p for p in vault_folder.iterdir() if p.name.startswith(".")]  # no temp files left


def test_backup_into_a_folder_names_the_file(cli: Cli, tmp_path: Path) -> None:
    doc = _backup(cli, tmp_path)
    path = Path(str(doc["path"]))
    assert path.parent == tmp_path
    assert path.name.startswith("opal-LDS01-") and path.suffix == ".opalbackup"


def test_backup_holds_no_plaintext(cli: Cli, tmp_path: Path) -> None:
    added = cli(
        "users",
        "add",
        "z.q",
        "--name",
        MARKER,
        "--role",
        "officer",
        env={"OPAL_DESKTOP_NEW_PASSWORD": "first password here"},
    )
    assert added.code == 0, added.err
    out = tmp_path / "b.opalbackup"
    _backup(cli, out)
    data = out.read_bytes()
    for needle in (MARKER, "Leeds Kirkstall", "Northern Grocers", "first password", ADMIN_PASSWORD):
        assert needle.encode() not in data
        assert needle.encode("utf-16-le") not in data
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["vault.keys", "vault.db", "manifest.json"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == "opal-desktop-backup"
        assert not archive.read("vault.db").startswith(b"SQLite format 3")


def test_officer_cannot_back_up(with_officer: Cli, tmp_path: Path) -> None:
    result = with_officer(
        "backup", "--out", str(tmp_path / "b"), user=OFFICER, password=OFFICER_PASSWORD
    )
    assert result.code == 2
    assert "back up the vault" in result.err
    assert not (tmp_path / "b").exists()


def test_backup_to_a_missing_folder_or_into_the_vault_is_refused(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    result = cli("backup", "--out", str(tmp_path / "no" / "such" / "b.opalbackup"))
    assert result.code == 2
    assert result.err.startswith(f"There is no folder {tmp_path / 'no' / 'such'}. Create it")
    files = sorted(p.name for p in vault_folder.iterdir())
    for out in (vault_folder, vault_folder / "vault.db"):
        inside = cli("backup", "--out", str(out))
        assert inside.code == 2
        assert "outside the vault folder" in inside.err
    assert sorted(p.name for p in vault_folder.iterdir()) == files
    assert cli("audit", "verify").code == 0  # vault.db is still the database


def test_restore_over_a_vault_needs_force_and_keeps_the_old_one(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "b.opalbackup"
    _backup(cli, out)
    cli(
        "users",
        "add",
        "late.user",
        "--name",
        "Late User",
        "--role",
        "officer",
        env={"OPAL_DESKTOP_NEW_PASSWORD": "first password here"},
    )
    before = _tree(vault_folder)

    refused = cli("restore", str(out), user=None, password=None)
    assert refused.code == 2
    assert "--force" in refused.err and "nothing was changed" in refused.err
    assert _tree(vault_folder) == before

    forced = cli("restore", str(out), "--force", "--json", user=None, password=None)
    assert forced.code == 0, forced.err
    doc = forced.json()
    assert isinstance(doc, dict)
    aside = Path(str(doc["replaced"]))
    assert aside.parent == vault_folder and aside.name.startswith("replaced-")
    assert set(vault_bytes(vault_folder)) == {"vault.db", "vault.keys", "vault.keys.bak"}
    for name in ("vault.db", "vault.keys", "vault.keys.bak"):
        assert (aside / name).read_bytes() == before[name]
    users = cli("users", "list", "--json").json()
    assert isinstance(users, list)
    assert "late.user" not in {u["username"] for u in users}


def test_a_failed_restore_puts_the_old_vault_back(
    cli: Cli, vault_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "b.opalbackup"
    _backup(cli, out)
    before = _tree(vault_folder)

    def disk_full(path: Path, data: bytes, mode: int = 0o600) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("opal_desktop.vault.backup.atomic_write", disk_full)
    result = cli("restore", str(out), "--force", user=None, password=None)
    assert result.code == 2
    assert "No space left on device" in result.err
    assert _tree(vault_folder) == before
    assert not list(vault_folder.glob("replaced-*"))


def test_restore_refuses_an_open_vault(cli: Cli, vault_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.opalbackup"
    _backup(cli, out)
    vault = Vault.open(vault_folder, ADMIN, ADMIN_PASSWORD)
    try:
        before = vault_bytes(vault_folder)
        result = cli("restore", str(out), "--force", user=None, password=None)
        # compared before signing out, which records the trail's head in the key file
        assert before["vault.keys"] == (vault_folder / "vault.keys").read_bytes()
    finally:
        vault.close()
    assert result.code == 2
    assert "already open" in result.err
    assert not list(vault_folder.glob("replaced-*"))


EXPECTED = {
    "flip-db-byte": "its vault.db is damaged",
    "flip-manifest-byte": "its manifest.json is damaged",
    "truncate": "not an Opal Desktop backup, or it was cut short",
    "altered-db": "its vault.db does not match the manifest",
    "extra-member": "unexpected contents",
    "deflated": "entry is not as Opal Desktop writes it",
    "not-a-zip": "not an Opal Desktop backup, or it was cut short",
    "other-vault-keys": "its key file belongs to another vault",
}


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _rezip(source: Path, target: Path, change: dict[str, bytes]) -> None:
    """Rewrite a backup with some members replaced (correct CRCs, so only our hashes catch it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, change.get(info.filename, old.read(info.filename)))


@pytest.mark.parametrize(
    "damage",
    [
        "flip-db-byte",
        "flip-manifest-byte",
        "truncate",
        "altered-db",
        "extra-member",
        "deflated",
        "not-a-zip",
        "other-vault-keys",
    ],
)
def test_damaged_backups_are_refused_and_nothing_is_written(
    cli: Cli, tmp_path: Path, damage: str
) -> None:
    good = tmp_path / "good.opalbackup"
    _backup(cli, good)
    bad = tmp_path / "bad.opalbackup"
    with zipfile.ZipFile(good) as archive:
        db_offset = archive.getinfo("vault.db").header_offset + 30 + len("vault.db") + 4096
        manifest_info = archive.getinfo("manifest.json")
        db = archive.read("vault.db")
    if damage == "flip-db-byte":
        bad.write_bytes(good.read_bytes())
        _flip(bad, db_offset)
    elif damage == "flip-manifest-byte":
        bad.write_bytes(good.read_bytes())
        _flip(bad, manifest_info.header_offset + 30 + len("manifest.json") + 20)
    elif damage == "truncate":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "altered-db":
        _rezip(good, bad, {"vault.db": db[:-1] + bytes([db[-1] ^ 1])})
    elif damage == "extra-member":
        _rezip(good, bad, {})
        with zipfile.ZipFile(bad, "a") as archive:
            archive.writestr("../evil.txt", b"x")
    elif damage == "deflated":
        with zipfile.ZipFile(good) as old, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info.filename, old.read(info.filename))
    elif damage == "not-a-zip":
        bad.write_bytes(b"hello, this is not a backup\n" * 100)
    elif damage == "other-vault-keys":
        with zipfile.ZipFile(good) as archive:
            keys = json.loads(archive.read("vault.keys"))
            manifest = json.loads(archive.read("manifest.json"))
        keys["vault_id"] = "00000000-0000-4000-8000-000000000000"
        new_keys = json.dumps(keys).encode()
        manifest["members"]["vault.keys"] = {
            "sha256": hashlib.sha256(new_keys).hexdigest(),
            "size": len(new_keys),
        }
        _rezip(good, bad, {"vault.keys": new_keys, "manifest.json": json.dumps(manifest).encode()})

    target = tmp_path / "target"
    result = cli("restore", str(bad), vault=target, user=None, password=None)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "cannot be restored" in result.err and "Nothing was changed" in result.err, result.err
    assert EXPECTED[damage] in result.err, result.err
    assert not target.exists()


def test_restore_of_a_missing_file_is_a_sentence(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "restore", str(tmp_path / "nope.opalbackup"), vault=tmp_path / "t", user=None, password=None
    )
    assert result.code == 2
    assert result.err.startswith("There is no file at")


def test_verify_backup_reports_the_manifest(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "b.opalbackup"
    doc = _backup(cli, out)
    checked = verify_backup(out)
    assert checked.info.vault_id == doc["vault_id"]
    assert checked.info.sha256 == doc["sha256"]
    assert checked.info.schema_version == doc["schema_version"]
