"""`opal-desktop self-test`: does this installed copy work end to end?

In a throwaway folder: create a vault, log an incident, import a generated still, build a
package, export it as a signed PDF and a signed ZIP, and verify both. Each step is printed;
the first failure stops the test. Nothing is left behind.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from opal_desktop import __version__

Say = Callable[[str], None]


def _still() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1280, 720), (90, 96, 104))
    draw = ImageDraw.Draw(image)
    draw.rectangle((500, 220, 640, 640), fill=(150, 30, 40))
    draw.text((20, 20), "SELF-TEST CAM 01", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def run(say: Say = print) -> bool:
    """True when every step passed."""
    say(f"Opal Desktop {__version__} self-test")
    with tempfile.TemporaryDirectory(prefix="opal-selftest-") as tmp:
        root = Path(tmp)
        state: dict[str, Any] = {}
        steps: list[tuple[str, Callable[[], str]]] = [
            ("create an encrypted vault", lambda: _create(root, state)),
            ("log an incident", lambda: _incident(state)),
            ("import a CCTV still", lambda: _import_still(state)),
            ("build a package", lambda: _package(state)),
            ("export a signed PDF", lambda: _export(root, state, "pdf")),
            ("export a signed ZIP", lambda: _export(root, state, "zip")),
            ("verify the PDF", lambda: _verify(state, "pdf")),
            ("verify the ZIP", lambda: _verify(state, "zip")),
        ]
        try:
            for number, (name, step) in enumerate(steps, start=1):
                started = time.perf_counter()
                try:
                    detail = step()
                except Exception as error:  # a self-test reports every failure as a line
                    say(f"{number}/{len(steps)} {name}: FAILED: {type(error).__name__}: {error}")
                    return False
                say(
                    f"{number}/{len(steps)} {name}: ok ({detail}; {time.perf_counter() - started:.2f} s)"
                )
        finally:
            vault = state.get("vault")
            if vault is not None:
                vault.close()
    say("All steps passed.")
    return True


def _create(root: Path, state: dict[str, Any]) -> str:
    from opal_desktop.vault.vault import Vault, VaultSetup

    setup = VaultSetup("Self-test Retail", "Self-test Store", "TEST01", "1 Test Street", "LS1 4AP", "west-yorkshire",
                       "selftest", "Self Test", "self test password long")  # fmt: skip
    vault, _code = Vault.create(root / "vault", setup)
    state["vault"] = vault
    return f"key slots {len(vault.keyfile.slots)}"


def _incident(state: dict[str, Any]) -> str:
    from opal_desktop.domain.incident import GoodsLine, OffenderDescription
    from opal_desktop.domain.timeutil import utc_now
    from opal_desktop.incidents import records

    vault = state["vault"]
    incident = records.new_incident(vault)
    incident.occurred_start = utc_now().replace(microsecond=0) - timedelta(hours=2)
    incident.incident_type = "theft-from-shop"
    incident.location = "Aisle 1"
    incident.narrative = "Self-test incident: a male took two bottles of whisky and left."
    incident.goods = [GoodsLine("Whisky 70cl", 2, 2500)]
    incident.offender_count = 1
    incident.offenders = [OffenderDescription("male", "25-35", clothing="red cap")]
    incident.police.crime_reference = "SELFTEST/1"
    incident.police.reported_on = date.today()
    reference = records.mark_complete(vault, incident).reference
    state["incident"] = reference
    return reference


def _import_still(state: dict[str, Any]) -> str:
    from opal_desktop.evidence import exhibits
    from opal_desktop.evidence.models import IncomingStill

    report = exhibits.add_stills(
        state["vault"], state["incident"], [IncomingStill.from_bytes("cam01.jpg", _still(), "file")]
    )
    if not report.added:
        raise RuntimeError("; ".join(report.sentences()))
    still = report.added[0]
    if exhibits.original_bytes(state["vault"], still.id) != _still():
        raise RuntimeError("the stored still differs from the imported file")
    return f"{still.reference}, SHA-256 {still.sha256[:16]}…"


def _package(state: dict[str, Any]) -> str:
    from opal_desktop.packages import store
    from opal_desktop.packages.model import Grading, PackageDraft, Submitter

    draft = PackageDraft(
        title="Self-test package", summary="Made by opal-desktop self-test.", incident_references=[state["incident"]],
        grading=Grading("2", "B", "P"), legal_basis="Self-test",
        submitter=Submitter("Self Test", "Tester", "n/a", "Self-test Retail"),
    )  # fmt: skip
    reference = store.create_package(state["vault"], draft).reference
    state["package"] = reference
    return reference


def _export(root: Path, state: dict[str, Any], fmt: Literal["pdf", "zip"]) -> str:
    from opal_desktop.packages.export import export_package
    from opal_desktop.referral.store import check_incidents

    out = root / "out"
    out.mkdir(exist_ok=True)
    ready = check_incidents(state["vault"], [state["incident"]], record=False).ready
    result = export_package(state["vault"], state["package"], out, fmt, draft=not ready)
    state[fmt] = result.files[0]
    return f"{result.files[0].name}, {result.files[0].stat().st_size:,} bytes"


def _verify(state: dict[str, Any], fmt: Literal["pdf", "zip"]) -> str:
    from opal_desktop.packages.verify import verify_file
    from opal_desktop.vault.signing import certificate_pem

    report = verify_file(
        state[fmt], certificate_pem(state["vault"]).encode("ascii"), trust_source="this vault"
    )
    if not report.valid or not report.trusted:
        raise RuntimeError("; ".join(report.problems) or "not trusted")
    return f"valid, signed by {report.signer_subject[:48]}"
