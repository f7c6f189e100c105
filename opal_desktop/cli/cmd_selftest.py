"""`self-test`: check that this copy of Opal Desktop works, end to end, in a throwaway vault."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from opal_desktop.cli.context import Context
from opal_desktop.cli.parsing import add_command

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    add_command(
        commands, "self-test", common, summary="check this installed copy works (vault, still, signed PDF and ZIP)",
        handler=run,
        details="Makes a throwaway vault in a temporary folder, imports a generated still, exports a signed\n"
                "PDF and ZIP and verifies both, printing each step. Exit code 0 when every step passed.\n"
                "Your own vault is not touched.",
        examples="  opal-desktop self-test",
    )  # fmt: skip


def run(ctx: Context) -> int:
    from opal_desktop.selftest import run as self_test

    return 0 if self_test(lambda line: print(line, flush=True)) else 1
