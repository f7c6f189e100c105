"""Package ZIPs for the regional import tests: a demo vault's real export, and changed ones.

`export_zip` is the real exporter's signed ZIP; `entries` takes its files out again, and
`signed_zip` writes any files as a ZIP with META-INF/SHA256SUMS and its detached CMS
signature, so a test can change a file before or after signing.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conftest import make_setup
from sqlalchemy import text

from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.packages import store
from opal_desktop.packages.cms import sign_detached
from opal_desktop.packages.model import Grading, PackageDraft, Submitter
from opal_desktop.vault import keyfile
from opal_desktop.vault.identity import IdentityMaterial
from opal_desktop.vault.vault import Vault

DEMO_PASSWORD = "demo password long"
FAST_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
SUMS = "META-INF/SHA256SUMS"
SIGNATURE = "META-INF/SHA256SUMS.p7s"


def store_demo(folder: Path, incidents: int, seed: int) -> DemoResult:
    """A store's demo vault (module fixtures: the autouse cheap-KDF fixture is per test)."""
    keyfile.DEFAULT_KDF = FAST_KDF
    try:
        return build_demo(folder / "vault", incidents=incidents, seed=seed, password=DEMO_PASSWORD)
    finally:
        keyfile.DEFAULT_KDF = keyfile.KdfParams()


def regional_vault(folder: Path, code: str = "RGN01") -> Vault:
    """A fresh regional vault, signed in as its administrator."""
    setup = make_setup(store_code=code, store_name="Regional LP office")
    return Vault.create(folder / "vault", setup, kdf=FAST_KDF)[0]


def certificate_pem(material: IdentityMaterial) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.load_der_x509_certificate(material.certificate_der).public_bytes(Encoding.PEM)


def trust_sender(vault: Vault, material: IdentityMaterial) -> None:
    """What a regional manager does once, after checking the store's fingerprint by phone."""
    from opal_desktop.packages import trust

    trust.add(vault, certificate_pem(material), "fingerprint read out by the store manager")


def draft(refs: list[str]) -> PackageDraft:
    return PackageDraft(
        title="Grey Audi spirits team", summary="Two males targeting spirits across Yorkshire.",
        incident_references=refs, grading=Grading("2", "B", "P"), legal_basis="DPA 2018 Sch 1 para 10",
        submitter=Submitter("Morgan Manager", "Store security manager", "0113 496 0000", "Northern Grocers Ltd"),
    )  # fmt: skip


def export_zip(vault: Vault, refs: list[str], out_dir: Path, package: str = "") -> Path:
    """The real export (signed PDF inside a signed ZIP) of a package of these incidents."""
    from opal_desktop.errors import InvalidInput
    from opal_desktop.packages.export import export_package

    out_dir.mkdir(parents=True, exist_ok=True)
    package = package or store.create_package(vault, draft(refs)).reference
    try:
        return export_package(vault, package, out_dir, "zip").files[0]
    except InvalidInput:  # the referral check is not ready: a draft is what the store can send
        return export_package(vault, package, out_dir, "zip", draft=True).files[0]


def entries(path: Path) -> dict[str, bytes]:
    """A package's files, without its manifest and signature (to change and sign again)."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if not n.startswith("META-INF/")}


def document(files: dict[str, bytes]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(files["package.json"])
    return loaded


def with_document(files: dict[str, bytes], doc: dict[str, Any]) -> dict[str, bytes]:
    return {**files, "package.json": json.dumps(doc, indent=2, sort_keys=True).encode()}


def manifest(files: dict[str, bytes]) -> bytes:
    return "".join(
        f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)
    ).encode()


def signed_zip(
    path: Path,
    files: dict[str, bytes],
    material: IdentityMaterial,
    *,
    after_signing: dict[str, bytes] | None = None,
    raw_entries: Iterable[tuple[zipfile.ZipInfo, bytes]] = (),
) -> Path:
    """Sign the manifest of `files`, then write them (replaced by `after_signing` where given),
    the manifest, the signature and any `raw_entries` exactly as given."""
    sums = manifest(files)
    entries = {
        **files,
        SUMS: sums,
        SIGNATURE: sign_detached(sums, material),
        **(after_signing or {}),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            stored = name.startswith("exhibits/") or name == SIGNATURE
            archive.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        for info, data in raw_entries:
            archive.writestr(info, data)
    return path


def table_counts(vault: Vault) -> dict[str, int]:
    """Rows in every table: after a refused import nothing may be new."""
    with vault.engine.connect() as conn:
        names = [
            str(r[0])
            for r in conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            )
        ]
        return {
            n: int(conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one()) for n in names
        }


def integrity_problems(vault: Vault) -> list[str]:
    with vault.engine.connect() as conn:
        return [str(r[0]) for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
