"""The interview, driven in-process through prompt_toolkit pipe input (real questionary prompts).

Keys are sent before the command runs; the pipe is then closed, so a prompt that wants more
keys than were sent raises EOFError (a clear error) instead of waiting forever.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pipeline_cli.cli import advise as advising
from pipeline_cli.interview import savefile
from tests.advisepack import advise_pack

ENTER, DOWN, UP, CTRL_C, BACKSPACE = "\r", "\x1b[B", "\x1b[A", "\x03", "\x7f"


@pytest.fixture
def pack_dir(make_pack: Callable[[dict[str, Any]], Path]) -> Path:
    return make_pack(advise_pack())


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """keys('a', ENTER, ...) queues keystrokes for the prompts of the next command."""
    monkeypatch.setattr(advising, "interactive", lambda: True)
    with ExitStack() as stack:

        def send(*parts: str) -> None:
            pipe = stack.enter_context(create_pipe_input())
            stack.enter_context(create_app_session(input=pipe, output=DummyOutput()))
            pipe.send_text("".join(parts))
            pipe.close()

        yield send


def down(n: int) -> str:
    return DOWN * n + ENTER


def up(n: int) -> str:
    return UP * n + ENTER


# Questions of the inline pack, in order: state, county, city, city_form (only with a city),
# honors_detainers (yes/no/unknown), jail_operator (yes/no/unknown); each list ends with
# "< Back", and its pointer starts on the value the plan would assume (here "unknown", the
# third entry), then "Where can I find this out?". Then the review menu, whose first entry
# builds the plan.
PASADENA = ["Calif", ENTER, "Los Angeles", ENTER, "Pasadena", ENTER]


def advise_json(run: Any, pack_dir: Path, *args: str) -> Any:
    r = run("--pack", str(pack_dir), "advise", "--json", *args)
    assert r.exit_code == 0, r
    return json.loads(r.stdout)


def test_full_interview_with_i_dont_know(run: Any, pack_dir: Path, keys: Any) -> None:
    keys(*PASADENA, up(2), ENTER, up(1), ENTER)
    data = advise_json(run, pack_dir)
    a = data["jurisdiction"]["answers"]
    assert (a["state"], a["county"], a["city"]) == ("CA", "Los Angeles County", "Pasadena")
    assert a["city_form"] == "council_manager"
    assert a["honors_detainers"] == "unknown"  # "I don't know"
    assert a["jail_operator"] == "no"
    assert "city_manager" in [t["role"] for t in data["targets"]]


def test_back_from_text_and_from_a_choice(run: Any, pack_dir: Path, keys: Any) -> None:
    keys(
        "Calif", ENTER, "Los Angeles", ENTER,
        "<", ENTER,  # city: back to the county, which keeps its answer
        ENTER,  # county (the pointer is on the current answer)
        "Glendale", ENTER,
        up(1),  # city_form: strong mayor
        down(2),  # honors_detainers: "< Back" (after yes, no, I don't know, where to find it)
        ENTER,  # city_form again: the pointer is on "strong mayor"
        up(1), up(2), ENTER,  # honors: no; jail: yes; build
    )  # fmt: skip
    a = advise_json(run, pack_dir)["jurisdiction"]["answers"]
    assert a["city"] == "Glendale"
    assert a["city_form"] == "strong_mayor"
    assert (a["honors_detainers"], a["jail_operator"]) == ("no", "yes")


def test_review_edit_removes_questions_that_no_longer_apply(
    run: Any, pack_dir: Path, keys: Any
) -> None:
    keys(
        *PASADENA, up(2), ENTER, ENTER,  # council-manager; honors and jail: I don't know
        down(3),  # review: Build, State, County, City -> City
        BACKSPACE * len("Pasadena"), ENTER,  # no city any more
        ENTER,  # review again: build the plan
    )  # fmt: skip
    data = advise_json(run, pack_dir)
    assert data["jurisdiction"]["city"] == ""
    assert data["jurisdiction"]["answers"]["city_form"] == "unknown"  # no longer applies
    assert not [t for t in data["targets"] if t["level"] == "city"]


def test_review_edit_asks_questions_that_now_apply(run: Any, pack_dir: Path, keys: Any) -> None:
    keys(
        "Calif", ENTER, "Los Angeles", ENTER, ENTER,  # no city: city_form is not asked
        ENTER, ENTER,  # honors, jail
        down(3), "Pasadena", ENTER,  # review: set the city
        up(2),  # city_form now applies and is asked: council-manager
        ENTER,  # build
    )  # fmt: skip
    data = advise_json(run, pack_dir)
    assert data["jurisdiction"]["answers"]["city_form"] == "council_manager"
    assert "city_manager" in [t["role"] for t in data["targets"]]


def test_review_edit_of_the_state_asks_the_county_again(
    run: Any, pack_dir: Path, keys: Any
) -> None:
    keys(
        *PASADENA, ENTER, ENTER, ENTER,
        down(1), "Connec", ENTER,  # review: change the state
        "Hartford", ENTER,  # the old county is not in CT, so it is asked again
        ENTER,
    )  # fmt: skip
    data = advise_json(run, pack_dir)
    assert (data["jurisdiction"]["state"], data["jurisdiction"]["county"]) == (
        "CT",
        "Hartford County",
    )


def test_ctrl_c_saves_and_resume_continues(run: Any, pack_dir: Path, keys: Any) -> None:
    keys("Calif", ENTER, "Los Angeles", ENTER, CTRL_C)
    r = run("--pack", str(pack_dir), "advise")
    assert r.exit_code == 130
    assert r.stderr.splitlines()[-1].startswith(
        "Stopped. Your answers are saved in "
    )  # not an error
    assert f"pipeline --pack {pack_dir} advise --resume" in r.stderr
    saved = savefile.default_path()
    assert saved.stat().st_mode & 0o777 == 0o600
    assert "Los Angeles County" in saved.read_text()

    keys("Pasadena", ENTER, ENTER, ENTER, ENTER, ENTER)  # resumes at the city
    data = advise_json(run, pack_dir, "--resume")
    assert data["jurisdiction"]["county"] == "Los Angeles County"
    assert data["jurisdiction"]["city"] == "Pasadena"


def test_ctrl_c_with_save_file_names_it_in_the_resume_command(
    run: Any, pack_dir: Path, keys: Any, tmp_path: Path
) -> None:
    save = tmp_path / "my answers.yaml"
    keys("Tex", ENTER, CTRL_C)
    r = run("--pack", str(pack_dir), "advise", "--save", str(save))
    assert r.exit_code == 130
    assert f"advise --resume --save '{save}'" in r.stderr
    assert save.stat().st_mode & 0o777 == 0o600
    assert not savefile.default_path().exists()


def test_every_answer_is_saved_as_it_is_given(run: Any, pack_dir: Path, keys: Any) -> None:
    keys(*PASADENA, CTRL_C)
    assert run("--pack", str(pack_dir), "advise").exit_code == 130
    text = savefile.default_path().read_text()
    assert "city: Pasadena" in text and "city_form" not in text


def test_set_answers_are_not_asked_again(run: Any, pack_dir: Path, keys: Any) -> None:
    keys("Harris", ENTER, ENTER, ENTER, ENTER, ENTER)  # county, city (blank), two choices, build
    data = advise_json(run, pack_dir, "--set", "state=TX")
    assert data["jurisdiction"]["county"] == "Harris County"


def test_running_out_of_input_is_a_clear_error(run: Any, pack_dir: Path, keys: Any) -> None:
    """Ctrl-D: the answers so far are saved, and the message says where and how to go on."""
    keys("Calif", ENTER)
    r = run("--pack", str(pack_dir), "advise")
    assert r.exit_code == 1
    assert "Ctrl-D" in r.stderr and "Resume with: pipeline" in r.stderr
    assert "no terminal" not in r.stderr
    saved = r.stderr.split("saved in ")[1].split(" (readable")[0]
    assert "state: CA" in Path(saved).read_text()


def test_resume_with_nothing_saved(run: Any, pack_dir: Path) -> None:
    r = run("--pack", str(pack_dir), "advise", "--resume")
    assert r.exit_code == 2
    assert "nothing to resume" in r.stderr


@pytest.mark.parametrize("lang", ["en", "es"])
def test_help_lines_wrap_to_the_terminal_and_keep_every_word(tmp_path: Path, lang: str) -> None:
    from pipeline_cli.interview.session import Interview
    from pipeline_cli.pack.load import load_pack
    from pipeline_cli.pack.text import Text

    pack = load_pack()
    interview = Interview(pack, lang, tmp_path / "a.yaml", "pipeline advise --resume", Text("", ""))
    long_helps = [q for q in pack.questions if len(q.help(lang)) > 60]
    assert long_helps
    for q in long_helps:
        lines = interview.message(q, width=60).rstrip().split("\n")
        assert all(len(line) <= 58 for line in lines), q.id
        assert " ".join(" ".join(lines).split()) == " ".join(
            f"{q.prompt(lang)} {q.help(lang)}".split()
        )
    # In the review, a long question is cut so that its answer still shows.
    q = max(pack.questions, key=lambda q: len(q.prompt(lang)))
    row = interview._row(q, {q.id: "unknown"}, width=60)
    assert len(row) <= 60 and row.endswith(interview._label(q, "unknown"))
