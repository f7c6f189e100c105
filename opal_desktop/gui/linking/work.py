"""What the linking screens ask the worker to do. Everything here runs on the worker thread.

Suggestions come from opal_desktop.linking.suggestions. While that module is missing from
this build, the suggestion functions here return None and the screens say suggestions are
not available (see `suggestions_available`).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QImage

from opal_desktop.linking.models import Link, Subject, SubjectDetails, SubjectRole, Vehicle

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


class SuggestionLike(Protocol):
    """What a suggestion from opal_desktop.linking.suggestions carries."""

    @property
    def kind(self) -> str: ...  # 'incident' | 'subject' | 'vehicle'

    @property
    def reference(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def reasons(self) -> tuple[str, ...]: ...


def suggestions_available() -> bool:
    return importlib.util.find_spec("opal_desktop.linking.suggestions") is not None


def image_from_jpeg(data: bytes) -> QImage:
    image = QImage()
    image.loadFromData(data, "JPEG")
    return image


@dataclass(frozen=True)
class IncidentLinks:
    links: list[Link]
    labels: dict[str, str]  # subject reference or VRM -> its label
    suggestions: list[SuggestionLike] | None  # None: suggestions are not in this build
    can_build_series: bool


def load_incident_links(vault: Vault, incident_reference: str) -> IncidentLinks:
    from opal_desktop.domain.roles import Permission
    from opal_desktop.linking import links, subjects, vehicles

    found = links.links_of(vault, incident=incident_reference)
    labels: dict[str, str] = {}
    for link in found:
        if link.kind == "incident-subject":
            labels[link.right] = subjects.get_subject(vault, link.right).label
        else:
            labels[link.right] = vehicles.get_vehicle(vault, link.right).label
    return IncidentLinks(
        found,
        labels,
        incident_suggestions(vault, incident_reference),
        vault.can(Permission.LINK_INCIDENTS),
    )


def incident_suggestions(vault: Vault, incident_reference: str) -> list[SuggestionLike] | None:
    if not suggestions_available():
        return None
    from opal_desktop.linking import suggestions  # type: ignore[attr-defined,unused-ignore]

    return [s for s in suggestions.suggest_for_incident(vault, incident_reference)]


def subject_suggestions(vault: Vault, subject_reference: str) -> list[SuggestionLike] | None:
    if not suggestions_available():
        return None
    from opal_desktop.linking import suggestions  # type: ignore[attr-defined,unused-ignore]

    return [s for s in suggestions.suggest_for_subject(vault, subject_reference)]


def link_person(
    vault: Vault,
    incident_reference: str,
    subject_reference: str | None,
    details: SubjectDetails | None,
    role: SubjectRole,
    reason: str,
) -> Link:
    """Link an existing profile, or make a new one from `details` and link that."""
    from opal_desktop.linking import links, subjects
    from opal_desktop.linking.common import require_text

    require_text(reason, "why this person is linked (for example 'same scar and cap on CCTV')")
    if subject_reference is None:
        assert details is not None
        subject_reference = subjects.create_subject(vault, details).reference
    return links.link_subject(vault, incident_reference, subject_reference, role, reason)


def subjects_to_choose(vault: Vault) -> list[Subject]:
    from opal_desktop.linking import subjects

    return subjects.list_subjects(vault)


def subject_thumbnails(vault: Vault, found: list[Subject]) -> dict[int, QImage]:
    """Best-image thumbnails by exhibit id."""
    from opal_desktop.evidence import exhibits

    ids = [s.best_exhibit_id for s in found if s.best_exhibit_id is not None]
    return {i: image_from_jpeg(data) for i, data in exhibits.thumbnails(vault, ids).items()}


def vehicles_to_choose(vault: Vault) -> list[Vehicle]:
    from opal_desktop.linking import vehicles

    return vehicles.list_vehicles(vault)
