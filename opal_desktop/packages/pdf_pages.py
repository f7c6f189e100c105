"""The front of the package PDF: cover, referral check, overview, timeline, link chart."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from opal_desktop.domain.incident import Incident
from opal_desktop.packages import pdf_story as story
from opal_desktop.packages import pdf_words as words
from opal_desktop.packages.model import DRAFT_WATERMARK
from opal_desktop.packages.pdf_stills import ImageRegistry, ImageSource, Picture
from opal_desktop.packages.pdf_styles import (
    CELL,
    CELL_BOLD,
    COVER_KIND,
    COVER_REF,
    COVER_TITLE,
    H1,
    H2,
    LIGHT,
    NARROW,
    NARROW_BOLD,
    SMALL,
    WIDTH,
    grid_style,
    key_values,
    markup,
    para,
)
from opal_desktop.packages.snapshot import PackageExhibit, Snapshot


@dataclass
class Context:
    """What every section needs: the snapshot, its pictures and a progress tick."""

    snapshot: Snapshot
    draft: bool
    registry: ImageRegistry = field(default_factory=ImageRegistry)
    tick: Callable[[], None] = lambda: None
    _origin_index: dict[str, dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        return self.snapshot.data

    def stores(self) -> dict[str, str]:
        return words.store_names(self.data["stores"])

    def store(self, code: str) -> dict[str, Any] | None:
        return next((s for s in self.data["stores"] if s["code"] == code), None)

    def origin(self, uuid: str) -> dict[str, Any] | None:
        """The incident's or still's provenance record (package.json `provenance`), if any."""
        found = self._origins().get(uuid)
        return found

    def _origins(self) -> dict[str, dict[str, Any]]:
        if self._origin_index is None:
            prov = self.data.get("provenance") or {}
            self._origin_index = {
                r["uuid"]: r for r in [*prov.get("incidents", []), *prov.get("exhibits", [])]
            }
        return self._origin_index

    def store_of(self, incident: Incident) -> str:
        """'Leeds Briggate (LDS01)': the store the incident happened in."""
        record = self.origin(incident.uuid)
        if record:
            return f"{record['store_name']} ({record['store_code']})"
        return self.stores().get(incident.store_code, incident.store_code)

    def retailer_of(self, incident: Incident) -> str:
        """The retailer whose store it is, as this vault knows the incident's store."""
        record = self.origin(incident.uuid)
        if record:
            return str(record["retailer"])
        return str((self.store(incident.store_code) or {}).get("retailer") or "")

    def source(self, exhibit: PackageExhibit) -> ImageSource:
        info = exhibit.info
        return ImageSource(key=info.sha256, width=info.width, height=info.height,
                           orientation=info.orientation, is_jpeg=info.format == "JPEG",
                           label=info.reference, load=exhibit.load)  # fmt: skip


class Tick(Flowable):  # type: ignore[misc]  # reportlab has no stubs
    """Takes no room; reports progress when laid out on a page."""

    def __init__(self, tick: Callable[[], None]) -> None:
        super().__init__()
        self.tick = tick
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.tick()


