"""The repros of the hostile-input review, each a regression test: a clear error, or it works.

Numbers in the test names are the review's findings.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.packfactory import write_pack
from tests.test_case import ANSWERS, with_cases

Run = Callable[..., Any]
PLACE = ("--set", "state=CA", "--set", "county=Alameda")


def bomb(tail: str) -> str:
    """Nine anchors, each nine aliases of the last: 364 bytes that stand for 9^9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n" + tail


@pytest.fixture
def pack(pack_files: dict[str, Any], tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", with_cases(copy.deepcopy(pack_files)))


def case_answers(tmp_path: Path, **extra: Any) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump({**ANSWERS["bond_support"], **extra}), "utf-8")
    path.chmod(0o600)
    return path


# 1, 6: YAML


@pytest.mark.parametrize("tail", ["? *i\n: x\nstate: CA\n", "state: *i\n"])
def test_1_alias_bomb_in_answers_is_refused(
    run: Run, tmp_path: Path, pack: Path, tail: str
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(tail))
    for args in (["advise", "--answers", str(path), "--json"],
                 ["case", "bond_support", "--answers", str(path)]):  # fmt: skip
        r = run("--pack", str(pack), *args)
        assert r.exit_code == 1
        assert "aliases (*name) here expand to more than 1,000,000 values" in r.stderr


def test_1_alias_bomb_in_a_pack_is_a_file_line_problem(
    run: Run, pack_files: dict[str, Any], make_pack: Callable[..., Path]
) -> None:
    pack_files["pack.yaml"] = bomb(yaml.safe_dump(pack_files["pack.yaml"]).replace("as_of:", "x:"))
    pack_files["pack.yaml"] += "as_of: *i\n"
    r = run("validate", str(make_pack(pack_files)))
    assert r.exit_code == 1
    assert "pack.yaml:" in r.output and "aliases" in r.output


def test_small_aliases_still_load(run: Run, tmp_path: Path, pack: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x: &s CA\nstate: *s\ncounty: Alameda\n")
    r = run("--pack", str(pack), "advise", "--answers", str(path), "--json")
    assert r.exit_code == 1 and "unknown answer key 'x'" in r.stderr  # read fine, then judged


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("hearing_date: 2026-13-01", "case.yaml:2: invalid YAML: '2026-13-01' is not a valid date"),
        ("hearing_date: 2026-02-30", "is not a valid date: day is out of range for month"),
        ("years_known: " + "9" * 5000, "case.yaml:2: invalid YAML: the number 999"),
        ('writer_name: "Ann\\e[2J"', "case.yaml:2: invalid YAML: the text holds a control"),
    ],
)
def test_6_bad_scalars_are_file_line_errors(
    run: Run, tmp_path: Path, pack: Path, line: str, message: str
) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(f"a_number: '123456789'\n{line}\n")
    r = run("--pack", str(pack), "case", "bond_support", "--answers", str(path))
    assert r.exit_code == 1
    assert message in r.stderr


@pytest.mark.parametrize(
    "text", ["!!timestamp \n", "!!bool maybe\n", "state: !!int abc\n", "!!omap [1]\n"]
)
def test_6_explicit_tags_with_bad_values(run: Run, tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text)
    r = run("advise", "--answers", str(path), "--json")
    assert r.exit_code == 1 and f"{path}:1: invalid YAML:" in r.stderr


@pytest.mark.parametrize("as_of", ["9999-99-99", "9" * 5000, '"\\e]0;PWNED\\a"'])
def test_6_bad_scalars_in_a_pack(
    run: Run, pack_files: dict[str, Any], make_pack: Callable[..., Path], as_of: str
) -> None:
    text = yaml.safe_dump(pack_files["pack.yaml"], sort_keys=False)
    pack_files["pack.yaml"] = "\n".join(
        f"as_of: {as_of}" if line.startswith("as_of:") else line for line in text.splitlines()
    )
    r = run("validate", str(make_pack(pack_files)))
    assert r.exit_code == 1
    assert "pack.yaml:" in r.output and "Traceback" not in r.output


