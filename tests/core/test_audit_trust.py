"""Issue 16: an officer's password cannot rewrite the trail unseen, sign for the organisation,
or roll the vault back unnoticed; a checkpoint proves history; a flipped byte is found.

Every tamperer here does what someone holding the files and an officer's password can do:
derive the database key from the officer's slot and change the database with SQL.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from conftest import ADMIN_PASSWORD

from opal_desktop.domain.roles import Role
from opal_desktop.errors import PermissionDenied, RoleKeyMissing
from opal_desktop.vault import audit, audit_keys, backup, signing, users
from opal_desktop.vault.audit_checkpoint import checkpoint
from opal_desktop.vault.audit_view import verify_trail
from opal_desktop.vault.engine import DB_NAME, connect_raw
from opal_desktop.vault.keyfile import KeyFile
from opal_desktop.vault.models import SigningIdentity
from opal_desktop.vault.restore_note import RESTORE_NOTE_NAME
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]
OFFICER, OFFICER_PASSWORD = "olly", "officer first password"
MANAGER, MANAGER_PASSWORD = "mo", "manager first password"


@pytest.fixture
def folder(new_vault: NewVault, vault_dir: Path) -> Iterator[Path]:
    """A closed vault: admin, an officer who has signed in and worked, and a manager."""
    vault, _ = new_vault()
    users.add_user(vault, OFFICER, "Olly Officer", Role.OFFICER, OFFICER_PASSWORD)
    users.add_user(vault, MANAGER, "Mo Manager", Role.MANAGER, MANAGER_PASSWORD)
    vault.close()
    officer = Vault.open(vault_dir, OFFICER, OFFICER_PASSWORD)
    officer.record_lock(True, "Stepped away")
    officer.close()
    yield vault_dir


def _verify_as(folder: Path, username: str, password: str, against: Path | None = None):  # type: ignore[no-untyped-def]
    vault = Vault.open(folder, username, password)
    try:
        return verify_trail(vault, against)
    finally:
        vault.close()


def _officer_key(folder: Path) -> bytes:
    """What the officer's password alone gives: the database key."""
    return KeyFile.load(folder).unwrap_user(OFFICER, OFFICER_PASSWORD)


def _officer_writer_seed(folder: Path) -> bytes:
    seed = KeyFile.load(folder).open_user(OFFICER, OFFICER_PASSWORD).unseal("writer")
    assert seed is not None
    return seed


_COLS = ("id", "at", "actor", "action", "record_type", "record_id", "summary", "prev_hash",
         "hash", "signer", "signature", "registers_key")  # fmt: skip


def _forge(folder: Path, edit: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
           sign: Callable[[dict[str, Any]], None]) -> None:  # fmt: skip
    """Rewrite the trail with SQL as a careful insider would: edit the rows, renumber,
    re-chain every hash, re-sign with `sign`, and reseal the HMAC seal (which the vault key,
    and so any password, gives)."""
    key = _officer_key(folder)
    conn: sqlcipher3.Connection = connect_raw(folder / DB_NAME, key)
    rows = [dict(zip(_COLS, r, strict=True))
            for r in conn.execute(f"SELECT {', '.join(_COLS)} FROM audit_log ORDER BY id")]  # fmt: skip
    rows = edit(rows)
    prev = audit.GENESIS_HASH
    for number, row in enumerate(rows, start=1):
        row["id"], row["prev_hash"] = number, prev
        row["hash"] = audit.entry_hash(number, row["at"], row["actor"], row["action"],
                                       row["record_type"], row["record_id"], row["summary"], prev)  # fmt: skip
        sign(row)
        prev = row["hash"]
    conn.execute("DELETE FROM audit_log")
    conn.executemany(f"INSERT INTO audit_log({', '.join(_COLS)}) VALUES ({', '.join('?' * 12)})",
                     [tuple(r[c] for c in _COLS) for r in rows])  # fmt: skip
    audit._write_seal(_RawConn(conn), audit.seal_key_from(key), len(rows), prev)  # type: ignore[arg-type]
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


class _RawConn:
    """Just enough of a SQLAlchemy connection for audit._write_seal on a raw connection."""

    def __init__(self, conn: sqlcipher3.Connection) -> None:
        self.conn = conn

    def execute(self, statement: object, params: dict[str, Any]) -> None:
        self.conn.execute(str(statement), params)


