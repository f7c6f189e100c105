"""Compile the Qt Designer sources in ui/ into opal_desktop/gui/forms/<name>_ui.py.

    python build/compile_forms.py           # regenerate the committed forms
    python build/compile_forms.py --check   # exit 1 if any committed form is out of date

The output is deterministic: pyside6-uic's own banner (tool version, source path) is
replaced by a fixed header, so regenerating on another machine changes no bytes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "opal_desktop" / "gui" / "forms"
HEADER = "# generated from ui/{name} by build/compile_forms.py — do not edit\n"
INIT_TEXT = '"""Forms generated from ui/*.ui by build/compile_forms.py — do not edit."""\n'


def _uic_command() -> list[str]:
    beside_python = Path(sys.executable).parent / "pyside6-uic"
    if beside_python.exists():
        return [str(beside_python)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    return [sys.executable, "-m", "PySide6.scripts.pyside_tool", "uic"]


def _strip_banner(generated: str) -> str:
    """Drop uic's comment banner (coding line and the ### block naming the version)."""
    lines = generated.splitlines(keepends=True)
    index = 0
    while index < len(lines) and (lines[index].startswith("#") or not lines[index].strip()):
        index += 1
    return "".join(lines[index:])


def _annotate(code: str) -> str:
    """Give uic's two methods type hints, so typed callers may call them (mypy strict)."""
    code = re.sub(r"def setupUi\(self, (\w+)\):", r"def setupUi(self, \1: Any) -> None:", code)
    code = re.sub(
        r"def retranslateUi\(self, (\w+)\):", r"def retranslateUi(self, \1: Any) -> None:", code
    )
    return "from typing import Any\n\n" + code


_QT_IMPORT = re.compile(r"^from (PySide6\.\w+) import (?:\(([^)]*)\)|([^\n(]*))\n", re.MULTILINE)


def _prune_imports(code: str) -> str:
    """Import only the Qt names a form uses: each name imported costs start-up time,
    because PySide6 builds a class's type the first time it is imported."""

    def keep_used(match: re.Match[str]) -> str:
        module = match.group(1)
        names = (match.group(2) or match.group(3)).replace("\n", " ").split(",")
        body = code[: match.start()] + code[match.end() :]
        used = [
            name.strip()
            for name in names
            if name.strip() and re.search(rf"\b{re.escape(name.strip())}\b", body)
        ]
        return f"from {module} import {', '.join(used)}\n" if used else ""

    return _QT_IMPORT.sub(keep_used, code)


def compile_one(source: Path) -> str:
    result = subprocess.run(
        [*_uic_command(), "--generator", "python", str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    return (
        HEADER.format(name=source.name)
        + "\n"
        + _annotate(_prune_imports(_strip_banner(result.stdout)))
    )


def compile_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "__init__.py"]
    written[0].write_text(INIT_TEXT, encoding="utf-8")
    for source in sorted(UI_DIR.glob("*.ui")):
        target = out_dir / f"{source.stem}_ui.py"
        target.write_text(compile_one(source), encoding="utf-8", newline="\n")
        written.append(target)
    return written


def stale_forms(committed: Path = FORMS_DIR) -> list[str]:
    """Names of generated files that differ from (or are missing in) `committed`."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = compile_all(Path(tmp))
        expected = {path.name for path in fresh}
        stale = [
            path.name
            for path in fresh
            if not (committed / path.name).exists()
            or (committed / path.name).read_bytes() != path.read_bytes()
        ]
        leftovers = {p.name for p in committed.glob("*_ui.py")} - expected
        return sorted(stale + list(leftovers))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_forms()
        if stale:
            print("Out of date: " + ", ".join(stale) + ". Run python build/compile_forms.py.")
            return 1
        print("Generated forms are up to date.")
        return 0
    for path in compile_all(FORMS_DIR):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
