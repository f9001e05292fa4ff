"""The fact audit, part D (findings 43-52: jails, counties, sheriffs, prosecutors) in plans.

Each test names its finding and asserts the corrected behaviour in a plan built from the shipped
pack, so a later edit to a governance file or a role cannot quietly bring the old error back.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.answers import validate
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.governance import gov_for
from pipeline_cli.plan.records import Plan

TODAY = dt.date(2026, 11, 22)
# Answers under which the jail demands apply (state law settles some of them in some states).
JAIL_SAYS = {
    "honors_detainers": "yes",
    "notifies_release": "yes",
    "ice_jail_access": "yes",
    "has_287g": "yes",
}
JAIL_DEMANDS = ("no_detainer_holds", "no_release_notification", "no_ice_jail_access")
PATROL_DEMANDS = ("end_287g_task_force",)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def plan_for(pack: Pack, **raw: str) -> Plan:
    return build_plan(pack, validate(pack, raw), TODAY)


def roles(plan: Plan) -> set[str]:
    return {t.role.id for t in plan.targets}


def title(plan: Plan, role: str) -> str:
    target = plan.target(role)
    assert target is not None, f"{role} is not a target"
    return target.title.en


def reached(plan: Plan, demand: str) -> set[str]:
    found = [d for ps in plan.stages for d in ps.demands if d.demand.id == demand]
    return set(found[0].targets) if found else set()


def present(plan: Plan, ids: tuple[str, ...]) -> list[str]:
    found = [d.demand.id for ps in plan.stages for d in ps.demands if d.demand.id in ids]
    assert found, f"none of {ids} in the plan"
    return found


# Finding 43: prosecutors by their real office, level and way of being chosen.
def test_43_new_jersey_county_prosecutor_is_appointed(pack: Pack) -> None:
    plan = plan_for(pack, state="NJ", county="Essex")
    assert title(plan, "district_attorney") == "Essex County Prosecutor"
    assert gov_for(pack, plan.jurisdiction.state, "Essex County").prosecutor_chosen == "appointed"


def test_43_connecticut_states_attorney_by_judicial_district(pack: Pack) -> None:
    plan = plan_for(pack, state="CT", county="Hartford", city="Hartford")
    assert "State's Attorney" in title(plan, "district_attorney")
    gov = gov_for(pack, plan.jurisdiction.state, "Hartford County")
    assert (gov.prosecutor_level, gov.prosecutor_chosen) == ("district", "appointed")


@pytest.mark.parametrize(
    ("code", "county", "office"),
    [
        ("DE", "New Castle", "Delaware Attorney General"),
        ("RI", "Providence", "Rhode Island Attorney General"),
    ],
)
def test_43_44_attorney_general_prosecutes_and_sheriffs_run_no_jail(
    pack: Pack, code: str, county: str, office: str
) -> None:
    plan = plan_for(pack, state=code, county=county, **JAIL_SAYS)
    assert "district_attorney" not in roles(plan)  # one office, one target
    assert title(plan, "attorney_general").startswith(office)
    assert "attorney_general" in reached(plan, "u_t_visa_certification")
    for demand in (*JAIL_DEMANDS, *PATROL_DEMANDS, "end_287g_jail"):
        assert "sheriff" not in reached(plan, demand), demand
    for demand in present(plan, JAIL_DEMANDS):
        assert "state_doc" in reached(plan, demand), demand


def test_43_44_dc_us_attorney_once_and_no_sheriff(pack: Pack) -> None:
    plan = plan_for(pack, state="DC", county="District of Columbia", city="Washington")
    assert not roles(plan) & {"sheriff", "district_attorney", "governor"}
    assert title(plan, "us_attorney") == "United States Attorney for the District of Columbia"
    assert "us_attorney" in reached(plan, "u_t_visa_certification")
    target = plan.target("county_executive")
    assert target is not None
    assert target.title.en == "District of Columbia Department of Corrections"
    assert target.name.en != "County executive"  # named for what it is: the jail's department


def test_43_alaska_district_attorneys_of_the_department_of_law(pack: Pack) -> None:
    plan = plan_for(pack, state="AK", county="Anchorage")
    assert "Alaska Department of Law" in title(plan, "district_attorney")


# Finding 45: Rhode Island (like Connecticut) has no county government.
def test_45_rhode_island_has_no_county_board(pack: Pack) -> None:
    plan = plan_for(pack, state="RI", county="Providence")
    assert not roles(plan) & {"county_board", "county_executive"}
    assert gov_for(pack, plan.jurisdiction.state, "Providence County").county_government == "none"


# Finding 46: Baltimore City's jail is run by the state.
def test_46_baltimore_city_jail_demands_go_to_the_state(pack: Pack) -> None:
    plan = plan_for(pack, state="MD", county="Baltimore city", city="Baltimore", **JAIL_SAYS)
    assert plan.jurisdiction.answers["jail_operator"] == "state"
    for demand in present(plan, JAIL_DEMANDS):
        targets = reached(plan, demand)
        assert "state_doc" in targets, demand
        assert not targets & {"sheriff", "county_executive"}, demand


# Finding 47: Massachusetts abolished most county governments; sheriffs run the jails only.
def test_47_massachusetts_sheriffs_and_abolished_counties(pack: Pack) -> None:
    plan = plan_for(pack, state="MA", county="Middlesex", **JAIL_SAYS)
    assert "county_board" not in roles(plan)
    assert gov_for(pack, plan.jurisdiction.state, "Middlesex County").sheriff == "jail_only"
    assert "sheriff" not in reached(plan, "end_287g_task_force")
    for demand in present(plan, JAIL_DEMANDS):
        assert "sheriff" in reached(plan, demand), demand


# Finding 48: independent and consolidated cities; Virginia's regional jails.
@pytest.mark.parametrize(
    ("code", "county", "body", "prosecutor"),
    [
        ("VA", "Richmond city", "Richmond City Council", "Commonwealth's Attorney"),
        ("MO", "St. Louis city", "St. Louis Board of Aldermen", "St. Louis Circuit Attorney"),
        ("NV", "Carson City", "Carson City Board of Supervisors", "Carson City District Attorney"),
    ],
)
def test_48_independent_and_consolidated_cities(
    pack: Pack, code: str, county: str, body: str, prosecutor: str
) -> None:
    plan = plan_for(pack, state=code, county=county)
    assert title(plan, "county_board") == body
    assert title(plan, "district_attorney").startswith(prosecutor)


def test_48_virginia_regional_jails_are_not_the_sheriffs(pack: Pack) -> None:
    plan = plan_for(pack, state="VA", county="Fairfax", jail_operator="regional", **JAIL_SAYS)
    for demand in present(plan, JAIL_DEMANDS):
        assert "sheriff" not in reached(plan, demand), demand


# Finding 49: Miami-Dade elects a sheriff again; the county still runs its corrections.
def test_49_miami_dade_sheriff_and_county_corrections(pack: Pack) -> None:
    plan = plan_for(pack, state="FL", county="Miami-Dade", **JAIL_SAYS)
    assert title(plan, "sheriff") == "Miami-Dade Sheriff"
    # Florida law requires 287(g) agreements, so that demand goes to the legislature instead.
    assert gov_for(pack, plan.jurisdiction.state, "Miami-Dade County").sheriff == "jail_and_patrol"
    assert title(plan, "county_executive").startswith("Miami-Dade Corrections and Rehabilitation")


# Finding 50: New Jersey county jails are run by county corrections departments.
def test_50_new_jersey_county_corrections_not_the_sheriff(pack: Pack) -> None:
    plan = plan_for(pack, state="NJ", county="Essex", city="Newark", **JAIL_SAYS)
    assert plan.jurisdiction.answers["jail_operator"] == "county"
    target = plan.target("county_executive")
    assert target is not None
    assert target.title.en.startswith("Essex County Department of Corrections")
    assert target.name.en == "Corrections department that runs the jail"
    for demand in present(plan, JAIL_DEMANDS):
        assert "sheriff" not in reached(plan, demand), demand
        assert "county_executive" in reached(plan, demand), demand


# Finding 51: Puerto Rico: municipios, no sheriffs, island-wide corrections and prosecutors.
def test_51_puerto_rico(pack: Pack) -> None:
    plan = plan_for(pack, state="PR", county="San Juan", **JAIL_SAYS)
    assert not roles(plan) & {"sheriff", "county_board", "district_attorney"}
    assert "Secretary of Justice" in title(plan, "attorney_general")
    assert title(plan, "state_doc") == "Puerto Rico Department of Corrections and Rehabilitation"
    assert "Governor" in title(plan, "governor")


# Sheriffs who patrol but run no jail (New Mexico, Kentucky, West Virginia, Vermont).
@pytest.mark.parametrize(
    ("code", "county"),
    [("NM", "Bernalillo"), ("KY", "Kenton"), ("WV", "Kanawha"), ("VT", "Chittenden")],
)
def test_patrol_only_sheriffs_get_patrol_demands_never_jail_ones(
    pack: Pack, code: str, county: str
) -> None:
    # Even an organizer unsure who runs the jail must not be sent to a sheriff who runs none.
    answers = {**JAIL_SAYS, "jail_operator": "unknown"}
    plan = plan_for(pack, state=code, county=county, **answers)
    assert gov_for(pack, plan.jurisdiction.state, f"{county} County").sheriff == "patrol_only"
    assert "sheriff" in reached(plan, "end_287g_task_force")
    for demand in (*JAIL_DEMANDS, "end_287g_jail"):
        assert "sheriff" not in reached(plan, demand), demand


def test_unverified_governance_facts_are_warned_in_both_languages(pack: Pack) -> None:
    plan = plan_for(pack, state="MD", county="Baltimore city")
    found = [w for w in plan.warnings if w.id == "unverified_governance"]
    assert found, "no warning about unverified governance facts"
    assert "Baltimore City Sheriff" in found[0].text.en
    assert "sheriff de la Ciudad de Baltimore" in found[0].text.es
    # An entry about another place stays out of this county's plan.
    other = plan_for(pack, state="MD", county="Frederick")
    assert all("Baltimore City Sheriff" not in w.text.en for w in other.warnings)
