"""Letters, scripts, ordinances and plan.md as organizers read them, in English and Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents import markdown, render
from pipeline_cli.documents.render import MAX_SPOKEN_WORDS, SPOKEN_WORDS, Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.records import Plan
from pipeline_cli.plan.sample import sample_plan
from tests.planfactory import PLACES, SIGNED, TODAY, body, letters_pack, long_pack, make_plan, words

LANGS = ("en", "es")
DOCS = ("letter", "public_comment", "call_script", "ordinance")
PLACEHOLDERS = {
    "en": ("[YOUR ORGANIZATION]", "[YOUR NAME]", "[YOUR CONTACT"),
    "es": ("[SU ORGANIZACIÓN]", "[SU NOMBRE]", "[SU CONTACTO"),
}


def doc(plan: Plan, role: str, kind: str, lang: str) -> str:
    target = plan.target(role)
    assert target is not None, f"{role} is not a target of this plan"
    return Renderer(plan.pack).document(kind, lang, docdata.target_doc(plan, target, lang))


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    return make_plan(tmp_path / "pack", letters_pack(), PLACES["ca_city"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", DOCS)
def test_every_template_renders_for_every_role_of_the_shipped_pack(kind: str, lang: str) -> None:
    pack = load_pack()
    for signed in (False, True):
        plan = sample_plan(pack, signed=signed)
        renderer = Renderer(pack)
        for target in plan.targets:
            text = renderer.document(kind, lang, docdata.target_doc(plan, target, lang))
            assert target.title(lang) in text
            # Sent to officials: no stamp, no disclaimer meant for organizers.
            stamped = pack.disclaimer(lang) in " ".join(text.split())
            assert stamped == (kind not in render.TO_OFFICIALS)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_md_of_the_shipped_pack_names_every_stage(lang: str) -> None:
    pack = load_pack()
    plan = sample_plan(pack)
    text = Renderer(pack).document("plan", lang, docdata.plan_doc(plan, lang))
    for stage in pack.stages:
        assert stage.title(lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_letter_covers_each_demand_with_its_why_touchpoints_and_sources(
    plan: Plan, lang: str
) -> None:
    text = doc(plan, "sheriff", "letter", lang)
    demand = plan.pack.demands()["no_holds"]
    touchpoint = plan.pack.touchpoints()["detainer_hold"]
    for part in (demand.title, demand.ask, demand.why):
        assert part(lang) in text
    assert touchpoint.title(lang) not in text  # the pack's handoff names are for organizers
    for source in ("src1", "src2"):
        assert plan.pack.sources[source].url in text
    assert text.startswith("# ")
    assert plan.target("sheriff").title(lang) in text  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", LANGS)
def test_unsigned_letter_shows_visible_placeholders(plan: Plan, lang: str) -> None:
    text = doc(plan, "sheriff", "letter", lang)
    for placeholder in PLACEHOLDERS[lang]:
        assert placeholder in text


@pytest.mark.parametrize("lang", LANGS)
def test_signed_letter_uses_the_answers_and_no_placeholder(tmp_path: Path, lang: str) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), {**PLACES["ca_city"], **SIGNED})
    text = doc(plan, "sheriff", "letter", lang)
    for value in SIGNED.values():
        assert value in text
    assert not any(p in text for p in PLACEHOLDERS[lang])


def test_bodies_are_greeted_as_a_group_and_officials_by_title(plan: Plan) -> None:
    council = plan.target("city_council").title  # type: ignore[union-attr]
    assert f"Dear Members of the {council('en')}:" in doc(plan, "city_council", "letter", "en")
    es = doc(plan, "city_council", "letter", "es")
    assert f"Honorables integrantes del {council('es')}:" in es
    assert "\nDear Sheriff:\n" in doc(plan, "sheriff", "letter", "en")
    assert "\nHonorable Sheriff:\n" in doc(plan, "sheriff", "letter", "es")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["call_script", "plan"])
def test_every_output_is_stamped_in_its_language(plan: Plan, kind: str, lang: str) -> None:
    if kind == "plan":
        text = Renderer(plan.pack).document("plan", lang, docdata.plan_doc(plan, lang))
    else:
        text = doc(plan, "county_board", kind, lang)
    stamp = text.rsplit("\n---\n", 1)[1]
    assert plan.pack.version in stamp
    assert plan.pack.disclaimer(lang) in stamp
    if lang == "en":
        assert plan.pack.as_of.isoformat() in stamp and TODAY.isoformat() in stamp
        assert "Written" in stamp
    else:  # Spanish readers do not parse ISO dates: spelled out, and "Generado" on print
        assert "datos vigentes al 1 de enero de 2026" in stamp
        assert "Generado el 1 de marzo de 2026" in stamp


@pytest.mark.parametrize("lang", LANGS)
def test_ordinance_is_assembled_from_the_clauses_of_the_demands(plan: Plan, lang: str) -> None:
    text = doc(plan, "county_board", "ordinance", lang)
    clause = plan.pack.clauses["no_holds"]
    assert clause.title(lang) in text
    assert clause.text(lang) in text
    bill = doc(plan, "state_legislature", "ordinance", lang)
    assert ("Draft bill" if lang == "en" else "Borrador de proyecto de ley") in bill


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("place", sorted(PLACES))
def test_public_comment_fits_two_minutes_for_every_target(
    tmp_path: Path, place: str, lang: str
) -> None:
    for files in (letters_pack(), long_pack()):
        plan = make_plan(tmp_path / place, files, PLACES[place])
        assert plan.targets
        for target in plan.targets:
            text = body(doc(plan, target.role.id, "public_comment", lang))
            assert words(markdown.to_text(text)) <= SPOKEN_WORDS[lang], (target.role.id, text)


@pytest.mark.parametrize("lang", LANGS)
def test_long_public_comment_keeps_the_first_demands_and_points_to_the_letter(
    tmp_path: Path, lang: str
) -> None:
    plan = make_plan(tmp_path / "pack", long_pack(demands=8), PLACES["ca_city"])
    text = body(doc(plan, "sheriff", "public_comment", lang))
    assert "1. " in text
    assert ("more steps" if lang == "en" else "medidas más") in text
    assert words(markdown.to_text(text)) <= SPOKEN_WORDS[lang]


def test_one_endless_ask_is_cut_visibly_to_fit(tmp_path: Path) -> None:
    files = long_pack(demands=1, words=400)
    files["01-jail.yaml"]["demands"][0]["targets"].remove("sheriff")  # only the long one left
    plan = make_plan(tmp_path / "pack", files, PLACES["ca_city"])
    text = body(doc(plan, "sheriff", "public_comment", "en"))
    assert "…" in text
    assert words(markdown.to_text(text)) <= MAX_SPOKEN_WORDS


@pytest.mark.parametrize("lang", LANGS)
def test_call_script_has_greeting_ask_and_log(plan: Plan, lang: str) -> None:
    text = doc(plan, "sheriff", "call_script", lang)
    greeting, log = (
        ("Hello", "## Log after the call")
        if lang == "en"
        else ("Buenos días", "## Anote después de la llamada")
    )
    assert greeting in text and log in text
    assert plan.pack.demands()["no_holds"].title(lang) in text


def test_english_and_spanish_template_sets_match() -> None:
    root = render.builtin_dir()
    en = sorted(p.name for p in (root / "en").glob("*.j2"))
    es = sorted(p.name for p in (root / "es").glob("*.j2"))
    assert en == es
    assert {f"{k}.md.j2" for k in render.KINDS} <= set(en)


def test_html_page_escapes_pack_text_and_loads_nothing_remote(tmp_path: Path) -> None:
    files = letters_pack()
    files["01-jail.yaml"]["demands"][0]["title"] = {"en": "<script>x</script>", "es": "<b>y</b>"}
    plan = make_plan(tmp_path / "pack", files, PLACES["ca_city"])
    renderer = Renderer(plan.pack)
    md = renderer.document("letter", "en", docdata.target_doc(plan, plan.targets[0], "en"))
    page = renderer.html(md, "en")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<html lang="en">' in page
    for remote in ("<link", "<script", "src=", "@import", "url("):
        assert remote not in page
    assert '<a href="https://example.org/1">' in page


def test_a_pack_may_override_one_template(tmp_path: Path) -> None:
    files = letters_pack()
    files["templates/en/call_script.md.j2"] = "# Call {{ target.title }}\n\nOur own words.\n"
    (tmp_path / "pack" / "templates" / "en").mkdir(parents=True)
    plan = make_plan(tmp_path / "pack", files, PLACES["ca_city"])
    assert "Our own words." in doc(plan, "sheriff", "call_script", "en")
    assert "## Log after the call" not in doc(plan, "sheriff", "call_script", "en")
    assert "Anote después" in doc(plan, "sheriff", "call_script", "es")  # built-in still used