def _keep_signatures(row: dict[str, Any]) -> None:
    """Leave each entry's signature as it was (it was made over the old hash)."""


def _resign_as_officer(seed: bytes) -> Callable[[dict[str, Any]], None]:
    key = audit_keys.writer_key(seed)

    def sign(row: dict[str, Any]) -> None:
        row["signer"] = f"writer:{OFFICER}"
        row["signature"] = audit_keys.sign(
            key, audit_keys.entry_message(row["hash"], row["registers_key"])
        )

    return sign


def _summary_of(
    rows: list[dict[str, Any]], action: str, record_id: str, text: str
) -> list[dict[str, Any]]:
    row = next(r for r in rows if r["action"] == action and r["record_id"] == record_id)
    row["summary"] = text
    return rows


# --- an officer rewriting the trail ------------------------------------------------------


def test_an_officer_rewriting_an_entry_and_resealing_is_named(folder: Path) -> None:
    _forge(folder, lambda rows: _summary_of(rows, "user_added", OFFICER, "Olly, Manager"),
           _keep_signatures)  # fmt: skip
    check = _verify_as(folder, "admin", ADMIN_PASSWORD)
    assert not check.intact
    assert check.sentence() == (
        "The audit trail has been tampered with at entry 4: its checkpoint signature does not "
        "match: it, or an entry before it, was changed or resealed with another key."
    )


def test_an_officer_re_signing_everything_with_their_own_key_is_detected(folder: Path) -> None:
    seed = _officer_writer_seed(folder)
    _forge(folder, lambda rows: _summary_of(rows, "user_added", OFFICER, "Olly, Manager"),
           _resign_as_officer(seed))  # fmt: skip
    check = _verify_as(folder, "admin", ADMIN_PASSWORD)
    assert not check.intact
    assert check.first_bad_id == 1
    assert "whose audit key was never registered" in check.sentence()


def test_an_officer_deleting_their_own_entries_is_detected(folder: Path) -> None:
    def drop_locks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [r for r in rows if r["action"] != "lock"]

    _forge(folder, drop_locks, _keep_signatures)
    check = _verify_as(folder, "admin", ADMIN_PASSWORD)
    assert not check.intact
    assert "does not match" in check.sentence()


def test_an_officer_resealing_with_a_checkpoint_key_of_their_own_fails_a_managers_check(
    folder: Path,
) -> None:
    """The forger makes a whole new 'checkpoint key', records it where the vault keeps it
    (database and key file) and re-signs every entry: only a manager's own key tells."""
    fake = audit_keys.new_seed()

    def sign_with_fake(row: dict[str, Any]) -> None:
        row["signer"] = "role"
        row["signature"] = audit_keys.sign(audit_keys.checkpoint_key(fake),
                                           audit_keys.entry_message(row["hash"], row["registers_key"]))  # fmt: skip

    _forge(folder, lambda rows: _summary_of(rows, "user_added", OFFICER, "Olly, Manager"),
           sign_with_fake)  # fmt: skip
    conn = connect_raw(folder / DB_NAME, _officer_key(folder))
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'audit_role_key'", (audit_keys.role_public(fake),)
    )
    conn.commit()
    conn.close()
    for name in ("vault.keys", "vault.keys.bak"):
        keys = KeyFile.load(folder)
        keys.role_public_key = audit_keys.role_public(fake)
        (folder / name).write_bytes(keys.to_bytes())

    manager = Vault.open(folder, MANAGER, MANAGER_PASSWORD)
    try:
        assert any("not the one your password opens" in n for n in manager.trust_notices())
        check = verify_trail(manager)
    finally:
        manager.close()
    assert not check.intact and check.first_bad_id == 1


def test_an_officer_stripping_every_signature_to_look_like_an_old_trail_is_detected(
    folder: Path,
) -> None:
    def strip(row: dict[str, Any]) -> None:
        row["signer"], row["signature"], row["registers_key"] = "", "", ""

    _forge(folder, lambda rows: _summary_of(rows, "user_added", OFFICER, "Olly, Manager"), strip)
    for who, password in (("admin", ADMIN_PASSWORD), (OFFICER, OFFICER_PASSWORD)):
        check = _verify_as(folder, who, password)
        assert not check.intact
        assert "the signatures were stripped" in check.sentence()


