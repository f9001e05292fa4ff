"""What the interview says: help for this state and place only, state law where it answers the
question, every menu hint in the user's language, progress, and hints that run as printed."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.cli import invocation
from pipeline_cli.interview import helptext, labels, prompts
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan import answers as ans

PACK = load_pack()
# Places named anywhere in the pack's question help, by the state they are in.
PLACES = {
    "CA": ["California", "Pasadena", "Los Angeles", "Lakewood", "Humboldt", "San Bernardino",
           "San Francisco", "TRUTH Act"],
    "CO": ["Denver", "Colorado"], "PA": ["Philadelphia"], "MD": ["Howard County", "Maryland"],
    "AZ": ["Maricopa", "Arizona"], "LA": ["Louisiana"], "AK": ["Alaska"],
    "NY": ["New York"], "OR": ["Oregon"],
}  # fmt: skip


def _everything_shown(answers: dict[str, str], lang: str) -> str:
    parts = []
    for q in ans.applicable(PACK, answers):
        parts += [q.prompt(lang), helptext.help_of(PACK, q, answers, lang)]
        parts.append(helptext.where_of(PACK, q, answers, lang))
        parts += [c.label(lang) for c in q.choices]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "place",
    [
        {"state": "TX", "county": "Harris County", "city": "Houston"},
        {"state": "CT", "county": "Hartford County", "city": "Hartford"},
    ],
)
def test_no_text_about_another_states_places(place: dict[str, str], lang: str) -> None:
    shown = _everything_shown(place, lang)
    for state, names in PLACES.items():
        if state != place["state"]:
            found = [n for n in names if n in shown]
            assert not found, f"{place['city']} ({lang}) reads about {found}"


def test_the_places_list_is_not_empty_of_meaning() -> None:
    # The same check finds the California text where it belongs.
    shown = _everything_shown(
        {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"}, "en"
    )
    assert "Pasadena" in shown and "TRUTH Act" in shown and "Lakewood" in shown


@pytest.mark.parametrize("lang", ["en", "es"])
def test_texas_detainer_question_says_that_state_law_requires_holds(lang: str) -> None:
    q = ans.pack_question(PACK, "honors_detainers")
    text = helptext.help_of(PACK, q, {"state": "TX", "county": "Harris County"}, lang)
    assert "SB 4" in text and "Gov't Code ch. 752" in text
    assert ("requires jails to honor" if lang == "en" else "obliga aquí a las cárceles") in text
    ca = helptext.help_of(PACK, q, {"state": "CA", "county": "Alameda County"}, lang)
    assert "SB 4" not in ca


def test_every_interview_label_has_both_languages() -> None:
    for key, text in labels.LABEL.items():
        assert text.en.strip() and text.es.strip(), key
        assert text.en != text.es or key in ("docx", "back"), key


@pytest.mark.parametrize(
    ("lang", "hint"), [("en", "(Use arrow keys)"), ("es", "(Use las flechas)")]
)
def test_menus_give_their_hint_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, hint: str
) -> None:
    seen: dict[str, Any] = {}

    class Asked:
        def unsafe_ask(self) -> str:
            return "a"

    def fake_select(message: str, **kwargs: Any) -> Asked:
        seen.update(kwargs)
        return Asked()

    monkeypatch.setattr(prompts.questionary, "select", fake_select)
    prompts.select("?", [("A", "a")], lang)
    assert seen["instruction"] == hint
    prompts.select("?", [("A", "a")], lang, search=True)
    assert seen["instruction"] == labels.LABEL["arrows_filter"](lang)


def test_the_program_is_named_as_it_was_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / ".venv" / "bin" / "pipeline"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert invocation.program(".venv/bin/pipeline") == [".venv/bin/pipeline"]
    assert invocation.program(str(script)) == [".venv/bin/pipeline"]
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin:/bin")
    assert invocation.program(str(script)) == ["pipeline"]  # on PATH: the bare name works
    assert invocation.program("/somewhere/else/pytest") == ["pipeline"]


PIPELINE = Path(sys.executable).with_name("pipeline")


@pytest.mark.skipif(not PIPELINE.is_file(), reason="no installed console script")
def test_hints_run_as_printed(tmp_path: Path) -> None:
    """Run the console script by a relative path with a PATH that does not find it (the
    README's `.venv/bin/pipeline`): the hints it prints name it the same way, and run."""
    cwd = PIPELINE.parent.parent.parent
    rel = os.path.relpath(PIPELINE, cwd)
    env = {
        **os.environ,
        "PATH": "/usr/bin:/bin",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "NO_COLOR": "1",
    }

    def pipeline(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [rel, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
        )

    def hint_after(marker: str, text: str) -> str:
        return text.split(marker, 1)[1].strip().splitlines()[0]

    reopen = pipeline("advise", "--reopen", "springfield")
    assert reopen.returncode == 2
    listing = hint_after("see them with: ", reopen.stderr)
    assert listing.startswith(f"{rel} advise")
    ran = subprocess.run(shlex.split(listing), cwd=cwd, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    resume = pipeline("advise", "--resume")
    fresh = hint_after("; run ", resume.stderr)
    assert fresh == f"{rel} advise"
    help_run = subprocess.run(
        [*shlex.split(fresh), "--help"], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert help_run.returncode == 0, help_run.stderr


@pytest.mark.skipif(not PIPELINE.is_file(), reason="no installed console script")
def test_the_letters_command_after_the_plan_runs_as_printed(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path / "data")}
    args = ["--plain", "advise", "--set", "state=TX", "--set", "county=Harris"]
    plan = subprocess.run(
        [str(PIPELINE), *args], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert plan.returncode == 0, plan.stderr
    hint = plan.stdout.rstrip().splitlines()[-1].split("with: ", 1)[1]
    assert hint.startswith(str(PIPELINE))  # not on PATH, not under here: the full path
    wrote = subprocess.run(shlex.split(hint), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert wrote.returncode == 0, wrote.stderr
    assert (tmp_path / "letters-tx-harris-county" / "en" / "plan.md").is_file()