# 2, 3, 15: files with a person's details


def test_2_save_never_overwrites_without_force(run: Run, tmp_path: Path, pack: Path) -> None:
    keep = tmp_path / "important.txt"
    keep.write_text("IMPORTANT")
    args = ["--answers", str(case_answers(tmp_path)), "--save", str(keep)]
    r = run("--pack", str(pack), "case", "bond_support", *args, "-o", str(tmp_path / "l.md"))
    assert r.exit_code == 1 and "--force" in r.stderr
    assert keep.read_text() == "IMPORTANT" and not (tmp_path / "l.md").exists()
    r = run("--pack", str(pack), "advise", *PLACE, "--json", "--save", str(keep))
    assert r.exit_code == 1 and keep.read_text() == "IMPORTANT"
    r = run("--pack", str(pack), "advise", *PLACE, "--json", "--save", str(keep), "--force")
    assert r.exit_code == 0 and "state: CA" in keep.read_text()


def test_3_resuming_from_the_autosave_removes_it(
    run: Run, tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.cli import advise
    from pipeline_cli.interview import savefile, session

    monkeypatch.setattr(advise, "interactive", lambda: True)
    monkeypatch.setattr(session, "run_interview", lambda pack, lang, start, *a: start)
    autosave = savefile.case_path("bond_support")
    savefile.save(autosave, dict(ANSWERS["bond_support"]))
    out = tmp_path / "letter.md"
    r = run("--pack", str(pack), "case", "bond_support", "--answers", str(autosave), "-o", str(out))
    assert r.exit_code == 0, r
    assert out.is_file() and not autosave.exists()
    assert f"removed the saved answers {autosave}" in r.stderr


def test_3_a_failed_letter_says_where_the_autosave_is(
    run: Run, tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.cli import advise
    from pipeline_cli.documents import writers
    from pipeline_cli.errors import PipelineError
    from pipeline_cli.interview import savefile, session

    autosave = savefile.case_path("bond_support")

    def interview(pack: Any, lang: str, start: dict[str, str], *a: Any) -> dict[str, str]:
        savefile.save(autosave, {**start, **ANSWERS["bond_support"]})
        return {**start, **ANSWERS["bond_support"]}

    def full_disk(path: Path, data: bytes) -> None:
        raise PipelineError(f"{path}: cannot write: No space left on device")

    monkeypatch.setattr(advise, "interactive", lambda: True)
    monkeypatch.setattr(session, "run_interview", interview)
    monkeypatch.setattr(writers, "write_atomic", full_disk)
    r = run("--pack", str(pack), "case", "bond_support", "-o", str(tmp_path / "l.md"))
    assert r.exit_code == 1
    assert f"your answers are still saved in {autosave}" in r.stderr and autosave.is_file()


def test_15_saved_answers_folders_are_owner_only_under_umask_0(tmp_path: Path) -> None:
    from pipeline_cli.interview import savefile

    old = os.umask(0)
    try:
        savefile.save(tmp_path / "u0s" / "deep" / "s.yaml", {"state": "CA"})
    finally:
        os.umask(old)
    for folder in (tmp_path / "u0s", tmp_path / "u0s" / "deep"):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "u0s" / "deep" / "s.yaml").stat().st_mode & 0o777 == 0o600


# 4: links out of the pack


def test_4_template_links_out_of_the_pack_are_refused(run: Run, tmp_path: Path, pack: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "secret.txt").write_text("TOPSECRET")
    (pack / "templates" / "en").mkdir(parents=True)
    (pack / "templates" / "x").symlink_to(secret)
    (pack / "templates" / "en" / "handout.md.j2").symlink_to(secret / "secret.txt")
    r = run("validate", str(pack))
    assert r.exit_code == 1
    assert "templates/x:1: a link to a file or folder outside the pack" in r.output
    assert "templates/en/handout.md.j2:1: a link" in r.output
    for args in (["handout"], ["advise", *PLACE, "--out", str(tmp_path / "o"), "--format", "html"]):
        r = run("--pack", str(pack), *args)
        assert r.exit_code == 1 and "TOPSECRET" not in r.output


# 5, 7, 12: text is text


@pytest.mark.parametrize("value", ["Org\x01Name", "Oak\x1b]0;PWNED\x07\x1b[2Jland", "a\x00b"])
def test_5_7_control_characters_are_refused_before_writing(
    run: Run, tmp_path: Path, pack: Path, value: str
) -> None:
    out = tmp_path / "ctl"  # the built-in pack: it asks for the organization's name
    r = run("advise", *PLACE, "--set", f"org_name={value}",
            "--out", str(out), "--format", "docx")  # fmt: skip
    assert r.exit_code == 1 and "control character" in r.stderr
    assert "\x1b" not in r.output and not out.exists()


def test_5_control_character_in_a_csv_cell(run: Run, tmp_path: Path, pack: Path) -> None:
    csv = tmp_path / "nul.csv"
    csv.write_text("state,county,city\nCA,Alameda,Oak\x00land\n")
    r = run("--pack", str(pack), "batch", str(csv), "--out", str(tmp_path / "o"))
    assert r.exit_code == 1 and "nul.csv:2: city: holds a control character (U+0000)" in r.output
    assert not (tmp_path / "o").exists()


def test_12_a_line_break_in_a_csv_cell_is_refused(run: Run, tmp_path: Path, pack: Path) -> None:
    csv = tmp_path / "nl.csv"
    csv.write_text('state,county,city\nCA,Alameda,"Pasa\ndena\n# Injected heading"\n')
    r = run("--pack", str(pack), "batch", str(csv), "--out", str(tmp_path / "o"))
    assert r.exit_code == 1 and "city: holds a line break" in r.output


def test_12_links_and_marks_typed_into_answers_stay_text(
    run: Run, tmp_path: Path, pack: Path
) -> None:
    out = tmp_path / "o"
    r = run("advise", *PLACE, "--set",
            "org_contact=[Donate here](https://evil.example/phish)", "--set", "org_name=# Head",
            "--out", str(out), "--format", "html")  # fmt: skip
    assert r.exit_code == 0, r
    pages = "".join(p.read_text() for p in out.rglob("*.html"))
    assert "[Donate here](https://evil.example/phish)" in pages
    assert 'href="https://evil' not in pages
    # The organization's name heads the letter; typed as "# Head" it is shown as typed.
    assert "<h1>Head</h1>" not in pages and "# Head" in pages


def test_12_pack_text_links_are_not_live_in_the_handout(
    run: Run, pack_files: dict[str, Any], make_pack: Callable[..., Path]
) -> None:
    pack_files["01-jail.yaml"]["summary"] = {"en": "[ok](https://evil.example)", "es": "x"}
    r = run("--pack", str(make_pack(pack_files)), "handout", "--format", "html")
    assert r.exit_code == 0, r
    assert (
        'href="https://evil.example"' not in r.stdout and "[ok](https://evil.example)" in r.stdout
    )


def test_markdown_escapes_read_back_as_the_text() -> None:
    from pipeline_cli.documents import markdown

    for text in ["[a](https://e)", "# h", "- x", "1. y", "---", "a*b*", "C:\\x", "1.0", "\\"]:
        assert markdown.to_text(markdown.escape(text)).strip() == text
        assert [b.kind for b in markdown.parse(markdown.escape(text))] == ["para"]


# 8: templates and expressions that run away


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ range(999999999)|list|length }}", "a number above 100,000"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
         "ranges totalling more than"),
        ("{{ 'a' * 10000000000 }}", "'*' would build more than"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "RecursionError"),
        ("{{ 1 // 0 }}", "division"),
        ("{{ '{:>999999999}'.format(1) }}", "a format wider than"),
    ],
)  # fmt: skip
def test_8_run_away_templates_stop_with_file_line(
    run: Run, pack: Path, template: str, message: str
) -> None:
    (pack / "templates" / "en").mkdir(parents=True)
    (pack / "templates" / "en" / "handout.md.j2").write_text(template)
    r = run("--pack", str(pack), "handout", "--style", "study")
    assert r.exit_code == 1
    assert "templates/en/handout.md.j2:1:" in r.stderr and message in r.stderr


