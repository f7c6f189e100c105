"""`python -m bench` (or `make bench`): run every benchmark, print a table, write JSON."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from bench import (
        bundle,
        csv_import,
        dashboard,
        incidents,
        pdf_package,
        signin,
        startup,
        stills,
        suggestions,
        zip_package,
    )
    from bench.common import report

    figures = [
        startup.run(),
        signin.run(),
        *stills.run(),
        *incidents.run(),
        *dashboard.run(),
        csv_import.run(),
        *suggestions.run(),
        *pdf_package.run(),
        *zip_package.run(),
        *bundle.run(),
    ]
    report(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
