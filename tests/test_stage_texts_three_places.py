"""The stage texts as Pasadena's, Harris County's and Hartford County's officials read them
(issue 11): no ask the office cannot grant, no ask twice, no other state's places, no organizer
voice in a draft law, no unexplained terms."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan
from tests.test_letters_three_places import PLACES, _docs, _plan

KINDS = ("letter", "public_comment", "call_script", "ordinance")
DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _all(pack: Pack, plan: Plan) -> dict[tuple[str, str, str], str]:
    return {
        (kind, lang, role): text
        for kind in KINDS
        for lang in ("en", "es")
        for role, text in _docs(pack, plan, kind, lang).items()
    }


def _demand(plan: Plan, ident: str):  # type: ignore[no-untyped-def]
    return next((d for s in plan.stages for d in s.demands if d.demand.id == ident), None)


@pytest.mark.parametrize("place", PLACES)
def test_no_other_states_places_or_organizer_voice(pack: Pack, place: str) -> None:
    for where, text in _all(pack, _plan(pack, place)).items():
        assert "McHenry" not in text, (place, where)
        assert "Washington, DC" not in text, (place, where)
        assert "we name" not in text and "que señalamos" not in text, (place, where)
        if place != "pasadena":
            assert "Governor Newsom" not in text, (place, where)
            assert "gobernador Newsom" not in text, (place, where)


def test_the_pasadena_police_chief_is_asked_about_its_own_agreements_once(pack: Pack) -> None:
    plan = _plan(pack, "pasadena")
    en = _docs(pack, plan, "letter", "en")["police_chief"]
    es = _docs(pack, plan, "letter", "es")["police_chief"]
    assert "the police or sheriff have" not in en and "your department has with ICE" in en
    assert "la policía o el sheriff tengan" not in es and "que su departamento" in es
    # Task forces are disclosed by one step, not asked again in the next.
    asks = [line for line in en.splitlines() if line.startswith("**I ask:**")]
    assert len([a for a in asks if "task force" in a]) == 1, asks
    assert "Require public disclosure of every task force" not in en
    council = _docs(pack, plan, "letter", "en")["city_council"]
    assert "the police or sheriff have" not in council
    assert "Require the police serving the city to publish" in council


def test_a_texas_sheriff_is_asked_for_what_sb8_leaves(pack: Pack) -> None:
    plan = _plan(pack, "harris")
    docs = {lang: _docs(pack, plan, "letter", lang)["sheriff"] for lang in ("en", "es")}
    assert "Refuse to sign, or terminate, any memorandum" not in docs["en"]
    assert "narrowest model the law accepts" in docs["en"]
    assert "SB 8 (2025, Tex. Gov't Code ch. 753)" in docs["en"]
    assert "Negarse a firmar, o rescindir" not in docs["es"]
    assert "modelo más limitado" in docs["es"] and "cap. 753" in docs["es"]
    # Elsewhere, a sheriff no state law binds is still asked to refuse every agreement.
    ohio = build_plan(pack, {"state": "OH", "county": "Butler County"}, DAY)
    assert _demand(ohio, "narrow_required_287g") is None
    mous = _demand(ohio, "end_ice_mous")
    assert mous is not None and "sheriff" in mous.targets


def test_texas_law_bars_the_release_date_and_jail_access_rules(pack: Pack) -> None:
    plan = _plan(pack, "harris")
    for ident in ("no_release_notification", "no_ice_jail_access"):
        pd = _demand(plan, ident)
        assert pd is not None and [x.id for x in pd.preempted] == ["tx_sb4_2017"], ident
        assert "county_board" not in pd.targets and "sheriff" not in pd.targets, ident
        assert "state_legislature" in pd.targets, ident
    board = _docs(pack, plan, "letter", "en")["county_board"]
    assert "No release dates or private data" not in board
    assert "Pass an ordinance requiring the sheriff" not in board
    assert "asks the sheriff, and requires every county department under this body" in board


def test_texas_probation_answers_to_the_district_judges(pack: Pack) -> None:
    plan = _plan(pack, "harris")
    en, es = (_docs(pack, plan, "letter", lang) for lang in ("en", "es"))
    assert "county board" not in en["chief_probation_officer"]
    assert "district judges who established the department" in en["chief_probation_officer"]
    assert "jueces de distrito" in es["chief_probation_officer"]
    assert "Oversight of probation" not in en["county_board"]
    pd = _demand(_plan(pack, "pasadena"), "probation_oversight")
    assert pd is None or "county_board" in pd.targets


def test_connecticut_corrections_reads_its_own_decisions(pack: Pack) -> None:
    plan = _plan(pack, "hartford")
    for kind in ("letter", "public_comment"):
        en = _docs(pack, plan, kind, "en")["state_doc"]
        assert "is the department's decision, within state law" in en, kind
        assert "up to those who run and fund it" not in en, kind
    letter = _docs(pack, plan, "letter", "en")["state_doc"]
    assert "Confirm in writing that the department has no 287(g)" in letter
    assert "End, or refuse to sign, any 287(g)" not in letter
    es = _docs(pack, plan, "letter", "es")["state_doc"]
    assert "lo decide el departamento" in es and "Confirmar por escrito" in es


@pytest.mark.parametrize("place", ["pasadena", "harris"])
def test_two_years_of_presence_is_explained(pack: Pack, place: str) -> None:
    plan = _plan(pack, place)
    for lang, words in (("en", "skips the immigration judge"), ("es", "se salta al juez")):
        for role, text in _docs(pack, plan, "letter", lang).items():
            if "two years" in text or "dos años" in text:
                assert words in text, (place, role, lang)


@pytest.mark.parametrize("place", ["pasadena", "harris"])
def test_ordinances_speak_as_law(pack: Pack, place: str) -> None:
    plan = _plan(pack, place)
    en = _docs(pack, plan, "ordinance", "en")["county_board"]
    es = _docs(pack, plan, "ordinance", "es")["county_board"]
    assert "further provides as follows:" in en and "directs the agencies" not in en
    assert "Public defense shall be funded" in en and "within 90 days" in en
    assert "dispone además lo siguiente:" in es and "Se financiará la defensa pública" in es
    assert "Fund immigration experts" not in en and "Financiar especialistas" not in es
    # The sheriff is asked, not directed; California's statute is named there only.
    assert "The Sheriff" in en and "a request:" in en
    assert ("Government Code §25303" in en) == (place == "pasadena")
    assert ("Código de Gobierno §25303" in es) == (place == "pasadena")


def test_the_arizona_clause_has_a_plain_title(pack: Pack) -> None:
    plan = _plan(pack, "pasadena")
    en = _docs(pack, plan, "ordinance", "en")["city_council"]
    es = _docs(pack, plan, "ordinance", "es")["city_council"]
    assert "Consistency with Arizona v. United States" in en and "Legal anchor" not in en
    assert "Coherencia con Arizona v. United States" in es and "Base legal" not in es


def test_every_further_measure_has_a_legislative_text(pack: Pack) -> None:
    for stage in pack.stages:
        for d in stage.demands:
            if d.clauses or not {t.role for t in d.targets} & set(docdata.LEGISLATING):
                continue
            assert d.direction is not None, d.id
            assert "shall" in d.direction.en and d.direction.es, d.id


@pytest.mark.parametrize(
    ("answers", "said", "unsaid"),
    [
        ({"state": "MD", "county": "Montgomery County"}, "corrections department", "sheriff"),
        ({"state": "OH", "county": "Butler County"}, "Call on the sheriff", "corrections"),
    ],
)
def test_the_board_asks_whoever_runs_the_jail(
    pack: Pack, answers: dict[str, str], said: str, unsaid: str
) -> None:
    plan = build_plan(pack, {**answers, "has_287g": "yes", "g287_jail": "yes"}, DAY)
    board = _docs(pack, plan, "letter", "en")["county_board"]
    start = board.index("End or refuse 287(g) in the jail")
    ask = board[start:].split("\n\n")[1]
    assert said in ask and unsaid not in ask, ask


def test_the_pardon_reason_names_newsom_only_in_california(pack: Pack) -> None:
    for state, county in (("NY", "Kings County"), ("CA", "Los Angeles County")):
        plan = build_plan(pack, {"state": state, "county": county}, DAY)
        pd = _demand(plan, "governor_pardon")
        assert pd is not None
        assert ("Newsom" in pd.demand.why.en) == (state == "CA"), state


def test_the_booking_ask_stays_within_a_law_that_bars_limits_on_sharing(pack: Pack) -> None:
    """Texas Gov't Code §752.053 bars local limits on asking about or sending immigration
    status: Harris's sheriff is asked what the law leaves to the office; Pasadena's is not."""
    barred = "bar sharing it with ICE beyond what the law requires"
    harris = _docs(pack, _plan(pack, "harris"), "letter", "en")["sheriff"]
    assert barred not in harris
    assert "as far as state law allows" in harris and "sent to ICE each year" in harris
    es = _docs(pack, _plan(pack, "harris"), "letter", "es")["sheriff"]
    assert "en la medida en que lo permita la ley estatal" in es
    pasadena = _docs(pack, _plan(pack, "pasadena"), "letter", "en")
    assert any(barred in text for text in pasadena.values())
