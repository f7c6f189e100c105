"""`opal-desktop` and `python -m opal_desktop`: no arguments opens the GUI, subcommands run headless."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence

# Windows: SetErrorMode flags (no crash dialog) and WerSetFlags' "leave the heap out".
_SEM_FAILCRITICALERRORS = 0x0001
_SEM_NOGPFAULTERRORBOX = 0x0002
_SEM_NOOPENFILEERRORBOX = 0x8000
_WER_FAULT_REPORTING_FLAG_NOHEAP = 0x1


def disable_core_dumps() -> None:
    """Keep secrets out of crash dumps: passwords, the database key, incident text and stills
    all live in this process's memory, and a core file would put them on disk in the clear.

    POSIX: the core-file size limit is set to 0, soft and hard, so nothing this process
    starts can raise it again. Windows: no crash dialog, and Windows Error Reporting is told
    to leave the heap (where Python keeps every object) out of any report it makes. Best
    effort: a platform that refuses is not a reason not to start."""
    if os.name == "posix":
        import resource

        with contextlib.suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    elif os.name == "nt":
        import ctypes

        try:
            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
            mode = kernel32.GetErrorMode()
            kernel32.SetErrorMode(
                mode | _SEM_FAILCRITICALERRORS | _SEM_NOGPFAULTERRORBOX | _SEM_NOOPENFILEERRORBOX
            )
            wer = ctypes.WinDLL("wer")  # type: ignore[attr-defined,unused-ignore]
            wer.WerSetFlags(_WER_FAULT_REPORTING_FLAG_NOHEAP)
        except (OSError, AttributeError):
            pass


def opens_gui(args: Sequence[str]) -> bool:
    """Nothing, or only `--vault PATH` / `--vault=PATH`: the app; anything else: the CLI."""
    return (
        not args
        or (len(args) == 2 and args[0] == "--vault")
        or (len(args) == 1 and args[0].startswith("--vault="))
    )


def main(argv: list[str] | None = None) -> int:
    disable_core_dumps()  # first: before any password, key or incident is in memory
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
