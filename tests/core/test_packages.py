"""Packages: grading rules, lifecycle, and the snapshot the PDF and ZIP are made of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opal_desktop.errors import InvalidInput
from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.packages import store
from opal_desktop.packages.model import Grading, PackageDraft, Status, Submitter
from opal_desktop.packages.snapshot import build_snapshot
from opal_desktop.referral.store import check_incidents
from opal_desktop.vault.vault import Vault

PASSWORD = "demo password long"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    from opal_desktop.vault import keyfile

    keyfile.DEFAULT_KDF = keyfile.KdfParams(
        8 * 1024, 1, 1
    )  # module-scoped: the autouse fixture is per test
    try:
        return build_demo(
            tmp_path_factory.mktemp("demo") / "vault", incidents=80, seed=11, password=PASSWORD
        )
    finally:
        keyfile.DEFAULT_KDF = keyfile.KdfParams()


def _draft(refs: list[str]) -> PackageDraft:
    return PackageDraft(
        title="Grey Audi spirits team", summary="Two males targeting spirits across Yorkshire.",
        incident_references=refs, grading=Grading("2", "B", "C", "Not to be shared outside policing."),
        legal_basis="DPA 2018 Sch 1 para 10",
        submitter=Submitter("Alex Admin", "Regional LP manager", "07700 900123", "Northern Grocers Ltd (DEMO)"),
    )  # fmt: skip


def test_grading_rules() -> None:
    assert Grading("1", "A", "P").checked().code == "1A P"
    with pytest.raises(InvalidInput, match="Handling code C needs its conditions"):
        Grading("2", "B", "C").checked()
    with pytest.raises(InvalidInput, match="A to E"):
        Grading("2", "F", "P").checked()
    with pytest.raises(InvalidInput, match="one series, or from a selection"):
        PackageDraft(title="x").checked()
    with pytest.raises(InvalidInput, match="Choose a source evaluation"):  # never graded for them
        PackageDraft(title="x", incident_references=["LDS01-2026-00001"]).checked()


def test_lifecycle_and_snapshot(demo: DemoResult, tmp_path: Path) -> None:
    vault = Vault.open(demo.folder, "manager", PASSWORD)
    try:
        refs = list(demo.series[0].incident_references)
        package = store.create_package(vault, _draft(refs))
        assert package.reference.startswith("NGD-LDS01-PKG-") and package.status is Status.DRAFT
        with pytest.raises(InvalidInput, match="Export it first"):
            store.advance_status(vault, package.reference, Status.SUBMITTED)
        check = check_incidents(vault, refs)
        snapshot = build_snapshot(vault, package, check)
        doc = snapshot.data
        assert doc["format"] == "opal-desktop-package/1" and doc["grading"]["code"] == "2B C"
        assert [i["reference"] for i in doc["incidents"]] == sorted(
            refs,
            key=lambda r: next(
                i["occurred_start"] for i in doc["incidents"] if i["reference"] == r
            ),
        )  # in time order
        assert len(snapshot.exhibits) >= len(refs)  # the demo gives every series incident a still
        first = snapshot.exhibits[0]
        assert first.load()[:2] == b"\xff\xd8" and first.path.startswith("exhibits/masters/")
        json.dumps(doc)  # plain JSON all the way down
        recorded = store.record_export(vault, package.reference, [{"format": "pdf", "file_name": "x.pdf",
                                       "sha256": "0" * 64, "size_bytes": 1}], draft=False, check=check.to_json())  # fmt: skip
        assert recorded.status is Status.EXPORTED and recorded.exports[0]["file_name"] == "x.pdf"
        assert (
            store.advance_status(vault, package.reference, Status.SUBMITTED).status
            is Status.SUBMITTED
        )
    finally:
        vault.close()
