"""`opal-desktop` and `python -m opal_desktop`: no arguments opens the GUI, subcommands run headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or (args[0] in ("--vault",) and len(args) == 2):
        from opal_desktop.gui.app import run_gui

        return run_gui(args)
    from opal_desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
