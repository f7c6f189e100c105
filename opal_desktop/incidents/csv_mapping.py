"""Which spreadsheet column feeds which incident field: the fields, suggestions, the saved mapping.

A mapping is `{field key: column heading}`. `suggest_mapping` fills it from the last mapping
used in this vault (where the same headings exist) and then from common headings
("Crime Ref", "Loss £", "VRM", ...). The last mapping is kept in the vault's settings table
under `csv_import_mapping`, written here (not by `Vault.update_settings`, which is for
administrators), so an officer or manager who imports gets it offered next time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput
from opal_desktop.incidents.csv_values import key

if TYPE_CHECKING:  # the field list is read by `--help`, which must not load the database
    from opal_desktop.vault.vault import Vault

SETTING_KEY = "csv_import_mapping"
LONG_TEXT = 32_767  # Excel's own limit for a cell


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str  # for the mapping dialog and the command line
    group: str
    synonyms: tuple[str, ...] = ()
    max_length: int = LONG_TEXT


def _f(
    field_key: str, label: str, group: str, *synonyms: str, max_length: int = LONG_TEXT
) -> ImportField:
    return ImportField(field_key, label, group, synonyms, max_length)


FIELDS: tuple[ImportField, ...] = (
    _f("occurred_date", "Date it happened (may include the time)", "Incident", "date", "incident date", "occurred", "date occurred", "occurred on", "occurred at", "date of incident", "event date", "date time", "date and time", "incident date time", "when", "start date"),
    _f("occurred_time", "Time it happened", "Incident", "time", "incident time", "time occurred", "occurred time", "time of incident", "start time"),
    _f("store_code", "Store code", "Incident", "store", "site code", "site", "branch", "branch code", "store number", "store id", "site id", "shop", max_length=10),
    _f("incident_type", "Type of incident", "Incident", "type", "category", "incident category", "offence", "offence type", "crime type", "event type", max_length=60),
    _f("tactics", "Tactics (separated by commas or semicolons)", "Incident", "tactic", "mo", "modus operandi", "method"),
    _f("location", "Where in the store", "Incident", "location in store", "where", "area", "aisle", "department"),
    _f("narrative", "What happened (narrative)", "Incident", "description", "details", "incident details", "incident description", "what happened", "summary", "notes", "comments"),
    _f("witnesses", "Witnesses", "Incident", "witness", "witness names"),
    _f("goods_description", "Goods stolen", "Goods", "goods", "items", "items stolen", "goods stolen", "stolen items", "products", "product", "property"),
    _f("goods_sku", "Barcode or SKU", "Goods", "sku", "barcode", "ean", "product code", "item code", "plu", max_length=60),
    _f("goods_quantity", "Quantity of goods", "Goods", "quantity", "qty", "units", "number of items", "item count"),
    _f("goods_value", "Value of goods stolen (£, total)", "Goods", "value", "loss", "amount", "goods value", "value stolen", "stolen value", "total value", "loss value", "total loss", "cost"),
    _f("recovered_value", "Value recovered (£)", "Goods", "recovered", "value recovered", "recovered value", "recovery"),
    _f("damage_value", "Value of damage (£)", "Goods", "damage", "damage value", "damage cost", "cost of damage"),
    _f("police_force", "Police force", "Police", "force", "police", "force area", max_length=80),
    _f("crime_reference", "Police crime reference", "Police", "crime ref", "crime reference", "crime number", "crn", "crime no", "crime ref no", "crime reference number", "police crime number", "police reference", "police ref", max_length=60),
    _f("police_incident_number", "Police incident (log) number", "Police", "log number", "incident no", "incident number", "log no", "police log", "police log number", "police incident number", "cad number", "cad", "incident log", max_length=60),
    _f("reported_to_police_on", "Date reported to the police", "Police", "reported to police", "date reported", "date reported to police", "reported on", "reported date"),
    _f("police_officer_name", "Police officer", "Police", "officer", "officer name", "police officer", "attending officer", "oic", max_length=120),
    _f("police_collar_number", "Officer's collar number", "Police", "collar number", "collar", "collar no", "shoulder number", max_length=20),
    _f("police_attended", "Police attended (yes/no)", "Police", "attended", "police attendance"),
    _f("threats", "Threats made (yes/no)", "Violence", "threats made", "threatened"),
    _f("weapon_type", "Weapon", "Violence", "weapon", "weapon used", "weapons", max_length=120),
    _f("injuries", "Injuries", "Violence", "injury", "injured"),
    _f("staff_involved", "Staff involved", "Violence", "staff", "staff member", "colleagues involved"),
    _f("offender_count", "Number of offenders", "Offenders", "offenders", "number of offenders", "no of offenders", "suspects", "number of suspects"),
    _f("offender_description", "Offender description (appearance, clothing)", "Offenders", "offender", "description of offender", "suspect description", "suspect", "offender details", "suspect details", "clothing"),
    _f("offender_sex", "Offender's sex", "Offenders", "sex", "gender", "offender gender"),
    _f("offender_age_range", "Offender's age", "Offenders", "age", "age range", "offender age", "approx age"),
    _f("offender_height", "Offender's height", "Offenders", "height"),
    _f("offender_build", "Offender's build", "Offenders", "build"),
    _f("offender_hair", "Offender's hair", "Offenders", "hair", "hair colour"),
    _f("offender_marks", "Distinguishing marks", "Offenders", "marks", "tattoos", "scars"),
    _f("vehicle_vrm", "Vehicle registration (VRM)", "Vehicle", "vrm", "reg", "registration", "vehicle reg", "vehicle registration", "number plate", "plate", "reg no", "registration number", "car reg", max_length=20),
    _f("vehicle_make", "Vehicle make", "Vehicle", "make", "car make"),
    _f("vehicle_model", "Vehicle model", "Vehicle", "model"),
    _f("vehicle_colour", "Vehicle colour", "Vehicle", "colour", "color", "car colour"),
    _f("vehicle_direction", "Direction of travel", "Vehicle", "direction", "direction of travel", "made off"),
)  # fmt: skip

FIELDS_BY_KEY: dict[str, ImportField] = {f.key: f for f in FIELDS}
REQUIRED_FIELDS = ("occurred_date",)


def suggest_mapping(
    headers: Sequence[str], saved: Mapping[str, str] | None = None
) -> dict[str, str]:
    """{field: column} from the saved mapping first, then from headings people commonly use."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(key(header), header)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for field_key, column in (saved or {}).items():
        if field_key in FIELDS_BY_KEY and column in headers and column not in used:
            mapping[field_key] = column
            used.add(column)
    for field in FIELDS:
        if field.key in mapping:
            continue
        for name in (field.key, field.label, *field.synonyms):
            found = by_key.get(key(name))
            if found is not None and found not in used:
                mapping[field.key] = found
                used.add(found)
                break
    return mapping


