"""Each state legislature by its official name, with the source of that name, in plans and
letters in both languages (issue 11: a letter to "the X state legislature" reads like a form)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan

DAY = dt.date(2026, 12, 1)
NAMES = {
    "CT": ("Hartford County", "Connecticut General Assembly",
           "Asamblea General de Connecticut (General Assembly)", "Asamblea General de Connecticut"),
    "MA": ("Suffolk County", "Massachusetts General Court",
           "Legislatura de Massachusetts (General Court)", "Legislatura de Massachusetts"),
    "OR": ("Multnomah County", "Oregon Legislative Assembly",
           "Asamblea Legislativa de Oregón (Legislative Assembly)",
           "Asamblea Legislativa de Oregón"),
    "TX": ("Harris County", "Texas Legislature", "Legislatura de Texas", "Legislatura de Texas"),
    "CA": ("Los Angeles County", "California Legislature", "Legislatura de California",
           "Legislatura de California"),
}  # fmt: skip


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


@pytest.mark.parametrize("state", NAMES)
def test_the_legislature_is_named_as_its_constitution_names_it(pack: Pack, state: str) -> None:
    county, en, es, greeting_es = NAMES[state]
    plan = build_plan(pack, {"state": state, "county": county}, DAY)
    (target,) = [t for t in plan.targets if t.role.id == "state_legislature"]
    assert (target.title.en, target.title.es) == (en, es)
    facts = pack.states[state]
    assert facts.legislature_sources and set(facts.legislature_sources) <= {
        s.id for s in plan.sources
    }
    renderer = Renderer(pack)
    text_en = renderer.document("letter", "en", docdata.target_doc(plan, target, "en"))
    text_es = renderer.document("letter", "es", docdata.target_doc(plan, target, "es"))
    assert f"Dear Members of the {en}:" in text_en
    assert f"Honorables integrantes de la {greeting_es}:" in text_es


def test_every_named_legislature_cites_a_statute_or_government_source(pack: Pack) -> None:
    named = {c: f for c, f in pack.states.items() if f.legislature_sources}
    assert len(named) >= 45
    for code, facts in named.items():
        assert "state legislature" not in facts.legislature.en, code
        for ident in facts.legislature_sources:
            assert pack.sources[ident].kind in ("statute", "government"), code
