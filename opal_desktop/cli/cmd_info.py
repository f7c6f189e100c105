"""`info`: facts about a vault that help support staff, and no secrets."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, cast

from opal_desktop.cli.context import Context
from opal_desktop.cli.output import emit_json, print_facts
from opal_desktop.cli.parsing import add_command

if TYPE_CHECKING:
    from opal_desktop.cli.parsing import Commands
    from opal_desktop.vault.vault import Vault


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    add_command(
        commands,
        "info",
        common,
        summary="show facts about the vault (no secrets)",
        handler=run_info,
        json_output=True,
        details="Any signed-in user may run it: path, ids, versions, store, counts, sizes.",
        examples="  opal-desktop --vault ./vault --user a.admin info --json",
    )


def vault_facts(vault: Vault) -> dict[str, object]:
    from sqlalchemy import text

    from opal_desktop import __version__
    from opal_desktop.domain.reference import force_by_id
    from opal_desktop.vault import migrate, signing
    from opal_desktop.vault.engine import DB_NAME

    with vault.engine.connect() as conn:
        schema = migrate.current_revision(conn)
        rows = conn.execute(text("SELECT key, value FROM meta")).all()
        meta = {str(key): str(value) for key, value in rows}
        audit_entries = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        users = conn.execute(text("SELECT count(*), sum(active) FROM users")).one()
    store = vault.home_store()
    cert = signing.certificate_facts(vault)
    db_bytes = sum(
        path.stat().st_size
        for path in (vault.folder / DB_NAME, vault.folder / f"{DB_NAME}-wal")
        if path.exists()
    )
    return {
        "path": str(vault.folder.resolve()),
        "vault_id": vault.vault_id,
        "created_at": meta.get("created_at"),
        "created_by_version": meta.get("created_by_version"),
        "schema_version": schema,
        "app_version": __version__,
        "organisation": vault.settings().get("organisation"),
        "store_code": store.code,
        "store_name": store.name,
        "postcode": store.postcode,
        "force_id": store.force_id,
        "force_name": force_by_id(store.force_id).name,
        "users_total": int(users[0]),
        "users_active": int(users[1] or 0),
        "audit_entries": int(audit_entries),
        "database_bytes": db_bytes,
        "certificate_fingerprint": cert.fingerprint_display,
        "certificate_not_after": cert.not_after.isoformat(),
    }


def run_info(ctx: Context) -> int:
    with ctx.signed_in() as vault:
        facts = vault_facts(vault)
    if ctx.json:
        emit_json(facts)
        return 0
    print_facts(
        [
            ("Vault", facts["path"]),
            ("Vault id", facts["vault_id"]),
            ("Created", facts["created_at"]),
            ("Schema version", facts["schema_version"]),
            ("App version", facts["app_version"]),
            ("Organisation", facts["organisation"]),
            ("Store", f"{facts['store_name']} ({facts['store_code']}), {facts['postcode']}"),
            ("Police force", f"{facts['force_name']} ({facts['force_id']})"),
            ("Users", f"{facts['users_active']} active of {facts['users_total']}"),
            ("Audit entries", facts["audit_entries"]),
            ("Database size", _size(cast(int, facts["database_bytes"]))),
            ("Certificate", facts["certificate_fingerprint"]),
            ("Certificate expires", facts["certificate_not_after"]),
        ]
    )
    return 0


def _size(n: int) -> str:
    value, unit = float(n), "bytes"
    for bigger in ("KB", "MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{n} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
