"""Plans, batch, the interview and `pipeline facts` with ICE's lists (stages/ice/, the real data).

The 287(g) list is of 2026-05-18 and the detention statistics of 2026-02-05 (see
data/ice/PROVENANCE.md). Counties used: Autauga County, AL (its sheriff signed all three
models), Barbour County, AL (not on the list), Harris County, TX (only a city police
department, Southside Place), Irwin County, GA (a jail on the detention sheet).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.documents.planjson import plan_to_dict
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.jurisdiction import counties
from pipeline_cli.plan.records import Plan, PlanTouchpoint

Run = Callable[..., Any]
LIST_DATE = "2026-05-18"
SHEET_DATE = "2026-02-05"
AUTAUGA_JEM = "https://www.ice.gov/doclib/287gMOA/AutaugaCoSheriffsOfficeAL_JEM_MOA_09222025.pdf"
# Autauga's sheriff signed all three models, so the list fills every 287(g) key.
AUTAUGA_FILLED = {
    "has_287g": "yes",
    "g287_jail": "yes",
    "g287_warrant": "yes",
    "g287_task_force": "yes",
}
SOON = dt.date(2026, 6, 1)  # both lists under six months old
LATE = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def plan_for(pack: Pack, state: str, county: str, today: dt.date = SOON, **more: str) -> Plan:
    return build_plan(pack, {"state": state, "county": county, **more}, today)


def touchpoint(plan: Plan, tp_id: str) -> PlanTouchpoint:
    return next(p for ps in plan.stages for p in ps.touchpoints if p.touchpoint.id == tp_id)


def all_text(plan: Plan, lang: str = "en") -> str:
    return json.dumps(plan_to_dict(plan, lang), ensure_ascii=False)


def test_county_level_agreement_fills_the_answer_and_cites_the_pdf(pack: Pack) -> None:
    plan = plan_for(pack, "AL", "Autauga County")
    assert plan.jurisdiction.answers["has_287g"] == "yes"
    assert plan.ice is not None and plan.ice.filled == AUTAUGA_FILLED
    jail = touchpoint(plan, "jail_287g")
    assert jail.status == "open"
    # The reason is ICE's list, not "You said ...": the organizer said nothing.
    assert not jail.why.en.startswith("You said")
    assert f"ICE's 287(g) list of {LIST_DATE}" in jail.why.en
    assert "Autauga County Sheriff's Office (county agency)" in jail.why.en
    assert "Jail Enforcement Model, signed 2025-09-22" in jail.why.en
    assert AUTAUGA_JEM in jail.why.en and AUTAUGA_JEM in jail.why.es
    data = plan_to_dict(plan, "en")["ice"]
    assert data["on_287g_list"] is True
    assert {a["model"] for a in data["agreements"]} == {"JEM", "WSO", "TFM"}
    assert AUTAUGA_JEM in {a["agreement_url"] for a in data["agreements"]}
    assert data["answers_from_ice"] == AUTAUGA_FILLED
    assert data["agreements_list"]["as_of"] == LIST_DATE
    assert data["agreements_list"]["page"] == "https://www.ice.gov/identify-and-arrest/287g"
    assert "ICE" in data["source"]


def test_county_not_on_the_list_stays_unknown_and_says_so(pack: Pack) -> None:
    plan = plan_for(pack, "AL", "Barbour County")
    assert plan.jurisdiction.answers["has_287g"] == "unknown"
    assert plan.ice is not None and plan.ice.filled == {}
    jail = touchpoint(plan, "jail_287g")
    assert jail.status != "closed"
    text = f"Barbour County is not on ICE's 287(g) list as of {LIST_DATE}"
    assert text in jail.why.en
    assert "Ninguna agencia del Condado de Barbour figura en la lista 287(g) de ICE" in (
        jail.why.es
    )
    for lang in ("en", "es"):
        assert "no cooperation" not in all_text(plan, lang).lower()
    assert plan_to_dict(plan, "en")["ice"]["on_287g_list"] is False


def test_only_a_city_police_agreement_is_named_and_counts_as_partly(pack: Pack) -> None:
    plan = plan_for(pack, "TX", "Harris County")
    assert plan.ice is not None
    assert [a.agency for a in plan.ice.agreements] == ["Southside Place Police Department"]
    assert plan.jurisdiction.answers["has_287g"] == "partial"
    line = plan.ice.agreement_note().en
    assert "Southside Place Police Department (city or town agency): Task Force Model" in line
    assert "ICE lists the link as pending" in line
    # Texas's state agencies reach every county: named apart, never as the county's own.
    assert "Texas Department of Public Safety" not in line
    assert any("Texas Department of Public Safety" in x.en for x in plan.ice.lines())


def test_a_jail_on_the_detention_sheet_opens_the_contract_handoff(pack: Pack) -> None:
    plan = plan_for(pack, "GA", "Irwin County")
    assert plan.jurisdiction.answers["jail_ice_contract"] == "yes"
    beds = touchpoint(plan, "jail_bed_contract")
    assert beds.status == "open"
    assert "IRWIN COUNTY DETENTION CENTER" in beds.why.en
    assert f"data pull of {SHEET_DATE}" in beds.why.en
    assert "https://www.ice.gov/detain/detention-management" in beds.why.en
    data = plan_to_dict(plan, "es")["ice"]
    assert [f["name"] for f in data["contract_jails"]] == ["IRWIN COUNTY DETENTION CENTER"]


def test_absence_from_the_detention_sheet_proves_nothing(pack: Pack) -> None:
    plan = plan_for(pack, "AL", "Autauga County")
    assert plan.jurisdiction.answers["jail_ice_contract"] == "unknown"
    beds = touchpoint(plan, "jail_bed_contract")
    assert beds.status == "unknown"
    assert "No jail in Autauga County is on ICE's detention statistics" in beds.why.en
    assert "That proves nothing" in beds.why.en


def test_an_answer_overrides_the_data(pack: Pack) -> None:
    plan = plan_for(pack, "AL", "Autauga County", has_287g="no", jail_ice_contract="yes")
    assert plan.jurisdiction.answers["has_287g"] == "no"
    assert plan.ice is not None and plan.ice.filled == {}
    assert touchpoint(plan, "jail_287g").status == "closed"
    # What the list shows is still told, so the organizer sees the disagreement.
    assert AUTAUGA_JEM in touchpoint(plan, "jail_287g").why.en
    assert plan_to_dict(plan, "en")["ice"]["answers_from_ice"] == {}


def test_set_overrides_the_data_on_the_command_line(run: Run) -> None:
    result = run(
        "advise", "--json", "--set", "state=AL", "--set", "county=Autauga",
        "--set", "has_287g=no",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["jurisdiction"]["answers"]["has_287g"] == "no"
    assert data["ice"]["answers_from_ice"] == {}


def test_stale_data_is_warned_about_against_the_plan_date(pack: Pack) -> None:
    fresh = plan_for(pack, "AL", "Autauga County", today=dt.date(2026, 7, 1))
    assert not any(w.id == "ice_agreements_stale" for w in fresh.warnings)
    old = plan_for(pack, "AL", "Autauga County", today=LATE)
    ids = [w.id for w in old.warnings]
    assert "ice_agreements_stale" in ids and "ice_facilities_stale" in ids
    text = next(w for w in old.warnings if w.id == "ice_agreements_stale").text
    assert LIST_DATE in text.en and "more than six months" in text.en
    assert LIST_DATE in text.es and "más de seis meses" in text.es
    warnings = plan_to_dict(old, "en")["warnings"]
    assert any(w["id"] == "ice_agreements_stale" for w in warnings)


def test_every_output_shows_the_date_and_ice(run: Run, tmp_path: Path) -> None:
    args = ("--set", "state=AL", "--set", "county=Autauga")
    screen = run("--lang", "both", "advise", *args)
    assert screen.exit_code == 0, screen.stderr
    flat = " ".join(screen.stdout.split())
    assert "What ICE's own lists say" in flat and "Lo que dicen las listas de ICE" in flat
    assert f"ICE's 287(g) list of {LIST_DATE}" in flat
    assert f"La lista 287(g) de ICE del {LIST_DATE}" in flat
    data = json.loads(run("advise", "--json", *args).stdout)
    assert data["ice"]["agreements_list"]["as_of"] == LIST_DATE
    assert any(LIST_DATE in line for line in data["ice"]["summary"])
    assert any("ice.gov/identify-and-arrest/287g" in s["url"] for s in data["sources"])
    out = tmp_path / "out"
    assert run("--lang", "both", "advise", *args, "--out", str(out)).exit_code == 0
    for lang, heading in (("en", "What ICE's own lists say"), ("es", "Lo que dicen las listas")):
        plan_md = (out / lang / "plan.md").read_text(encoding="utf-8")
        assert heading in plan_md
        assert LIST_DATE in plan_md and AUTAUGA_JEM in plan_md
        assert "https://www.ice.gov/identify-and-arrest/287g" in plan_md


def test_a_whole_state_batch_gives_each_county_its_own_status(run: Run, tmp_path: Path) -> None:
    rows = "".join(f"NH,{county}\n" for county in counties("NH"))
    places = tmp_path / "nh.csv"
    places.write_text("state,county\n" + rows, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", str(places), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    plans = {}
    for county in counties("NH"):
        folder = out / "NH" / county.lower().replace(" ", "-") / "en"
        plans[county] = (folder / "plan.md").read_text(encoding="utf-8")
    # Belknap's sheriff is on ICE's list (a task force agreement only); Grafton has no agency
    # on it.
    assert "Belknap County Sheriff" in plans["Belknap County"]
    absent = f"Grafton County is not on ICE's 287(g) list as of {LIST_DATE}"
    assert absent in plans["Grafton County"]
    assert "(open here)" in _line(plans["Belknap County"], "287(g) task force model")
    assert "(not yet known here)" in _line(plans["Belknap County"], "287(g) in the jail")
    assert "(open here)" not in _line(plans["Grafton County"], "287(g) task force model")
    assert len(set(plans.values())) == len(plans)


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"- **{start}"))


def test_a_pack_without_ice_data_knows_nothing(make_pack: Any, pack_files: Any) -> None:
    small = load_pack(make_pack(pack_files))
    assert small.ice is None
    state = next(iter(small.states))
    county = counties(state)[0] if counties(state) else ""
    plan = build_plan(small, {"state": state, "county": county}, SOON)
    assert plan.ice is None
    assert plan_to_dict(plan, "en")["ice"] is None


def test_interview_shows_and_preselects_what_ice_lists(pack: Pack, tmp_path: Path) -> None:
    from pipeline_cli.interview.session import Interview

    interview = Interview(pack, "en", tmp_path / "a.yaml", "pipeline advise --resume")
    question = pack.question("has_287g")
    assert question is not None
    answers = {"state": "AL", "county": "Autauga County"}
    assert interview._default(question, answers) == "yes"
    message = interview.message(question, 100, answers)
    flat = " ".join(message.split())
    assert f"ICE's 287(g) list of {LIST_DATE} shows" in flat
    assert "Is that still right?" in flat
    spanish = Interview(pack, "es", tmp_path / "a.yaml", "x").message(question, 100, answers)
    assert "¿Sigue siendo así?" in " ".join(spanish.split())
    absent = {"state": "AL", "county": "Barbour County"}
    assert interview._default(question, absent) == "unknown"
    assert "not on ICE's 287(g) list" in " ".join(interview.message(question, 100, absent).split())


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_facts_lists_a_states_counties(run: Run, fmt: str) -> None:
    result = run("facts", "Alabama", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["lists"]["agreements"]["as_of"] == LIST_DATE
        assert "ICE" in data["source"]
        by_county = {c["county"]: c for c in data["counties"]}
        assert len(by_county) == len(counties("AL"))
        assert by_county["Barbour County"]["on_287g_list"] is False
        autauga = by_county["Autauga County"]["agreements"]
        assert AUTAUGA_JEM in {a["agreement_url"] for a in autauga}
        baldwin = by_county["Baldwin County"]["contract_jails"]
        assert [f["name"] for f in baldwin] == ["BALDWIN COUNTY CORRECTIONAL CENTER"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        by_county = {r["county"]: r for r in rows}
        assert by_county["Autauga County"]["county_level_models"] == "JEM;TFM;WSO"
        assert by_county["Autauga County"]["county_fips"] == "01001"
        assert by_county["Barbour County"]["on_287g_list"] == "no"
        assert {r["agreements_as_of"] for r in rows} == {LIST_DATE}
        assert {r["facilities_as_of"] for r in rows} == {SHEET_DATE}
    else:
        flat = " ".join(result.stdout.split())
        assert f"ICE's 287(g) list of {LIST_DATE}" in flat
        assert "Autauga County" in flat and "not on the list" in flat


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_facts_warns_when_a_list_is_over_six_months_old(
    run: Run, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.cli import facts

    monkeypatch.setattr(facts, "_today", lambda: LATE)
    result = run("facts", "NH", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    said = f"ICE's 287(g) list used here dates from {LIST_DATE}, more than six months before today"
    if fmt == "json":
        data = json.loads(result.stdout)  # stdout stays pure JSON
        assert [w["id"] for w in data["warnings"]] == [
            "ice_agreements_stale",
            "ice_facilities_stale",
        ]
        assert said in data["warnings"][0]["text"]
    else:
        assert said in " ".join(result.stderr.split())
        assert said not in result.stdout
        if fmt == "csv":  # stdout stays pure CSV
            assert result.stdout.startswith("state,county,")
    monkeypatch.setattr(facts, "_today", lambda: SOON)
    result = run("facts", "NH", "--format", fmt)
    assert "six months" not in result.stderr + result.stdout


def test_facts_rejects_an_unknown_state(run: Run) -> None:
    result = run("facts", "Narnia")
    assert result.exit_code != 0
    assert "not a US state" in result.stderr


@pytest.mark.slow
def test_every_county_level_agreement_shows_in_a_plan_with_no_answers(pack: Pack) -> None:
    """Done when: each county with a county-level agreement on the May 2026 list gets a plan,
    built from state and county alone, that shows each agreement's model, date and link."""
    assert pack.ice is not None
    places = sorted(
        {
            (code, county)
            for code in pack.states
            for a in pack.ice.agreements(code)
            if a.level == "County"
            for county in a.counties
        }
    )
    assert len(places) > 700
    for code, county in places:
        plan = plan_for(pack, code, county)
        assert plan.jurisdiction.answers["has_287g"] == "yes", county
        summary = plan_to_dict(plan, "en")["ice"]["summary"][0]
        for a in pack.ice.agreements(code, county):
            assert a.agency in summary
            assert f"{a.model_name}, signed {a.signed}" in summary, (county, a)
            assert (a.url or "ICE lists the link as pending") in summary, (county, a)
