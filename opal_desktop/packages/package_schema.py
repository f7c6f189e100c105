"""The JSON Schema of a package's package.json (resources/schemas/package.schema.json).

The schema is committed so a recipient can validate the data before loading it into their
own systems; the exporter validates every package.json against it before writing it.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from opal_desktop.paths import resource

SCHEMA_VERSION = 1
SCHEMA_FILE = ("schemas", "package.schema.json")


@functools.cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(resource(*SCHEMA_FILE).read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _validator() -> Any:
    import jsonschema

    # The schema itself is checked against JSON Schema 2020-12 by the tests, not per export.
    return jsonschema.Draft202012Validator(schema())


def problems(document: object) -> list[str]:
    """Each way `document` breaks the schema, as 'where: what' (empty when it is valid)."""
    found = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}" for e in found]
