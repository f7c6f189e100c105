"""The headless command line: `opal-desktop COMMAND ...` (see `opal-desktop --help`)."""

from opal_desktop.cli.app import main

__all__ = ["main"]
