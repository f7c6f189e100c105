"""The link chart of a series: who is linked to what, as a picture anyone can read.

Three rows, so it reads at a glance and prints in black and white: people at the top
(circles), vehicles in the middle (rounded boxes), incidents along the bottom in time order
(squares; a dashed outline where the crime reference is missing). Lines are links.
The layout is computed here (positions from 0 to 1) so the GUI can draw it natively; the
PNG is rendered with Pillow for saving and for the exported package.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import text

from opal_desktop.domain.timeutil import from_utc_text, show
from opal_desktop.incidents import refs
from opal_desktop.linking import series
from opal_desktop.vault.vault import Vault

NodeKind = Literal["subject", "vehicle", "incident"]
_ROWS: dict[NodeKind, float] = {"subject": 0.16, "vehicle": 0.5, "incident": 0.84}


@dataclass
class Node:
    key: str  # reference or VRM
    kind: NodeKind
    label: str  # one or two short lines
    x: float = 0.0
    y: float = 0.0
    attention: bool = False  # e.g. an incident without a crime reference


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    label: str = ""


@dataclass
class Graph:
    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.key == key)


def series_graph(vault: Vault, reference: str) -> Graph:
    """Nodes for the series' incidents, subjects and vehicles (and any linked to its incidents)."""
    found = series.summary(vault, reference)
    graph = Graph(title=f"{found.reference} {found.name}")
    with vault.engine.connect() as conn:
        incidents = conn.execute(
            # incidents by name: NG/REF when two organisations have REF, else they would be one node
            text(f"SELECT i.id, {refs.name_sql('i.id')}, i.occurred_start, i.has_crime_reference, s.code FROM series_incidents m "
                 "JOIN incidents i ON i.id = m.incident_id JOIN stores s ON s.id = i.store_id JOIN series r "
                 "ON r.id = m.series_id WHERE r.reference = :r ORDER BY i.occurred_start, i.id"),
            {"r": found.reference},
        ).all()  # fmt: skip
        ids = ",".join(str(int(r[0])) for r in incidents) or "0"
        subject_links = conn.execute(text(
            f"SELECT {refs.name_sql('i.id')}, s.reference, s.name, s.sex, s.height, s.clothing, l.role FROM incident_subject_links l "
            f"JOIN incidents i ON i.id = l.incident_id JOIN subjects s ON s.id = l.subject_id WHERE l.incident_id IN ({ids}) "
            "AND l.unlinked_at IS NULL")).all()  # fmt: skip
        vehicle_links = conn.execute(text(
            f"SELECT {refs.name_sql('i.id')}, v.vrm, v.colour, v.make FROM incident_vehicle_links l JOIN incidents i "
            f"ON i.id = l.incident_id JOIN vehicles v ON v.id = l.vehicle_id WHERE l.incident_id IN ({ids}) "
            "AND l.unlinked_at IS NULL")).all()  # fmt: skip
        people = {r[1] for r in subject_links} | set(found.subject_references)
        cars = {r[1] for r in vehicle_links} | set(found.vrms)
        bound = {f"p{i}": p for i, p in enumerate(sorted(people))} or {"p0": ""}
        names = ", ".join(f":{k}" for k in bound)
        driver_links = conn.execute(text(
            "SELECT s.reference, v.vrm, l.role FROM subject_vehicle_links l JOIN subjects s ON s.id = l.subject_id "
            f"JOIN vehicles v ON v.id = l.vehicle_id WHERE s.reference IN ({names}) AND l.unlinked_at IS NULL"), bound).all()  # fmt: skip
        described = {r[1]: r for r in subject_links}
        extra = conn.execute(
            text(
                f"SELECT reference, name, sex, height, clothing FROM subjects WHERE reference IN ({names})"
            ),
            bound,
        ).all()
    for row in incidents:
        when = show(from_utc_text(row[2])).split(" ")[0] if row[2] else "date not set"
        graph.nodes.append(
            Node(row[1], "incident", f"{row[1]}\n{when} · {row[4]}", attention=not row[3])
        )
    for ref in sorted(people):
        seen = described.get(ref)
        name, sex, height, clothing = (
            (seen[2], seen[3], seen[4], seen[5]) if seen else _lookup(extra, ref)
        )
        look = ", ".join(p for p in (height, sex, clothing) if p)[:28]
        graph.nodes.append(Node(ref, "subject", f"{ref}\n{name or look}"))
    colours = {r[1]: f"{r[2]} {r[3]}".strip() for r in vehicle_links}
    for vrm in sorted(cars):
        graph.nodes.append(Node(vrm, "vehicle", f"{vrm}\n{colours.get(vrm, '')}".strip()))
    graph.edges += [Edge(r[1], r[0], r[6]) for r in subject_links]
    graph.edges += [Edge(r[1], r[0]) for r in vehicle_links]
    graph.edges += [Edge(r[0], r[1], r[2]) for r in driver_links if r[1] in cars]
    layout(graph)
    return graph


def _lookup(rows: Sequence[Sequence[Any]], reference: str) -> tuple[str, str, str, str]:
    for row in rows:
        if row[0] == reference:
            return row[1], row[2], row[3], row[4]
    return "", "", "", ""


