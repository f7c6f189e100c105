"""A realistic fictional demo vault: one retailer's stores across several force areas, staff
accounts, a year of incidents and a few seeded series (see demo_series.py).

Deterministic for a seed: incidents fall in the 12 months up to a fixed end date
(DEMO_UNTIL, 15/11/2026, unless another is passed), so the same seed gives the same
incidents, references and narratives on any day. Only the vault's keys, ids (UUIDs),
audit times and a generated password differ between runs.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import text

from opal_desktop.domain.incident import Incident, blocking_problems
from opal_desktop.domain.roles import Role
from opal_desktop.domain.validation import check_password_policy
from opal_desktop.errors import InvalidInput, VaultExists
from opal_desktop.incidents import demo_data as data
from opal_desktop.incidents.bulk import add_incidents
from opal_desktop.incidents.demo_generate import DEMO_UNTIL, DemoPlan, generate
from opal_desktop.incidents.demo_links import link_demo_series
from opal_desktop.incidents.demo_stills import attach_stills

__all__ = ["DEMO_UNTIL", "DemoResult", "DemoSeries", "DemoUser", "build_demo"]
from opal_desktop.incidents.demo_series import SERIES, SERIES_INCIDENTS, SeriesPlan
from opal_desktop.vault import audit
from opal_desktop.vault.engine import DB_NAME
from opal_desktop.vault.keyfile import KEYFILE_BACKUP_NAME, KEYFILE_NAME
from opal_desktop.vault.models import Store
from opal_desktop.vault.users import add_user
from opal_desktop.vault.vault import Vault, VaultSetup, vault_exists

DEFAULT_INCIDENTS = 400
DEFAULT_SEED = 1
MIN_INCIDENTS = SERIES_INCIDENTS + 20
MAX_INCIDENTS = 200_000

Step = Callable[[str], None]


@dataclass(frozen=True)
class DemoSeries:
    """Ground truth for one seeded series: what link suggestions and referral checks should find."""

    name: str
    description: str
    incident_references: tuple[str, ...]  # oldest first
    vrms: tuple[str, ...]  # normalised, as stored (one incident may hold a partial '?' plate)
    marks: tuple[str, ...]  # the offenders' distinctive marks, as written on every description
    tactics: tuple[str, ...]
    store_codes: tuple[str, ...]
    force_ids: tuple[str, ...]
    missing_crime_references: tuple[str, ...]  # incidents with no crime number yet
    ready_to_refer: bool  # every incident complete, reported, with force and crime reference
    # Made by demo_links.py: the series record, its subjects, and the incidents left unlinked
    # on purpose (the newest, and any half-read plate) for link suggestions to find.
    series_reference: str = ""
    subject_references: tuple[str, ...] = ()
    unlinked_references: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "description": self.description,
            "incidents": len(self.incident_references),
            "incident_references": list(self.incident_references),
            "vrms": list(self.vrms),
            "tactics": list(self.tactics),
            "stores": list(self.store_codes),
            "forces": list(self.force_ids),
            "missing_crime_references": list(self.missing_crime_references),
            "ready_to_refer": self.ready_to_refer,
            "series_reference": self.series_reference,
            "subject_references": list(self.subject_references),
            "unlinked_references": list(self.unlinked_references),
        }


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    store_code: str


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    organisation: str
    stores: tuple[data.DemoStoreSpec, ...]  # the first is the home store
    users: tuple[DemoUser, ...]
    password: str
    password_generated: bool
    recovery_code: str
    incident_count: int
    first_reference: str
    last_reference: str
    series: tuple[DemoSeries, ...]
    stills_count: int
    seed: int
    until: date
    seconds: float

    def series_named(self, name: str) -> DemoSeries:
        return next(s for s in self.series if s.name == name)


def generated_password() -> str:
    """Three random words, e.g. 'walnut ember saddle' (at least 12 characters)."""
    while True:
        words = " ".join(secrets.choice(data.PASSWORD_WORDS) for _ in range(3))
        if len(words) >= 12:
            return words


def build_demo(
    folder: Path,
    *,
    incidents: int = DEFAULT_INCIDENTS,
    seed: int = DEFAULT_SEED,
    password: str | None = None,
    until: date = DEMO_UNTIL,
    step: Step | None = None,
) -> DemoResult:
    """Create the demo vault in `folder` (which must not hold a vault) and close it again."""
    started = time.perf_counter()
    folder = Path(folder)
    if not MIN_INCIDENTS <= incidents <= MAX_INCIDENTS:
        raise InvalidInput(
            f"The demo needs between {MIN_INCIDENTS} and {MAX_INCIDENTS:,} incidents; "
            f"{incidents:,} is out of range."
        )
    if vault_exists(folder):
        raise VaultExists(folder)
    generated = password is None
    password = generated_password() if password is None else password
    check_password_policy(password)
    say = step or (lambda _message: None)
    made_folder = not folder.exists()
    home = data.STORES[0]
    say(f"Creating the demo vault for {data.ORGANISATION}")
    vault, recovery_code = Vault.create(
        folder,
        VaultSetup(
            organisation=data.ORGANISATION,
            store_name=home.name,
            store_code=home.code,
            address=home.address,
            postcode=home.postcode,
            force_id=home.force_id,
            admin_username="admin",
            admin_display_name=data.ADMIN_NAME,
            admin_password=password,
        ),
    )
    try:
        _add_stores(vault)
        say("Adding the staff accounts (each password takes a moment to protect)")
        users = _add_users(vault, password)
        say(f"Making {incidents:,} incidents")
        plan = generate(incidents, seed, until)
        say("Saving them in the vault")
        added = add_incidents(vault, plan.incidents, source=f"demo data (seed {seed})")
        references = _references(vault, len(plan.incidents))
        series = tuple(_ground_truth(p, plan, references) for p in SERIES)
        say("Drawing CCTV stills for the series incidents")
        stills = attach_stills(vault, [ref for s in series for ref in s.incident_references], seed)
        say("Linking the series' people, vehicles and incidents")
        series = link_demo_series(vault, series)
    except BaseException:
        vault.close(audited=False)
        _remove(folder, made_folder)
        raise
    vault.close()
    return DemoResult(
        folder=folder,
        organisation=data.ORGANISATION,
        stores=data.STORES,
        users=users,
        password=password,
        password_generated=generated,
        recovery_code=recovery_code,
        incident_count=added.count,
        first_reference=added.first_reference,
        last_reference=added.last_reference,
        series=series,
        stills_count=stills,
        seed=seed,
        until=until,
        seconds=time.perf_counter() - started,
    )


def _add_stores(vault: Vault) -> None:
    now = audit.utc_now()
    with vault.session() as session, session.begin():
        home_org = vault.home_store().organisation_id  # the demo retailer's other stores
        for spec in data.STORES[1:]:
            session.add(
                Store(
                    organisation_id=home_org,
                    code=spec.code,
                    name=spec.name,
                    retailer=data.ORGANISATION,
                    address=spec.address,
                    postcode=spec.postcode,
                    force_id=spec.force_id,
                    is_home=False,
                    created_at=now,
                )
            )
            vault.audit(
                session.connection(),
                "store_added",
                "store",
                spec.code,
                f"Demo store {spec.name} ({spec.force_id})",
            )


def _add_users(vault: Vault, password: str) -> tuple[DemoUser, ...]:
    home = data.STORES[0].code
    people = [DemoUser("admin", data.ADMIN_NAME, Role.ADMIN, home)]
    people.append(DemoUser("manager", data.MANAGER_NAME, Role.MANAGER, home))
    people += [
        DemoUser(f"officer.{spec.code.lower()}", name, Role.OFFICER, spec.code)
        for spec, name in zip(data.STORES, data.STAFF_NAMES, strict=False)
    ]
    for person in people[1:]:
        add_user(
            vault,
            person.username,
            person.display_name,
            person.role,
            password,
            store_code=person.store_code,
            must_change_password=False,
        )
    return tuple(people)


def _references(vault: Vault, count: int) -> list[str]:
    """References in the order the incidents were given (a new vault numbers ids from 1)."""
    with vault.engine.connect() as conn:
        rows = conn.execute(text("SELECT reference FROM incidents ORDER BY id")).scalars().all()
    if len(rows) != count:
        raise AssertionError(f"expected {count} incidents in the new demo vault, found {len(rows)}")
    return [str(r) for r in rows]


def _ground_truth(plan: SeriesPlan, demo: DemoPlan, references: list[str]) -> DemoSeries:
    members: list[tuple[Incident, str]] = [
        (incident, ref)
        for incident, name, ref in zip(demo.incidents, demo.series_of, references, strict=True)
        if name == plan.name
    ]
    stores = tuple(dict.fromkeys(i.store_code for i, _ in members))
    forces = tuple(dict.fromkeys(i.police.force_id for i, _ in members))
    ready = all(not blocking_problems(i) and i.has_crime_reference for i, _ in members)
    return DemoSeries(
        name=plan.name,
        description=plan.description,
        incident_references=tuple(ref for _, ref in members),
        vrms=tuple(v.vrm for v in plan.vehicles),
        marks=tuple(o.marks for o in plan.offenders),
        tactics=plan.tactics,
        store_codes=stores,
        force_ids=forces,
        missing_crime_references=tuple(ref for i, ref in members if not i.has_crime_reference),
        ready_to_refer=ready,
    )


def _remove(folder: Path, made_folder: bool) -> None:
    """Leave nothing half-built behind: the folder if we made it, else our files in it."""
    if made_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", KEYFILE_NAME, KEYFILE_BACKUP_NAME):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
