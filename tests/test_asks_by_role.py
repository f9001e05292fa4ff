"""Each target is asked for what its office can do: a board votes and passes ordinances, a
sheriff, prosecutor or executive acts on its own authority (`ask_by_role` in the stage files)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan

PLACES = [
    {"state": "CA", "county": "Los Angeles County", "city": "Pasadena",
     "city_form": "council_manager", "police_oversight": "yes"},
    {"state": "TX", "county": "Harris County", "city": "Houston", "has_287g": "yes",
     "honors_detainers": "yes", "jail_ice_contract": "yes"},
    {"state": "CT", "county": "Hartford County", "city": "Hartford"},
]  # fmt: skip
# Offices held by one official, who signs, refuses or directs but casts no vote on a measure.
NO_VOTE = ("sheriff", "district_attorney", "us_attorney", "county_executive", "mayor",
           "city_manager", "governor", "attorney_general", "police_chief", "state_doc",
           "chief_probation_officer", "public_defender")  # fmt: skip
VOTE = re.compile(r"\bvot(?:e|es|ing|ar|en)\b|\bpass (?:an ordinance|a law)\b|\baprobar una "
                  r"(?:ordenanza|ley)\b|^(?:The sheriff|Que el)\b", re.IGNORECASE)  # fmt: skip
# Where each document states its asks.
ASK_LINE = {
    "letter": re.compile(r"^\*\*(?:We ask|Les? pedimos):\*\* (.*)$", re.M),
    "public_comment": re.compile(r"^\d+\. (.*)$", re.M),
    "call_script": re.compile(r"^(?:- |\d+\. )(.*)$", re.M),
}


@pytest.mark.parametrize("answers", PLACES, ids=[p["city"] for p in PLACES])
def test_no_single_official_is_asked_to_vote(answers: dict[str, str]) -> None:
    pack = load_pack()
    plan = build_plan(pack, answers, dt.date(2026, 12, 1))
    renderer = Renderer(pack)
    checked = 0
    for target in plan.targets:
        if target.role.id not in NO_VOTE or not target.role.contact:
            continue
        for lang in ("en", "es"):
            ctx = docdata.target_doc(plan, target, lang)
            for d in ctx["demands"]:
                assert not VOTE.search(d["ask"]), (target.role.id, d["id"], lang, d["ask"])
            for kind, pattern in ASK_LINE.items():
                if kind != "letter" and not target.role.scripts:
                    continue
                text = renderer.document(kind, lang, ctx)
                for line in pattern.findall(text):
                    assert not VOTE.search(line), (target.role.id, kind, lang, line)
                    checked += 1
    assert checked


def test_a_board_funds_where_the_sheriff_acts() -> None:
    pack = load_pack()
    place = {"state": "MI", "county": "Wayne County", "has_287g": "yes", "jail_ice_contract": "yes"}
    plan = build_plan(pack, place, dt.date(2026, 12, 1))
    board, sheriff = plan.target("county_board"), plan.target("sheriff")
    assert board is not None and sheriff is not None
    asks = {
        t.role.id: {d["id"]: d["ask"] for d in docdata.target_doc(plan, t, "en")["demands"]}
        for t in (board, sheriff)
    }
    jail = "end_287g_jail"
    assert asks["county_board"][jail].startswith("Refuse to fund staff time")
    assert asks["sheriff"][jail].startswith("End, or refuse to sign")
    # The jail's ICE contract is asked for once, though stages 2 and 5 both ask it.
    assert "end_igsa" in asks["sheriff"] and "end_county_detention_contract" not in asks["sheriff"]


def test_ask_by_role_names_only_the_demands_targets(run, make_pack, pack_files) -> None:
    demand = pack_files["01-jail.yaml"]["demands"][0]
    demand["ask_by_role"] = {
        "sheriff": {"en": "End the holds.", "es": "Terminar las retenciones."},
        "mayor": {"en": "Sign it.", "es": "Firmarlo."},
    }
    root = make_pack(pack_files)
    result = run("--pack", str(root), "validate")
    assert result.exit_code != 0
    assert "demand no_holds.ask_by_role: 'mayor' is not a target" in result.output