def layout(graph: Graph) -> None:
    """Rows by kind; incidents in time order; people and vehicles above what they link to."""
    incidents = [n for n in graph.nodes if n.kind == "incident"]
    for i, node in enumerate(incidents):
        node.x, node.y = (i + 0.5) / max(len(incidents), 1), _ROWS["incident"]
    placed = {n.key: n.x for n in incidents}
    for kind in ("vehicle", "subject"):
        row = [n for n in graph.nodes if n.kind == kind]
        for node in row:  # start at the mean x of what it links to, then spread out evenly
            near = [placed[e.b] for e in graph.edges if e.a == node.key and e.b in placed]
            near += [placed[e.a] for e in graph.edges if e.b == node.key and e.a in placed]
            node.x = sum(near) / len(near) if near else 0.5
        row.sort(key=lambda n: n.x)
        for i, node in enumerate(row):
            node.x, node.y = (i + 0.5) / max(len(row), 1), _ROWS[kind]
            placed[node.key] = node.x


_DEFAULT_ROLES = {"offender", ""}  # the usual case goes unlabelled, so the chart stays readable


def render_png(graph: Graph, width: int = 1600, height: int = 900) -> bytes:
    """The chart as a PNG: black on white, shapes tell the kinds apart, readable when printed."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font_size = max(12, width // 110)
    font = ImageFont.load_default(size=font_size)
    draw.text(
        (24, 16), graph.title, fill="black", font=ImageFont.load_default(size=max(16, width // 70))
    )
    r = max(14, width // 90)
    _legend(draw, font, 24, 30 + max(16, width // 70), r)
    top = 110

    def at(node: Node) -> tuple[float, float]:
        return 40 + node.x * (width - 80), top + node.y * (height - top - 50)

    keys = {n.key: n for n in graph.nodes}
    labels: list[tuple[float, float, str]] = []
    for edge in graph.edges:
        if edge.a in keys and edge.b in keys:
            (x1, y1), (x2, y2) = at(keys[edge.a]), at(keys[edge.b])
            draw.line((x1, y1, x2, y2), fill=(110, 110, 110), width=2)
            if edge.label not in _DEFAULT_ROLES:
                labels.append(((x1 + x2) / 2, (y1 + y2) / 2, edge.label))
    for x, y, label in labels:
        _boxed_text(draw, font, x, y - font_size / 2, label, (60, 60, 60))
    for node in graph.nodes:
        x, y = at(node)
        _shape(draw, node.kind, x, y, r, node.attention)
        for line_number, line in enumerate(node.label.split("\n")):
            _boxed_text(draw, font, x, y + r + 4 + line_number * (font_size + 3), line, "black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _shape(
    draw: ImageDraw.ImageDraw, kind: NodeKind, x: float, y: float, r: int, attention: bool
) -> None:
    if kind == "subject":
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(30, 50, 90), outline="black", width=2)
    elif kind == "vehicle":
        draw.rounded_rectangle((x - 1.6 * r, y - 0.8 * r, x + 1.6 * r, y + 0.8 * r), radius=r // 2,
                               fill=(230, 230, 230), outline="black", width=3)  # fmt: skip
    else:
        draw.rectangle((x - r, y - r, x + r, y + r), fill="white", outline="white")
        if attention:  # dashed: a crime reference is still missing
            for i in range(0, 2 * r, 8):
                for x0, y0, x1, y1 in (
                    (x - r + i, y - r, x - r + i + 4, y - r),
                    (x - r + i, y + r, x - r + i + 4, y + r),
                    (x - r, y - r + i, x - r, y - r + i + 4),
                    (x + r, y - r + i, x + r, y - r + i + 4),
                ):
                    draw.line((x0, y0, min(x1, x + r), min(y1, y + r)), fill="black", width=3)  # fmt: skip
        else:
            draw.rectangle((x - r, y - r, x + r, y + r), outline="black", width=3)


def _boxed_text(
    draw: ImageDraw.ImageDraw,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    x: float,
    y: float,
    text_value: str,
    colour: str | tuple[int, int, int],
) -> None:
    """Centred text on a white patch, so lines behind it do not make it unreadable."""
    width = draw.textlength(text_value, font=font)
    left, top, right, bottom = draw.textbbox((x - width / 2, y), text_value, font=font)
    draw.rectangle((left - 3, top - 2, right + 3, bottom + 2), fill="white")
    draw.text((x - width / 2, y), text_value, fill=colour, font=font)


def _legend(
    draw: ImageDraw.ImageDraw,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    x: int,
    y: int,
    r: int,
) -> None:
    small = max(8, r // 2)
    items: list[tuple[NodeKind, bool, str]] = [("subject", False, "person"), ("vehicle", False, "vehicle"),
                                               ("incident", False, "incident"),
                                               ("incident", True, "incident without a crime reference yet")]  # fmt: skip
    for kind, attention, label in items:
        _shape(draw, kind, x + small * 1.6, y + small, small, attention)
        draw.text((x + small * 3.6, y), label, fill=(60, 60, 60), font=font)
        x += int(small * 4 + draw.textlength(label, font=font) + 24)
    draw.text(
        (x, y),
        "Lines are links; unlabelled person links are offenders.",
        fill=(60, 60, 60),
        font=font,
    )
