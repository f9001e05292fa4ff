"""Every document sent to an official, for a spread of places, reads as written to that office:
no organizer-only text, no form salutation, no placeholder but the writer's own."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import TO_OFFICIALS, Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan

PLACES = [
    {"state": "CA", "county": "Los Angeles County", "city": "Pasadena",
     "city_form": "council_manager", "police_oversight": "yes"},
    {"state": "TX", "county": "Harris County", "city": "Houston", "has_287g": "yes",
     "honors_detainers": "yes"},
    {"state": "CT", "county": "Hartford County", "city": "Hartford"},
    {"state": "GA", "county": "Cobb County"},
    {"state": "DC", "county": "District of Columbia"},
    {"state": "IL", "county": "Cook County", "city": "Chicago", "city_form": "strong_mayor"},
]  # fmt: skip
SIGNED = {"signer": "Rosa Martínez", "signer_role": "Coordinator", "org_name": "Vecinos Unidos",
          "org_contact": "info@example.org", "signer_gender": "woman"}  # fmt: skip

# Text meant for organizers, or the pack's own vocabulary, never shown to an official.
ORGANIZER_ONLY = re.compile(
    r"closed here|open here|not yet known here|This closes these handoffs|cerrada aquí|"
    r"abierta aquí|sin confirmar aquí|Esto cierra estas vías|(?<!\()\b(?:CIPC|NDLON)\b|"
    r"for organizers|para quienes organizan|press whichever|[Yy]ou said|[Uu]sted indicó|"
    r"not legal advice|no es asesoría legal|\bseed\b",
    re.IGNORECASE,
)
FORM_SALUTATION = re.compile(
    r"Dear Members:|Dear Your\b|Estimad[oa]s?/[ao]s?|Estimados/as|\(chief prosecutor\)|"
    r"\(fiscal principal\)|\(chief prosecutor\)|Dear [a-z]"
)
WRITERS_OWN = {
    "[YOUR NAME]", "[YOUR ORGANIZATION]", "[YOUR CONTACT: email or phone]",
    "[SU NOMBRE]", "[SU ORGANIZACIÓN]", "[SU CONTACTO: correo electrónico o teléfono]",
}  # fmt: skip
PLACEHOLDER = re.compile(r"\[[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ :a-záéíóúñ]*\](?!\()")


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
@pytest.mark.parametrize("answers", PLACES, ids=[p.get("city") or p["county"] for p in PLACES])
def test_documents_to_officials_are_written_to_them(answers: dict[str, str], signed: bool) -> None:
    pack = load_pack()
    plan = build_plan(pack, {**answers, **(SIGNED if signed else {})}, dt.date(2026, 12, 1))
    renderer = Renderer(pack)
    seen = 0
    for target in plan.targets:
        if not target.role.contact:
            continue
        for lang in ("en", "es"):
            ctx = docdata.target_doc(plan, target, lang)
            ids = [d["id"] for d in ctx["demands"]]
            assert len(ids) == len(set(ids)), (target.role.id, ids)
            for kind in TO_OFFICIALS:
                if kind == "ordinance" and target.role.id not in docdata.LEGISLATING:
                    continue
                text = renderer.document(kind, lang, ctx)
                where = (target.role.id, kind, lang)
                # The source list names its sources as published (acronyms spelled out there).
                body = re.split(r"\n## (?:Sources|Fuentes)", text)[0]
                assert not ORGANIZER_ONLY.search(body), (where, ORGANIZER_ONLY.search(body))
                assert not FORM_SALUTATION.search(text), (where, FORM_SALUTATION.search(text))
                others = set(PLACEHOLDER.findall(text)) - WRITERS_OWN
                assert not others, (where, others)
                assert not signed or not PLACEHOLDER.findall(text), where
                seen += 1
    assert seen


def test_one_ask_for_deportation_defense_in_the_council_letter() -> None:
    pack = load_pack()
    plan = build_plan(pack, {**PLACES[0], "justice_fund": "no"}, dt.date(2026, 12, 1))
    council = plan.target("city_council")
    assert council is not None
    ids = [d["id"] for d in docdata.target_doc(plan, council, "en")["demands"]]
    assert "justice_fund" in ids and "fund_deportation_defense" not in ids


def test_a_reply_date_three_weeks_after_the_plan_unless_given() -> None:
    pack = load_pack()
    plan = build_plan(pack, PLACES[0], dt.date(2026, 12, 1))
    sheriff = plan.target("sheriff")
    assert sheriff is not None
    text = Renderer(pack).document("letter", "en", docdata.target_doc(plan, sheriff, "en"))
    assert "by December 22, 2026" in text and "[DATE]" not in text
    plan = build_plan(pack, {**PLACES[0], "reply_by": "2027-01-15"}, dt.date(2026, 12, 1))
    text = Renderer(pack).document("letter", "es", docdata.target_doc(plan, sheriff, "es"))
    assert "antes del 15 de enero de 2027" in text
