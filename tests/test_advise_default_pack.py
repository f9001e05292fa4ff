"""Plans from the shipped pack on real jurisdictions of different governance.

Expectations are read from the pack's own data (state facts, laws), not typed by hand, so
they hold as the data is corrected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from pipeline_cli.errors import PackError
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import jurisdiction
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def pack() -> Pack:
    try:
        return load_pack()
    except PackError as exc:  # pragma: no cover - only while the pack is being written
        pytest.skip(f"the default pack does not load yet: {exc.problems[:1]}")


def plan_for(pack: Pack, **answers: str) -> Plan:
    return build_plan(pack, answers, TODAY)


def roles(plan: Plan) -> set[str]:
    return {t.role.id for t in plan.targets}


def statuses(plan: Plan) -> dict[str, Any]:
    return {p.touchpoint.id: p for s in plan.stages for p in s.touchpoints}


def test_every_census_county_builds_a_plan(pack: Pack) -> None:
    built = 0
    for code in jurisdiction.states():
        counties = jurisdiction.counties(code)
        assert counties, code
        for county in counties:
            plan = build_plan(pack, {"state": code, "county": county}, TODAY)
            assert plan.stages and plan.targets, (code, county)
            built += 1
    assert built == sum(len(jurisdiction.counties(c)) for c in jurisdiction.states())


def test_states_without_sheriffs_or_county_government(pack: Pack) -> None:
    for code, facts in pack.states.items():
        plan = plan_for(pack, state=code, county=jurisdiction.counties(code)[0])
        if facts.sheriffs == "no":
            assert "sheriff" not in roles(plan), code
        if facts.county_government == "no":
            assert "county_board" not in roles(plan), code


def test_connecticut_runs_its_jails(pack: Pack) -> None:
    facts = pack.states["CT"]
    assert facts.jails == "state"
    plan = plan_for(pack, state="CT", county="Hartford")
    assert not roles(plan) & {"sheriff", "county_board", "county_executive"}
    doc = plan.target("state_doc")
    name = pack.governance["CT"].rules.corrections
    assert doc is not None and name is not None and name.name is not None
    assert doc.title.en == name.name.en == "Connecticut Department of Correction"


def test_pardon_board_where_the_board_holds_the_power(pack: Pack) -> None:
    boards = [c for c, f in pack.states.items() if f.pardon == "board"]
    assert boards
    for code in boards:
        plan = plan_for(pack, state=code, county=jurisdiction.counties(code)[0])
        board = plan.target("pardon_board")
        assert board is not None, code
        facts = pack.states[code]
        if facts.pardon_board is not None:
            assert facts.pardon_board.en in board.title.en
    governor_states = [c for c, f in pack.states.items() if f.pardon == "governor"]
    for code in governor_states:
        plan = plan_for(pack, state=code, county=jurisdiction.counties(code)[0])
        assert "pardon_board" not in roles(plan), code


@pytest.mark.parametrize(("code", "county"), [("TX", "Harris"), ("FL", "Miami-Dade")])
def test_state_that_requires_cooperation(pack: Pack, code: str, county: str) -> None:
    requiring = [law for law in pack.states[code].laws if law.effect == "requires"]
    assert requiring
    plan = plan_for(pack, state=code, county=county, honors_detainers="no")
    required = [p for p in statuses(plan).values() if p.status == "required_by_state"]
    assert required
    for p in required:
        assert any(law.name.en in p.why.en for law in p.laws)
    texts = " ".join(w.text.en for w in plan.warnings)
    for law in requiring:
        assert law.name.en in texts and law.citation in texts
    for s in plan.stages:
        for d in s.demands:
            if d.preempted:
                assert "state_legislature" in d.targets
                assert not {pack.roles[r].level for r in d.targets} & {"city", "county"}


@pytest.mark.parametrize(("code", "county"), [("CA", "Los Angeles"), ("WA", "King")])
def test_state_that_limits_cooperation(pack: Pack, code: str, county: str) -> None:
    assert not [law for law in pack.states[code].laws if law.effect == "requires"]
    plan = plan_for(pack, state=code, county=county)
    closed = [p for p in statuses(plan).values() if p.status == "closed" and p.laws]
    assert closed
    for p in closed:
        assert all(law.effect == "limits" for law in p.laws)
        assert p.laws[0].name.en in p.why.en
    assert not [w for w in plan.warnings if w.id.startswith(("requires_", "preempted_"))]


def test_council_manager_city(pack: Pack) -> None:
    answers = {"state": "CA", "county": "Los Angeles", "city": "Pasadena"}
    plan = plan_for(pack, **answers, city_form="council_manager")
    manager = plan.target("city_manager")
    assert manager is not None and "Pasadena" in manager.title.en
    assert plan.target("city_council") is not None
    assert "city_manager" not in roles(plan_for(pack, **answers, city_form="strong_mayor"))


def test_no_city_means_no_city_targets(pack: Pack) -> None:
    plan = plan_for(pack, state="CA", county="Alameda")
    assert not [t for t in plan.targets if t.role.level == "city"]


def test_json_of_a_real_plan(run: Any) -> None:
    r = run("advise", "--json", "--set", "state=TX", "--set", "county=Harris",
            "--set", "city=Houston")  # fmt: skip
    if r.exit_code != 0 and "the pack has" in r.stderr:  # pragma: no cover
        pytest.skip("the default pack does not load yet")
    assert r.exit_code == 0, r
    data = json.loads(r.stdout)
    assert data["jurisdiction"]["county"] == "Harris County"
    assert {t["role"] for t in data["targets"]} >= {"state_legislature"}
    assert data["sources"] and all(s["id"] and s["title"] for s in data["sources"])


@pytest.mark.parametrize(
    ("state", "county", "role", "en", "es"),
    [("VA", "Richmond city", "sheriff", "City of Richmond Sheriff",
      "Sheriff de la Ciudad de Richmond"),
     ("LA", "Orleans Parish", "sheriff", "Orleans Parish Sheriff",
      "Sheriff de la Parroquia de Orleans"),
     ("TX", "Harris County", "sheriff", "Harris County Sheriff",
      "Sheriff del Condado de Harris"),
     ("DC", "District of Columbia", "attorney_general",
      "Attorney General of the District of Columbia", "Fiscal General del Distrito de Columbia"),
     ("CA", "Los Angeles County", "governor", "Governor of California",
      "Gobernador o Gobernadora de California")],
)  # fmt: skip
def test_local_titles_agree_in_spanish(
    pack: Pack, state: str, county: str, role: str, en: str, es: str
) -> None:
    target = plan_for(pack, state=state, county=county).target(role)
    assert target is not None
    assert (target.title.en, target.title.es) == (en, es)


def test_unknown_state_facts_are_named_in_words(pack: Pack) -> None:
    # As for a state with no governance file: the governance files settle DC's facts.
    assert not [
        w
        for w in plan_for(pack, state="DC", county="District of Columbia").warnings
        if w.id == "unknown_state_facts"
    ]
    pack = dataclasses.replace(pack, governance={})
    plan = plan_for(pack, state="DC", county="District of Columbia")
    (warning,) = [w for w in plan.warnings if w.id == "unknown_state_facts"]
    assert "whether there are sheriffs" in warning.text.en
    assert "in the District of Columbia;" in warning.text.en
    assert "si hay sheriffs" in warning.text.es
    assert "en el Distrito de Columbia;" in warning.text.es
    assert "county_government" not in warning.text.en + warning.text.es
