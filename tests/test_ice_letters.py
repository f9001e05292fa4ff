"""Letters name what ICE's 287(g) list shows for the agency they go to: the agreement, its
model, its signing date and the signed agreement's link, with the list's date.

Autauga County, AL: its sheriff signed all three models on 2025-09-22. Harris County, TX: only
the Southside Place Police Department is on the list (a task force agreement, link pending).
Barbour County, AL: no agency on the list.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan

DAY = dt.date(2026, 6, 1)
JEM = "https://www.ice.gov/doclib/287gMOA/AutaugaCoSheriffsOfficeAL_JEM_MOA_09222025.pdf"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def letter(pack: Pack, plan: Plan, role: str, lang: str) -> str:
    target = plan.target(role)
    assert target is not None, role
    text = Renderer(pack).document("letter", lang, docdata.target_doc(plan, target, lang))
    return " ".join(text.split())


@pytest.mark.parametrize("role", ["sheriff", "county_board"])
def test_the_sheriffs_and_boards_letters_name_the_agreement(pack: Pack, role: str) -> None:
    plan = build_plan(pack, {"state": "AL", "county": "Autauga County"}, DAY)
    en = letter(pack, plan, role, "en")
    assert "ICE's own list of 287(g) participating agencies, dated May 18, 2026" in en
    assert "https://www.ice.gov/identify-and-arrest/287g" in en
    assert (
        "Autauga County Sheriff's Office: Jail Enforcement Model agreement, signed September 22, "
        f"2025 (signed agreement: {JEM})"
    ) in en
    assert "Task Force Model agreement" in en and "Warrant Service Officer agreement" in en
    es = letter(pack, plan, role, "es")
    assert "con fecha del 18 de mayo de 2026" in es
    assert (
        "Autauga County Sheriff's Office: modelo de cárcel (Jail Enforcement Model), firmado el "
        f"22 de septiembre de 2025 (acuerdo firmado: {JEM})"
    ) in es


def test_a_city_police_agreement_goes_to_the_chief_not_the_sheriff(pack: Pack) -> None:
    answers = {"state": "TX", "county": "Harris County", "city": "Southside Place",
               "policing": "city_police"}  # fmt: skip
    plan = build_plan(pack, answers, DAY)
    chief = letter(pack, plan, "police_chief", "en")
    assert "Southside Place Police Department: Task Force Model agreement, signed" in chief
    assert "(ICE lists the link to the signed agreement as pending)" in chief
    assert "ICE indica que el enlace al acuerdo firmado está pendiente" in letter(
        pack, plan, "police_chief", "es"
    )
    assert "287(g) participating agencies" not in letter(pack, plan, "sheriff", "en")


def test_no_agreement_on_the_list_or_in_the_answers_says_nothing(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "AL", "county": "Barbour County"}, DAY)
    assert "287(g) participating agencies" not in letter(pack, plan, "sheriff", "en")
    # The organizer's "no agreement" wins over the list: the letter does not contradict it.
    plan = build_plan(pack, {"state": "AL", "county": "Autauga County", "has_287g": "no"}, DAY)
    assert "287(g) participating agencies" not in letter(pack, plan, "sheriff", "en")
