"""Regional import, second half: subjects, vehicles and links, merged by UUID.

Subjects keep their reference where this vault has not used it (else they get the next one
here and the note says so). A vehicle is one record per plate: a package's vehicle whose
plate this vault already knows is merged onto that record, only filling its blanks. Links
are added once; a link imported before and unlinked here since is not linked again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from opal_desktop.linking.common import next_reference
from opal_desktop.linking.links import KINDS as LINK_TABLES
from opal_desktop.packages import import_doc as d

if TYPE_CHECKING:
    from opal_desktop.packages.import_merge import Merge


def merge_subject(m: Merge, s: d.SubjectDoc) -> None:
    columns = d.SUBJECT_COLUMNS
    row = m.sql(f"SELECT id, reference, {', '.join(columns)}, best_exhibit_id FROM subjects WHERE uuid = :u",
                   u=s.uuid).first()  # fmt: skip
    best = m.ids["exhibit"].get(s.best_exhibit_uuid) or m.sql(
        "SELECT id FROM exhibits WHERE uuid = :u", u=s.best_exhibit_uuid).scalar()  # fmt: skip
    values = {**s.values, "best_exhibit_id": best}
    if row is None:
        reference = s.reference
        if m.taken("subjects", reference, s.uuid):
            reference = next_reference(m.conn, "SUBJ")
            while m.taken("subjects", reference, s.uuid):
                reference = next_reference(m.conn, "SUBJ")
            m.report.notes.append(f"Subject {s.reference} from the package is {reference} here (the reference was in use).")  # fmt: skip
        elif match := re.match(r"^SUBJ-(\d+)$", reference):
            m.sql("INSERT INTO link_counters(kind, last_number) VALUES ('SUBJ', :n) ON CONFLICT(kind) "
                     "DO UPDATE SET last_number = max(last_number, excluded.last_number)", n=int(match[1]))  # fmt: skip
        names = ", ".join(values)
        m.sql(f"INSERT INTO subjects(uuid, reference, {names}, review_date, created_by, created_at, updated_by, "
                 f"updated_at) VALUES (:uuid, :ref, {', '.join(':' + k for k in values)}, :review, :me, :now, :me, :now)",
                 uuid=s.uuid, ref=reference, **values, review=m.review.isoformat(),
                 me=m.vault.actor.username, now=m.now)  # fmt: skip
        m.audit("subject_created", "subject", reference, f"Imported from {m.origin}")
        outcome = "added"
    else:
        reference = str(row[1])
        last = m.last_content("subject", s.uuid)
        changed = [
            k for i, k in enumerate([*columns, "best_exhibit_id"]) if row[2 + i] != values[k]
        ]
        if not changed or (last is not None and last[0] == s.content_sha256):
            m.count("subjects", "unchanged")
            m.ids["subject"][s.uuid] = int(row[0])
            return
        m.require_owner("subject", s.uuid, reference)
        m.sql(f"UPDATE subjects SET {', '.join(f'{k} = :{k}' for k in changed)}, updated_by = :me, "
                 "updated_at = :now WHERE id = :id", **{k: values[k] for k in changed}, id=row[0],
                 me=m.vault.actor.username, now=m.now)  # fmt: skip
        m.audit("subject_changed", "subject", reference, f"Changed: {', '.join(changed)}; imported from {m.origin}")  # fmt: skip
        outcome = "updated"
    m.ids["subject"][s.uuid] = int(
        m.sql("SELECT id FROM subjects WHERE uuid = :u", u=s.uuid).scalar_one()
    )
    m.provenance("subject", s.uuid, reference=s.reference, content=s.content_sha256)
    m.count("subjects", outcome)


def merge_vehicle(m: Merge, v: d.VehicleDoc) -> None:
    select_sql = "SELECT id, uuid, make, model, colour, notes FROM vehicles WHERE "
    row = (
        m.sql(select_sql + "uuid = :u", u=v.uuid).first()
        or m.sql(select_sql + "vrm = :v", v=v.vrm).first()
    )
    incoming = {"make": v.make, "model": v.model, "colour": v.colour, "notes": v.notes}
    if row is None:
        m.sql("INSERT INTO vehicles(uuid, vrm, make, model, colour, notes, created_by, created_at) VALUES "
                 "(:u, :vrm, :make, :model, :colour, :notes, :me, :now)", u=v.uuid, vrm=v.vrm, **incoming,
                 me=m.vault.actor.username, now=m.now)  # fmt: skip
        m.audit("vehicle_created", "vehicle", v.vrm, f"Imported from {m.origin}")
        local_uuid, outcome = v.uuid, "added"
    else:
        local_uuid = str(row[1])
        current = dict(zip(incoming, row[2:], strict=True))
        same = (
            local_uuid == v.uuid
        )  # else a record of the same plate made here: only fill its blanks
        changed = [
            k for k, value in incoming.items() if value != current[k] and (same or not current[k])
        ]
        last = m.last_content("vehicle", local_uuid)
        if not changed or (last is not None and last[0] == v.content_sha256):
            m.ids["vehicle"][v.uuid] = int(row[0])
            m.count("vehicles", "unchanged")
            return
        if same:  # a plate's blanks may be filled from anyone; its own details, by its owner
            m.require_owner("vehicle", local_uuid, v.vrm)
        m.sql(f"UPDATE vehicles SET {', '.join(f'{k} = :{k}' for k in changed)} WHERE id = :id",
                 **{k: incoming[k] for k in changed}, id=row[0])  # fmt: skip
        how = "Changed" if same else "Details filled in on the record for the same plate"
        m.audit("vehicle_changed", "vehicle", v.vrm, f"{how}: {', '.join(changed)}; imported from {m.origin}")  # fmt: skip
        outcome = "updated"
    m.ids["vehicle"][v.uuid] = int(m.sql("SELECT id FROM vehicles WHERE uuid = :u", u=local_uuid).scalar_one())  # fmt: skip
    m.provenance(
        "vehicle", local_uuid, source_uuid=v.uuid, reference=v.vrm, content=v.content_sha256
    )
    m.count("vehicles", outcome)


def _local_id(m: Merge, kind: str, uuid: str) -> int | None:
    if uuid in m.ids[kind]:
        return m.ids[kind][uuid]
    found = m.sql(f"SELECT id FROM {kind}s WHERE uuid = :u", u=uuid).scalar()
    return None if found is None else int(found)


def merge_link(m: Merge, link: d.LinkDoc) -> bool:
    """False when an end is not in the package or this vault."""
    table, left, right = LINK_TABLES[link.kind]
    ends = link.kind.split("-")
    a, b = _local_id(m, ends[0], link.from_uuid), _local_id(m, ends[1], link.to_uuid)
    if a is None or b is None:
        return False
    active = m.sql(f"SELECT id FROM {table} WHERE {left} = :a AND {right} = :b AND unlinked_at IS NULL", a=a, b=b).first()  # fmt: skip
    if active is not None or m.last_content("link", link.key) is not None:
        m.count("links", "unchanged")  # already linked, or imported before and unlinked here since
        return True
    m.sql(f"INSERT INTO {table}({left}, {right}, role, reason, linked_by, linked_at) VALUES (:a, :b, :role, "
             ":reason, :by, :at)", a=a, b=b, role=link.role, reason=link.reason,
             by=link.linked_by or m.vault.actor.username, at=link.linked_at or m.now)  # fmt: skip
    m.audit("linked", link.kind, f"{link.from_uuid[:8]}|{link.to_uuid[:8]}",
               f"{link.reason} (linked at the store by {link.linked_by}; imported from {m.origin})")  # fmt: skip
    m.provenance("link", link.key, content=d.content_hash(vars(link)))
    m.count("links", "added")
    return True
