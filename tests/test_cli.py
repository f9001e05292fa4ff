"""Happy and error paths of every command in the contract, on an inline pack given by --pack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli import __version__


@pytest.fixture
def pack(make_pack, pack_files) -> str:
    return str(make_pack(pack_files))


def python_m(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m pipeline_cli ARGS`: the real entry point and its error boundary."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


# --- --version, --help --------------------------------------------------------------------------


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pipeline {__version__}\n"


def test_version_through_python_m() -> None:
    proc = python_m("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"pipeline {__version__}\n"


def test_no_command_shows_the_commands(run) -> None:
    result = run()
    for command in ("stages", "show", "questions", "validate"):
        assert command in result.output
    assert result.exit_code == 2  # a usage error: nothing to do


def test_unknown_command_is_a_usage_error(run) -> None:
    result = run("stage")
    assert result.exit_code == 2
    assert "No such command 'stage'" in result.stderr


# --- stages -------------------------------------------------------------------------------------


def test_stages_table(run, pack) -> None:
    result = run("--pack", pack, "stages")
    assert result.exit_code == 0, result
    assert "Mini pack" in result.stdout
    row = next(line for line in result.stdout.splitlines() if " jail " in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")] == ["1", "jail", "Jail", "1", "1"]


def test_stages_table_in_spanish_and_both(run, pack) -> None:
    es = run("--pack", pack, "--lang", "es", "stages")
    assert es.exit_code == 0, es
    assert "Paquete mínimo" in es.stdout and "Cárcel" in es.stdout
    assert "Mini pack" not in es.stdout
    both = run("--pack", pack, "--lang", "both", "stages")
    assert both.exit_code == 0, both
    assert both.stdout.index("Mini pack") < both.stdout.index("Paquete mínimo")


def test_stages_json(run, pack) -> None:
    result = run("--pack", pack, "stages", "--format", "json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == [
        {
            "id": "jail",
            "order": 1,
            "title": "Jail",
            "summary": "Booking and jail.",
            "touchpoints": ["detainer_hold"],
            "demands": ["no_holds"],
        }
    ]


def test_stages_json_in_spanish(run, pack) -> None:
    result = run("--pack", pack, "--lang", "es", "stages", "--format", "json")
    assert json.loads(result.stdout)[0]["title"] == "Cárcel"


def test_stages_bad_format(run, pack) -> None:
    result = run("--pack", pack, "stages", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'json'" in result.stderr


def test_stages_in_stage_order(run, make_pack, pack_files) -> None:
    court = {**pack_files["01-jail.yaml"], "id": "court", "touchpoints": [], "demands": []}
    court["title"] = {"en": "Court", "es": "Tribunal"}
    pack_files["00-court.yaml"] = court
    result = run("--pack", str(make_pack(pack_files)), "stages", "--format", "json")
    assert [(s["order"], s["id"]) for s in json.loads(result.stdout)] == [(1, "court"), (2, "jail")]


# --- show ---------------------------------------------------------------------------------------


def test_show_text(run, pack) -> None:
    result = run("--pack", pack, "show", "jail")
    assert result.exit_code == 0, result
    out = result.stdout
    assert "1. Jail" in out
    assert "Detainer holds" in out and "Controlled by: Sheriff" in out
    assert "No holds" in out and "Stop holds" in out and "Why: Holds are seizures" in out
    assert "Press: Sheriff, Legislature" in out
    assert "Sources: src1, src2" in out
    assert out.index("Handoff points to ICE") < out.index("Demands")


def test_show_text_in_spanish(run, pack) -> None:
    result = run("--pack", pack, "--lang", "es", "show", "jail")
    assert result.exit_code == 0, result
    assert "1. Cárcel" in result.stdout
    assert "Vías de entrega a ICE" in result.stdout
    assert "Stop holds (es)" in result.stdout
    assert "Stop holds\n" not in result.stdout


def test_show_json(run, pack) -> None:
    result = run("--pack", pack, "show", "jail", "--format", "json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["id"] == "jail"
    assert [t["id"] for t in data["touchpoints"]] == ["detainer_hold"]
    assert data["touchpoints"][0]["controlled_by"] == ["sheriff"]
    demand = data["demands"][0]
    assert demand["id"] == "no_holds"
    assert demand["targets"] == ["sheriff", "state_legislature"]
    assert demand["closes"] == ["detainer_hold"]
    assert data["sources"] == [
        {"id": "src1", "title": "A source", "url": "https://example.org/1"},
        {"id": "src2", "title": "Another source", "url": "https://example.org/2"},
    ]


def test_show_unknown_stage(run, pack) -> None:
    result = run("--pack", pack, "show", "jale")
    assert result.exit_code == 2
    assert result.stderr == "error: no stage 'jale' (did you mean 'jail'?); stages are: jail\n"


def test_show_bad_format(run, pack) -> None:
    result = run("--pack", pack, "show", "jail", "--format", "yaml")
    assert result.exit_code == 2
    assert "'yaml' is not one of 'text', 'json'" in result.stderr


def test_show_needs_a_stage(run, pack) -> None:
    result = run("--pack", pack, "show")
    assert result.exit_code == 2
    assert "missing argument 'stage'" in result.stderr.lower()


# --- questions ----------------------------------------------------------------------------------


def test_questions_table(run, pack) -> None:
    result = run("--pack", pack, "questions")
    assert result.exit_code == 0, result
    for qid in ("state", "county", "city", "honors_detainers"):
        assert f"│ {qid} " in result.stdout
    assert "yes | no | unknown" in result.stdout


def test_questions_json(run, pack) -> None:
    result = run("--pack", pack, "questions", "--format", "json")
    assert result.exit_code == 0, result
    data: list[dict[str, Any]] = json.loads(result.stdout)
    assert [q["id"] for q in data] == ["state", "county", "city", "honors_detainers"]
    last = data[-1]
    assert last["type"] == "choice"
    assert last["default"] == "unknown"
    assert [c["value"] for c in last["choices"]] == ["yes", "no", "unknown"]


def test_questions_md_is_a_blank_worksheet(run, pack) -> None:
    result = run("--pack", pack, "questions", "--format", "md")
    assert result.exit_code == 0, result
    out = result.stdout
    assert out.startswith("# Jurisdiction worksheet: Mini pack\n")
    assert "## Holds?  (`honors_detainers`)" in out
    assert "- [ ] `yes`: Yes" in out and "- [ ] `unknown`: I don't know" in out
    assert out.count("Answer: ____") == 3  # state, county, city are written in by hand


def test_questions_md_in_both_languages(run, pack) -> None:
    result = run("--pack", pack, "--lang", "both", "questions", "--format", "md")
    assert result.exit_code == 0, result
    assert "# Jurisdiction worksheet" in result.stdout
    assert "# Hoja de trabajo de la jurisdicción" in result.stdout
    assert "- [ ] `unknown`: No sé" in result.stdout


def test_questions_bad_format(run, pack) -> None:
    result = run("--pack", pack, "questions", "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of 'table', 'json', 'md'" in result.stderr


# --- validate -----------------------------------------------------------------------------------


def test_validate_argument_and_global_pack(run, pack) -> None:
    by_argument = run("validate", pack)
    by_option = run("--pack", pack, "validate")
    assert by_argument.exit_code == by_option.exit_code == 0
    assert by_argument.stdout == by_option.stdout
    assert by_argument.stdout.startswith("ok: mini 1.0 (as of 2026-01-01): 1 stages")


def test_validate_missing_folder(run, tmp_path) -> None:
    missing = tmp_path / "nowhere"
    result = run("validate", str(missing))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {missing}: no such pack folder; pass a folder holding pack.yaml\n"
    )


# --- global options -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["stages"], ["show", "jail"], ["questions"], ["validate"]])
def test_pack_pointing_to_a_missing_folder(run, tmp_path, command) -> None:
    missing = tmp_path / "nowhere"
    result = run("--pack", str(missing), *command)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {missing}: no such pack folder; pass a folder holding pack.yaml\n"
    )


def test_broken_pack_lists_every_problem_without_traceback(make_pack, pack_files) -> None:
    pack_files["01-jail.yaml"]["demands"][0]["targets"] = ["sherif"]
    del pack_files["roles.yaml"]["roles"][1]["level"]
    root = make_pack(pack_files)
    for command in (["stages"], ["show", "jail"], ["questions", "--format", "json"]):
        proc = python_m("--pack", str(root), *command)
        assert proc.returncode == 1, proc
        assert proc.stdout == ""
        lines = proc.stderr.splitlines()
        assert len(lines) == 3, proc.stderr
        assert lines[0].startswith("roles.yaml:") and "missing required key 'level'" in lines[0]
        assert lines[1].startswith("01-jail.yaml:") and "unknown role 'sherif'" in lines[1]
        assert lines[2] == "error: the pack has 2 problem(s); fix them first"
        assert "Traceback" not in proc.stderr


def test_bad_lang(run, pack) -> None:
    result = run("--pack", pack, "--lang", "fr", "stages")
    assert result.exit_code == 2
    assert "'fr' is not one of 'en', 'es', 'both'" in result.stderr


@pytest.mark.parametrize(
    ("flags", "env", "escapes"),
    [
        ([], {}, True),
        (["--plain"], {}, False),
        ([], {"NO_COLOR": "1"}, False),
    ],
)
def test_plain_and_no_color(run, pack, monkeypatch, flags, env, escapes) -> None:
    # FORCE_COLOR makes rich style output even though the test runner is not a terminal.
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run("--pack", pack, *flags, "show", "jail")
    assert result.exit_code == 0, result
    assert ("\x1b[" in result.stdout) is escapes
    assert "Detainer holds" in result.stdout


def test_default_pack_is_used_without_pack(run) -> None:
    from pipeline_cli.pack.load import default_pack_dir

    on_disk = sorted(p.name for p in default_pack_dir().glob("[0-9][0-9]-*.yaml"))
    result = run("validate")
    assert result.exit_code == 0, result
    assert f": {len(on_disk)} stages," in result.stdout


def test_python_m_matches_console_script(pack) -> None:
    proc = python_m("--pack", pack, "stages", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["id"] == "jail"


def test_unreadable_pack_path_is_a_file(run, tmp_path: Path) -> None:
    file = tmp_path / "pack.yaml"
    file.write_text("name: x\n", encoding="utf-8")
    result = run("--pack", str(file), "stages")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {file}: ")


def test_global_options_work_after_the_command_too(run: Any) -> None:
    after = run("handout", "--lang", "both", "--stage", "police_stop")
    before = run("--lang", "both", "handout", "--stage", "police_stop")
    assert after.exit_code == 0, after
    assert after.stdout == before.stdout and "Etapa" in after.stdout
    es = run("stages", "--lang", "es", "--plain")
    assert es.exit_code == 0 and "Etapa" in es.stdout
    r = run("advise", "--lang", "es", "--set", "state=TX", "--set", "county=Harris", "--json")
    assert r.exit_code == 0, r
    assert json.loads(r.stdout)["jurisdiction"]["state_name"] == "Texas"
    assert "--lang" in run("batch", "--help").stdout


def test_the_plan_starts_with_where_to_start(run: Any) -> None:
    sets = ["--set", "state=CA", "--set", "county=Los Angeles", "--set", "city=Pasadena",
            "--set", "ice_agreement=no", "--set", "police_policy=partial",
            "--set", "honors_detainers=yes", "--set", "has_287g=yes"]  # fmt: skip
    data = json.loads(run("advise", *sets, "--json").stdout)
    start = data["start_here"]
    assert 3 <= len(start) <= 5
    assert all(i["reason"] and i["target_title"] for i in start)
    assert start[0]["status"] == "open"
    text = run("advise", *sets, "--plain").stdout
    assert text.index("Start here") < text.index("1. Police stop")


def test_stage_ids_are_never_cut_and_show_takes_the_number(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = run("stages", "--plain")
    assert r.exit_code == 0 and "state_prosecution_conviction" in r.stdout
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    assert run("show", "3").stdout == run("show", "state_prosecution_conviction").stdout
