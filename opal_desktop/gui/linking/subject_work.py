"""What the subject screens ask the worker to do. Everything here runs on the worker thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from opal_desktop.gui.linking.work import SuggestionLike, image_from_jpeg, subject_suggestions
from opal_desktop.linking.models import Link, Subject, SubjectDetails

if TYPE_CHECKING:
    from opal_desktop.evidence.models import ExhibitInfo
    from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class SubjectRow:
    subject: Subject
    thumbnail: QImage | None


@dataclass(frozen=True)
class Merge:
    id: int
    kept: str
    merged: str
    reason: str
    by: str
    at: str
    undone: bool


@dataclass(frozen=True)
class ProfileData:
    subject: Subject
    links: list[Link]  # incident-subject and subject-vehicle, active
    stills: list[ExhibitInfo]  # of the incidents this person is linked to
    thumbnails: dict[int, QImage]
    merges: list[Merge] | None  # None: this role may not merge
    suggestions: list[SuggestionLike] | None


def subject_rows(vault: Vault) -> list[SubjectRow]:
    from opal_desktop.evidence import exhibits
    from opal_desktop.linking import subjects

    found = subjects.list_subjects(vault)
    ids = [s.best_exhibit_id for s in found if s.best_exhibit_id is not None]
    thumbs = exhibits.thumbnails(vault, ids)
    return [
        SubjectRow(
            s, image_from_jpeg(thumbs[s.best_exhibit_id]) if s.best_exhibit_id in thumbs else None
        )
        for s in found
    ]


def load_profile(vault: Vault, reference: str) -> ProfileData:
    from opal_desktop.domain.roles import Permission
    from opal_desktop.evidence import exhibits
    from opal_desktop.linking import links, subjects

    subject = subjects.get_subject(vault, reference)
    found = links.links_of(vault, subject=subject.reference)
    stills: list[ExhibitInfo] = []
    for incident in dict.fromkeys(k.left for k in found if k.kind == "incident-subject"):
        stills += [e for e in exhibits.list_exhibits(vault, incident)]
    raw = exhibits.thumbnails(vault, [e.id for e in stills])
    merges = None
    if vault.can(Permission.LINK_INCIDENTS):
        merges = [m for m in all_merges(vault) if subject.reference in (m.kept, m.merged)]
    return ProfileData(
        subject,
        found,
        stills,
        {i: image_from_jpeg(data) for i, data in raw.items()},
        merges,
        [] if subject.merged_into else subject_suggestions(vault, subject.reference),
    )


def all_merges(vault: Vault) -> list[Merge]:
    from opal_desktop.linking import merge

    return [
        Merge(
            int(str(m["id"])),
            str(m["kept"]),
            str(m["merged"]),
            str(m["reason"]),
            str(m["by"]),
            str(m["at"]),
            bool(m["undone"]),
        )
        for m in merge.merges(vault)
    ]


def save_details(vault: Vault, reference: str, details: SubjectDetails) -> Subject:
    from opal_desktop.linking import subjects

    return subjects.update_subject(vault, reference, details)


def set_best_image(vault: Vault, reference: str, exhibit_id: int | None) -> Subject:
    from opal_desktop.linking import subjects

    return subjects.set_best_image(vault, reference, exhibit_id)


def merge_into(vault: Vault, keep: str, other: str, reason: str) -> int:
    from opal_desktop.linking import merge

    return merge.merge_subjects(vault, keep, other, reason)


def undo_merge(vault: Vault, merge_id: int, reason: str) -> None:
    from opal_desktop.linking import merge

    merge.undo_merge(vault, merge_id, reason)


def link_to_incident(vault: Vault, subject: str, incident: str, reason: str) -> Link:
    from opal_desktop.linking import links
    from opal_desktop.linking.models import SubjectRole

    return links.link_subject(vault, incident, subject, SubjectRole.SUSPECT, reason)


def link_to_vehicle(vault: Vault, subject: str, vrm: str, role: str, reason: str) -> Link:
    from opal_desktop.linking import links
    from opal_desktop.linking.models import VehicleRole

    return links.link_subject_vehicle(vault, subject, vrm, VehicleRole(role), reason)
