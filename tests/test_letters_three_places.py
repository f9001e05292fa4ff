"""Pasadena, Harris County and Hartford County, as their officials' counsel read them: each
office by its own title, one voice, Spanish place names with their article, cooperation law
named once, a Texas county drafting an order, and numbering kept in Word."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.outputs import write_outputs
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan

# As an organizer would ask: `advise --set state=TX --set county=Harris`, no city.
PLACES = {
    "pasadena": {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"},
    "harris": {"state": "TX", "county": "Harris County"},
    "hartford": {"state": "CT", "county": "Hartford County"},
}
ORG = {"org_name": "Vecinos Unidos", "signer": "Rosa Martínez"}
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _plan(pack: Pack, place: str, **more: str) -> Plan:
    return build_plan(pack, {**PLACES[place], **more}, DAY)


def _docs(pack: Pack, plan: Plan, kind: str, lang: str) -> dict[str, str]:
    renderer = Renderer(pack)
    out = {}
    for t in plan.targets:
        if not t.role.contact or (kind == "ordinance" and t.role.id not in docdata.LEGISLATING):
            continue
        out[t.role.id] = renderer.document(kind, lang, docdata.target_doc(plan, t, lang))
    return out


@pytest.mark.parametrize("place", PLACES)
def test_no_form_salutation_and_one_voice(pack: Pack, place: str) -> None:
    for signed in (False, True):
        plan = _plan(pack, place, **(ORG if signed else {}))
        for lang in ("en", "es"):
            for role, text in _docs(pack, plan, "letter", lang).items():
                where = (place, role, lang, signed)
                assert not re.search(r"^(Dear|Honorabl\w*) [^:\n]*\(", text, re.M), where
                assert "state legislature" not in text and "estatal de Texas" not in text, where
                # A person writing alone says "I"; for an organization, "we".
                mine, ours = ("I ask", "We ask") if lang == "en" else ("pido", "pedimos")
                assert (ours in text) == signed and (mine in text) != signed, where


@pytest.mark.parametrize("place", ["harris", "hartford"])
def test_spanish_county_names_keep_their_article(pack: Pack, place: str) -> None:
    plan = _plan(pack, place)
    for kind in ("letter", "public_comment", "ordinance"):
        for role, text in _docs(pack, plan, kind, "es").items():
            bad = re.search(r"\b(?:en|de|a) Condado\b|\ba el\b|\bde el\b", text)
            assert not bad, (place, kind, role, bad)


def test_a_one_step_letter_asks_for_that_step(pack: Pack) -> None:
    plan = _plan(pack, "harris")
    docs = {lang: _docs(pack, plan, "letter", lang) for lang in ("en", "es")}
    en, es = docs["en"]["public_defender"], docs["es"]["public_defender"]
    assert "whether you will take this step" in en and "which of these steps" not in en
    assert "si tomará esta medida" in es and "cuáles de estas medidas" not in es


def test_texas_cooperation_law_is_named_once_and_the_county_drafts_an_order(pack: Pack) -> None:
    plan = _plan(pack, "harris")
    for lang, word in (("en", "Draft order"), ("es", "Borrador de orden")):
        letters = _docs(pack, plan, "letter", lang)
        for role, text in letters.items():
            assert text.count("752") <= 1, (role, lang)
            assert "85th Leg." not in text and "to weigh here" not in text, (role, lang)
        board = _docs(pack, plan, "ordinance", lang)["county_board"]
        assert board.startswith(f"# {word}:"), board[:60]
        assert "752" in board.split("\n\n")[2]  # the note to counsel, before the text
    es = _docs(pack, plan, "letter", "es")["sheriff"]
    assert "Código de Gobierno de Texas, cap. 752" in es and "Gov. Code" not in es


def test_offices_are_named_as_each_place_names_them(pack: Pack) -> None:
    titles = {
        place: {t.role.id: t.title("en") for t in _plan(pack, place).targets} for place in PLACES
    }
    assert titles["harris"]["state_legislature"] == "Texas Legislature"
    assert (
        "Community Supervision and Corrections Department"
        in (titles["harris"]["chief_probation_officer"])
    )
    assert titles["pasadena"]["state_court"].startswith("Presiding Judge of the Superior Court")
    assert (
        titles["hartford"]["state_court"]
        == "Chief Court Administrator, Connecticut Judicial Branch"
    )
    assert "Division of Public Defender Services" in titles["hartford"]["public_defender"]
    # Connecticut has no county government and no sheriffs.
    assert not {"sheriff", "county_board", "chief_probation_officer"} & set(titles["hartford"])


def test_the_ordinance_defines_its_terms_and_lists_no_campaign_headings(pack: Pack) -> None:
    plan = _plan(pack, "pasadena")
    for lang, dept in (("en", '"Department" means'), ("es", '"Departamento" significa')):
        text = _docs(pack, plan, "ordinance", lang)["city_council"]
        purpose = text.split("## ")[3]  # Section 2
        assert "- " not in purpose, purpose
        assert dept in text
        assert "this policy" not in text.lower() and "esta política" not in text.lower()
        assert "jurisdiction shall" not in text and "jurisdicción financiará" not in text


@pytest.mark.parametrize("place", PLACES)
def test_docx_comments_and_ordinances_keep_their_numbering(tmp_path: Path, place: str) -> None:
    plan = build_plan(load_pack(), PLACES[place], DAY)
    write_outputs(plan, tmp_path, langs=("en", "es"), fmt="docx")
    comments = sorted(tmp_path.glob("*/*/public_comment.docx"))
    assert comments
    for path in comments + sorted(tmp_path.glob("*/*/ordinance.docx")):
        items = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "List"]
        numbers = [int(m[1]) for t in items if (m := re.match(r"(\d+)\. ", t))]
        assert numbers, path
        # Each numbered list counts 1, 2, 3 ... (a list restarts at 1, never repeats "1.").
        runs = [n for i, n in enumerate(numbers) if n == 1 or n != numbers[i - 1] + 1]
        assert all(n == 1 for n in runs), (path, numbers)
        if path.name == "public_comment.docx":
            assert numbers == list(range(1, len(numbers) + 1)), (path, numbers)
