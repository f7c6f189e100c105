"""Whose package it is, and whose stores it holds: organisation ids on import.

The sender's organisation id (package.json `organisation`; for older packages one derived
from the signer's certificate, organisations.legacy_id) is bound to the signer's certificate
the first time it is seen. Later packages naming that organisation must be signed by a
certificate bound to it: a trusted sender cannot pass itself off as another organisation to
change that organisation's records. A regional package also carries other organisations'
stores (the stores it imported): they keep their own organisation ids, vouched for by the
sender, so store -> region -> national never puts an incident under the wrong retailer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from opal_desktop.packages.import_report import Conflict
from opal_desktop.packages.import_zip import refuse
from opal_desktop.vault import organisations
from opal_desktop.vault.organisations import Organisation, legacy_id

if TYPE_CHECKING:
    from opal_desktop.packages.import_merge import Merge


def _code_from_reference(reference: str) -> str:
    """NG from NG-LDS01-PKG-0001 (packages from before organisation codes were carried)."""
    found = re.match(r"^([A-Z0-9]{2,6})-[A-Z0-9]{2,10}-PKG-\d+$", reference)
    return found[1] if found else ""


class Organisations:
    def __init__(self, merge: Merge) -> None:
        self.merge = merge
        doc, signer = merge.doc, merge.p.signer
        claimed = doc.organisation
        org_uuid = claimed.id if claimed else legacy_id(signer.fingerprint)
        name = claimed.name if claimed else signer.organisation
        code = (claimed.code if claimed else "") or _code_from_reference(doc.reference)
        self.sender = self._bound(org_uuid, name, code)
        self.by_uuid: dict[str, Organisation] = {self.sender.uuid: self.sender}

    def _bound(self, org_uuid: str, name: str, code: str) -> Organisation:
        m, signer = self.merge, self.merge.p.signer
        known = organisations.by_uuid(m.conn, org_uuid)
        if known is None:
            added = organisations.add(m.conn, org_uuid, name, code, m.now)
            organisations.bind(m.conn, added, signer.fingerprint, m.vault.actor.username, m.now)
            m.audit("organisation_added", "organisation", org_uuid,
                    f"{name} (organisation id {org_uuid}) bound to certificate SHA-256 "
                    f"{signer.fingerprint_display}; from {m.origin}")  # fmt: skip
            return added
        bound = organisations.fingerprints(m.conn, known)
        if not bound and not known.is_home:  # known so far only through a regional package
            organisations.bind(m.conn, known, signer.fingerprint, m.vault.actor.username, m.now)
            m.audit("organisation_bound", "organisation", org_uuid,
                    f"{known.name} bound to certificate SHA-256 {signer.fingerprint_display}; from {m.origin}")  # fmt: skip
        elif signer.fingerprint not in bound:
            raise refuse(
                f"it says it comes from {known.name} (organisation id {org_uuid}), but it is signed by "
                f"{signer.name} (SHA-256 {signer.fingerprint_display}), a certificate this vault has never "
                f"had {known.name}'s packages from. If {known.name} has a new certificate, check its "
                f"fingerprint with them, then `opal-desktop trust add CERT.pem --organisation "
                f"{known.code or known.uuid[:8]}`."
            )
        return known

    def of_store(self, key: tuple[str, str]) -> Organisation:
        """The organisation of a store in the package: its own, else (older packages) the sender."""
        org_uuid = key[0] or self.sender.uuid
        if org_uuid not in self.by_uuid:
            m = self.merge
            found = organisations.by_uuid(m.conn, org_uuid)
            if found is None:  # met through the sender (a regional package): not bound to a cert
                given = m.doc.organisations.get(org_uuid)
                store = m.doc.stores[key]
                name = given.name if given else store.retailer or f"organisation {org_uuid[:8]}"
                found = organisations.add(
                    m.conn, org_uuid, name, given.code if given else "", m.now
                )
                m.audit("organisation_added", "organisation", org_uuid,
                        f"{name} (organisation id {org_uuid}), whose store {store.code} is in {m.origin}")  # fmt: skip
            self.by_uuid[org_uuid] = found
        return self.by_uuid[org_uuid]

    def name_of(self, org_uuid: str) -> str:
        found = organisations.by_uuid(self.merge.conn, org_uuid)
        return found.name if found else ""


def conflicts_of(merge: Merge, incident_id: int) -> list[Conflict]:
    """Other organisations' incidents with the same reference as this one: both are kept,
    each in its own store, and the person is told how to name each."""
    rows = merge.sql(
        "SELECT i.reference, s.code, s.name, o.name, o.code, x.reference, t.code, t.name, p.name, p.code "
        "FROM incidents i JOIN stores s ON s.id = i.store_id JOIN organisations o ON o.id = s.organisation_id "
        "JOIN incidents x ON x.reference = i.reference AND x.id <> i.id JOIN stores t ON t.id = x.store_id "
        "JOIN organisations p ON p.id = t.organisation_id "
        "WHERE i.id = :id AND p.id <> o.id ORDER BY p.name",
        id=incident_id,
    ).all()  # fmt: skip
    return [Conflict(str(r[0]), str(r[3]), str(r[4]), f"{r[2]} ({r[1]})", str(r[8]), str(r[9]),
                     f"{r[7]} ({r[6]})") for r in rows]  # fmt: skip
