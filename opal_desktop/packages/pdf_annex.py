"""The back of the package PDF: subjects, vehicles, exhibit list, statement, legal basis."""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from opal_desktop.packages import pdf_words as words
from opal_desktop.packages.pdf_pages import Context
from opal_desktop.packages.pdf_stills import Picture
from opal_desktop.packages.pdf_styles import (
    CELL,
    CELL_BOLD,
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
from opal_desktop.packages.snapshot import PackageExhibit

PORTRAIT = (62 * mm, 62 * mm)


def _names(ctx: Context) -> dict[str, str]:
    """uuid -> what a reader knows it by (incident reference, subject reference, VRM)."""
    d = ctx.data
    names = {i["uuid"]: i["reference"] for i in d["incidents"]}
    names |= {s["uuid"]: s["reference"] for s in d["subjects"]}
    return names | {v["uuid"]: v["vrm"] for v in d["vehicles"]}


def _linked(ctx: Context, uuid: str) -> list[str]:
    names = _names(ctx)
    found = [link["to_uuid"] if link["from_uuid"] == uuid else link["from_uuid"]
             for link in ctx.data["links"] if uuid in (link["from_uuid"], link["to_uuid"])]  # fmt: skip
    return sorted({names.get(u, "") for u in found} - {""})


def _best(ctx: Context, exhibit_uuid: str | None) -> PackageExhibit | None:
    """The subject's best image as it is in this package: itself, or its chosen redacted copy."""
    if not exhibit_uuid:
        return None
    return next((e for e in ctx.snapshot.exhibits if exhibit_uuid in (e.uuid, e.master_uuid)), None)


def subjects_and_vehicles(ctx: Context) -> list[Flowable]:
    d = ctx.data
    story: list[Flowable] = []
    if d["subjects"]:
        story += [PageBreak(), para("Subjects", H1),
                  para("People linked to the incidents in this package, with their best image.", SMALL)]  # fmt: skip
    for s in d["subjects"]:
        details = key_values([
            ("Name", s["name"] or "unknown"), ("Also known as", s["aliases"] or ""), ("Sex", s["sex"] or ""),
            ("Age range", s["age_range"] or ""), ("Height", s["height"] or ""), ("Build", s["build"] or ""),
            ("Hair", s["hair"] or ""), ("Clothing", s["clothing"] or ""), ("Marks", s["marks"] or ""),
            ("Notes", s["notes"] or ""), ("Linked to", ", ".join(_linked(ctx, s["uuid"]))),
        ], key_width=26 * mm)  # fmt: skip
        details._argW = [26 * mm, WIDTH - PORTRAIT[0] - 30 * mm]  # narrower: the image sits left
        best = _best(ctx, s["best_exhibit_uuid"])
        image: list[Flowable] = [para("No best image in this package.", SMALL)]
        if best is not None:
            image = [Picture(ctx.registry, ctx.source(best), *PORTRAIT),
                     para(f"Best image: exhibit {best.info.reference}", TINY)]  # fmt: skip
        table = Table([[image, details]], colWidths=[PORTRAIT[0] + 4 * mm, None])
        table.setStyle(
            grid_style(header=False, extra=[("LINEBELOW", (0, 0), (-1, -1), 0.8, colors.black)])
        )
        story += [para(f"{s['reference']} {s['name'] or ''}".strip(), H2), table]
    if d["vehicles"]:
        story += [CondPageBreak(70 * mm), para("Vehicles", H1)]
        rows: list[list[Any]] = [
            [para(h, CELL_BOLD) for h in ("VRM", "Make, model", "Colour", "Notes", "Linked to")]
        ]
        for v in d["vehicles"]:
            rows.append([para(v["vrm"], CELL_BOLD), para(f"{v['make'] or ''} {v['model'] or ''}".strip(), CELL),
                         para(v["colour"] or "", CELL), para(v["notes"] or "", CELL),
                         para(", ".join(_linked(ctx, v["uuid"])), CELL)])  # fmt: skip
        widths = [24 * mm, 34 * mm, 20 * mm, 50 * mm]
        table = Table(rows, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
        table.setStyle(grid_style())
        story += [table, para("Vehicles have no image of their own: see the stills of the linked incidents.",
                              SMALL)]  # fmt: skip
    return story


def exhibit_list(ctx: Context) -> list[Flowable]:
    incident_refs = {i["uuid"]: i["reference"] for i in ctx.data["incidents"]}
    rows: list[list[Any]] = [[para(h, NARROW_BOLD) for h in
                              ("Exhibit", "Kind", "Incident", "File name", "Size", "Master")]]  # fmt: skip
    style: list[tuple[object, ...]] = []
    for e in ctx.snapshot.exhibits:
        info = e.info
        top = len(rows)
        rows.append([para(info.reference, NARROW_BOLD), para(f"{info.kind}, {info.format} {info.width}x{info.height}", NARROW),
                     para(incident_refs.get(e.incident_uuid, ""), NARROW), para(info.original_filename, NARROW),
                     para(f"{info.size_bytes:,} bytes", NARROW), para(info.master_reference or "—", NARROW)])  # fmt: skip
        rows.append([para(f"SHA-256 {info.sha256}\nIn the ZIP package: {e.path}", TINY)] + [""] * 5)
        style += [("SPAN", (0, top + 1), (-1, top + 1)), ("LINEBELOW", (0, top), (-1, top), 0, colors.white),
                  ("TOPPADDING", (0, top + 1), (-1, top + 1), 0)]  # fmt: skip
    widths = [17 * mm, 32 * mm, 30 * mm, 50 * mm, 24 * mm]
    table = SpanningTable(rows, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
    table.setStyle(grid_style(extra=style))
    intro = ("Every still in this package. Hashes are of the files as imported (masters) or as made "
             "(redacted copies); the ZIP package holds these exact files.")  # fmt: skip
    return [PageBreak(), para("Exhibit list", H1), para(intro, SMALL), Spacer(1, 2 * mm), table]


def statement(ctx: Context) -> list[Flowable]:
    d, exhibits = ctx.data, ctx.snapshot.exhibits
    generated = d["generated"]
    importers = Counter(_importer(ctx, e) for e in exhibits)
    came_in = sum(1 for e in exhibits if (ctx.origin(e.uuid) or {}).get("chain"))
    sources = Counter(e.info.source for e in exhibits)
    store_of = {
        i.uuid: ctx.stores().get(i.store_code, i.store_code) for i in ctx.snapshot.incidents
    }
    cameras = sorted({(f"{store_of.get(e.incident_uuid, '')}: {e.info.camera or 'camera not recorded'}",
                       words.clock_offset(e.info.clock_offset_seconds)) for e in exhibits})  # fmt: skip
    converted = [e.info.reference for e in exhibits if e.info.format != "JPEG"]
    redacted = [e for e in exhibits if e.info.kind == "redacted"]
    first = min((e.info.imported_at for e in exhibits), default="")
    last = max((e.info.imported_at for e in exhibits), default="")
    paragraphs = [
        f"This package was produced with {generated['app']} (vault {generated['vault_id']}) by "
        f"{generated['by']} on {words.when_text(generated['at'])}, from records held in an encrypted vault.",
        f"The {len(exhibits)} stills were exported from the stores' CCTV systems and imported by "
        + ", ".join(f"{who} ({n})" for who, n in sorted(importers.items()))
        + f" between {words.when_text(first)} and {words.when_text(last)}; they arrived as "
        + ", ".join(f"{n} {_SOURCES.get(src, src)}" for src, n in sorted(sources.items())) + "."
        + (f" {came_in} of them were imported in the vault of the store that recorded them and came into this "
           "vault in signed packages, unchanged (same SHA-256); the Provenance page names each package and its "
           "signer." if came_in else ""),
        "On import each original (the master) was stored bit for bit, unaltered, and its SHA-256 recorded; "
        "every later action on an exhibit is written to its audit log (who, when, what). Times shown by a "
        "CCTV system can differ from true time: the recorded offset is 'CCTV time minus true time', so a "
        "clock 1 min 5 s slow has an offset of -65 s and true time is the time shown plus 1 min 5 s. "
        "Where an incident time was taken from a still, the offset has been allowed for. EXIF dates inside "
        "a file are the camera's claim, not a finding.",
        f"Redacted copies (named after their master with -R1, -R2 …) hide bystanders; each is a separate file "
        f"with its own SHA-256 and points at its master, which is kept unchanged. This package holds "
        f"{len(redacted)} redacted copies.",
        "JPEG stills are embedded in this PDF unchanged: the image data in the document is the original file, "
        "byte for byte, and its SHA-256 is the one printed beneath it. "
        + (f"Stills in other formats ({', '.join(converted)}) are shown converted to RGB for display; the hashes "
           "listed are of the original files, which are in the ZIP package." if converted else
           "No still needed converting for display."),
    ]  # fmt: skip
    rows = [(camera, offset) for camera, offset in cameras]
    story: list[Flowable] = [PageBreak(), para("How the stills were produced", H1)]
    story += [para(p) for p in paragraphs]
    story += [para("Cameras and clock offsets", H2), key_values(rows, key_width=70 * mm)]
    return story


def _importer(ctx: Context, exhibit: PackageExhibit) -> str:
    """Who imported the still: a user of this vault by name; a user of the vault it came from
    with that vault's retailer and store ('a.admin at Northern Grocers Ltd (LDS01)')."""
    who = exhibit.info.imported_by
    record = ctx.origin(exhibit.uuid)
    if not record or not record["chain"]:
        return who
    hop = record["chain"][0]
    organisation = record["retailer"] or hop["signer"]["organisation"]
    return f"{who} at {organisation} ({hop['source_store'] or record['store_code']})"


_SOURCES = {"file": "as chosen files", "folder": "from a folder", "clipboard": "pasted",
            "drop": "dragged in", "redaction": "made by redaction"}  # fmt: skip


def legal_basis(ctx: Context) -> list[Flowable]:
    text = ctx.data["legal_basis"] or "No legal basis was entered for this package."
    signing = ("This document is signed electronically (PAdES) with the organisation's certificate. Any "
               "change to it after signing makes the signature invalid; check it in a PDF reader or with "
               "`pdfsig`, and compare the certificate fingerprint with the one the organisation gave you.")  # fmt: skip
    return [
        CondPageBreak(60 * mm),
        para("Legal basis", H2),
        para(text),
        para("Signature", H2),
        para(signing, CELL),
    ]
