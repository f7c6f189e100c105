"""`stills add|list` from the command line, with real picture files."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from PIL import Image

from opal_desktop.incidents import records
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, OFFICER, OFFICER_PASSWORD, Cli, raw_database


def _jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (640, 360), colour).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def _incident(folder: Path) -> str:
    vault = Vault.open(folder, ADMIN, ADMIN_PASSWORD)
    try:
        return records.save(vault, records.new_incident(vault)).reference
    finally:
        vault.close()


def test_add_a_folder_and_list_with_hashes(cli: Cli, vault_folder: Path, tmp_path: Path) -> None:
    reference = _incident(vault_folder)
    export = tmp_path / "export"
    export.mkdir()
    _jpeg(export / "cam1.jpg", (200, 0, 0))
    _jpeg(export / "cam2.jpg", (0, 200, 0))
    (export / "readme.txt").write_text("CCTV export from the NVR")
    added = cli("stills", "add", "--incident", reference, "--camera", "Cam 4", str(export))
    assert added.code == 0
    assert "Added 2 still(s): AA/1, AA/2." in added.out
    assert "readme.txt is not a picture in a format we accept" in added.out
    listed = cli("stills", "list", "--incident", reference, "--json")
    rows = json.loads(listed.out)
    assert [(e["reference"], e["camera"], e["original_filename"]) for e in rows] == [
        ("AA/1", "Cam 4", "cam1.jpg"),
        ("AA/2", "Cam 4", "cam2.jpg"),
    ]
    assert rows[0]["sha256"] == hashlib.sha256((export / "cam1.jpg").read_bytes()).hexdigest()
    table = cli("stills", "list", "--incident", reference)
    assert "AA/1" in table.out and rows[1]["sha256"] in table.out


def test_nothing_usable_exits_2_and_a_missing_incident_is_a_sentence(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    reference = _incident(vault_folder)
    bad = tmp_path / "photo.jpg"
    bad.write_text("not really a photo")
    result = cli("stills", "add", "--incident", reference, str(bad))
    assert result.code == 2 and "photo.jpg is not a picture" in result.out
    missing = cli("stills", "list", "--incident", "LDS01-2026-99999")
    assert missing.code == 2
    assert (
        missing.err.strip()
        == "There is no incident LDS01-2026-99999 in this vault. Check the reference."
    )


def test_verify_finds_a_still_changed_outside_the_app(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    reference = _incident(vault_folder)
    for n, colour in enumerate([(200, 0, 0), (0, 200, 0), (0, 0, 200)]):
        _jpeg(tmp_path / f"cam{n}.jpg", colour)
    added = cli(
        "stills", "add", "--incident", reference, *(str(tmp_path / f"cam{n}.jpg") for n in range(3))
    )
    assert added.code == 0, added.err
    clean = cli("stills", "verify")
    assert clean.code == 0 and clean.out.strip() == (
        "All 3 stills match the SHA-256 recorded when they were imported."
    )
    with raw_database(vault_folder) as conn:  # someone with the key, outside the app
        conn.execute(
            "UPDATE exhibit_blobs SET data = CAST(data || x'00' AS BLOB) WHERE exhibit_id = "
            "(SELECT id FROM exhibits WHERE reference = 'AA/2')"
        )
    found = cli("stills", "verify", "--json")
    assert found.code == 1
    doc = json.loads(found.out)
    assert doc["changed"] == ["AA/2"] and doc["checked"] == 3 and not doc["intact"]
    said = cli("stills", "verify")
    assert said.code == 1 and said.out.startswith(
        "Of 3 stills, AA/2 no longer matches its recorded SHA-256. Do not export it: restore"
    )


def test_only_managers_and_administrators_verify_stills(with_officer: Cli) -> None:
    denied = with_officer("stills", "verify", user=OFFICER, password=OFFICER_PASSWORD)
    assert denied.code == 2 and "does not allow you to view the audit trail" in denied.err
