"""A damaged vault file met by the worker reaches the screen as a sentence that says so."""

from __future__ import annotations

import sqlcipher3
from pytestqt.qtbot import QtBot

from opal_desktop.errors import UserError, VaultDamaged
from opal_desktop.gui.tasks import TaskRunner


def test_a_damaged_page_reaches_the_screen_as_vault_damaged(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def read_a_damaged_page() -> None:
        raise sqlcipher3.DatabaseError("database disk image is malformed")

    errors: list[UserError] = []
    runner.run(read_a_damaged_page, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], VaultDamaged)
    assert str(errors[0]).startswith("Part of the vault's database cannot be read")
