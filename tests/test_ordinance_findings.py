"""Ordinance findings are legislative findings with sources counsel accepts, never stories or
notes meant for organizers."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan
from tests.test_asks_by_role import PLACES

STORY = re.compile(
    r"Tacoma|CIPC|NDLON|(?<!habeas )petition|petici[oó]n(?!es de h[aá]beas)|lists this|"
    r"lo propone|seed|organiz|\bwe\b|nosotr",
    re.IGNORECASE,
)


@pytest.mark.parametrize("answers", PLACES, ids=[p["city"] for p in PLACES])
def test_findings_cite_sources_counsel_accepts(answers: dict[str, str]) -> None:
    pack = load_pack()
    plan = build_plan(pack, answers, dt.date(2026, 12, 1))
    renderer = Renderer(pack)
    checked = 0
    for target in plan.targets:
        if target.role.id not in docdata.LEGISLATING:
            continue
        for lang in ("en", "es"):
            ctx = docdata.target_doc(plan, target, lang)
            cited = {s["n"] for s in ctx["sources"]}
            for f in ctx["findings"]:
                where = (target.role.id, lang, f["text"][:60])
                assert f["refs"] and set(f["refs"]) <= cited, where
                assert not STORY.search(f["text"]), (where, STORY.search(f["text"]))
                checked += 1
            text = renderer.document("ordinance", lang, ctx)
            found = re.split(r"\n## (?:Section|Sección) \d+\. ", text)
            part = next(p for p in found if p.startswith(("Findings", "Considerandos")))
            assert not STORY.search(part), (target.role.id, lang, STORY.search(part))
    assert checked


def test_a_finding_replaces_the_organizers_how_text() -> None:
    pack = load_pack()
    zoning = next(
        tp for s in pack.stages for tp in s.touchpoints if tp.id == "detention_site_zoning"
    )
    assert zoning.finding is not None
    assert "Tacoma" not in zoning.finding("en") and "Tacoma" not in zoning.finding("es")