def test_8_a_template_that_loops_too_long_is_stopped(
    run: Run, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.pack import sandbox

    monkeypatch.setattr(sandbox, "SECONDS", 0.5)
    loops = "{% for a in 'x' * 1000 %}{% for b in 'x' * 1000 %}{% for c in 'x' * 1000 %}"
    (pack / "templates" / "en").mkdir(parents=True)
    (pack / "templates" / "en" / "handout.md.j2").write_text(loops + "{% endfor %}" * 3)
    r = run("--pack", str(pack), "handout", "--style", "study")
    assert r.exit_code == 1 and "took longer than 0.5 seconds" in r.stderr


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("title", "Sheriff {{ county }}{{ 1 // 0 }}", "division"),
        ("title", "{{ county.__class__.__mro__ }}", "unsafe"),
        ("title", "{{ county * 1000000000 }}", "would build more than"),
        ("when", "facts.sheriffs != 'no' and 1 // 0 == 0", "division"),
    ],
)
def test_8_validate_runs_what_advise_runs(
    run: Run, pack_files: dict[str, Any], make_pack: Callable[..., Path],
    where: str, value: str, message: str,
) -> None:  # fmt: skip
    sheriff = pack_files["roles.yaml"]["roles"][0]
    if where == "title":
        sheriff["titles"] = [{"en": value, "es": value}]
    else:
        sheriff["when"] = value
    root = make_pack(pack_files)
    r = run("validate", str(root))
    assert r.exit_code == 1 and "roles.yaml:" in r.output and message in r.output
    r = run("--pack", str(root), "advise", *PLACE, "--json")
    assert r.exit_code == 1 and message in r.stderr  # and advise fails cleanly too


