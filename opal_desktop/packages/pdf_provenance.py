"""The provenance page of the package PDF: for every incident, the retailer and store that
recorded it and, when it came from another vault, the signed package it came in, its signer
and when and by whom it was imported here. Read from package.json's `provenance` (snapshot)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from opal_desktop.domain.fingerprint import colon_pairs
from opal_desktop.packages import pdf_words as words
from opal_desktop.packages.pdf_pages import Context
from opal_desktop.packages.pdf_styles import (
    CELL,
    H1,
    H2,
    NARROW,
    NARROW_BOLD,
    SMALL,
    TINY,
    WIDTH,
    SpanningTable,
    grid_style,
    key_values,
    para,
)


def vault_name(vault: dict[str, Any]) -> str:
    """'Yorkshire Retail Crime Partnership, Regional LP office (RGN01)'."""
    store = f"{vault.get('store_name') or ''} ({vault.get('store_code') or ''})"
    return ", ".join(p for p in (vault.get("organisation") or "", store) if p)


def _verified(hop: dict[str, Any]) -> str:
    if not hop["signature_verified"]:
        return "signature NOT verified"
    if hop["trusted_sender"]:
        return "signature verified against a trusted sender"
    return "signature verified, sender NOT on the trusted list"


def provenance_page(ctx: Context) -> list[Flowable]:
    prov = ctx.data.get("provenance")
    if not prov:
        return []
    records = prov["incidents"]
    here = vault_name(prov["exported_from"])
    heading = para("Provenance: where the incidents came from", H1)
    imported = [r for r in records if not r["recorded_here"]]
    stills = prov["exhibits"]
    if not imported and all(s["recorded_here"] for s in stills):  # the overview names each store
        return [CondPageBreak(40 * mm), heading, para(
            f"All {len(records)} incidents and {len(stills)} stills in this package were recorded in this "
            f"vault ({here}); none came from another vault.")]  # fmt: skip
    story: list[Flowable] = [PageBreak(), heading]
    story.append(para(
        f"{len(imported)} of the {len(records)} incidents came into this vault ({here}) in signed packages from "
        "other vaults; on import each package's signature and the SHA-256 of every file in it were checked. "
        + (f"{len(records) - len(imported)} were recorded in this vault. " if len(imported) < len(records) else "")
        + "To follow an incident back, ask the store for its reference there, or match the source package's "
        "SHA-256 and its signer's certificate fingerprint."))  # fmt: skip
    story += [Spacer(1, 2 * mm), _table(ctx, records)]
    story += _packages(records)
    story += _stills(ctx, stills)
    return story


def _table(ctx: Context, records: list[dict[str, Any]]) -> SpanningTable:
    rows: list[list[Any]] = [[para(h, NARROW_BOLD) for h in
                              ("Incident", "Retailer", "Store", "Source package", "Imported (UK)")]]  # fmt: skip
    style: list[tuple[object, ...]] = []
    for record in records:
        top = len(rows)
        store = f"{record['store_name']} ({record['store_code']})"
        if not record["chain"]:
            rows.append([para(record["reference"], NARROW_BOLD), para(record["retailer"], NARROW),
                         para(store, NARROW), para("Recorded in this vault", NARROW), para("—", NARROW)])  # fmt: skip
            continue
        hop = record["chain"][0]
        reference = record["reference"]
        if hop["source_reference"] and hop["source_reference"] != reference:
            reference += f"\n(at the store: {hop['source_reference']})"
        rows.append([para(reference, NARROW_BOLD), para(record["retailer"], NARROW), para(store, NARROW),
                     para(hop["package"]["reference"], NARROW),
                     para(f"{words.when_text(hop['imported_at'])} by {hop['imported_by']}", NARROW)])  # fmt: skip
        signer = hop["signer"]
        detail = (f"Signed by {signer['common_name']} · {_verified(hop)}\n"
                  f"Certificate SHA-256 fingerprint {colon_pairs(signer['fingerprint_sha256'])}\n"
                  f"Package file SHA-256 {hop['package']['sha256']} · package id "
                  f"{hop['package']['uuid'] or 'not given'}")  # fmt: skip
        for earlier in record["chain"][1:]:  # came through other vaults first: back to the store
            detail += (f"\nBefore that: {earlier['package']['reference']} from {earlier['source_store']}, "
                       f"imported into {vault_name(earlier['imported_into'])} "
                       f"{words.when_text(earlier['imported_at'])} · signed by {earlier['signer']['common_name']}, "
                       f"fingerprint {colon_pairs(earlier['signer']['fingerprint_sha256'])}")  # fmt: skip
        rows.append([para(detail, TINY)] + [""] * 4)
        style += [("SPAN", (0, top + 1), (-1, top + 1)), ("LINEBELOW", (0, top), (-1, top), 0, colors.white),
                  ("TOPPADDING", (0, top + 1), (-1, top + 1), 0)]  # fmt: skip
    widths = [33 * mm, 32 * mm, 34 * mm, 33 * mm]
    table = SpanningTable(rows, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
    table.setStyle(grid_style(extra=style))
    return table


def _packages(records: list[dict[str, Any]]) -> list[Flowable]:
    """One block per source package: what it was, who signed it, which incidents it brought."""
    by_sha: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for record in records:
        for hop in record["chain"]:  # nearest first, then the packages before it
            by_sha.setdefault(hop["package"]["sha256"], (hop, []))[1].append(record["reference"])
    story: list[Flowable] = [CondPageBreak(50 * mm), para("Source packages", H2)]
    for hop, references in by_sha.values():
        package, signer = hop["package"], hop["signer"]
        story += [para(package["reference"], NARROW_BOLD), key_values([
            ("File", package["file_name"]), ("File SHA-256", package["sha256"]),
            ("Package id", package["uuid"]), ("Exported from vault", package["vault_id"]),
            ("Signer", f"{signer['common_name']}\n{signer['subject']}"),
            ("Certificate SHA-256", colon_pairs(signer["fingerprint_sha256"])),
            ("Checked", _verified(hop)),
            ("Imported", f"{words.when_text(hop['imported_at'])} by {hop['imported_by']} into "
                         f"{vault_name(hop['imported_into'])}"),
            ("Incidents", ", ".join(references)),
        ]), Spacer(1, 3 * mm)]  # fmt: skip
    return story


def _stills(ctx: Context, stills: list[dict[str, Any]]) -> list[Flowable]:
    """Stills normally come with their incident; say so, and name any that did not."""
    incident_package = {r["uuid"]: (r["chain"][0]["package"]["sha256"] if r["chain"] else "")
                        for r in ctx.data["provenance"]["incidents"]}  # fmt: skip
    added_here = [
        s["reference"]
        for s in stills
        if s["recorded_here"] and incident_package.get(s["incident_uuid"])
    ]
    elsewhere = [f"{s['reference']} ({s['chain'][0]['package']['reference']})" for s in stills
                 if s["chain"] and s["chain"][0]["package"]["sha256"] != incident_package.get(s["incident_uuid"])]  # fmt: skip
    same = sum(1 for s in stills if s["chain"]) - len(elsewhere)
    lines = [
        f"{same} of the {len(stills)} stills came in the same signed packages as their incidents."
    ]
    if elsewhere:
        lines.append(
            "Stills from another package than their incident's: " + ", ".join(elsewhere) + "."
        )
    if added_here:
        lines.append(
            "Stills added in this vault to imported incidents: " + ", ".join(added_here) + "."
        )
    return [para("Stills", H2), *(para(line, CELL) for line in lines), Spacer(1, 1 * mm),
            para("Each still's own SHA-256 is in the exhibit list.", SMALL)]  # fmt: skip
