"""What the app is built from: its version and the licences of the components it bundles."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from opal_desktop import __version__

# (distribution, what it does here, licence). Licences are stated here rather than read from
# package metadata, which is missing for some packages inside a frozen bundle.
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("PySide6-Essentials", "Qt for Python: the windows", "LGPL-3.0-only"),
    ("shiboken6", "Qt for Python bindings", "LGPL-3.0-only"),
    ("sqlcipher3", "SQLCipher: the encrypted database", "zlib (SQLCipher: BSD-3-Clause)"),
    ("SQLAlchemy", "database access", "MIT"),
    ("alembic", "database schema upgrades", "MIT"),
    ("cryptography", "key wrapping, certificates", "Apache-2.0 OR BSD-3-Clause"),
    ("pyHanko", "PDF and CMS signatures", "MIT"),
    ("pyhanko-certvalidator", "certificate checks", "MIT"),
    ("asn1crypto", "certificate parsing", "MIT"),
    ("pillow", "CCTV stills", "MIT-CMU"),
    ("reportlab", "PDF reports", "BSD-3-Clause"),
    ("lxml", "PDF metadata", "BSD-3-Clause"),
    ("jsonschema", "rules file checks", "MIT"),
    ("platformdirs", "where the vault lives", "MIT"),
    ("zxcvbn", "password strength", "MIT"),
    ("tzdata", "UK time zone rules", "Apache-2.0"),
)
FONTS = ("DejaVu Sans", "PDF reports", "Bitstream Vera / DejaVu licence (free)")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    purpose: str
    licence: str


def components() -> list[Component]:
    found = []
    for name, purpose, licence in COMPONENTS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "bundled"
        found.append(Component(name, version, purpose, licence))
    found.append(Component(FONTS[0], "2.37", FONTS[1], FONTS[2]))
    return found


def version_line() -> str:
    return f"Opal Desktop {__version__}"
