"""Text written about one place never reaches another place's plan, letters or scripts.

The stage and role files give examples from real places (Pasadena's policy, the Lakewood Plan,
Washington's laws, Memphis's ordinance). Each stays behind a `when` naming its state, so the
largest county of every other state reads only what is true there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pipeline_cli.documents.outputs import write_outputs
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan

# Names of places, their laws and their agencies found in the stage and role files, by the
# state they belong to (grep the pack for place names when adding an example).
PLACES: dict[str, tuple[str, ...]] = {
    "CA": ("California", "Pasadena", "Los Angeles", "Lakewood", "SB 54", "TRUTH Act", "CDCR",
           "AB 60", "AB 1747", "SB 244", "AB 1306", "AB 1343", "CIPC", "San Francisco",
           "Santa Clara", "Alameda", "Adelanto", "Ventura", "Humboldt", "San Bernardino"),
    "WA": ("Tacoma", "Keep Washington Working", "Washington State", "Washington's",
           "Washington Supreme Court", "Corte Suprema de Washington",
           "estado de Washington", "Northwest ICE Processing", "Northwest Detention"),
    "NY": ("New York", "Nueva York"),
    "IL": ("Illinois", "Chicago", "Cook County", "Condado de Cook"),
    "CO": ("Colorado", "Denver"),
    "OR": ("Oregon",),
    "NJ": ("New Jersey", "Nueva Jersey"),
    "MD": ("Maryland",),
    "CT": ("Connecticut",),
    "TN": ("Memphis",),
    "TX": ("Austin", "Texas", "Houston"),
    "FL": ("Florida",),
    "GA": ("Georgia",),
    "MA": ("Massachusetts",),
    "PA": ("Philadelphia",),
    "NM": ("New Mexico", "Nuevo México"),
    "NC": ("Mecklenburg", "HB 10", "North Carolina", "Carolina del Norte"),
}  # fmt: skip
PLACES_AT = {
    state: re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    for state, names in PLACES.items()
}

# The largest county (or county-equivalent) of a spread of states and governments.
COUNTIES = [
    {"state": "TX", "county": "Harris County", "city": "Houston"},
    {"state": "NY", "county": "Kings County", "city": "New York"},
    {"state": "FL", "county": "Miami-Dade County", "city": "Miami"},
    {"state": "IL", "county": "Cook County", "city": "Chicago"},
    {"state": "GA", "county": "Fulton County", "city": "Atlanta"},
    {"state": "WA", "county": "King County", "city": "Seattle"},
    {"state": "CT", "county": "Hartford County", "city": "Hartford"},
    {"state": "PR", "county": "San Juan Municipio", "city": "San Juan"},
    {"state": "DC", "county": "District of Columbia", "city": "Washington"},
]
# Answers that open the handoffs whose texts carry most examples (a city that buys policing
# from the sheriff, an ICE agreement, a jail that honors detainers), besides the defaults.
OPEN = {
    "policing": "sheriff_contract", "police_oversight": "no", "police_policy": "no",
    "ice_agreement": "yes", "has_287g": "yes", "honors_detainers": "yes",
    "notifies_release": "yes", "ice_jail_access": "yes", "jail_ice_contract": "yes",
    "courthouse_arrests": "yes", "probation_shares": "yes", "justice_fund": "no",
}  # fmt: skip
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _written(pack: Pack, answers: dict[str, str], out: Path) -> dict[str, str]:
    plan = build_plan(pack, answers, DAY)
    write_outputs(plan, out, langs=("en", "es"), fmt="md")
    return {str(p.relative_to(out)): p.read_text("utf-8") for p in out.rglob("*.md")}


def _sources_cut(text: str) -> str:
    """The document without its list of sources: a source's title names its own state."""
    return re.split(r"^#+ (?:Sources|Fuentes)\b", text, flags=re.M)[0]


@pytest.mark.parametrize("open_all", [False, True], ids=["defaults", "open"])
@pytest.mark.parametrize("place", COUNTIES, ids=[c["state"] for c in COUNTIES])
def test_no_plan_letter_or_script_names_another_states_places(
    pack: Pack, place: dict[str, str], open_all: bool, tmp_path: Path
) -> None:
    answers = {**place, **(OPEN if open_all else {})}
    found = []
    for name, text in _written(pack, answers, tmp_path).items():
        body = _sources_cut(text)
        for state, pattern in PLACES_AT.items():
            if state == place["state"]:
                continue
            for m in pattern.finditer(body):
                line = body[: m.start()].count("\n") + 1
                context = body[max(0, m.start() - 60) : m.end() + 60].replace("\n", " ")
                found.append(f"{name}:{line}: {m.group()!r} in ...{context}...")
    assert not found, f"{place['county']} reads about another state:\n" + "\n".join(found[:60])


def test_each_states_own_examples_still_reach_its_plans(pack: Pack, tmp_path: Path) -> None:
    answers = {"state": "CA", "county": "Los Angeles County", "city": "Pasadena", **OPEN}
    text = "\n".join(_written(pack, answers, tmp_path).values())
    for name in ("Pasadena", "SB 54", "TRUTH Act", "Humboldt"):
        assert name in text, name


def test_a_text_given_as_parts_needs_one_true_everywhere(run, make_pack, pack_files) -> None:
    from tests.packfactory import t
    from tests.test_validate import line_of, problems

    tp = pack_files["01-jail.yaml"]["touchpoints"][0]
    tp["how"] = [{"when": "state == 'CA'", **t("Only here")}]
    tp["why"]["open"] = [t("Everywhere"), {"when": "state == 'CA'", "en": "Only here"}]
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', '  how:$')}: touchpoint detainer_hold.how: "
        "needs a part without `when` (true everywhere)",
        f"{line_of(root, '01-jail.yaml', 'when: state', nth=2)}: "
        "touchpoint detainer_hold.why.open item: missing required key 'es'",
        f"{line_of(root, '01-jail.yaml', 'when: state', nth=2)}: "
        "touchpoint detainer_hold.why.open: missing 'es' text",
    ]


def test_a_plan_keeps_the_parts_that_hold_in_its_place(make_pack, pack_files) -> None:
    from tests.packfactory import t

    demand = pack_files["01-jail.yaml"]["demands"][0]
    demand["why"] = [t("Everywhere."), {"when": "honors_detainers == 'yes'", **t("Here.")}]
    pack = load_pack(make_pack(pack_files))
    assert pack.demands()["no_holds"].why.en == "Everywhere."  # what `show` prints
    for answer, expected in (("yes", "Everywhere. Here."), ("unknown", "Everywhere.")):
        answers = {"state": "CA", "county": "Los Angeles County", "honors_detainers": answer}
        plan = build_plan(pack, answers, DAY)
        whys = [d.demand.why.en for s in plan.stages for d in s.demands]
        assert whys == [expected]