def cover(ctx: Context) -> list[Flowable]:
    d = ctx.data
    pkg, grading, submitter = d["package"], d["grading"], d["submitter"]
    flowables: list[Flowable] = [Spacer(1, 14 * mm), para("INTELLIGENCE PACKAGE FOR OPAL", COVER_KIND),
                             para(pkg["reference"], COVER_REF), para(pkg["title"], COVER_TITLE)]  # fmt: skip
    if ctx.draft:
        flowables.append(para(f"{DRAFT_WATERMARK}: the referral check is not passed.", COVER_KIND))
    grading_text = (
        f"<b>{grading['code']}</b><br/>Source evaluation {grading['source_evaluation']}: "
        f"{grading['source_evaluation_text']}<br/>Intelligence assessment "
        f"{grading['intelligence_assessment']}: {grading['intelligence_assessment_text']}<br/>"
        f"Handling code {grading['handling_code']}: {grading['handling_code_text']}"
    )
    if grading["handling_conditions"]:
        grading_text += f"<br/><b>Conditions:</b> {_esc(grading['handling_conditions'])}"
    series = d.get("series") or {}
    incidents = ctx.snapshot.incidents
    loss = sum(i.loss_pence for i in incidents)
    # The story first (who, what, where, when), then how to handle it and who sent it.
    rows = [
        [para("Marking", CELL_BOLD), markup(f"<b>{d['marking']}</b>", CELL)],
        [para("When", CELL_BOLD), para(story.when(incidents), CELL)],
        [para("What", CELL_BOLD), para(story.what(incidents), CELL)],
        [para("Who", CELL_BOLD), para(story.who(d), CELL)],
        [para("Where", CELL_BOLD), para(f"{_stores_text(ctx)}\nForce areas: {story.forces(incidents)}", CELL)],
        [para("Contents", CELL_BOLD),
         para(f"{len(incidents)} incidents, {len(ctx.snapshot.exhibits)} stills, total loss "
              f"{words.money(loss)}; {sum(1 for i in incidents if not i.has_crime_reference)} "
              "without a crime reference", CELL)],
        [para("Referral check", CELL_BOLD), markup(_verdict(d["referral_check"]), CELL)],
        [para("Grading (3x5x2)", CELL_BOLD), markup(grading_text, CELL)],
        [para("Submitted by", CELL_BOLD),
         para(f"{submitter['name']}, {submitter['role']}\n{submitter['contact']}", CELL)],
        [para("Organisation", CELL_BOLD), para(submitter["organisation"], CELL)],
        [para("Series", CELL_BOLD),
         para(f"{series.get('reference', '')} {series.get('name', '')}".strip() or "—", CELL)],
        [para("Exported", CELL_BOLD), para(words.when_text(d["generated"]["at"]), CELL)],
    ]  # fmt: skip
    table = Table(rows, colWidths=[38 * mm, WIDTH - 38 * mm])
    table.setStyle(grid_style(header=False, extra=[("BOX", (0, 0), (-1, -1), 0.8, colors.black)]))
    summary = pkg["summary"].strip()
    if not summary:  # never a bare dash: the facts, said once, and who wrote them
        stores = len({(ctx.retailer_of(i), ctx.store_of(i)) for i in incidents})
        summary = story.summary_from_data(d, incidents, stores)
    heading = (
        "Summary" if pkg["summary"].strip() else "Summary (written by Opal Desktop from the data)"
    )
    flowables += [table, Spacer(1, 6 * mm), para(heading, H2), para(summary)]
    return flowables


def _stores_text(ctx: Context) -> str:
    """One line per store the incidents happened in: name, code, retailer, address, force."""
    seen: dict[tuple[str, str], str] = {}
    for incident in ctx.snapshot.incidents:
        name, retailer = ctx.store_of(incident), ctx.retailer_of(incident)
        seen.setdefault((name, retailer), incident.store_code)
    lines = []
    for (name, retailer), code in sorted(seen.items()):
        place = words.store_place(ctx.store(code))
        label = f"{name}, {retailer}" if retailer else name
        lines.append(f"{label}\n{place}" if place else label)
    return "\n".join(lines) or "—"


def _esc(text: str) -> str:
    from html import escape

    return escape(text).replace("\n", "<br/>")


def _verdict(check: dict[str, Any]) -> str:
    rules = check["rules"]
    label = f"rules {_esc(rules['id'])} version {_esc(rules['version'])}"
    if rules["indicative"]:
        label += " (indicative)"
    return f"<b>{_esc(check['verdict'])}</b><br/>{label}, checked {_esc(words.when_text(check['checked_at']))}"


def referral_check(ctx: Context) -> list[Flowable]:
    check = ctx.data["referral_check"]
    marks = {"pass": "PASS", "fail": "FAIL", "advisory": "NOTE"}
    rows = [[para("Result", CELL_BOLD), para("Requirement", CELL_BOLD)]]
    for line in check["lines"]:
        text = _esc(line["sentence"])
        if line["incidents"]:
            text += f"<br/><font size=7>{_esc(', '.join(line['incidents']))}</font>"
        rows.append([para(marks[line["status"]], CELL_BOLD if line["status"] == "fail" else CELL),
                     markup(text, CELL)])  # fmt: skip
    table = Table(rows, colWidths=[16 * mm, WIDTH - 16 * mm], repeatRows=1)
    table.setStyle(grid_style())
    return [CondPageBreak(60 * mm), para("Referral check", H2), markup(_verdict(check), SMALL),
            Spacer(1, 2 * mm), table]  # fmt: skip


