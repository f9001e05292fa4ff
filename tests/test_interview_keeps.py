"""Answers are never lost: a finished interview is offered next time, a new one replaces
nothing until it has an answer, and interviews are kept and reopened by place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline_cli.cli import advise as advising
from pipeline_cli.interview import savefile
from tests.test_prompts import CTRL_C, ENTER, PASADENA, advise_json, down, keys, pack_dir, up

__all__ = ["keys", "pack_dir"]  # fixtures used below

FINISH = (*PASADENA, up(2), ENTER, ENTER, ENTER, down(1))  # ... review: build; letters: no


def _finish(run: Any, pack_dir: Path, keys: Any) -> str:
    keys(*FINISH)
    r = run("--pack", str(pack_dir), "advise", "--plain")
    assert r.exit_code == 0, r
    return savefile.default_path().read_text()


def test_a_new_interview_stopped_at_once_replaces_nothing(
    run: Any, pack_dir: Path, keys: Any
) -> None:
    kept = _finish(run, pack_dir, keys)
    assert "status: finished" in kept and "city: Pasadena" in kept
    keys(down(2), CTRL_C)  # offer: use, change, [new]; then Ctrl-C at the first question
    r = run("--pack", str(pack_dir), "advise")
    assert r.exit_code == 130
    assert "nothing was changed" in r.stderr and str(savefile.default_path()) in r.stderr
    assert savefile.default_path().read_text() == kept


def test_ctrl_c_on_the_offer_replaces_nothing(run: Any, pack_dir: Path, keys: Any) -> None:
    kept = _finish(run, pack_dir, keys)
    keys(CTRL_C)
    r = run("--pack", str(pack_dir), "advise")
    assert r.exit_code == 130 and "nothing was changed" in r.stderr
    assert savefile.default_path().read_text() == kept
    keys(CTRL_C)
    r = run("--pack", str(pack_dir), "--lang", "es", "advise")
    assert "no se cambió nada" in r.stderr


def test_the_finished_answers_are_offered_and_reused(run: Any, pack_dir: Path, keys: Any) -> None:
    _finish(run, pack_dir, keys)
    keys(ENTER)  # "Use the answers for Pasadena, ... as they are": no questions
    data = advise_json(run, pack_dir)
    assert data["jurisdiction"]["city"] == "Pasadena"
    assert data["jurisdiction"]["answers"]["city_form"] == "council_manager"


def test_change_goes_to_the_review(run: Any, pack_dir: Path, keys: Any) -> None:
    _finish(run, pack_dir, keys)
    keys(down(1), down(4), down(1), ENTER)  # change; review: City form -> strong mayor; build
    data = advise_json(run, pack_dir)
    assert data["jurisdiction"]["answers"]["city_form"] == "strong_mayor"


def test_interviews_are_kept_listed_and_reopened_by_place(
    run: Any, pack_dir: Path, keys: Any, monkeypatch: Any
) -> None:
    _finish(run, pack_dir, keys)
    keys(down(2), "Tex", ENTER, "Harris", ENTER, ENTER, ENTER, ENTER, ENTER, down(1))
    assert run("--pack", str(pack_dir), "advise", "--plain").exit_code == 0
    listed = run("--pack", str(pack_dir), "advise", "--list-saved")
    assert "Pasadena, Los Angeles County, CA (finished)" in listed.stdout
    assert "Harris County, TX (finished)" in listed.stdout
    assert "advise --reopen ca-los-angeles-county-pasadena" in listed.stdout
    monkeypatch.setattr(advising, "interactive", lambda: False)  # a script: no questions
    r = run("--pack", str(pack_dir), "advise", "--reopen", "pasadena", "--json")
    assert json.loads(r.stdout)["jurisdiction"]["city"] == "Pasadena"
    missing = run("--pack", str(pack_dir), "advise", "--reopen", "boston")
    assert missing.exit_code == 2 and "advise --list-saved" in missing.stderr
    files = sorted(p.name for p in savefile.archive_dir().iterdir())
    assert files == ["ca-los-angeles-county-pasadena.yaml", "tx-harris-county.yaml"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in savefile.archive_dir().iterdir())


def test_letters_at_the_end_of_the_interview(
    run: Any, pack_dir: Path, keys: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "letters"
    keys(
        *FINISH[:-1], ENTER,  # letters now: yes
        "\x15", str(folder), ENTER,  # Ctrl-U clears the suggested folder
        down(1),  # format: Markdown (after Word)
        up(1),  # language: both (the pointer starts on the interview's language)
    )  # fmt: skip
    r = run("--pack", str(pack_dir), "advise", "--plain")
    assert r.exit_code == 0, r
    assert (folder / "en" / "plan.md").is_file() and (folder / "es" / "plan.md").is_file()
    assert f"to {folder}:" in r.stdout and "Whom to press" not in r.stdout
