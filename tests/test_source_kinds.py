"""Sources have a kind, and text that reaches letters rests on a source an official accepts."""

from __future__ import annotations

from pathlib import Path

from pipeline_cli.pack.load import inspect_pack, load_pack
from pipeline_cli.pack.text import LETTER_KINDS, SOURCE_KINDS

from .packfactory import minimal_pack, write_pack


def _problems(tmp_path: Path, files: dict) -> list[str]:
    _, problems = inspect_pack(write_pack(tmp_path, files))
    return problems


def test_a_source_without_kind_is_named_with_its_line(tmp_path: Path) -> None:
    files = minimal_pack()
    del files["sources.yaml"]["sources"][0]["kind"]
    problems = _problems(tmp_path, files)
    assert any(
        p.startswith("sources.yaml:") and "missing required key 'kind'" in p for p in problems
    )


def test_an_unknown_kind_is_named_with_the_six_kinds(tmp_path: Path) -> None:
    files = minimal_pack()
    files["sources.yaml"]["sources"][0]["kind"] = "blog"
    problems = _problems(tmp_path, files)
    hit = [p for p in problems if "'blog' is not one of" in p]
    assert hit and hit[0].startswith("sources.yaml:")
    assert all(k in hit[0] for k in SOURCE_KINDS)


def test_letter_text_citing_only_news_fails_and_says_which_and_where(tmp_path: Path) -> None:
    files = minimal_pack()
    for s in files["sources.yaml"]["sources"]:
        s["kind"] = "news"
    problems = _problems(tmp_path, files)
    letters = [p for p in problems if "reaches letters but cites only news or campaign" in p]
    assert letters
    for p in letters:
        where, _, rest = p.partition(": ")
        assert where.split(":")[1].isdigit()
        assert rest.split()[0] in {"touchpoint", "demand", "clause", "case"}


def test_one_accepted_source_is_enough(tmp_path: Path) -> None:
    files = minimal_pack()
    files["sources.yaml"]["sources"].append(
        {"id": "src3", "kind": "campaign", "title": "A petition", "url": "https://example.org/3"}
    )
    for data in files.values():
        for key in ("touchpoints", "demands", "clauses"):
            for item in data.get(key, []) if isinstance(data, dict) else []:
                item["sources"] = [*item["sources"], "src3"]
    assert not [p for p in _problems(tmp_path, files) if "reaches letters" in p]


def test_default_pack_letters_cite_only_accepted_kinds() -> None:
    from pipeline_cli.documents.context import target_doc
    from pipeline_cli.plan.sample import sample_plan

    pack = load_pack()
    plan = sample_plan(pack)
    titles = {s.title: s for s in pack.sources.values()}
    for target in plan.targets:
        for src in target_doc(plan, target, "en")["sources"]:
            assert titles[src["title"]].kind in LETTER_KINDS


def test_court_arrest_touchpoint_is_in_plans() -> None:
    from pipeline_cli.plan.sample import sample_plan

    plan = sample_plan(load_pack())
    ids = {pt.touchpoint.id for ps in plan.stages for pt in ps.touchpoints}
    demands = {pd.demand.id for ps in plan.stages for pd in ps.demands}
    assert "immigration_court_arrests" in ids
    assert {"stop_immigration_court_arrests", "immigration_court_defense_and_watch"} <= demands
