"""A source about one state's law, policy, office or case is cited only in plans for that state:
a Texas sheriff's counsel never reads California's Government Code as support."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.outputs import write_outputs
from pipeline_cli.pack.load import inspect_pack, load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan

from .packfactory import minimal_pack, write_pack

DAY = dt.date(2026, 12, 1)
ELSEWHERE = {
    "harris": {"state": "TX", "county": "Harris County"},
    "hartford": {"state": "CT", "county": "Hartford County"},
    "miami": {"state": "FL", "county": "Miami-Dade County"},
}
CALIFORNIA = {
    "la_county": {"state": "CA", "county": "Los Angeles County"},
    "pasadena": {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"},
}
ORGANIZER_PAGE = "seed004"  # CIPC: Actions for organizers


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def _foreign_urls(pack: Pack, state: str) -> set[str]:
    """URLs only sources about other states carry (a URL an untagged source shares is fine)."""
    foreign = {s.url for s in pack.sources.values() if not s.fits(state)}
    return foreign - {s.url for s in pack.sources.values() if s.fits(state)}


def test_the_pack_tags_the_california_statutes_the_issue_named(pack: Pack) -> None:
    for ident in ("ca-gov-7284-6", "ca-gov-7283-1", "pas-428", "lasd-uvisa", "pc-679-10"):
        assert pack.sources[ident].states == ("CA",), ident
    assert pack.sources["fl-90811"].states == ("FL",)
    assert pack.sources["usc-1226"].states == ()  # federal law stays everywhere
    # A governance file's sources are about its state.
    assert all(s.states == ("TX",) for i, s in pack.sources.items() if i.startswith("gov-tx-"))


@pytest.mark.parametrize("place", ELSEWHERE)
def test_plans_elsewhere_carry_no_other_state_source(pack: Pack, place: str) -> None:
    answers = ELSEWHERE[place]
    plan = build_plan(pack, answers, DAY)
    state = answers["state"]
    assert plan.sources
    assert all(s.fits(state) for s in plan.sources), [s.id for s in plan.sources]
    for target in plan.targets:
        for lang in ("en", "es"):
            cited = {s["url"] for s in docdata.target_doc(plan, target, lang)["sources"]}
            assert not cited & _foreign_urls(pack, state), (place, target.role.id, lang)


@pytest.mark.parametrize("place", ELSEWHERE)
def test_no_written_document_elsewhere_names_another_state_source(
    pack: Pack, place: str, tmp_path: Path
) -> None:
    answers = ELSEWHERE[place]
    write_outputs(build_plan(pack, answers, DAY), tmp_path, langs=("en", "es"))
    files = [p for p in tmp_path.rglob("*") if p.suffix in (".md", ".json")]
    kinds = {p.name for p in files}
    assert {"letter.md", "plan.md", "plan.json"} <= kinds
    assert {"call_script.md", "public_comment.md", "ordinance.md"} & kinds
    foreign = _foreign_urls(pack, answers["state"])
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = sorted(u for u in foreign if u in text)
        assert not found, (place, path.relative_to(tmp_path), found)
    if place == "harris":
        harris = (tmp_path / "en" / "sheriff" / "letter.md").read_text(encoding="utf-8")
        assert "California" not in harris and "Pasadena" not in harris
        assert "Florida" not in harris


@pytest.mark.parametrize("place", CALIFORNIA)
def test_california_letters_still_cite_the_california_values_act(pack: Pack, place: str) -> None:
    plan = build_plan(pack, CALIFORNIA[place], DAY)
    titles = [
        s["title"]
        for t in plan.targets
        for s in docdata.target_doc(plan, t, "en")["sources"]
        if t.role.contact
    ]
    assert any("California Values Act" in t for t in titles), place
    assert any(s.id == "ca-gov-7284-6" for s in plan.sources)


@pytest.mark.parametrize("place", [*CALIFORNIA, *ELSEWHERE])
def test_the_organizer_page_is_never_cited_in_letters(pack: Pack, place: str) -> None:
    page = pack.sources[ORGANIZER_PAGE]
    assert page.kind == "campaign"
    plan = build_plan(pack, {**CALIFORNIA, **ELSEWHERE}[place], DAY)
    for target in plan.targets:
        cited = {s["url"] for s in docdata.target_doc(plan, target, "en")["sources"]}
        assert page.url not in cited, (place, target.role.id)


def test_no_research_source_is_a_toolkit_for_advocates(pack: Pack) -> None:
    for s in pack.sources.values():
        if s.kind == "research":
            assert "for organizers" not in s.title.lower(), s.id
            assert "for advocates" not in s.title.lower(), s.id


def _problems(tmp_path: Path, state: object) -> list[str]:
    files = minimal_pack()
    files["sources.yaml"]["sources"][0]["state"] = state
    _, problems = inspect_pack(write_pack(tmp_path, files))
    return [p for p in problems if ".state:" in p]


@pytest.mark.parametrize("state", ["XX", "ca", ["CA", "California"]])
def test_validate_rejects_an_unknown_state_code_with_file_and_line(
    tmp_path: Path, state: object
) -> None:
    problems = _problems(tmp_path, state)
    assert len(problems) == 1, problems
    where, _, message = problems[0].partition(": ")
    assert where.startswith("sources.yaml:") and where.split(":")[1].isdigit()
    assert "is not a state in states.yaml" in message


def test_validate_accepts_a_known_state_code(tmp_path: Path) -> None:
    files = minimal_pack()
    code = next(iter(files["states.yaml"]["states"]))
    files["sources.yaml"]["sources"][0]["state"] = code
    files["sources.yaml"]["sources"][1]["state"] = [code]
    _, problems = inspect_pack(write_pack(tmp_path, files))
    assert not problems, problems