def check_mapping(mapping: Mapping[str, str], headers: Sequence[str]) -> dict[str, str]:
    """The mapping with blank entries dropped and headings spelt as in the file; else a sentence."""
    exact = {h.casefold(): h for h in headers}
    checked: dict[str, str] = {}
    for field_key, column in mapping.items():
        if field_key not in FIELDS_BY_KEY:
            raise InvalidInput(
                f"'{field_key}' is not a field that can be imported. Fields: {', '.join(FIELDS_BY_KEY)}."
            )
        if not column.strip():
            continue
        header = exact.get(" ".join(column.split()).casefold())
        if header is None:
            raise InvalidInput(
                f"There is no column called '{column}' in this file. Its columns are: {', '.join(headers)}."
            )
        checked[field_key] = header
    for field_key in REQUIRED_FIELDS:
        if field_key not in checked:
            raise InvalidInput(
                f"Say which column holds the {FIELDS_BY_KEY[field_key].label.lower()} ({field_key}): "
                "every incident needs the date it happened."
            )
    return checked


def saved_mapping(vault: Vault) -> dict[str, str]:
    """The mapping used for the last import into this vault ({} if none)."""
    value = vault.settings().get(SETTING_KEY)
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if k in FIELDS_BY_KEY and isinstance(v, str)}


def save_mapping(vault: Vault, mapping: Mapping[str, str]) -> bool:
    """Keep the mapping for next time (audited); False if it was already the saved one."""
    from sqlalchemy import text

    vault.require(Permission.EDIT_OWN_STORE_INCIDENTS)
    clean = {k: v for k, v in sorted(mapping.items()) if k in FIELDS_BY_KEY and v}
    if clean == saved_mapping(vault):
        return False
    with vault.transaction() as conn:
        conn.execute(
            text(
                "INSERT INTO settings(key, value) VALUES (:k, :v) "
                "ON CONFLICT(key) DO UPDATE SET value = :v"
            ),
            {"k": SETTING_KEY, "v": json.dumps(clean, ensure_ascii=False)},
        )
        vault.audit(
            conn,
            "csv_mapping_saved",
            "settings",
            SETTING_KEY,
            f"Column mapping for CSV import saved ({len(clean)} fields)",
        )
    return True
