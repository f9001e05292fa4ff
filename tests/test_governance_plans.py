"""Plans from the shipped pack name real offices: every state, DC and PR, and places that differ.

The expectations about existence are read from the governance files themselves (so they hold as
the data is corrected); the titles of well-known places are typed by hand.
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
# The most populous county (or equivalent) of each state, DC and Puerto Rico, by the 2020 Census.
LARGEST = {
    "AL": "Jefferson", "AK": "Anchorage", "AZ": "Maricopa", "AR": "Pulaski",
    "CA": "Los Angeles", "CO": "El Paso", "CT": "Fairfield", "DE": "New Castle",
    "DC": "District of Columbia", "FL": "Miami-Dade", "GA": "Fulton", "HI": "Honolulu",
    "ID": "Ada", "IL": "Cook", "IN": "Marion", "IA": "Polk", "KS": "Johnson",
    "KY": "Jefferson", "LA": "East Baton Rouge", "ME": "Cumberland", "MD": "Montgomery",
    "MA": "Middlesex", "MI": "Wayne", "MN": "Hennepin", "MS": "Hinds", "MO": "St. Louis",
    "MT": "Yellowstone", "NE": "Douglas", "NV": "Clark", "NH": "Hillsborough", "NJ": "Bergen",
    "NM": "Bernalillo", "NY": "Kings", "NC": "Wake", "ND": "Cass", "OH": "Franklin",
    "OK": "Oklahoma", "OR": "Multnomah", "PA": "Philadelphia", "PR": "San Juan",
    "RI": "Providence", "SC": "Greenville", "SD": "Minnehaha", "TN": "Shelby", "TX": "Harris",
    "UT": "Salt Lake", "VT": "Chittenden", "VA": "Fairfax", "WA": "King", "WV": "Kanawha",
    "WI": "Milwaukee", "WY": "Laramie",
}  # fmt: skip
GENERIC = (
    "governing board",
    "District attorney (chief prosecutor)",
    "State department of corrections (",
)
# Demands about the jail itself: only whoever runs it (or funds it, or makes the law) gets them.
JAIL_DEMANDS = (
    "no_detainer_holds",
    "no_release_notification",
    "no_ice_jail_access",
    "end_287g_jail",
)
PARDON_DEMANDS = ("governor_pardon", "governor_commutation")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def plan_for(pack: Pack, **raw: str) -> Plan:
    return build_plan(pack, validate(pack, raw), TODAY)


def targets_of(plan: Plan, demand: str) -> set[str]:
    found = [d for ps in plan.stages for d in ps.demands if d.demand.id == demand]
    return set(found[0].targets) if found else set()


def jail_demands(plan: Plan) -> list[str]:
    """The jail demands in this plan (state law may already settle some)."""
    found = [d.demand.id for ps in plan.stages for d in ps.demands if d.demand.id in JAIL_DEMANDS]
    assert found, "no jail demand in the plan"
    return found


def title(plan: Plan, role: str) -> str:
    target = plan.target(role)
    assert target is not None, f"{role} is not a target"
    return target.title.en


def test_every_state_dc_and_pr_has_a_governance_file(pack: Pack) -> None:
    assert sorted(LARGEST) == sorted(pack.states)
    missing = sorted(set(LARGEST) - set(pack.governance))
    assert not missing, f"no governance file yet for: {', '.join(missing)}"


@pytest.mark.parametrize("code", sorted(LARGEST))
def test_the_largest_county_gets_real_offices_only(pack: Pack, code: str) -> None:
    if code not in pack.governance:
        pytest.skip(f"no governance file for {code} yet (see the test above)")
    plan = plan_for(pack, state=code, county=LARGEST[code])
    gov = gov_for(pack, plan.jurisdiction.state, plan.jurisdiction.county)
    for t in plan.targets:
        for text in (t.title.en, t.title.es):
            assert not any(g in text for g in GENERIC), (t.role.id, text)
            assert "{{" not in text and text.strip(), (t.role.id, text)
    roles = {t.role.id for t in plan.targets}
    if gov.sheriff == "none":
        assert "sheriff" not in roles
    if gov.county_body == "no":
        assert "county_board" not in roles
    if gov.county_executive == "none" and gov.jails != "county_corrections":
        assert "county_executive" not in roles
    if gov.pardon in ("governor",):
        assert "pardon_board" not in roles
    answers = plan.jurisdiction.answers
    for demand in JAIL_DEMANDS:
        reached = targets_of(plan, demand)
        if gov.jails == "state":
            assert not reached & {"sheriff", "county_board", "county_executive"}, demand
        if gov.jails != "sheriff" and answers["jail_operator"] != "unknown":
            assert "sheriff" not in reached, demand
        if gov.sheriff in ("patrol_only", "courts_only", "state_division", "none"):
            assert "sheriff" not in reached, demand
    if gov.pardon == "board":
        assert all("governor" not in targets_of(plan, d) for d in PARDON_DEMANDS)


def test_the_interview_asks_only_what_can_exist(pack: Pack) -> None:
    from pipeline_cli.plan.answers import applicable

    def asked(**raw: str) -> set[str]:
        return {q.id for q in applicable(pack, validate(pack, raw))}

    for code, county in (("CT", "Hartford"), ("RI", "Providence")):
        questions = asked(state=code, county=county, city="Hartford")
        assert not questions & {"has_county_executive", "consolidated", "jail_operator"}, code
    assert "policing" not in asked(state="MA", county="Middlesex", city="Cambridge")
    assert "policing" in asked(state="CA", county="Los Angeles", city="Lakewood")
    assert "has_county_executive" in asked(state="NY", county="Monroe", city="Rochester")
    assert "has_county_executive" not in asked(state="VA", county="Fairfax", city="Vienna")


def test_the_jail_question_preselects_who_runs_the_jail(pack: Pack) -> None:
    def operator(**raw: str) -> str:
        return plan_for(pack, **raw).jurisdiction.answers["jail_operator"]

    assert operator(state="TX", county="Harris") == "sheriff"
    assert operator(state="NJ", county="Essex") == "county"
    assert operator(state="MD", county="Baltimore city") == "state"
    assert operator(state="NJ", county="Essex", jail_operator="sheriff") == "sheriff"


# Consolidated and independent places: the county body is the city's, named by its own title.
PLACES: list[tuple[dict[str, str], dict[str, str], tuple[str, ...]]] = [
    (
        {"state": "NY", "county": "Kings", "city": "New York"},
        {
            "county_board": "New York City Council",
            "district_attorney": "Kings County District Attorney",
            "county_executive": "New York City Department of Correction",
        },
        ("city_council",),
    ),
    (
        {"state": "NY", "county": "Bronx"},
        {
            "county_board": "New York City Council",
            "district_attorney": "Bronx County District Attorney",
        },
        (),
    ),
    (
        {"state": "PA", "county": "Philadelphia", "city": "Philadelphia"},
        {
            "county_board": "Philadelphia City Council",
            "district_attorney": "Philadelphia District Attorney",
            "county_executive": "Philadelphia Department of Prisons",
        },
        ("city_council",),
    ),
    (
        {"state": "CA", "county": "San Francisco", "city": "San Francisco"},
        {
            "county_board": "San Francisco Board of Supervisors",
            "sheriff": "San Francisco Sheriff",
            "district_attorney": "San Francisco District Attorney",
        },
        ("city_council",),
    ),
    (
        {"state": "CO", "county": "Denver", "city": "Denver"},
        {"county_board": "Denver City Council", "county_executive": "Denver Sheriff Department"},
        ("city_council",),
    ),
    (
        {"state": "MD", "county": "Baltimore city", "city": "Baltimore"},
        {
            "county_board": "Baltimore City Council",
            "district_attorney": "Baltimore City State's Attorney",
            "state_doc": "Maryland Department of Public Safety and Correctional Services",
        },
        ("city_council",),
    ),
    (
        {"state": "VA", "county": "Richmond city", "city": "Richmond"},
        {
            "county_board": "Richmond City Council",
            "district_attorney": "Commonwealth's Attorney for the City of Richmond",
        },
        ("city_council",),
    ),
    (
        {"state": "MO", "county": "St. Louis city"},
        {
            "county_board": "St. Louis Board of Aldermen",
            "district_attorney": "St. Louis Circuit Attorney",
        },
        (),
    ),
    (
        {"state": "NV", "county": "Carson City", "city": "Carson City"},
        {"county_board": "Carson City Board of Supervisors", "sheriff": "Carson City Sheriff"},
        ("city_council",),
    ),
    (
        {"state": "TN", "county": "Davidson", "city": "Nashville"},
        {
            "county_board": "Metropolitan Council of Nashville and Davidson County",
            "sheriff": "Davidson County Sheriff",
        },
        ("city_council", "county_executive"),
    ),
    (
        {"state": "HI", "county": "Honolulu", "city": "Honolulu"},
        {
            "county_board": "Honolulu City Council",
            "state_doc": "Hawaii Department of Corrections and Rehabilitation",
        },
        ("city_council", "county_executive"),
    ),
    (
        {"state": "AK", "county": "Anchorage", "city": "Anchorage"},
        {"county_board": "Anchorage Assembly", "state_doc": "Alaska Department of Corrections"},
        ("sheriff", "city_council"),
    ),
    (
        {"state": "LA", "county": "Orleans", "city": "New Orleans"},
        {
            "county_board": "New Orleans City Council",
            "sheriff": "Orleans Parish Sheriff",
            "district_attorney": "Orleans Parish District Attorney",
        },
        ("city_council",),
    ),
]


@pytest.mark.parametrize(("raw", "titles", "absent"), PLACES, ids=lambda v: str(v)[:40])
def test_consolidated_and_independent_places(
    pack: Pack, raw: dict[str, str], titles: dict[str, str], absent: tuple[str, ...]
) -> None:
    if raw["state"] not in pack.governance:
        pytest.skip(f"no governance file for {raw['state']} yet")
    plan = plan_for(pack, **raw)
    for role, expected in titles.items():
        assert title(plan, role).startswith(expected), role
    roles = {t.role.id for t in plan.targets}
    assert not roles & set(absent)


def test_newark_gets_the_county_prosecutor_and_county_corrections(pack: Pack) -> None:
    # New Jersey's own directive settles the jail questions; an organizer reporting that the
    # jail holds people anyway still sees the demands go to whoever runs it.
    jail_says = {"honors_detainers": "yes", "notifies_release": "yes", "ice_jail_access": "yes"}
    plan = plan_for(pack, state="NJ", county="Essex", city="Newark", **jail_says)
    assert title(plan, "district_attorney") == "Essex County Prosecutor"
    assert title(plan, "county_executive").startswith("Essex County Department of Corrections")
    for demand in jail_demands(plan):
        assert "sheriff" not in targets_of(plan, demand), demand
        assert "county_executive" in targets_of(plan, demand), demand


def test_hartford_has_a_states_attorney_and_no_county_board(pack: Pack) -> None:
    plan = plan_for(pack, state="CT", county="Hartford", city="Hartford")
    assert "State's Attorney" in title(plan, "district_attorney")
    roles = {t.role.id for t in plan.targets}
    assert not roles & {"county_board", "county_executive", "sheriff"}
    assert title(plan, "state_doc") == "Connecticut Department of Correction"


@pytest.mark.parametrize(
    ("code", "county", "attorney_general"),
    [
        ("DE", "New Castle", "Delaware Attorney General"),
        ("RI", "Providence", "Rhode Island Attorney General"),
    ],
)
def test_where_the_attorney_general_prosecutes_and_sheriffs_serve_courts(
    pack: Pack, code: str, county: str, attorney_general: str
) -> None:
    plan = plan_for(pack, state=code, county=county)
    # One office, one target: the Attorney General holds the prosecutor's demands.
    assert plan.target("district_attorney") is None
    assert title(plan, "attorney_general").startswith(attorney_general)
    assert "attorney_general" in targets_of(plan, "u_t_visa_certification")
    for demand in (*JAIL_DEMANDS, "end_287g_task_force"):
        assert "sheriff" not in targets_of(plan, demand), demand
    for demand in jail_demands(plan):
        assert "state_doc" in targets_of(plan, demand), demand


def test_dc_has_no_sheriff_and_its_own_corrections_department(pack: Pack) -> None:
    plan = plan_for(pack, state="DC", county="District of Columbia", city="Washington")
    roles = {t.role.id for t in plan.targets}
    assert not roles & {"sheriff", "governor", "city_council"}
    assert title(plan, "county_executive") == "District of Columbia Department of Corrections"
    assert title(plan, "county_board") == "Council of the District of Columbia"
    assert "President of the United States" in title(plan, "pardon_board")
    for demand in jail_demands(plan):
        assert "county_executive" in targets_of(plan, demand), demand


def test_governance_settles_the_unknown_facts_warning_and_cites_its_sources(pack: Pack) -> None:
    for code in sorted(pack.governance):
        plan = plan_for(pack, state=code, county=LARGEST[code])
        assert "unknown_state_facts" not in {w.id for w in plan.warnings}, code
    plan = plan_for(pack, state="NJ", county="Essex")
    cited = {s.id for s in plan.sources}
    rules = pack.governance["NJ"].rules
    assert rules.prosecutor is not None and set(rules.prosecutor.sources) <= cited


def test_a_pardon_gatekeeper_is_named(pack: Pack) -> None:
    plan = plan_for(pack, state="CA", county="Los Angeles")
    (warning,) = [w for w in plan.warnings if w.id == "pardon_gatekeeper"]
    assert "Supreme Court" in warning.text.en and "Corte Suprema" in warning.text.es
