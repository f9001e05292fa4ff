"""`pipeline --help` and `--version` start lean: heavy libraries load only when a command runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("questionary", "jinja2", "yaml", "docx")


def entry_point() -> list[str]:
    """The installed console script when there is one, else `python -m pipeline_cli`."""
    script = Path(sys.executable).with_name("pipeline")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pipeline_cli"]


def imported(*args: str) -> set[str]:
    """Top-level packages imported by a real `pipeline ARGS` run (from -X importtime)."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run(
        [*entry_point(), *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "pipeline_cli.cli.app" in names, "the import trace did not cover the CLI"
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_skip_heavy_imports(flag: str) -> None:
    loaded = imported(flag)
    assert not loaded & set(HEAVY), f"{flag} imported {sorted(loaded & set(HEAVY))}"


def test_version_skips_rich() -> None:
    # rich is the largest import after typer; --version has nothing to draw.
    assert "rich" not in imported("--version")


def test_a_command_does_load_what_it_needs(make_pack, pack_files, monkeypatch) -> None:
    # The same probe sees the pack loader's imports, so the lean checks above can fail (with
    # the pack cache off: a cached pack needs no YAML parser).
    monkeypatch.setenv("PIPELINE_NO_CACHE", "1")
    loaded = imported("--pack", str(make_pack(pack_files)), "stages")
    assert {"yaml", "jinja2", "rich"} <= loaded


def test_cli_module_imports_only_typer_and_stdlib() -> None:
    code = (
        "import sys; before = set(sys.modules); import pipeline_cli.cli.app; "
        "print(' '.join(sorted({m.split('.')[0] for m in set(sys.modules) - before})))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    third_party = set(proc.stdout.split()) - set(sys.stdlib_module_names) - {"pipeline_cli"}
    # typer brings its own dependencies (its vendored click, shellingham for completion).
    assert third_party <= {"typer", "click", "shellingham", "typing_extensions", "annotated_doc"}


def test_a_cached_plan_loads_no_parser_prompt_or_writer(tmp_path, monkeypatch) -> None:
    # advise --json with the pack cached: no YAML parser, terminal UI, prompts or writers.
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))
    args = ("advise", "--set", "state=TX", "--set", "county=Harris", "--json")
    first = imported(*args)
    assert "yaml" in first  # the first run checks the pack and stores it
    loaded = imported(*args)
    assert not loaded & {"yaml", "rich", "questionary", "prompt_toolkit", "docx", "typst"}
    assert not loaded & {"markdown_it", "us"}


def test_a_run_converts_only_its_command_and_reads_the_same() -> None:
    """main() hands typer only the command named; its help and errors read as the full app's."""
    from typer.testing import CliRunner

    from pipeline_cli.cli.app import _app_for, app

    runner = CliRunner()
    names = [(c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert len(names) >= 9
    for name in names:
        args = ["--plain", name, "--help"]
        slim = _app_for(args)
        assert [c.callback for c in slim.registered_commands] == [
            c.callback for c in app.registered_commands if c.callback.__name__ == name
        ]
        assert runner.invoke(slim, args).stdout == runner.invoke(app, args).stdout
    for args in (["--help"], ["advis"], ["--lang", "es"], [], ["--help", "advise"]):
        assert _app_for(args) is app, args
    assert "Did you mean 'advise'" in runner.invoke(_app_for(["advis"]), ["advis"]).output
