"""Every answer is reflected consistently in the plan: no statement contradicts an answer.

A handoff is UNKNOWN only while an answer it depends on is "I don't know": once each of its
questions has a definite answer, the plan says OPEN or closed and why. (Before this held, "no
agreement with ICE" and a policy "with gaps" printed "We don't know whether your police have
signed anything with ICE".)
"""

from __future__ import annotations

import itertools

import pytest
from jinja2 import nodes

from pipeline_cli.pack import expr
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack, Touchpoint
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan.build import build_plan

PACK = load_pack()
PLACE = {"state": "UT", "county": "Salt Lake County", "city": "Springfield"}  # no state law


def _keys(pack: Pack, tp: Touchpoint) -> list[str]:
    ids = {q.id for q in pack.questions}
    found: set[str] = set()
    for src in (tp.open_if, tp.closed_if):
        if src.strip():
            tree = expr._env().parse("{{ (" + src + ") }}")
            found |= {n.name for n in tree.find_all(nodes.Name) if n.name in ids}
    return sorted(found - set(PLACE))


def _definite(pack: Pack, key: str) -> list[str]:
    q = ans.pack_question(pack, key)
    return [v for v in q.choice_values() if v != "unknown"]


CASES = [
    (tp, dict(zip(keys, combo, strict=True)))
    for s in PACK.stages
    for tp in s.touchpoints
    if (keys := _keys(PACK, tp))
    for combo in itertools.product(*(_definite(PACK, k) for k in keys))
]


def test_the_cases_cover_the_police_answers() -> None:
    assert len(CASES) > 20
    assert any(a == {"ice_agreement": "no", "police_policy": "partial"} for _, a in CASES)


@pytest.mark.parametrize(("tp", "given"), CASES, ids=lambda x: getattr(x, "id", str(x)))
def test_a_handoff_is_unknown_only_while_an_answer_is(
    tp: Touchpoint, given: dict[str, str]
) -> None:
    answers = {**PLACE, **given}
    effective = ans.effective(PACK, answers)
    if any(effective[k] != v for k, v in given.items()):
        pytest.skip("a question that does not apply here")
    plan = build_plan(PACK, answers)
    status = next(p for s in plan.stages for p in s.touchpoints if p.touchpoint.id == tp.id)
    assert status.status != "unknown", (
        f"{tp.id} says {status.why.en!r} although every answer it depends on was given: {given}"
    )


def test_the_reported_contradiction_is_gone() -> None:
    plan = build_plan(PACK, {**PLACE, "ice_agreement": "no", "police_policy": "partial"})
    text = " ".join(p.why.en for s in plan.stages for p in s.touchpoints)
    assert "We don't know whether your police have signed anything" not in text
