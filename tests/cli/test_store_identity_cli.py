"""Two organisations' LDS01-2026-00001 in one vault, from the command line: a bare reference
that both have is refused in one sentence naming the qualified forms; NG/LDS01-2026-00001
names one; `import --json` lists the conflict; each keeps its own history."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from store_identity_support import LDS, Sender, store_vault

from opal_desktop.incidents import records
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, Cli


@pytest.fixture(scope="module")
def lds(tmp_path_factory: pytest.TempPathFactory) -> Sender:
    return store_vault(tmp_path_factory.mktemp("lds"), LDS, "LDS", "LDS01", "Leeds Briggate", 1)


def _pem(sender: Sender, folder: Path) -> Path:
    from import_support import certificate_pem

    path = folder / "lds.pem"
    path.write_bytes(certificate_pem(sender.material))
    return path


def test_a_shared_reference_needs_its_organisation(
    cli: Cli, vault_folder: Path, lds: Sender, tmp_path: Path
) -> None:
    own = Vault.open(vault_folder, ADMIN, ADMIN_PASSWORD)  # Northern Grocers' own LDS01
    try:
        made = records.save(own, dataclasses.replace(
            records.new_incident(own), narrative="Two males took spirits at Kirkstall."))  # fmt: skip
    finally:
        own.close()
    assert made.reference == lds.refs[0] == "LDS01-2026-00001"
    assert cli("trust", "add", str(_pem(lds, tmp_path))).code == 0
    imported = cli("import", str(lds.zip), "--json")
    assert imported.code == 0, imported.err
    doc = imported.json()
    assert isinstance(doc, dict)
    assert [(c["reference"], c["retailer"], c["other_retailer"]) for c in doc["conflicts"]] == [
        ("LDS01-2026-00001", LDS, "Northern Grocers Ltd")]  # fmt: skip

    bare = cli("incidents", "show", "LDS01-2026-00001")
    assert bare.code != 0 and "Traceback" not in bare.err
    assert ("LDS01-2026-00001 is the reference of incidents of 2 organisations: say which one, as "
            "NG/LDS01-2026-00001 (Northern Grocers Ltd, Leeds Kirkstall), LDS/LDS01-2026-00001 "
            "(Leeds Discount Stores, Leeds Briggate).") in " ".join(bare.err.split())  # fmt: skip
    theirs = cli("incidents", "show", "lds/LDS01-2026-00001", "--history")
    assert theirs.code == 0, theirs.err
    assert "Leeds Discount Stores" in theirs.out and "imported from" in theirs.out
    ours = cli("incidents", "show", "NG/LDS01-2026-00001", "--history")
    assert ours.code == 0, ours.err
    assert "Kirkstall" in ours.out and "imported from" not in ours.out  # its own history only
    listed = cli("incidents", "list")
    assert listed.code == 0 and "STORE · RETAILER" in listed.out
    assert (
        "LDS01 · Leeds Discount Stores" in listed.out
        and "LDS01 · Northern Grocers Ltd" in listed.out
    )
