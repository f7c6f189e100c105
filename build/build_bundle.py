"""Build the one-folder bundle with PyInstaller, then record its size.

    python build/build_bundle.py            # -> dist/opal-desktop/ and dist/bundle.json

PyInstaller's default work folder is ./build, which is our scripts folder, so work and dist
paths are always given explicitly (outside build/).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "work" / "pyinstaller"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--workpath", str(WORK), "--distpath", str(DIST), str(ROOT / "installer.spec")],
        check=True,
    )  # fmt: skip
    bundle = DIST / "opal-desktop"
    size = folder_size(bundle)
    record = {"folder": str(bundle), "size_bytes": size, "size_mib": round(size / 1_048_576, 1),
              "seconds": round(time.perf_counter() - started, 1), "platform": sys.platform}  # fmt: skip
    (DIST / "bundle.json").write_text(json.dumps(record, indent=2) + "\n")
    print(f"Bundle: {bundle} ({record['size_mib']} MiB, built in {record['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
