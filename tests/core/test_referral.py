"""The referral check: every requirement kind at its boundary, rules files good and hostile."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opal_desktop.errors import BadFile, InvalidInput, PermissionDenied
from opal_desktop.packages.cms import sign_detached
from opal_desktop.referral import store
from opal_desktop.referral.check import MAX_STILL_LINES, IncidentFacts, evaluate
from opal_desktop.referral.duplicates import SharedStill, StillUse
from opal_desktop.referral.rules import parse_rules, shipped_rules
from opal_desktop.vault import identity
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]
TODAY = date(2026, 11, 21)
ALL_FIELDS = ("police.crime_reference", "police.force_id", "police.reported_on", "police.incident_number",
              "occurred_start", "incident_type", "location", "narrative")  # fmt: skip


def facts(ref: str = "LDS01-2026-00001", *, store: str = "LDS01", force: str = "west-yorkshire", days_ago: int = 5,
          loss: int = 10_000, stills: int = 1, subject: bool = True, description: bool = True,
          missing: tuple[str, ...] = ()) -> IncidentFacts:  # fmt: skip
    when = datetime.combine(
        TODAY - timedelta(days=days_ago), datetime.min.time(), tzinfo=UTC
    ) + timedelta(hours=14)
    return IncidentFacts(ref, store, {f: f not in missing for f in ALL_FIELDS}, force, when, loss, stills, subject,
                         description)  # fmt: skip


def rules_with(
    kind: str, params: dict[str, Any] | None = None, severity: str = "blocking", **top: Any
) -> bytes:
    requirement: dict[str, Any] = {"id": "r1", "kind": kind, "severity": severity,
                                   "message": "{count} of {total} at fault; value {value}, limit {limit}."}  # fmt: skip
    if params is not None:
        requirement["params"] = params
    doc = {"format": "opal-desktop-rules/1", "id": "test-rules", "version": "1.0", "issuer": "Tests",
           "effective": "2026-01-01", "indicative": True, "title": "Test rules", "requirements": [requirement]}  # fmt: skip
    doc.update(top)
    return json.dumps(doc).encode()


def status(
    kind: str,
    params: dict[str, Any] | None,
    incidents: list[IncidentFacts],
    severity: str = "blocking",
) -> str:
    return (
        evaluate(parse_rules(rules_with(kind, params, severity)), incidents, TODAY).lines[0].status
    )


def test_the_rules_schema_is_valid_json_schema() -> None:
    import jsonschema

    from opal_desktop.paths import resource

    schema = json.loads(resource("rules", "rules.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)  # raises SchemaError if not


def test_field_present_names_the_incidents_at_fault() -> None:
    rules = parse_rules(rules_with("field_present", {"field": "police.crime_reference"}))
    result = evaluate(rules, [facts("A"), facts("B", missing=("police.crime_reference",))], TODAY)
    line = result.lines[0]
    assert (line.status, line.incidents) == ("fail", ("B",))
    assert line.sentence == "1 of 2 at fault; value , limit ."
    assert result.verdict == "Not ready: 1 blocking" and not result.ready
    assert evaluate(rules, [facts("A")], TODAY).verdict == "Ready to refer"


@pytest.mark.parametrize(("count", "expected"), [(2, "fail"), (3, "pass"), (4, "pass")])
def test_min_incidents_boundary(count: int, expected: str) -> None:
    assert status("min_incidents", {"min": 3}, [facts(f"R{i}") for i in range(count)]) == expected


@pytest.mark.parametrize(
    ("forces", "expected"), [(["a"], "fail"), (["a", "a"], "fail"), (["a", "b"], "pass")]
)
def test_min_distinct_force_areas(forces: list[str], expected: str) -> None:
    assert (
        status(
            "min_distinct",
            {"what": "force_areas", "min": 2},
            [facts(f"R{i}", force=f) for i, f in enumerate(forces)],
        )
        == expected
    )


def test_min_distinct_stores_counts_stores_not_forces() -> None:
    same_force = [facts("A", store="LDS01"), facts("B", store="LDS02")]
    assert status("min_distinct", {"what": "stores", "min": 2}, same_force) == "pass"
    assert status("min_distinct", {"what": "force_areas", "min": 2}, same_force) == "fail"


@pytest.mark.parametrize(("loss", "expected"), [(99_999, "fail"), (100_000, "pass")])
def test_min_total_loss_boundary(loss: int, expected: str) -> None:
    assert (
        status(
            "min_total_loss", {"pence": 100_000}, [facts("A", loss=loss - 1), facts("B", loss=1)]
        )
        == expected
    )


@pytest.mark.parametrize(("days", "expected"), [(30, "pass"), (31, "fail")])
def test_max_date_span_boundary(days: int, expected: str) -> None:
    assert (
        status(
            "max_date_span", {"days": 30}, [facts("A", days_ago=days + 1), facts("B", days_ago=1)]
        )
        == expected
    )


def test_stills_subjects_and_recency() -> None:
    assert status("min_stills_per_incident", {"min": 1}, [facts("A", stills=0)]) == "fail"
    assert status("min_stills_per_incident", {"min": 1}, [facts("A", stills=1)]) == "pass"
    no_one = facts("A", subject=False, description=False)
    assert status("subject_or_description", None, [no_one]) == "fail"
    assert status("subject_or_description", None, [facts("A", subject=False)]) == "pass"
    assert status("recency", {"days": 90}, [facts("A", days_ago=90)]) == "pass"
    assert status("recency", {"days": 90}, [facts("A", days_ago=91)]) == "fail"


def test_advisory_lines_never_block() -> None:
    result = evaluate(
        parse_rules(rules_with("min_incidents", {"min": 5}, "advisory")), [facts()], TODAY
    )
    assert result.lines[0].status == "advisory" and result.ready


incident_strategy = st.builds(
    lambda i, store, force, loss: facts(f"R{i}", store=store, force=force, loss=loss),
    st.integers(0, 10_000), st.sampled_from(["LDS01", "YRK02", "MCR03"]),
    st.sampled_from(["west-yorkshire", "north-yorkshire", "greater-manchester"]), st.integers(0, 500_000),
)  # fmt: skip
COUNT_RULES = [("min_incidents", {"min": 3}), ("min_distinct", {"what": "stores", "min": 2}),
               ("min_distinct", {"what": "force_areas", "min": 2}), ("min_total_loss", {"pence": 250_000})]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(incident_strategy, min_size=1, max_size=8),
    incident_strategy,
    st.sampled_from(COUNT_RULES),
)
def test_adding_an_incident_never_turns_a_count_rule_pass_into_a_fail(
    existing: list[IncidentFacts], extra: IncidentFacts, rule: tuple[str, dict[str, Any]]
) -> None:
    kind, params = rule
    if status(kind, params, existing) == "pass":
        assert status(kind, params, [*existing, extra]) == "pass"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "not a readable JSON rules file"),
        (b"\xff\xfe\x00garbage", "not a readable JSON rules file"),
        (
            rules_with("field_present", {"field": 42}),
            "does not follow the rules format at requirements/0/params/field",
        ),
        (
            rules_with("teleport", {"x": 1}),
            "does not follow the rules format at requirements/0/kind",
        ),
        (rules_with("min_incidents", {"min": "three"}), "requirements/0/params/min"),
        (rules_with("min_incidents", {"min": 3}, format="other/9"), "at format"),
        (rules_with("min_incidents", {"min": 3}, requirements=[]), "at requirements"),
        (b"[" * 150_000 + b"]" * 150_000, "never larger than"),
        (b"[" * 5_000 + b"]" * 5_000, "not a readable JSON rules file"),
    ],
)
def test_malformed_and_hostile_rules_files_are_refused_with_the_reason(
    data: bytes, reason: str
) -> None:
    with pytest.raises(BadFile, match=reason):
        parse_rules(data)


def test_the_shipped_rules_are_indicative_and_block_on_crime_references() -> None:
    rules = shipped_rules()
    assert rules.indicative and "indicative" in rules.label
    blocking = {r.params.get("field") for r in rules.requirements if r.blocking}
    assert blocking == {"police.crime_reference", "police.force_id", "police.reported_on"}


def _newer(version: str) -> bytes:
    doc = json.loads(shipped_rules().raw)
    doc["version"] = version
    return json.dumps(doc).encode()


def test_importing_rules_signed_unsigned_older_and_kept(
    new_vault: NewVault, tmp_path: Path
) -> None:
    vault, _ = new_vault()
    assert store.rules_in_use(vault).source == "shipped"
    with pytest.raises(InvalidInput, match="not signed"):
        store.import_rules(vault, _newer("2026.2"))
    unsigned = store.import_rules(vault, _newer("2026.2"), accept_unsigned=True)
    assert (
        unsigned.source == "imported"
        and not unsigned.signed
        and "not signed" in unsigned.description
    )
    with pytest.raises(InvalidInput, match=r"version 2026\.2 is already in use"):
        store.import_rules(vault, _newer("2026.1"), accept_unsigned=True)
    issuer = identity.generate("Opal Rules Office", "HQ", "HQ01")
    newer = _newer("2026.3")
    signature = sign_detached(newer, issuer)
    with pytest.raises(InvalidInput, match="No trusted issuer certificate"):
        store.import_rules(vault, newer, signature)
    store.set_trusted_issuer(vault, identity.certificate_pem(issuer.certificate_der).encode())
    with pytest.raises(BadFile, match="changed after it was signed"):
        store.import_rules(vault, _newer("2026.4"), signature)
    impostor = identity.generate("Someone Else", "X", "XX01")
    with pytest.raises(BadFile, match="not by the trusted issuer"):
        store.import_rules(vault, newer, sign_detached(newer, impostor))
    with pytest.raises(BadFile, match="does not follow the rules format"):
        store.import_rules(vault, b'{"format": "opal-desktop-rules/1"}', accept_unsigned=True)
    assert (
        store.rules_in_use(vault).rules.version == "2026.2"
    )  # every refusal left the rules in use alone
    signed = store.import_rules(vault, newer, signature)
    assert (
        signed.signed and "Opal Rules Office" in signed.signer and signed.rules.version == "2026.3"
    )
    assert [v["version"] for v in store.imported_versions(vault)] == ["2026.3", "2026.2"]


def test_only_admins_import_rules(new_vault: NewVault, vault_dir: Path) -> None:
    from opal_desktop.domain.roles import Role
    from opal_desktop.vault import users

    vault, _ = new_vault()
    users.add_user(
        vault,
        "mo",
        "Mo Manager",
        Role.MANAGER,
        "manager first password",
        must_change_password=False,
    )
    vault.close()
    manager = Vault.open(vault_dir, "mo", "manager first password")
    try:
        with pytest.raises(PermissionDenied):
            store.import_rules(manager, _newer("2027.1"), accept_unsigned=True)
    finally:
        manager.close()


def _shared(sha: str, *uses: tuple[str, str, str], hidden: int = 0) -> SharedStill:
    return SharedStill(sha * 64, tuple(StillUse(*use) for use in uses), hidden)


def test_a_still_on_several_incidents_is_advice_naming_them_never_blocking() -> None:
    rules = parse_rules(rules_with("min_incidents", {"min": 1}))
    still = _shared("a", ("A", "JS/1", "LDS01"), ("A", "JS/2", "LDS01"), ("B", "JS/3", "LDS01"),
                    ("Z", "AB/7", "SHF07"))  # fmt: skip
    result = evaluate(rules, [facts("A"), facts("B")], TODAY, shared=[still])
    assert result.ready and result.verdict == "Ready to refer"
    line = result.lines[-1]
    assert (line.requirement_id, line.status, line.severity) == (
        "duplicate_stills",
        "advisory",
        "advisory",
    )
    assert line.sentence == (
        f"The same still (SHA-256 {'a' * 12}…) is attached to 3 incidents: A (JS/1, JS/2), B (JS/3); "
        "elsewhere in this vault: Z (AB/7). Check it is not a picture reused by mistake."
    )
    assert line.incidents == ("A", "B", "Z")  # the ones at fault first, then the others, to open
    # Nothing shared: no line at all, whatever the rules.
    assert [line.requirement_id for line in evaluate(rules, [facts("A")], TODAY).lines] == ["r1"]


def test_many_shared_stills_are_capped_and_counted() -> None:
    many = [_shared(f"{n:x}", ("A", f"JS/{n}", "LDS01"), *[(f"R{n}-{k}", f"X/{k}", "LDS01") for k in range(9)])
            for n in range(12)]  # fmt: skip
    lines = evaluate(parse_rules(rules_with("min_incidents", {"min": 1})), [facts("A")], TODAY,
                     shared=many).lines[1:]  # fmt: skip
    assert len(lines) == MAX_STILL_LINES + 1 and all(line.status == "advisory" for line in lines)
    assert lines[0].sentence.endswith(
        "R0-0 (X/0), R0-1 (X/1), R0-2 (X/2), R0-3 (X/3), R0-4 (X/4), R0-5 (X/5) and 3 more. "
        "Check it is not a picture reused by mistake."
    )
    assert (
        lines[-1].sentence
        == "2 more stills on these incidents are also attached to other incidents."
    )
    hidden = _shared("b", ("A", "JS/1", "LDS01"), hidden=2)
    [line] = evaluate(parse_rules(rules_with("min_incidents", {"min": 1})), [facts("A")], TODAY,
                      shared=[hidden]).lines[1:]  # fmt: skip
    assert line.sentence == (
        f"The same still (SHA-256 {'b' * 12}…) is attached to 3 incidents: A (JS/1); and 2 incidents "
        "of other stores. Check it is not a picture reused by mistake."
    )
