"""One typed path for answers: files, --set pairs and natural forms; errors name the key."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.errors import PipelineError
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan import answers as ans
from tests.advisepack import advise_pack


@pytest.fixture
def pack_dir(make_pack: Callable[[dict[str, Any]], Path]) -> Path:
    return make_pack(advise_pack())


@pytest.mark.parametrize(
    ("raw", "value"),
    [("yes", "yes"), ("Y", "yes"), ("true", "yes"), (True, "yes"), ("sí", "yes"), ("Si", "yes"),
     ("no", "no"), ("n", "no"), (False, "no"), ("I don't know", "unknown"), ("No sé", "unknown"),
     ("", "unknown")],
)  # fmt: skip
def test_choice_natural_forms(pack_dir: Path, raw: Any, value: str) -> None:
    pack = load_pack(pack_dir)
    got = ans.validate(pack, {"state": "CA", "honors_detainers": raw})
    assert got["honors_detainers"] == value


def test_choice_labels_and_spacing_forms(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    for raw in ("council-manager", "Council manager", "Concejo-administrador"):
        assert ans.validate(pack, {"city_form": raw})["city_form"] == "council_manager"


def test_answers_file_yaml_and_set_override(run: Any, pack_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("state: California\ncounty: los angeles\nhonors_detainers: 'yes'\n")
    r = run("--pack", str(pack_dir), "advise", "--answers", str(f), "--json",
            "--set", "honors_detainers=no")  # fmt: skip
    assert r.exit_code == 0, r
    data = json.loads(r.stdout)
    assert data["jurisdiction"]["county"] == "Los Angeles County"
    assert data["jurisdiction"]["answers"]["honors_detainers"] == "no"


def test_answers_file_json(run: Any, pack_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"state": "tx", "county": "Harris", "city": "Houston"}))
    r = run("--pack", str(pack_dir), "advise", "--answers", str(f), "--json")
    assert r.exit_code == 0, r
    assert json.loads(r.stdout)["jurisdiction"]["state"] == "TX"


def test_set_state_that_no_longer_holds_the_files_county(
    run: Any, pack_dir: Path, tmp_path: Path
) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("state: CA\ncounty: Los Angeles County\n")
    r = run("--pack", str(pack_dir), "advise", "--answers", str(f), "--set", "state=TX")
    assert r.exit_code == 1
    assert "county: 'Los Angeles County' is not a county of TX" in r.stderr


@pytest.mark.parametrize(
    ("sets", "message"),
    [(["state=Cali"], "state: 'Cali' is not a US state, DC or PR"),
     (["state=Californa"], "did you mean California?"),
     (["state=CA", "county=Los Angles"], "county: 'Los Angles' is not a county of CA; "
      "closest: Los Angeles County"),
     (["state=CA", "county=Harris"], "county: 'Harris' is not a county of CA"),
     (["state=CA", "county=Alameda", "honers_detainers=no"],
      "unknown answer key 'honers_detainers' (did you mean 'honors_detainers'?)"),
     (["state=CA", "county=Alameda", "honors_detainers=maybe"],
      "honors_detainers: 'maybe' is not a choice; choose one of: yes, no, unknown"),
     (["state"], "--set 'state': expected key=value")],
)  # fmt: skip
def test_bad_answers_name_the_key_and_the_valid_form(
    run: Any, pack_dir: Path, sets: list[str], message: str
) -> None:
    args = [a for s in sets for a in ("--set", s)]
    r = run("--pack", str(pack_dir), "advise", *args)
    assert r.exit_code in (1, 2)
    assert message in r.stderr
    assert "Traceback" not in r.output


def test_bad_value_in_file_names_the_file(run: Any, pack_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("state: CA\ncounty: Nowhere\n")
    r = run("--pack", str(pack_dir), "advise", "--answers", str(f))
    assert r.exit_code == 1
    assert f"{f}:2: county: 'Nowhere'" in r.stderr


def test_every_bad_answer_in_a_file_is_reported_with_its_line(
    run: Any, pack_dir: Path, tmp_path: Path
) -> None:
    f = tmp_path / "a.json"
    f.write_text('{"state": "CA",\n "county": "Nowhere",\n "honors_detainer": "no"}\n')
    r = run("--pack", str(pack_dir), "advise", "--answers", str(f))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert lines[0].startswith(f"error: {f}:3: unknown answer key 'honors_detainer'")
    assert lines[1].startswith(f"error: {f}:2: county: 'Nowhere' is not a county of CA")
    assert len(lines) == 2


def test_a_bad_state_is_one_error_not_two(run: Any, pack_dir: Path) -> None:
    r = run("--pack", str(pack_dir), "advise", "--set", "state=Kalifornia", "--set", "county=X")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "error: --set: state: 'Kalifornia' is not a US state, DC or PR (did you mean "
        "California?); give a USPS code like CA or a name like California"
    ]


def test_answers_file_that_is_not_a_mapping(run: Any, pack_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("- CA\n")
    r = run("--pack", str(pack_dir), "advise", "--answers", str(f))
    assert r.exit_code == 1
    assert "expected a mapping of answer keys" in r.stderr
    r = run("--pack", str(pack_dir), "advise", "--answers", str(tmp_path / "none.yaml"))
    assert r.exit_code == 1
    assert "no such answers file" in r.stderr


def test_missing_answers_without_a_terminal_exit_2_listing_each_key(
    run: Any, pack_dir: Path
) -> None:
    r = run("--pack", str(pack_dir), "advise")
    assert r.exit_code == 2
    assert "--set state=CA" in r.stderr
    assert "--set county=" in r.stderr
    assert "--answers FILE" in r.stderr
    r = run("--pack", str(pack_dir), "advise", "--set", "state=CA")
    assert r.exit_code == 2
    assert "county" in r.stderr and "--set state=" not in r.stderr


def test_defaults_follow_rules_and_questions_that_do_not_apply(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    ct = ans.effective(pack, {"state": "CT", "county": "Hartford County"})
    assert ct["jail_operator"] == "no"  # the `defaults` rule for state-run jails
    ca = ans.effective(pack, {"state": "CA", "county": "Alameda County"})
    assert ca["jail_operator"] == "unknown"
    # city_form applies only with a city: an answer without one is ignored.
    no_city = ans.effective(pack, {"state": "CA", "county": "Alameda County",
                                   "city_form": "council_manager"})  # fmt: skip
    assert no_city["city_form"] == "unknown"
    assert [q.id for q in ans.applicable(pack, {"state": "CA", "city": "Oakland"})].count(
        "city_form"
    ) == 1
    assert "city_form" not in [q.id for q in ans.applicable(pack, {"state": "CA", "city": ""})]


def test_state_without_facts_in_the_pack(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    with pytest.raises(PipelineError, match="no facts for 'NV'"):
        ans.effective(pack, {"state": "NV", "county": "Clark County"})
