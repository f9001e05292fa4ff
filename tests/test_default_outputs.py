"""The shipped pack and templates: any county's plan gives every target its files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline_cli.cli.validate import validate_pack
from pipeline_cli.documents import context as docdata
from pipeline_cli.documents import markdown
from pipeline_cli.documents.outputs import write_outputs
from pipeline_cli.documents.render import SPOKEN_WORDS, Renderer
from pipeline_cli.documents.writers import FORMATS
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from tests.planfactory import body, words

# Governance variety: county board + city, consolidated city-county, no county government,
# a state law requiring cooperation, county-only, DC.
PLACES = [
    {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"},
    {"state": "CA", "county": "San Francisco County", "city": "San Francisco"},
    {"state": "CT", "county": "Hartford County", "city": "Hartford"},
    {"state": "TX", "county": "Harris County", "city": "Houston", "honors_detainers": "yes"},
    {"state": "GA", "county": "Cobb County"},
    {"state": "DC", "county": "District of Columbia", "city": "Washington"},
]
IDS = [f"{p['state']}-{p['county']}" for p in PLACES]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_shipped_pack_and_templates_validate() -> None:
    problems, _ = validate_pack(None)
    assert problems == []


@pytest.mark.parametrize("answers", PLACES, ids=IDS)
def test_any_county_gives_letters_for_each_target_in_both_languages_and_formats(
    pack: Pack, answers: dict[str, str], tmp_path: Path
) -> None:
    plan = build_plan(pack, answers, dt.date(2026, 12, 1))
    assert plan.targets
    for fmt in FORMATS:
        out = tmp_path / fmt
        write_outputs(plan, out, langs=("en", "es"), fmt=fmt)
        for lang in ("en", "es"):
            for t in plan.targets:
                if not t.role.contact:
                    assert not (out / lang / t.role.id).exists()
                    continue
                assert (out / lang / t.role.id / f"letter.{fmt}").stat().st_size > 0
                for kind in ("public_comment", "call_script"):
                    script = out / lang / t.role.id / f"{kind}.{fmt}"
                    assert script.exists() == t.role.scripts
                    assert not t.role.scripts or script.stat().st_size > 0
                ordinance = out / lang / t.role.id / f"ordinance.{fmt}"
                assert ordinance.exists() == (t.role.id in docdata.LEGISLATING)


@pytest.mark.parametrize("answers", PLACES, ids=IDS)
def test_public_comment_fits_two_minutes_for_every_target(
    pack: Pack, answers: dict[str, str]
) -> None:
    plan = build_plan(pack, answers, dt.date(2026, 12, 1))
    renderer = Renderer(pack)
    for lang in ("en", "es"):
        for t in plan.targets:
            text = renderer.document("public_comment", lang, docdata.target_doc(plan, t, lang))
            assert words(markdown.to_text(body(text))) <= SPOKEN_WORDS[lang], (t.role.id, lang)


def test_no_campaign_documents_for_an_immigration_judge(pack: Pack, tmp_path: Path) -> None:
    """The role itself says never to write or call the judge: letters go only through the
    person's lawyer, made with `pipeline case bond_support`."""
    assert not pack.roles["immigration_judge"].contact
    plan = build_plan(pack, PLACES[0], dt.date(2026, 12, 1))
    assert plan.target("immigration_judge") is not None  # the plan still explains the role
    write_outputs(plan, tmp_path, langs=("en",), fmt="md")
    assert not (tmp_path / "en" / "immigration_judge").exists()
    assert (tmp_path / "en" / "sheriff" / "call_script.md").exists()


def test_notes_for_organizers_stay_out_of_the_letters(pack: Pack, tmp_path: Path) -> None:
    import json

    plan = build_plan(pack, PLACES[0], dt.date(2026, 12, 1))
    noted = [pd for ps in plan.stages for pd in ps.demands if pd.demand.organizing]
    assert noted
    write_outputs(plan, tmp_path, langs=("en", "es"), fmt="md")
    data = json.loads((tmp_path / "plan.json").read_text())
    by_id = {d["id"]: d for s in data["stages"] for d in s["demands"]}
    for pd in noted:
        for lang in ("en", "es"):
            note = pd.demand.notes_for_organizers(lang)
            assert note in (tmp_path / lang / "plan.md").read_text()
            for role in pd.targets:
                path = tmp_path / lang / role / "letter.md"
                if not path.exists():  # a role never written to (the immigration judge)
                    continue
                letter = path.read_text()
                assert note[:40] not in letter, (pd.demand.id, role, lang)
        assert by_id[pd.demand.id]["organizing"] == pd.demand.organizing.en
