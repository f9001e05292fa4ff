"""Each office reads the reason in its own terms: a demand's `why_by_role` gives the reason for
one target where the general `why` names or presumes another office (a sheriff who signs, a
county that runs the jail); letters, public comments and scripts read it, plans keep `why`."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan

PLACES = {
    # Connecticut has no county jails: the state Department of Correction runs them.
    "Hartford": {"state": "CT", "county": "Hartford County"},
    "Harris": {"state": "TX", "county": "Harris County"},
    "Pasadena": {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"},
}
# The reason that says a sheriff signs, or decides on, the agreement with ICE.
SHERIFF_SIGNS = re.compile(r"\bsheriff (?:signs|firma)\b", re.IGNORECASE)
# Offices that may read it: the sheriff, and the board that funds the sheriff's office.
MAY_READ_SHERIFF = ("sheriff", "county_board")
KINDS = ("letter", "public_comment", "call_script")


def _documents(answers: dict[str, str]) -> list[tuple[str, str, str, dict, str]]:
    pack = load_pack()
    plan = build_plan(pack, answers, dt.date(2026, 12, 1))
    renderer = Renderer(pack)
    out = []
    for target in plan.targets:
        if not target.role.contact:
            continue
        for lang in ("en", "es"):
            ctx = docdata.target_doc(plan, target, lang)
            for kind in KINDS:
                if kind != "letter" and not target.role.scripts:
                    continue
                out.append((target.role.id, lang, kind, ctx, renderer.document(kind, lang, ctx)))
    return out


@pytest.mark.parametrize("answers", PLACES.values(), ids=PLACES.keys())
def test_no_other_office_reads_that_the_sheriff_signs(answers: dict[str, str]) -> None:
    docs = _documents(answers)
    assert docs
    roles = {role for role, *_ in docs}
    for role, lang, kind, _, text in docs:
        if role in MAY_READ_SHERIFF and "sheriff" in roles:
            continue
        assert not SHERIFF_SIGNS.search(text), (answers["state"], role, lang, kind)


@pytest.mark.parametrize("answers", PLACES.values(), ids=PLACES.keys())
def test_each_office_reads_its_own_reason(answers: dict[str, str]) -> None:
    pack = load_pack()
    plan = build_plan(pack, answers, dt.date(2026, 12, 1))
    demands = {d.id: d for s in plan.pack.stages for d in s.demands}  # the place's own texts
    checked = 0
    for role, lang, kind, ctx, text in _documents(answers):
        assert all(d["why"] for d in ctx["demands"] if not demands[d["id"]].unverified)
        for d in ctx["demands"]:
            demand = demands[d["id"]]
            own = dict(demand.why_by_role).get(role)
            if own is None or demand.unverified:
                continue
            assert d["why"] == own(lang)
            if kind == "letter":
                assert own(lang) in " ".join(text.split()), (role, d["id"], lang)
                if demand.why(lang) != own(lang):
                    assert demand.why(lang) not in text, (role, d["id"], lang)
                checked += 1
    # Pasadena's plan has no 287(g) agreement, so no demand there has a reason by role.
    assert checked or answers["state"] == "CA"


def test_connecticut_corrections_reads_its_own_287g_reason() -> None:
    docs = _documents(PLACES["Hartford"])
    letters = {lang: t for r, lang, kind, _, t in docs if (r, kind) == ("state_doc", "letter")}
    assert "A state corrections department signs such an agreement" in letters["en"]
    assert "Un departamento estatal de correcciones firma" in letters["es"]


def test_the_plan_keeps_the_general_reason() -> None:
    pack = load_pack()
    demand = pack.demands()["end_287g_jail"]
    assert demand.why_for("state_doc") != demand.why
    assert demand.why_for("county_executive") == dict(demand.why_by_role)["county_executive"]
    assert demand.why_for("governor") == demand.why  # not a target: the general reason
    assert not SHERIFF_SIGNS.search(demand.why.en + demand.why.es)


def test_why_by_role_names_only_the_demands_targets(run, make_pack, pack_files) -> None:
    demand = pack_files["01-jail.yaml"]["demands"][0]
    demand["why_by_role"] = {
        "sheriff": {"en": "Your office holds people.", "es": "Su oficina retiene personas."},
        "mayr": {"en": "Sign it.", "es": "Firmarlo."},
    }
    result = run("--pack", str(make_pack(pack_files)), "validate")
    assert result.exit_code != 0
    line = next(x for x in result.output.splitlines() if "why_by_role" in x)
    assert re.search(r"01-jail\.yaml:\d+", line), line
    assert "demand no_holds.why_by_role: 'mayr' is not a target" in line


def test_why_by_role_needs_both_languages(run, make_pack, pack_files) -> None:
    demand = pack_files["01-jail.yaml"]["demands"][0]
    demand["why_by_role"] = {"sheriff": {"en": "Your office holds people."}}
    result = run("--pack", str(make_pack(pack_files)), "validate")
    assert result.exit_code != 0
    assert re.search(r"01-jail\.yaml:\d+.*why_by_role.*'es'", result.output), result.output


def test_why_by_role_parts_follow_the_place(make_pack, pack_files) -> None:
    demand = pack_files["01-jail.yaml"]["demands"][0]
    demand["why_by_role"] = {
        "sheriff": [
            {"en": "Your office holds people.", "es": "Su oficina retiene personas."},
            {"when": "honors_detainers == 'yes'", "en": "It honors holds.", "es": "Las cumple."},
        ]
    }
    pack = load_pack(make_pack(pack_files))
    assert pack.demands()["no_holds"].why_for("sheriff").en == "Your office holds people."
    for holds, said in (("yes", " It honors holds."), ("unknown", "")):
        answers = {"state": "CA", "county": "Alameda County", "honors_detainers": holds}
        plan = build_plan(pack, answers, dt.date(2026, 12, 1))
        local = {d.id: d for s in plan.pack.stages for d in s.demands}["no_holds"]
        assert local.why_for("sheriff").en == "Your office holds people." + said
        assert local.why_for("state_legislature").en == "Holds are seizures"
