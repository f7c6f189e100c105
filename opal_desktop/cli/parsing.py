"""A small helper so every command gets the same shape: help, description, examples, options."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from opal_desktop.cli.context import Context

    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def add_command(
    commands: Commands,
    name: str,
    common: argparse.ArgumentParser,
    *,
    summary: str,
    handler: Callable[[Context], int] | None = None,
    details: str = "",
    examples: str = "",
    json_output: bool = False,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + "." + (f"\n\n{details}" if details else ""),
        epilog=f"examples:\n{examples}" if examples else None,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    if json_output:
        parser.add_argument(
            "--json", action="store_true", help="print JSON (stable, sorted keys) for scripts"
        )
    if handler is not None:
        parser.set_defaults(handler=handler)
    return parser


def subcommands(parser: argparse.ArgumentParser) -> Commands:
    """Actions under a command (`users add`); the command alone prints its help and exits 2."""

    def show_help(_ctx: Context) -> int:
        parser.print_help(sys.stderr)
        return 2

    parser.set_defaults(handler=show_help)
    return parser.add_subparsers(title="actions", metavar="ACTION")
