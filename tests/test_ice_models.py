"""Each 287(g) model has its own answer key, and each handoff turns on its own model.

Blount County, AL: its sheriff's only agreement on ICE's list of 2026-05-18 is a task force
agreement. Autauga County, AL: its sheriff signed all three models.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan, PlanTouchpoint

SOON = dt.date(2026, 6, 1)
MODELS = ("g287_jail", "g287_warrant", "g287_task_force")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def plan_for(pack: Pack, county: str, **more: str) -> Plan:
    return build_plan(pack, {"state": "AL", "county": county, **more}, SOON)


def touchpoint(plan: Plan, tp_id: str) -> PlanTouchpoint:
    return next(p for ps in plan.stages for p in ps.touchpoints if p.touchpoint.id == tp_id)


def test_the_model_questions_are_asked_unless_there_is_no_agreement(pack: Pack) -> None:
    from pipeline_cli.plan.answers import applicable, effective

    place = {"state": "AL", "county": "Barbour County"}
    for value in ("yes", "partial", "unknown"):
        asked = {q.id for q in applicable(pack, {**place, "has_287g": value})}
        assert set(MODELS) <= asked, value
    asked = {q.id for q in applicable(pack, {**place, "has_287g": "no"})}
    assert not set(MODELS) & asked
    values = effective(pack, {**place, "has_287g": "no", "g287_jail": "yes"})
    assert [values[k] for k in MODELS] == ["no", "no", "no"]
    for key in MODELS:
        q = pack.question(key)
        assert q is not None and q.help.en and q.help.es


def test_a_task_force_agreement_alone_leaves_the_jail_handoff_unknown(pack: Pack) -> None:
    plan = plan_for(pack, "Blount County")
    assert plan.ice is not None
    assert plan.ice.filled == {"has_287g": "yes", "g287_task_force": "yes"}
    answers = plan.jurisdiction.answers
    assert (answers["g287_jail"], answers["g287_warrant"]) == ("unknown", "unknown")
    patrol, jail = touchpoint(plan, "task_force_287g"), touchpoint(plan, "jail_287g")
    assert patrol.status == "open"
    assert "Task Force Model, signed" in patrol.why.en
    assert jail.status == "unknown"
    # Not "we don't know whether the sheriff has an agreement": the list shows one, of
    # another model, and absence of a model proves nothing.
    assert "none under the jail enforcement model or the warrant service officer model" in (
        jail.why.en
    )
    assert "That does not prove there is none" in jail.why.en
    assert "pero ninguno con el modelo de cárcel" in jail.why.es
    assert "We don't know whether the sheriff" not in jail.why.en


def test_a_jail_agreement_opens_the_jail_handoff(pack: Pack) -> None:
    plan = plan_for(pack, "Autauga County")
    assert touchpoint(plan, "jail_287g").status == "open"
    assert touchpoint(plan, "task_force_287g").status == "open"


def test_answers_win_over_the_list_model_by_model(pack: Pack) -> None:
    plan = plan_for(pack, "Blount County", g287_task_force="no", g287_jail="yes")
    assert plan.ice is not None and plan.ice.filled == {"has_287g": "yes"}
    assert touchpoint(plan, "task_force_287g").status == "closed"
    assert touchpoint(plan, "jail_287g").status == "open"
    # "No agreement" from the organizer: the list fills no model either.
    plan = plan_for(pack, "Blount County", has_287g="no")
    assert plan.ice is not None and plan.ice.filled == {}
    assert touchpoint(plan, "task_force_287g").status == "closed"


def test_an_agreement_of_unknown_model_still_opens_both(pack: Pack) -> None:
    """An organizer who knows of an agreement but not its model: either handoff may be it."""
    plan = plan_for(pack, "Barbour County", has_287g="yes")
    assert touchpoint(plan, "jail_287g").status == "open"
    assert touchpoint(plan, "task_force_287g").status == "open"
    plan = plan_for(pack, "Barbour County", has_287g="yes", g287_task_force="no")
    assert touchpoint(plan, "jail_287g").status == "open"
    assert touchpoint(plan, "task_force_287g").status == "closed"
    plan = plan_for(pack, "Barbour County", has_287g="yes", g287_jail="no", g287_warrant="no")
    assert touchpoint(plan, "jail_287g").status == "closed"
    assert touchpoint(plan, "task_force_287g").status == "open"


def test_the_interview_shows_each_model_from_the_list(pack: Pack, tmp_path: Path) -> None:
    from pipeline_cli.interview.session import Interview

    interview = Interview(pack, "en", tmp_path / "a.yaml", "pipeline advise --resume")
    answers = {"state": "AL", "county": "Blount County"}
    task_force, jail = pack.question("g287_task_force"), pack.question("g287_jail")
    assert task_force is not None and jail is not None
    assert interview._default(task_force, answers) == "yes"
    assert interview._default(jail, answers) == "unknown"
    said = " ".join(interview.message(task_force, 100, answers).split())
    assert "Blount County Sheriff's Office (Task Force Model, signed" in said
    said = " ".join(interview.message(jail, 100, answers).split())
    assert "shows no agreement under the jail enforcement model" in said
