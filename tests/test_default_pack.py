"""Invariants of the shipped pack, checked from the data itself."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import us

from pipeline_cli.cli.validate import validate_pack
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.pack.text import Text

STAGE_IDS = [
    "police_stop",
    "arrest_booking",
    "state_prosecution_conviction",
    "federal_conviction",
    "ice_custody_detention",
    "immigration_court_release",
]
CONTRACT_ROLES = (
    "city_council mayor city_manager police_chief police_commission sheriff county_board "
    "county_executive district_attorney public_defender chief_probation_officer state_court "
    "state_doc governor pardon_board state_legislature attorney_general us_attorney "
    "immigration_judge ice_field_office member_of_congress"
).split()
CONTRACT_KEYS = (
    "state county city city_form policing jail_operator has_287g honors_detainers "
    "notifies_release ice_jail_access jail_ice_contract courthouse_arrests probation_shares "
    "justice_fund"
).split()
UNIFIED_JAILS = ("AK", "CT", "DE", "HI", "RI", "VT")  # brief 2.2, [bjs-unified]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _texts(obj: Any, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every Text inside a record, with a readable path."""
    if isinstance(obj, Text):
        yield path, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _texts(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{path}[{getattr(item, 'id', i)}]")
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _texts(value, f"{path}[{key}]")


def test_shipped_pack_validates() -> None:
    problems, summary = validate_pack(None)
    assert problems == []
    assert summary.startswith("ok:")


def test_six_stages_in_pipeline_order(pack: Pack) -> None:
    assert [s.id for s in pack.stages] == STAGE_IDS


def test_every_demand_has_targets_sources_and_enough_of_them(pack: Pack) -> None:
    demands = list(pack.demands().values())
    assert len(demands) >= 30
    for d in demands:
        assert d.targets, d.id
        assert d.sources, d.id
        assert all(s in pack.sources for s in d.sources), d.id


def test_every_touchpoint_has_a_controller_a_source_and_a_demand_that_closes_it(
    pack: Pack,
) -> None:
    closed_by = {tp for d in pack.demands().values() for tp in d.closes}
    for tp in pack.touchpoints().values():
        assert tp.controlled_by and tp.sources, tp.id
        assert tp.id in closed_by, f"no demand closes touchpoint {tp.id}"


def test_every_contract_role_and_answer_key_is_defined(pack: Pack) -> None:
    assert sorted(pack.roles) == sorted(CONTRACT_ROLES)
    ids = [q.id for q in pack.questions]
    assert set(CONTRACT_KEYS) <= set(ids)
    for q in pack.questions:
        if q.group == "practice" and q.type == "choice":
            assert "unknown" in q.choice_values(), q.id


def test_every_state_dc_and_pr_has_facts(pack: Pack) -> None:
    expected = {s.abbr for s in (*us.STATES, us.states.DC, us.states.PR)}
    assert set(pack.states) == expected
    for code in UNIFIED_JAILS:
        assert pack.states[code].jails == "state", code
    assert pack.states["CT"].sheriffs == "no"
    assert pack.states["AK"].sheriffs == "no"


def test_every_law_is_sourced_dated_and_graded(pack: Pack) -> None:
    laws = [law for s in pack.states.values() for law in s.laws]
    assert any(law.effect == "requires" for law in laws)
    assert any(law.effect == "limits" for law in laws)
    for law in laws:
        assert law.sources and law.verified_on and law.citation, law.id
        assert law.confidence in ("V", "S", "1S"), law.id


def test_every_fact_record_cites_known_sources(pack: Pack) -> None:
    records: list[Any] = [
        *pack.touchpoints().values(),
        *pack.demands().values(),
        *pack.roles.values(),
        *pack.states.values(),
        *pack.clauses.values(),
    ]
    for record in records:
        assert record.sources, getattr(record, "id", getattr(record, "code", record))
        assert set(record.sources) <= set(pack.sources)


def test_spanish_is_written_not_copied(pack: Pack) -> None:
    """A long string whose Spanish equals its English was not translated.

    Only words count: a title like "Sheriff {{ of_county }}" is the same in both languages.
    """
    copied = [
        path
        for path, text in _texts(pack)
        if len(re.sub(r"{{.*?}}", "", text.en).split()) >= 4 and text.en.strip() == text.es.strip()
    ]
    assert copied == []


@pytest.mark.parametrize("stage", STAGE_IDS)
def test_show_json_lists_demands_with_sources_and_targets(run: Any, stage: str) -> None:
    result = run("show", stage, "--format", "json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["demands"]
    for demand in data["demands"]:
        assert demand["sources"] and demand["targets"], demand["id"]
    listed = {s["id"] for s in data["sources"]}
    assert {s for d in data["demands"] for s in d["sources"]} <= listed


@pytest.mark.parametrize("stage", STAGE_IDS)
def test_spanish_show_uses_spanish_labels(run: Any, stage: str) -> None:
    result = run("--lang", "es", "show", stage)
    assert result.exit_code == 0, result
    for english in ("Demands", "Controlled by", "Sources", "Why:", "Press:"):
        assert english not in result.stdout
    assert "Exigencias" in result.stdout and "Fuentes" in result.stdout


def test_unverified_facts_are_shown_as_unverified(pack: Pack, run: Any) -> None:
    flagged = [s for s in pack.stages if any(d.unverified for d in s.demands)] + [
        s for s in pack.stages if any(t.unverified for t in s.touchpoints)
    ]
    laws = [law for s in pack.states.values() for law in s.laws]
    clauses = list(pack.clauses.values())
    assert flagged or any(x.unverified for x in [*laws, *clauses]), "brief U facts are marked"
    for stage in flagged:
        assert "(unverified)" in run("show", stage.id).stdout
        assert "(sin verificar)" in run("--lang", "es", "show", stage.id).stdout


# An ask goes into a letter to its targets after "We ask:", so it speaks to them: it does not
# tell organizers whom to call (that belongs in `organizing`).
ORGANIZER_VERBS = {
    "en": ("Ask", "Call", "Demand", "Urge", "Tell", "Gather", "Write", "With"),
    "es": ("Pida", "Llame", "Exija", "Reúna", "Escriba", "Junto"),
}


def test_asks_speak_to_the_target_not_to_organizers(pack: Pack) -> None:
    for d in pack.demands().values():
        for lang, verbs in ORGANIZER_VERBS.items():
            first = d.ask(lang).split()[0]
            assert first not in verbs, (d.id, lang, d.ask(lang)[:60])
        if d.organizing:
            assert d.organizing.en.strip() and d.organizing.es.strip(), d.id
