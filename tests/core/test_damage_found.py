"""Only a database error that means a damaged file is told to the user as a damaged vault."""

from __future__ import annotations

import sqlcipher3
from sqlalchemy.exc import DatabaseError, OperationalError

from opal_desktop.errors import VaultDamaged, damage_found


def test_damage_is_recognised_raw_and_through_sqlalchemy() -> None:
    raw = sqlcipher3.DatabaseError("database disk image is malformed")
    wrapped = DatabaseError("SELECT data FROM exhibit_blobs", {}, raw)
    for error in (raw, wrapped, sqlcipher3.DatabaseError("file is not a database")):
        assert isinstance(damage_found(error), VaultDamaged)


def test_other_errors_are_not_called_damage() -> None:
    locked = sqlcipher3.OperationalError("database is locked")  # busy, not damaged
    assert damage_found(locked) is None
    assert damage_found(OperationalError("BEGIN", {}, locked)) is None
    assert damage_found(ValueError("corrupt input")) is None  # not from the database


def test_damage_behind_a_later_error_is_still_damage() -> None:
    # an export met a damaged page; signing out afterwards then failed differently
    later = sqlcipher3.OperationalError("attempt to write a readonly database")
    assert damage_found(later) is None
    later.__context__ = sqlcipher3.DatabaseError("database disk image is malformed")
    assert isinstance(damage_found(later), VaultDamaged)  # as Python chains them