# 9, 10, 11, 16: writing


def test_9_long_names_are_checked_before_anything_is_written(
    run: Run, tmp_path: Path, pack: Path
) -> None:
    csv = tmp_path / "long.csv"
    csv.write_text("state,county,city\nCA,Alameda,Oakland\nCA,Marin," + "a" * 300 + "\n")
    r = run("--pack", str(pack), "batch", str(csv), "--out", str(tmp_path / "o"))
    assert r.exit_code == 0, r  # the folder name is cut to fit
    deep = tmp_path / ("b" * 300)
    r = run("--pack", str(pack), "batch", str(csv), "--out", str(deep))
    assert r.exit_code == 1 and "longer than this file system allows" in r.output
    assert not any(tmp_path.glob("bbb*"))


def test_9_a_long_output_name_that_fits_is_written(run: Run, tmp_path: Path, pack: Path) -> None:
    out = tmp_path / ("a" * 240 + ".md")
    r = run("--pack", str(pack), "case", "bond_support", "--answers", str(case_answers(tmp_path)),
            "-o", str(out))  # fmt: skip
    assert r.exit_code == 0, r
    assert out.is_file()


def test_9_a_write_failure_mid_batch_leaves_an_index_and_the_way_on(
    run: Run, tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.documents import writers
    from pipeline_cli.errors import PipelineError

    real, calls = writers.write_atomic, []

    def fail_in_second_row(path: Path, data: bytes) -> None:
        calls.append(path)
        if "marin" in str(path):
            raise PipelineError(f"{path}: cannot write: Permission denied")
        real(path, data)

    monkeypatch.setattr(writers, "write_atomic", fail_in_second_row)
    csv, out = tmp_path / "rows.csv", tmp_path / "o"
    csv.write_text("state,county\nCA,Alameda\nCA,Marin\n")
    r = run("--pack", str(pack), "batch", str(csv), "--out", str(out))
    assert r.exit_code == 1
    assert "stopped at" in r.stderr and "rows.csv:3" in r.stderr and "--skip-existing" in r.stderr
    assert "CA/alameda-county" in (out / "index.md").read_text()
    monkeypatch.setattr(writers, "write_atomic", real)
    r = run("--pack", str(pack), "batch", str(csv), "--out", str(out), "--skip-existing")
    assert r.exit_code == 0, r
    clean = tmp_path / "clean"
    run("--pack", str(pack), "batch", str(csv), "--out", str(clean))
    assert (out / "index.md").read_text() == (clean / "index.md").read_text()


def test_10_stale_temp_files_are_removed_on_the_next_run(
    run: Run, tmp_path: Path, pack: Path
) -> None:
    out = tmp_path / "o"
    assert run("--pack", str(pack), "advise", *PLACE, "--out", str(out)).exit_code == 0
    stale = out / ".plan.json.fb4957a01545.tmp"
    stale.write_text("{}")
    other = out / ".notes.txt.fb4957a01545.tmp"  # not a file this tool writes here: kept
    other.write_text("x")
    r = run("--pack", str(pack), "advise", *PLACE, "--out", str(out), "--skip-existing")
    assert r.exit_code == 0
    assert not stale.exists() and other.exists()


def test_16_a_folder_link_inside_out_is_not_followed(run: Run, tmp_path: Path, pack: Path) -> None:
    out, victim = tmp_path / "out3", tmp_path / "victim"
    out.mkdir()
    victim.mkdir()
    (out / "en").symlink_to(victim)
    r = run("--pack", str(pack), "advise", *PLACE, "--out", str(out), "--force")
    assert r.exit_code == 1 and "is a link to another folder" in r.stderr
    assert not any(victim.iterdir())


def test_16_out_naming_a_file_fails_before_the_plan_is_shown(
    run: Run, tmp_path: Path, pack: Path
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    r = run("--pack", str(pack), "advise", *PLACE, "--out", str(afile))
    assert r.exit_code == 2 and r.stdout == ""


def test_16_a_suffix_this_tool_does_not_write_is_refused(
    run: Run, tmp_path: Path, pack: Path
) -> None:
    r = run("--pack", str(pack), "case", "bond_support", "--answers", str(case_answers(tmp_path)),
            "-o", str(tmp_path / "x.odt"))  # fmt: skip
    assert r.exit_code == 2 and ".odt is not a format" in r.stderr


def test_15_non_latin_cities_get_their_own_folders() -> None:
    from pipeline_cli.plan.rows import slug

    names = ["東京", "Москва", "Раsаdеnа", "Pasadena"]
    assert len({slug(n) for n in names}) == 4
    assert slug("Doña Ana County") == "dona-ana-county" and slug("CON") == "con-place"


# 13, 14: terminals and standard output


def test_13_a_stray_escape_sequence_is_not_a_mouse_crash() -> None:
    from prompt_toolkit.key_binding import defaults
    from prompt_toolkit.keys import Keys

    import pipeline_cli.interview.terminal  # noqa: F401 - installs the tolerant bindings

    bindings = defaults.load_mouse_bindings()  # type: ignore[attr-defined]
    (mouse,) = [b for b in bindings.bindings if b.keys == (Keys.Vt100MouseEvent,)]

    class Event:
        data = "\x1b[31m"

    assert mouse.handler(Event()) is None


@pytest.mark.parametrize("args", [["stages", "--format", "json"], ["handout"]])
def test_14_a_full_disk_on_stdout_is_one_line(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import io
    from importlib import import_module

    app = import_module("pipeline_cli.cli.app")

    class Full(io.StringIO):
        def write(self, s: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def fileno(self) -> int:
            return os.open(os.devnull, os.O_WRONLY)

    monkeypatch.setattr(sys, "argv", ["pipeline", *args])
    monkeypatch.setattr(sys, "stdout", Full())
    monkeypatch.setattr(os, "dup2", lambda a, b: None)
    with pytest.raises(SystemExit) as stop:
        app.main()
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err == "error: cannot write to standard output: No space left on device\n"
