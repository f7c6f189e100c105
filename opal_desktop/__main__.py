"""`opal-desktop` and `python -m opal_desktop`: no arguments opens the GUI, subcommands run headless."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence


def opens_gui(args: Sequence[str]) -> bool:
    """Nothing, or only `--vault PATH` / `--vault=PATH`: the app; anything else: the CLI."""
    return (
        not args
        or (len(args) == 2 and args[0] == "--vault")
        or (len(args) == 1 and args[0].startswith("--vault="))
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if opens_gui(args):
        # Imported by name: the GUI (and Qt) load only when the app is wanted.
        run_gui: Callable[[list[str]], int] = importlib.import_module(
            "opal_desktop.gui.app"
        ).run_gui
        return run_gui(args)
    from opal_desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
