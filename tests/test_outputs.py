"""`advise --out DIR`: the tree, every format and language, and the overwrite rules."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.documents.outputs import write_outputs
from pipeline_cli.documents.writers import FORMATS
from pipeline_cli.errors import PipelineError
from pipeline_cli.plan.records import Plan
from tests.packfactory import write_pack
from tests.planfactory import PLACES, letters_pack, make_plan

LEGISLATING = ("city_council", "county_board", "state_legislature")


def expected_files(plan: Plan, langs: tuple[str, ...], fmt: str) -> set[str]:
    files = {"plan.json", "index.md"}
    for lang in langs:
        files.add(f"{lang}/plan.md")
        if fmt in ("html", "pdf"):  # the plan printed, its diagram on page one
            files.add(f"{lang}/plan.{fmt}")
        for t in plan.targets:
            if not t.role.contact:
                continue
            kinds = ["letter", "public_comment", "call_script"] if t.role.scripts else ["letter"]
            kinds += ["ordinance"] if t.role.id in LEGISLATING else []
            files |= {f"{lang}/{t.role.id}/{k}.{fmt}" for k in kinds}
    return files


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("place", sorted(PLACES))
def test_every_target_gets_its_files_in_both_languages(
    tmp_path: Path, place: str, fmt: str
) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), PLACES[place])
    out = tmp_path / "out"
    written = write_outputs(plan, out, langs=("en", "es"), fmt=fmt)
    names = {p.relative_to(out).as_posix() for p in written}
    assert names == expected_files(plan, ("en", "es"), fmt)
    assert set(tree(out)) == names  # nothing else, no temp files
    for p in written:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
        assert p.stat().st_size > 0
    if fmt in ("md", "txt", "html"):
        for t in plan.targets:
            for lang in ("en", "es"):
                letter = (out / lang / t.role.id / f"letter.{fmt}").read_text()
                assert plan.pack.disclaimer(lang) not in letter  # a letter is the official's
                plan_md = (out / lang / "plan.md").read_text()
                assert plan.pack.disclaimer(lang) in plan_md


def test_plan_json_index_and_plan_md(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), PLACES["ca_city"])
    out = tmp_path / "out"
    written = write_outputs(plan, out, langs=("es",), fmt="md")
    data = json.loads((out / "plan.json").read_text())
    assert data["pack"]["version"] == plan.pack.version
    assert {t["role"] for t in data["targets"]} == {t.role.id for t in plan.targets}
    index = (out / "index.md").read_text()
    for p in written:
        if p.name != "index.md":
            assert p.relative_to(out).as_posix() in index
    assert "Archivos escritos" in index
    assert not (out / "en").exists()
    assert "Etapa por etapa" in (out / "es" / "plan.md").read_text()


def test_rerun_without_force_changes_nothing_and_lists_the_files(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), PLACES["ca_city"])
    out = tmp_path / "out"
    write_outputs(plan, out, langs=("en",))
    (out / "en" / "sheriff" / "letter.md").unlink()  # one missing file is still not written
    before = tree(out)
    with pytest.raises(PipelineError) as err:
        write_outputs(plan, out, langs=("en",))
    assert err.value.code == 1
    assert "en/sheriff/call_script.md" in str(err.value)
    assert "--force" in str(err.value)
    assert tree(out) == before


def test_force_rewrites_and_skip_existing_fills_gaps(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), PLACES["ca_city"])
    out = tmp_path / "out"
    first = write_outputs(plan, out, langs=("en",))
    letter = out / "en" / "sheriff" / "letter.md"
    letter.unlink()
    kept = out / "en" / "plan.md"
    kept.write_text("my notes")
    assert write_outputs(plan, out, langs=("en",), skip_existing=True) == [letter]
    assert kept.read_text() == "my notes"
    assert write_outputs(plan, out, langs=("en",), force=True) == first
    assert kept.read_text() != "my notes"


def test_cli_advise_out_twice_exits_1_and_changes_nothing(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    pack = write_pack(tmp_path / "pack", letters_pack())
    answers = tmp_path / "answers.yaml"
    answers.write_text("state: CA\ncounty: Los Angeles County\ncity: Pasadena\norg_name: POP\n")
    out = tmp_path / "out"
    args = ("--pack", str(pack), "--lang", "both", "advise", "--answers", str(answers))
    first = run(*args, "--out", str(out), "--format", "docx")
    assert first.exit_code == 0, first.output
    assert (out / "es" / "city_council" / "ordinance.docx").is_file()
    assert "POP" in (out / "plan.json").read_text()
    before = tree(out)
    again = run(*args, "--out", str(out), "--format", "docx")
    assert again.exit_code == 1
    assert "already exist" in again.stderr and "--force" in again.stderr
    assert tree(out) == before
    forced = run(*args, "--out", str(out), "--format", "docx", "--force")
    assert forced.exit_code == 0, forced.output


def test_a_language_the_pack_lacks_is_refused_before_writing(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "pack", letters_pack(), PLACES["ca_city"])
    with pytest.raises(PipelineError, match="no language fr"):
        write_outputs(plan, tmp_path / "out", langs=("fr",))
    assert not (tmp_path / "out").exists()
