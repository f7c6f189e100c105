"""The audit trail notices any edit, deletion or truncation, and names where."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlcipher3
from conftest import ADMIN_PASSWORD

from opal_desktop.domain.roles import Role
from opal_desktop.vault import audit, users
from opal_desktop.vault.audit_view import AuditFilter, count_entries, list_entries, verify_trail
from opal_desktop.vault.engine import DB_NAME, connect_raw, make_engine
from opal_desktop.vault.keyfile import KeyFile
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


@pytest.fixture
def trail(new_vault: NewVault, vault_dir: Path) -> Iterator[tuple[Path, bytes]]:
    """A closed vault with a handful of audit entries, and its raw key for tampering."""
    vault, _ = new_vault()
    users.add_user(vault, "olly", "Olly Officer", Role.OFFICER, "officer first password")
    users.add_user(vault, "mo", "Mo Manager", Role.MANAGER, "manager first password")
    vault.close()
    yield vault_dir, KeyFile.load(vault_dir).unwrap_user("admin", ADMIN_PASSWORD)


def _tamper(folder: Path, key: bytes, sql: str) -> None:
    conn: sqlcipher3.Connection = connect_raw(folder / DB_NAME, key)
    conn.execute(sql)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _verify(folder: Path) -> str:
    vault = Vault.open(folder, "admin", ADMIN_PASSWORD)
    try:
        # Check the trail as it was before this sign-in appended to it.
        report = verify_trail(vault)
        return report.sentence()
    finally:
        vault.close(audited=False)


def test_an_untouched_trail_verifies(trail: tuple[Path, bytes]) -> None:
    assert _verify(trail[0]).startswith("The audit trail is intact")


def test_an_edited_entry_is_detected_and_named(trail: tuple[Path, bytes]) -> None:
    _tamper(*trail, "UPDATE audit_log SET summary = 'nothing to see' WHERE id = 4")
    assert _verify(trail[0]) == (
        "The audit trail has been tampered with at entry 4: its contents were changed after it was written."
    )


def test_a_rehashed_edit_is_still_detected_by_the_next_link(trail: tuple[Path, bytes]) -> None:
    # A careful forger recomputes entry 2's hash: its signature (over the hash) names it.
    from opal_desktop.vault.audit import entry_hash

    folder, key = trail
    conn = connect_raw(folder / DB_NAME, key)
    row = conn.execute(
        "SELECT id, at, actor, action, record_type, record_id, prev_hash FROM audit_log WHERE id = 2"
    ).fetchone()
    forged = entry_hash(row[0], row[1], row[2], row[3], row[4], row[5], "forged", row[6])
    conn.execute("UPDATE audit_log SET summary = 'forged', hash = ? WHERE id = 2", (forged,))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert "at entry 2: its checkpoint signature does not match" in _verify(folder)


def test_a_deleted_entry_is_detected(trail: tuple[Path, bytes]) -> None:
    _tamper(*trail, "DELETE FROM audit_log WHERE id = 3")
    assert (
        _verify(trail[0])
        == "The audit trail has been tampered with at entry 3: entry 3 is missing."
    )


def _verify_without_signing_in(folder: Path, key: bytes) -> str:
    """What `verify` sees of the trail exactly as the tamperer left it."""
    engine = make_engine(folder / DB_NAME, key)
    try:
        with engine.connect() as conn:
            return audit.verify(conn, audit.seal_key_from(key)).sentence()
    finally:
        engine.dispose()


def test_a_truncated_tail_is_detected_by_the_seal(trail: tuple[Path, bytes]) -> None:
    folder, key = trail
    _tamper(folder, key, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    last = 6  # vault created, user added, certificate, olly added, mo added, sign out
    assert _verify_without_signing_in(folder, key) == (
        f"The audit trail has been tampered with at entry {last}: "
        f"the trail holds {last - 1} entries but {last} were sealed: entries were removed."
    )
    # Signing in afterwards continues from the seal, so the gap stays visible for good.
    assert f"at entry {last}: entry {last} is missing." in _verify(folder)


def test_an_altered_seal_is_detected(trail: tuple[Path, bytes]) -> None:
    folder, key = trail
    _tamper(
        folder,
        key,
        "UPDATE meta SET value = replace(value, '\"count\": 6', '\"count\": 5') WHERE key = 'audit_seal'",
    )
    assert _verify_without_signing_in(folder, key).endswith("the seal over the trail was altered.")


def test_the_trail_records_who_did_what(trail: tuple[Path, bytes]) -> None:
    vault = Vault.open(trail[0], "admin", ADMIN_PASSWORD)
    try:
        added = list_entries(vault, AuditFilter(action="user_added"), newest_first=False)
        assert [(r.actor, r.record_id) for r in added] == [
            ("admin", "admin"),
            ("admin", "olly"),
            ("admin", "mo"),
        ]
        assert "Olly Officer, Security officer, store LDS01" in added[1].summary
        assert count_entries(vault, AuditFilter(actor="admin", action="sign_in")) == 1
        page = list_entries(vault, offset=0, limit=2)
        assert [r.id for r in page] == sorted((r.id for r in page), reverse=True)
    finally:
        vault.close()