def overview(ctx: Context) -> list[Flowable]:
    rows: list[list[Any]] = [[para(h, CELL_BOLD) for h in
                              ("Incident", "Date / time (UK)", "Retailer, store", "Force", "Type", "Loss", "Crime reference")]]  # fmt: skip
    missing_rows = []
    for number, incident in enumerate(ctx.snapshot.incidents, start=1):
        crime = words.crime_reference(incident)
        if crime == words.MISSING:
            missing_rows.append(number)
        rows.append([para(incident.reference, NARROW_BOLD), para(words.when(incident), NARROW),
                     para(_retailer_store(ctx, incident), NARROW),
                     para(words.force_name(incident.police.force_id), NARROW),
                     para(words.incident_type(incident.incident_type), NARROW),
                     para(words.money(incident.loss_pence), NARROW),
                     para(crime, NARROW_BOLD if crime == words.MISSING else NARROW)])  # fmt: skip
    total = sum(i.loss_pence for i in ctx.snapshot.incidents)
    rows.append(
        [para("Total", NARROW_BOLD), "", "", "", "", para(words.money(total), NARROW_BOLD), ""]
    )
    widths = [33 * mm, 28 * mm, 29 * mm, 23 * mm, 19 * mm, 17 * mm]
    table = Table(rows, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
    extra: list[tuple[object, ...]] = [("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]
    extra += [("BACKGROUND", (6, r), (6, r), LIGHT) for r in missing_rows]
    table.setStyle(grid_style(extra=extra))
    return [PageBreak(), para("Overview of incidents", H1), table]


def _retailer_store(ctx: Context, incident: Incident) -> str:
    retailer = ctx.retailer_of(incident)
    return f"{retailer}\n{ctx.store_of(incident)}" if retailer else ctx.store_of(incident)


def timeline(ctx: Context) -> list[Flowable]:
    rows: list[list[Any]] = [
        [para(h, NARROW_BOLD) for h in ("When (UK)", "Gap", "Incident", "Where", "What happened")]
    ]
    previous = None
    for incident in ctx.snapshot.incidents:
        first = incident.narrative.strip().split("\n")[0]
        what = words.incident_type(incident.incident_type)
        what += f", {words.money(incident.loss_pence)}" + (f": {first[:160]}" if first else "")
        rows.append([para(words.when(incident), NARROW), para(words.day_gap(previous, incident.occurred_start), NARROW),
                     para(incident.reference, NARROW_BOLD),
                     para(_retailer_store(ctx, incident), NARROW), para(what, NARROW)])  # fmt: skip
        previous = incident.occurred_start or previous
    widths = [28 * mm, 10 * mm, 33 * mm, 28 * mm]
    table = Table(rows, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
    table.setStyle(grid_style())
    return [CondPageBreak(80 * mm), para("Timeline", H1),
            para("Incidents in date order; 'Gap' is the time since the one before.", SMALL), table]  # fmt: skip


def link_chart(ctx: Context, chart_png: bytes | None) -> list[Flowable]:
    if not chart_png:
        return []
    series = ctx.data.get("series") or {}
    source = ImageSource(key=hashlib.sha256(chart_png).hexdigest(), width=_png_size(chart_png)[0],
                         height=_png_size(chart_png)[1], orientation=1, is_jpeg=False,
                         label="link chart", load=lambda: chart_png, check_sha256=False)  # fmt: skip
    legend = ("People are circles (top), vehicles rounded boxes (middle), incidents squares in time "
              "order (bottom); a dashed square has no crime reference. Lines are recorded links.")  # fmt: skip
    return [PageBreak(), para(f"Link chart: {series.get('reference', '')} {series.get('name', '')}", H1),
            KeepTogether([Picture(ctx.registry, source, WIDTH, 150 * mm), Spacer(1, 3 * mm), para(legend, SMALL)]),
            Spacer(1, 4 * mm), key_values(_series_rows(series))]  # fmt: skip


def _series_rows(series: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("Description", series.get("description") or ""),
        ("Period", f"{words.when_text(series.get('first'))} to {words.when_text(series.get('last'))}"),
        ("Subjects", ", ".join(series.get("subject_references") or [])),
        ("Vehicles (VRM)", ", ".join(series.get("vrms") or [])),
        ("Forces", ", ".join(words.force_name(f) for f in series.get("force_ids") or [])),
        ("Tactics", ", ".join(f"{words.tactics([t['tactic']])} ({t['incidents']})" for t in series.get("tactics") or [])),
    ]  # fmt: skip


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, without decoding."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("the link chart must be a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