def test_an_officer_adding_an_entry_in_an_administrators_name_is_detected(folder: Path) -> None:
    seed = _officer_writer_seed(folder)

    def add_fake(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        fake = dict(rows[-1], actor="admin", action="user_disabled", record_id="mo",
                    summary="Left the company", registers_key="")  # fmt: skip
        return [*rows, fake]

    def sign_last_only(row: dict[str, Any]) -> None:
        if row["action"] == "user_disabled":
            _resign_as_officer(seed)(row)
        # The others keep their signatures: the chain before the new entry is unchanged.

    _forge(folder, add_fake, sign_last_only)
    check = _verify_as(folder, "admin", ADMIN_PASSWORD)
    assert not check.intact
    assert "names admin as its writer but is signed by olly" in check.sentence()


# --- the organisation's signing key ------------------------------------------------------


def test_an_officers_password_cannot_sign_as_the_organisation(folder: Path) -> None:
    opened = KeyFile.load(folder).open_user(OFFICER, OFFICER_PASSWORD)
    assert opened.unseal("role") is None  # the role secret is not wrapped for officers
    conn = connect_raw(folder / DB_NAME, opened.key)
    (stored,) = conn.execute("SELECT private_key_der FROM signing_identities").fetchone()
    conn.close()
    from cryptography.hazmat.primitives.serialization import load_der_private_key

    with pytest.raises(ValueError):
        load_der_private_key(bytes(stored), password=None)  # not a key without the role secret
    officer = Vault.open(folder, OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            signing.signing_material(officer)
        with officer.session() as session:
            row = session.query(SigningIdentity).one()
        with pytest.raises(RoleKeyMissing):  # even past the role check
            signing._private_key(officer, row)
    finally:
        officer.close()
    manager = Vault.open(folder, MANAGER, MANAGER_PASSWORD)
    try:
        material = signing.signing_material(manager)
        load_der_private_key(material.private_key_der, password=None)
    finally:
        manager.close()


# --- rollback ------------------------------------------------------------------------------


def _work(folder: Path) -> None:
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    vault.update_settings(idle_lock_minutes=15)
    vault.close()


def test_an_older_vault_db_copied_back_is_reported_at_sign_in_and_by_verify(
    folder: Path, tmp_path: Path
) -> None:
    shutil.copy2(folder / DB_NAME, tmp_path / "old.db")
    _work(folder)
    shutil.copy2(tmp_path / "old.db", folder / DB_NAME)

    officer = Vault.open(folder, OFFICER, OFFICER_PASSWORD)
    try:
        assert officer.rollback_notice is not None
        assert officer.rollback_notice.startswith(
            "This vault is an older copy than the one last used here"
        )
        check = verify_trail(officer)
        assert not check.intact and check.sentence() == officer.rollback_notice
    finally:
        officer.close()
    # Recorded in the trail, so later checks still mention it.
    later = _verify_as(folder, "admin", ADMIN_PASSWORD)
    assert later.intact
    assert any("an older copy than the one last used" in line for line in later.lines())


def test_the_key_file_alone_remembers_the_head(folder: Path, tmp_path: Path) -> None:
    """Another computer user (no per-user record): the key file still says."""
    shutil.copy2(folder / DB_NAME, tmp_path / "old.db")
    _work(folder)
    shutil.copy2(tmp_path / "old.db", folder / DB_NAME)
    from opal_desktop.vault.head_guard import state_file

    state_file().unlink()
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        assert vault.rollback_notice and "the key file remembers" in vault.rollback_notice
    finally:
        vault.close()


def test_copying_back_the_old_key_file_too_is_still_noticed(folder: Path, tmp_path: Path) -> None:
    for name in (DB_NAME, "vault.keys", "vault.keys.bak"):
        shutil.copy2(folder / name, tmp_path / name)
    _work(folder)
    for name in (DB_NAME, "vault.keys", "vault.keys.bak"):
        shutil.copy2(tmp_path / name, folder / name)
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        assert vault.rollback_notice and "this computer user's record" in vault.rollback_notice
    finally:
        vault.close()


def _backup_then_work(folder: Path, tmp_path: Path) -> Path:
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    made = backup.create_backup(vault, tmp_path / "b.opalbackup")
    vault.close()
    _work(folder)
    return made.path


def test_an_old_backup_restored_with_its_note_deleted_is_reported(
    folder: Path, tmp_path: Path
) -> None:
    path = _backup_then_work(folder, tmp_path)
    backup.restore_backup(path, folder, replace=True)
    (folder / RESTORE_NOTE_NAME).unlink()
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        assert vault.rollback_notice is not None
        assert not verify_trail(vault).intact
    finally:
        vault.close()


def test_an_old_backup_restored_through_the_app_is_recorded_not_alarmed(
    folder: Path, tmp_path: Path
) -> None:
    path = _backup_then_work(folder, tmp_path)
    backup.restore_backup(path, folder, replace=True)
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        assert vault.rollback_notice is None
        assert verify_trail(vault).intact
    finally:
        vault.close()


# --- checkpoints -------------------------------------------------------------------------


def test_verify_against_a_backup_proves_history_and_names_a_rewrite_before_it(
    folder: Path, tmp_path: Path
) -> None:
    path = _backup_then_work(folder, tmp_path)
    proved = _verify_as(folder, MANAGER, MANAGER_PASSWORD, against=path)
    assert proved.intact, proved.lines()
    assert proved.against is not None and proved.against.proved
    assert proved.against.sentence.startswith(f"Entries 1 to {proved.against.count} are exactly as")

    _forge(folder, lambda rows: _summary_of(rows, "user_added", OFFICER, "Olly, Manager"),
           _keep_signatures)  # fmt: skip
    check = _verify_as(folder, MANAGER, MANAGER_PASSWORD, against=path)
    assert check.against is not None and not check.against.proved
    assert check.against.sentence == (
        "The trail was rewritten since the checkpoint: entry 4 is not the one it vouches for."
    )
    assert check.first_bad_id == 4


def test_verify_against_a_package_json_checkpoint(folder: Path, tmp_path: Path) -> None:
    vault = Vault.open(folder, MANAGER, MANAGER_PASSWORD)
    made = checkpoint(vault)  # what packages/snapshot.py puts in package.json
    vault.close()
    assert made["signer"] == "role" and made["count"] > 5
    package_json = tmp_path / "package.json"
    package_json.write_text(json.dumps({"format": "x", "audit_checkpoint": made}))
    assert _verify_as(folder, "admin", ADMIN_PASSWORD, against=package_json).intact

    def drop_second(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return rows[:1] + rows[2:]

    _forge(folder, drop_second, _resign_as_officer(_officer_writer_seed(folder)))
    check = _verify_as(folder, "admin", ADMIN_PASSWORD, against=package_json)
    assert check.against is not None and check.against.first_differing == 2


# --- the database's own pages ------------------------------------------------------------


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_flipped_byte_in_the_middle_of_vault_db_is_found_by_audit_verify(folder: Path) -> None:
    _add_pages(folder)
    path = folder / DB_NAME
    _flip(path, path.stat().st_size // 2)
    check = _verify_as(folder, "admin", ADMIN_PASSWORD)
    assert not check.intact
    assert check.sentence().startswith("The database file is damaged: SQLCipher's page check found")
    assert check.to_json()["page_problems"]


def test_a_flipped_byte_in_any_page_is_found(folder: Path, tmp_path: Path) -> None:
    """Every page: either signing in already says the vault is damaged, or the check does."""
    from opal_desktop.errors import damage_found

    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine)
    pages = (folder / DB_NAME).stat().st_size // 4096
    for page in range(pages):
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder)
        _flip(folder / DB_NAME, page * 4096 + 2048)
        try:
            vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
        except Exception as error:  # what the CLI and GUI turn into a sentence
            assert damage_found(error) is not None, (page, error)
            continue
        try:
            assert not verify_trail(vault).intact, page
        finally:
            vault.close(audited=False)


def _add_pages(folder: Path) -> None:
    """Enough rows that the middle of the file is an ordinary data page."""
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    for number in range(150):
        vault.update_settings(legal_basis=f"Legal basis, revision {number}. " * 20)
    vault.close()


def test_an_untouched_vault_passes_every_check(folder: Path) -> None:
    check = _verify_as(folder, OFFICER, OFFICER_PASSWORD)
    assert check.intact, check.lines()
    assert "Every page of the database file passed SQLCipher's check." in check.lines()


# --- upgrading a vault made before signed entries ---------------------------------------

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "vault_schema_0001"
FIXTURE_PASSWORD = "fixture vault password"
FIXTURE_RECOVERY = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"


def test_an_old_vault_gets_its_keys_at_the_first_administrators_sign_in(tmp_path: Path) -> None:
    from opal_desktop.vault.audit_view import AuditFilter, list_entries
    from opal_desktop.vault.role_keys import OLD_RECOVERY_CODE

    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    officer = Vault.open(folder, "officer", FIXTURE_PASSWORD)  # first: only their own key
    assert officer.signer.writer_seed is not None and officer.signer.role_secret is None
    officer.close()

    admin = Vault.open(folder, "admin", FIXTURE_PASSWORD)
    try:
        assert admin.signer.role_secret is not None
        assert OLD_RECOVERY_CODE in admin.trust_notices()
        actions = [
            r.action for r in list_entries(admin, AuditFilter(), limit=500, newest_first=False)
        ]
        assert actions.count("audit_key_registered") == 2 and "audit_keys_established" in actions
        signing.signing_material(admin)  # the signing key opens with the manager key
        check = verify_trail(admin)
        assert check.intact, check.lines()
        assert check.report.unsigned > 0
        assert any("written before entries were signed" in line for line in check.lines())
    finally:
        admin.close()
    conn = connect_raw(
        folder / DB_NAME, KeyFile.load(folder).unwrap_user("officer", FIXTURE_PASSWORD)
    )
    (stored,) = conn.execute("SELECT private_key_der FROM signing_identities").fetchone()
    conn.close()
    assert audit_keys.is_sealed(bytes(stored))

    # The old recovery code still resets a password (without the manager key, and said so).
    recovered = Vault.recover(folder, FIXTURE_RECOVERY, "admin", "a brand new admin password")
    try:
        assert recovered.signer.role_secret is None
        check = verify_trail(recovered)
        assert check.intact, check.lines()
        assert any("replaced with the recovery code" in line for line in check.lines())
    finally:
        recovered.close()


def test_a_new_recovery_code_carries_the_manager_key(folder: Path) -> None:
    from opal_desktop.vault.role_keys import new_recovery_code

    admin = Vault.open(folder, "admin", ADMIN_PASSWORD)
    code = new_recovery_code(admin)
    admin.close()
    recovered = Vault.recover(folder, code, "admin", "a brand new admin password")
    try:
        assert recovered.signer.role_secret is not None
        signing.signing_material(recovered)
        assert verify_trail(recovered).intact
    finally:
        recovered.close()


# --- role changes re-wrap the manager key ------------------------------------------------


def test_promotion_hands_over_the_manager_key_at_the_next_reset_and_demotion_takes_it(
    folder: Path,
) -> None:
    admin = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        note = users.set_role(admin, OFFICER, Role.MANAGER)
        assert note is not None and "reset their password" in note
    finally:
        admin.close()
    promoted = Vault.open(folder, OFFICER, OFFICER_PASSWORD)
    try:
        assert any("does not hold the manager key yet" in n for n in promoted.trust_notices())
        with pytest.raises(RoleKeyMissing):
            signing.signing_material(promoted)
    finally:
        promoted.close()

    admin = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        users.reset_password(admin, OFFICER, "a temporary password here")
        assert users.set_role(admin, MANAGER, Role.OFFICER) is None  # demote the manager
    finally:
        admin.close()
    assert KeyFile.load(folder).open_user(MANAGER, MANAGER_PASSWORD).unseal("role") is None
    promoted = Vault.open(folder, OFFICER, "a temporary password here")
    try:
        signing.signing_material(promoted)
        assert verify_trail(promoted).intact
    finally:
        promoted.close()


def test_verify_against_an_exported_package_zip(tmp_path: Path) -> None:
    from package_helpers import PASSWORD, make_demo

    from opal_desktop.packages.export import export_package

    demo = make_demo(tmp_path)
    manager = Vault.open(demo.demo.folder, "manager", PASSWORD)
    try:
        zipped = export_package(manager, demo.package, tmp_path, "zip").files[0]
    finally:
        manager.close()
    import zipfile

    with zipfile.ZipFile(zipped) as archive:
        carried = json.loads(archive.read("package.json"))["audit_checkpoint"]
    assert carried["signer"] == "role" and carried["count"] > 0
    again = Vault.open(demo.demo.folder, "manager", PASSWORD)
    try:
        check = verify_trail(again, zipped)
    finally:
        again.close()
    assert check.intact, check.lines()
    assert check.against is not None and check.against.count == carried["count"]
