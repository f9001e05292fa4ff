"""The plan on an inline pack with varied governance: statuses, demands, targets, warnings."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.documents.planjson import plan_to_dict
from pipeline_cli.pack.load import load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan
from tests.advisepack import advise_pack

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def pack(make_pack: Callable[[dict[str, Any]], Path]) -> Pack:
    return load_pack(make_pack(advise_pack()))


def status(plan: Plan, tp: str) -> str:
    return next(p.status for s in plan.stages for p in s.touchpoints if p.touchpoint.id == tp)


def demand(plan: Plan, ident: str) -> Any:
    return next((d for s in plan.stages for d in s.demands if d.demand.id == ident), None)


def roles(plan: Plan) -> list[str]:
    return [t.role.id for t in plan.targets]


@pytest.mark.parametrize(
    ("honors", "expected"), [("yes", "open"), ("no", "closed"), ("unknown", "unknown")]
)
def test_touchpoint_status_follows_the_answers(pack: Pack, honors: str, expected: str) -> None:
    a = {"state": "CA", "county": "Alameda County", "honors_detainers": honors}
    plan = build_plan(pack, a, TODAY)
    assert status(plan, "detainer_hold") == expected
    # A demand that closes only closed touchpoints is dropped.
    assert (demand(plan, "no_holds") is None) == (expected == "closed")


def test_closed_by_a_limiting_law_names_the_law(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "CA", "county": "Alameda County",
                             "honors_detainers": "no"}, TODAY)  # fmt: skip
    tp = next(p for s in plan.stages for p in s.touchpoints if p.touchpoint.id == "detainer_hold")
    law = pack.states["CA"].laws[0]
    assert law.name.en in tp.why.en and law.name.es in tp.why.es


def test_required_by_state_preempts_local_targets_and_warns(pack: Pack) -> None:
    # Even a 'no' answer cannot close what state law requires.
    a = {"state": "TX", "county": "Harris County", "honors_detainers": "no"}
    plan = build_plan(pack, a, TODAY)
    law = pack.states["TX"].laws[0]
    assert status(plan, "detainer_hold") == "required_by_state"
    d = demand(plan, "no_holds")
    assert d.preempted == (law,)
    assert d.targets == ("state_legislature",)
    assert "sheriff" not in roles(plan) and "county_board" not in roles(plan)
    texts = [w.text.en for w in plan.warnings]
    assert any(law.name.en in t and law.citation in t for t in texts)
    assert "preempted_no_holds" in [w.id for w in plan.warnings]


def test_state_that_runs_jails_and_has_no_counties_or_sheriffs(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "CT", "county": "Hartford County"}, TODAY)
    facts = pack.states["CT"]
    assert "sheriff" not in roles(plan)
    assert "county_board" not in roles(plan)
    doc = plan.target("state_doc")
    assert doc is not None and doc.title.en == facts.doc_name.en
    # The pardon board holds the power in CT: it is pressed, the governor is not.
    board = plan.target("pardon_board")
    assert board is not None and facts.pardon_board is not None
    assert board.title.en == facts.pardon_board.en
    assert "governor" not in roles(plan)


def test_state_doc_is_no_target_where_counties_run_jails(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "CA", "county": "Alameda County"}, TODAY)
    assert "state_doc" not in roles(plan)
    assert plan.target("sheriff") is not None
    assert plan.target("sheriff").title.en == "Sheriff of Alameda County"  # type: ignore[union-attr]
    assert plan.target("sheriff").title.es == "Sheriff del Condado de Alameda"  # type: ignore[union-attr]


def test_council_manager_city_presses_the_city_manager(pack: Pack) -> None:
    base = {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"}
    plan = build_plan(pack, {**base, "city_form": "council_manager"}, TODAY)
    manager = plan.target("city_manager")
    assert manager is not None and manager.title.en == "Pasadena City Manager"
    assert "city_form_unknown" not in [w.id for w in plan.warnings]
    plan = build_plan(pack, {**base, "city_form": "strong_mayor"}, TODAY)
    assert "city_manager" not in roles(plan)
    plan = build_plan(pack, base, TODAY)
    assert "city_form_unknown" in [w.id for w in plan.warnings]


def test_no_city_means_no_city_targets_and_no_city_demand(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "CA", "county": "Alameda County"}, TODAY)
    assert demand(plan, "manager_void") is None
    assert not [t for t in plan.targets if t.role.level == "city"]


def test_demands_ordered_by_stage_and_targets_list_their_demands(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "CA", "county": "Alameda County", "city": "Oakland"}, TODAY)
    ids = [d.demand.id for s in plan.stages for d in s.demands]
    assert ids == ["no_holds", "manager_void", "pardon"]
    assert plan.target("city_council").demands == ("manager_void",)  # type: ignore[union-attr]


def test_unverified_and_stale_data_warn(pack: Pack) -> None:
    a = {"state": "TX", "county": "Harris County"}
    fresh = build_plan(pack, a, dt.date(2026, 6, 1))
    assert "stale_tx_sb4" not in [w.id for w in fresh.warnings]
    old = build_plan(pack, a, dt.date(2027, 1, 2))
    assert "stale_tx_sb4" in [w.id for w in old.warnings]
    unverified = next(w for w in fresh.warnings if w.id == "unverified_items")
    assert "Old conviction" in unverified.text.en


def test_demand_with_no_target_warns(make_pack: Callable[[dict[str, Any]], Path]) -> None:
    files = advise_pack()
    files["02-clemency.yaml"]["demands"][0]["targets"] = ["pardon_board"]
    plan = build_plan(load_pack(make_pack(files)), {"state": "CA", "county": "Alameda"}, TODAY)
    assert "no_target_pardon" in [w.id for w in plan.warnings]


def test_sources_in_first_use_order(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "CA", "county": "Alameda County"}, TODAY)
    assert [s.id for s in plan.sources] == ["src1", "src2"]


def test_json_carries_every_contract_key(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "TX", "county": "Harris County", "city": "Houston"}, TODAY)
    data = json.loads(json.dumps(plan_to_dict(plan, "en")))
    assert {"jurisdiction", "pack", "stages", "targets", "warnings", "sources"} <= set(data)
    assert {"state", "county", "city"} <= set(data["jurisdiction"])
    assert {"name", "version", "as_of"} <= set(data["pack"])
    for stage in data["stages"]:
        assert {"id", "title", "touchpoints", "demands"} <= set(stage)
        for tp in stage["touchpoints"]:
            assert {"id", "title", "status", "why"} <= set(tp)
            assert tp["status"] in ("open", "closed", "unknown", "required_by_state")
        for d in stage["demands"]:
            assert {"id", "title", "targets", "closes"} <= set(d)
    assert data["targets"] and data["warnings"] and data["sources"]
    for t in data["targets"]:
        assert {"role", "title", "level", "demands", "how_to_reach"} <= set(t)
    for w in data["warnings"]:
        assert {"id", "text"} <= set(w)
    for s in data["sources"]:
        assert {"id", "title", "url"} <= set(s)
    es = plan_to_dict(plan, "es")
    assert es["jurisdiction"]["county_local"] == "Condado de Harris"


def test_cli_prints_the_plan_in_both_languages(run: Any, pack: Pack) -> None:
    r = run("--pack", str(pack.root), "--lang", "both", "advise",
            "--set", "state=CT", "--set", "county=New Haven")  # fmt: skip
    assert r.exit_code == 0, r
    assert "Plan for New Haven County, Connecticut" in r.stdout
    assert "Plan para Condado de New Haven, Connecticut" in r.stdout
    assert "Sheriff" not in r.stdout
    n = len(build_plan(pack, {"state": "CT", "county": "New Haven County"}, TODAY).sources)
    assert f"Sources: {n} cited; the full list with links is in plan.md" in r.stdout
    assert f"Fuentes: {n} citadas" in r.stdout
    assert pack.disclaimer.en in r.stdout and pack.disclaimer.es in r.stdout


def test_out_writes_the_plan(run: Any, pack: Pack, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run("--pack", str(pack.root), "advise", "--set", "state=CA", "--set", "county=Alameda",
            "--out", str(out))  # fmt: skip
    assert r.exit_code == 0, r
    assert json.loads((out / "plan.json").read_text())["jurisdiction"]["county"] == (
        "Alameda County"
    )
    # A short summary (where to start, where the files went), not the whole plan.
    assert f"Wrote {len(list(out.rglob('*.*')))} file(s) to {out}" in r.stdout
    assert "Start here" in r.stdout and "Whom to press" not in r.stdout
    again = run("--pack", str(pack.root), "advise", "--set", "state=CA", "--set",
                "county=Alameda", "--out", str(out), "--force", "--skip-existing")  # fmt: skip
    assert again.exit_code == 2 and "contradict" in again.stderr


def test_save_writes_an_owner_only_answers_file(run: Any, pack: Pack, tmp_path: Path) -> None:
    save = tmp_path / "mine.yaml"
    r = run("--pack", str(pack.root), "advise", "--set", "state=CA", "--set", "county=Alameda",
            "--save", str(save), "--json")  # fmt: skip
    assert r.exit_code == 0, r
    assert save.stat().st_mode & 0o777 == 0o600
    again = run("--pack", str(pack.root), "advise", "--answers", str(save), "--json")
    assert json.loads(again.stdout)["jurisdiction"] == json.loads(r.stdout)["jurisdiction"]
