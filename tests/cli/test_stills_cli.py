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


def _hostile_folder(folder: Path) -> Path:
    """A CCTV export folder with a good still between an APNG declaring zero frames and a
    TIFF that Pillow cannot size (TypeError: Missing dimensions)."""
    from hostile_images import tiff_missing_dimensions, zero_frame_apng

    folder.mkdir()
    (folder / "a-anim.png").write_bytes(zero_frame_apng())
    _jpeg(folder / "b-cam1.jpg", (200, 0, 0))
    (folder / "c-cam2.tif").write_bytes(tiff_missing_dimensions())
    return folder


def test_hostile_files_in_a_folder_are_refused_and_the_rest_is_added(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    reference = _incident(vault_folder)
    folder = _hostile_folder(tmp_path / "export")
    added = cli("stills", "add", "--incident", reference, str(folder))
    assert added.code == 0, added.err
    assert added.err == ""  # no traceback, no Pillow warnings
    assert added.out.splitlines() == [
        "Added 1 still(s): AA/1.",
        "a-anim.png is an animated PNG that declares 0 frames, so it is damaged. "
        "Export the still again from the CCTV system as a single picture.",
        "c-cam2.tif is damaged and cannot be read. Export it again from the CCTV system.",
    ]
    as_json = cli("stills", "add", "--incident", reference, str(folder), "--json")
    doc = json.loads(as_json.out)
    assert [r["file"] for r in doc["rejected"]] == ["a-anim.png", "c-cam2.tif"]
    assert doc["duplicates"] == [{"file": "b-cam1.jpg", "existing": "AA/1"}]


def _with_redacted_copy(cli: Cli, vault_folder: Path, tmp_path: Path) -> tuple[str, str]:
    from opal_desktop.evidence import exhibits
    from opal_desktop.evidence.models import Region
    from opal_desktop.evidence.redaction import redact

    reference = _incident(vault_folder)
    for n, colour in enumerate([(200, 0, 0), (0, 200, 0)]):
        _jpeg(tmp_path / f"cam{n}.jpg", colour)
    added = cli("stills", "add", "--incident", reference, str(tmp_path / "cam0.jpg"),
                str(tmp_path / "cam1.jpg"))  # fmt: skip
    assert added.code == 0, added.err
    vault = Vault.open(vault_folder, ADMIN, ADMIN_PASSWORD)
    try:
        master = exhibits.find_exhibit(vault, "AA/1")
        redact(vault, master.id, [Region(10, 10, 100, 100, "fill")])
    finally:
        vault.close()
    return reference, master.sha256


def test_remove_deletes_a_master_with_its_copies_and_logs_it_as_the_gui_does(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    from opal_desktop.evidence import exhibits

    reference, sha = _with_redacted_copy(cli, vault_folder, tmp_path)
    removed = cli("stills", "remove", "aa/1", "--reason", "Wrong incident: LDS01-2026-00012")
    assert removed.code == 0, removed.err
    assert removed.out.strip() == (
        f"Removed AA/1, AA/1-R1 from {reference}. "
        "The chain of custody keeps the reason and the SHA-256."
    )
    listed = json.loads(cli("stills", "list", "--incident", reference, "--json").out)
    assert [e["reference"] for e in listed] == ["AA/2"]
    # The GUI's Delete (gui/stills/delete.py) calls exhibits.delete_exhibit: do that for AA/2
    # and compare what each left in the chain of custody and the audit trail.
    vault = Vault.open(vault_folder, ADMIN, ADMIN_PASSWORD)
    try:
        other = exhibits.find_exhibit(vault, "AA/2")
        exhibits.delete_exhibit(vault, other.id, "Wrong incident: LDS01-2026-00012")
        by_cli = exhibits.custody_log(vault, "AA/1")
        by_core = exhibits.custody_log(vault, "AA/2")
    finally:
        vault.close()
    assert (by_cli[-1].action, by_cli[-1].actor, by_cli[-1].details, by_cli[-1].exhibit_sha256) == (
        "deleted", ADMIN, "Wrong incident: LDS01-2026-00012", sha,
    )  # fmt: skip
    assert [(e.action, e.actor, e.details) for e in (by_cli[-1], by_core[-1])] == [
        ("deleted", ADMIN, "Wrong incident: LDS01-2026-00012")
    ] * 2
    audit = json.loads(cli("audit", "list", "--action", "exhibit_deleted", "--json").out)
    assert sorted(e["record_id"] for e in audit) == ["AA/1", "AA/1-R1", "AA/2"]
    for entry in audit:
        assert entry["summary"].startswith(
            f"{reference}: Wrong incident: LDS01-2026-00012 (SHA-256 "
        )
    assert cli("audit", "verify").code == 0


def test_remove_without_a_reason_is_one_sentence_and_changes_nothing(
    cli: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    from .helpers import vault_bytes

    _with_redacted_copy(cli, vault_folder, tmp_path)
    before = vault_bytes(vault_folder)
    for extra in ([], ["--reason", "   "]):
        refused = cli("stills", "remove", "AA/1", *extra)
        assert refused.code == 2 and refused.out == ""
        assert refused.err.strip() == (
            "Say why this still is being removed with --reason TEXT; "
            "the reason is kept in its chain of custody."
        )
    assert vault_bytes(vault_folder) == before
    unknown = cli("stills", "remove", "ZZ/9", "--reason", "test")
    assert unknown.code == 2 and unknown.err.strip() == (
        "There is no exhibit ZZ/9 in this vault; "
        "check its reference with `opal-desktop stills list --incident REF`."
    )


def test_remove_follows_the_store_rule_as_the_gui_does(
    with_officer: Cli, vault_folder: Path, tmp_path: Path
) -> None:
    cli = with_officer
    reference = _incident(vault_folder)
    _jpeg(tmp_path / "cam0.jpg", (200, 0, 0))
    _jpeg(tmp_path / "cam1.jpg", (0, 200, 0))
    assert cli("stills", "add", "--incident", reference, str(tmp_path / "cam0.jpg"),
               str(tmp_path / "cam1.jpg")).code == 0  # fmt: skip
    # An officer may remove a still of their own store's incident, as in the stills viewer.
    own = cli("stills", "remove", "AA/1", "--reason", "duplicate", user=OFFICER,
              password=OFFICER_PASSWORD)  # fmt: skip
    assert own.code == 0, own.err
    # Move the incident to another store: now only managers and administrators may.
    with raw_database(vault_folder) as conn:
        conn.execute(
            "INSERT INTO stores(organisation_id, code, name, retailer, address, postcode, force_id, "
            "is_home, created_at) VALUES ((SELECT id FROM organisations WHERE is_home), 'BRD02', "
            "'Bradford', 'Northern Grocers Ltd', '2 Main St', 'BD1 1AA', 'west-yorkshire', 0, "
            "'2026-12-01T00:00:00+00:00')"
        )
        conn.execute("UPDATE incidents SET store_id = (SELECT id FROM stores WHERE code = 'BRD02')")
        conn.commit()
    denied = cli("stills", "remove", "AA/2", "--reason", "duplicate", user=OFFICER,
                 password=OFFICER_PASSWORD)  # fmt: skip
    assert (
        denied.code == 2 and "does not allow you to work on incidents of store BRD02" in denied.err
    )
    allowed = cli("stills", "remove", "AA/2", "--reason", "duplicate")
    assert allowed.code == 0, allowed.err
