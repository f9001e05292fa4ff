"""`pipeline case KIND`: individual-case letters from an answers file, --set or an interview."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.packfactory import t

CASES_YAML = Path(__file__).resolve().parent.parent / "stages" / "cases.yaml"

# One answers file per kind: every required field, a few optional ones.
ANSWERS: dict[str, dict[str, str]] = {
    "bond_support": {
        "detainee_name": "Ivan Nunez", "a_number": "012345678",
        "detention_facility": "York County Detention Center", "hearing_date": "2026-03-02",
        "writer_name": "Paul Writer", "relationship": "family", "years_known": "5 years",
        "relationship_detail": "I am his husband",
        "character_facts": "Ivan cooks for the neighbors.", "writer_status": "us_citizen",
    },
    "drop_charges": {
        "district": "Western District of Tennessee", "defendants": "the Memphis workers",
        "charges": "working without papers", "arrest_context": "A warehouse raid.",
        "equities": "Parents and long-time workers.", "writer_name": "Brenda Writer",
    },
    "pardon": {
        "applicant_name": "Maria Applicant", "convictions": "Possession, 2009",
        "rehabilitation_evidence": "Ten years of work.", "writer_name": "Maria Applicant",
        "immigration_consequence": "ICE cites the conviction.", "state": "CA",
    },
    "detention_conditions": {
        "facility": "McHenry County Detention Center", "conditions": "Not enough food",
        "demands": "Adequate food\nAn end to retaliation", "writer_name": "Rey Writer",
        "operator": "county",
    },
    "release_request": {
        "person_name": "Benjamin Person", "a_number": "012345678", "case_stage": "detained",
        "family_ties": "A wife and a foster daughter.", "writer_name": "Cynthia Writer",
    },
}  # fmt: skip
NAME_FIELD = {
    "bond_support": "detainee_name", "drop_charges": "defendants", "pardon": "applicant_name",
    "detention_conditions": "facility", "release_request": "person_name",
}  # fmt: skip
CASE_ROLES = (
    ("immigration_judge", "court", "Immigration judge hearing the case"),
    ("us_attorney", "federal", "U.S. Attorney"),
    ("governor", "state", "Governor of {{ state_name }}"),
    ("pardon_board", "state", "{{ pardon_board }}"),
    ("ice_field_office", "federal", "ICE field office director for {{ state_name }}"),
    ("county_board", "county", "{{ county }} {{ county_body }}"),
    ("member_of_congress", "federal", "Members of Congress for {{ state_name }}"),
)


def with_cases(files: dict[str, Any]) -> dict[str, Any]:
    """The inline pack plus the shipped cases.yaml (its sources pointed at the pack's own)."""
    cases = yaml.safe_load(CASES_YAML.read_text(encoding="utf-8"))
    for kind in cases["kinds"]:
        kind["sources"] = ["src1"]
        for note in kind.get("notes", []):
            note["sources"] = ["src2"]
    files["cases.yaml"] = cases
    for ident, level, title in CASE_ROLES:
        files["roles.yaml"]["roles"].append(
            {"id": ident, "level": level, "name": t(ident.replace("_", " ").title()),
             "controls": t("Cases"), "reach": ["letter"], "how_to_reach": t("Write"),
             "titles": [{"en": title, "es": title}], "sources": ["src1"],
             **({"when": "facts.pardon in ('board', 'governor_with_board')"}
                if ident == "pardon_board" else {})}
        )  # fmt: skip
    ga = dict(files["states.yaml"]["states"]["CA"], name=t("Georgia", "Georgia"), laws=[])
    ga.update(pardon="board", pardon_board=t("Georgia Board of Pardons", "Junta de Georgia"))
    files["states.yaml"]["states"]["GA"] = ga
    return files


@pytest.fixture
def case_pack(pack_files: dict[str, Any], make_pack: Callable[[dict[str, Any]], Path]) -> Path:
    return make_pack(with_cases(pack_files))


def answers_file(tmp_path: Path, kind: str, **extra: str) -> Path:
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump({**ANSWERS[kind], **extra}, allow_unicode=True), "utf-8")
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", list(ANSWERS))
def test_each_kind_renders_in_each_language(
    run: Any, case_pack: Path, tmp_path: Path, kind: str, lang: str
) -> None:
    result = run("--pack", str(case_pack), "--lang", lang, "case", kind, "--answers",
                 str(answers_file(tmp_path, kind)))  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert ANSWERS[kind][NAME_FIELD[kind]] in out
    assert "mini version 1.0" in out or "mini, versión 1.0" in out  # stamped with the version
    assert ("2026-01-01" if lang == "en" else "1 de enero de 2026") in out  # ... and its as_of
    assert ("Not legal advice." if lang == "en" else "No es asesoría legal.") in out
    heading = "Before you send this" if lang == "en" else "Antes de enviarla"
    assert heading in out
    assert "Undefined" not in out and "None" not in out


def test_missing_optional_fields_become_placeholders(
    run: Any, case_pack: Path, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, "drop_charges")
    en = run("--pack", str(case_pack), "case", "drop_charges", "--answers", str(path))
    es = run(
        "--pack", str(case_pack), "--lang", "es", "case", "drop_charges", "--answers", str(path)
    )
    assert "[NAME OF THE U.S. ATTORNEY]" in en.stdout
    assert "[NOMBRE DEL FISCAL FEDERAL]" in es.stdout


def test_pardon_goes_to_the_board_where_the_board_holds_the_power(
    run: Any, case_pack: Path, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, "pardon")
    board = run("--pack", str(case_pack), "case", "pardon", "--answers", str(path), "--state", "GA")
    assert board.exit_code == 0, board.output
    assert "To: Georgia Board of Pardons" in board.stdout
    assert "Dear Members of the Board:" in board.stdout
    assert "Governor of" not in board.stdout
    governor = run("--pack", str(case_pack), "case", "pardon", "--answers", str(path))
    assert "To: Governor of California" in governor.stdout  # state: CA from the answers file
    assert "Dear Governor:" in governor.stdout


def test_missing_required_fields_without_a_terminal_exit_2_listing_each(
    run: Any, case_pack: Path
) -> None:
    result = run("--pack", str(case_pack), "case", "pardon", "--set", "writer_name=Ana")
    assert result.exit_code == 2
    for key in ("state", "applicant_name", "convictions", "rehabilitation_evidence",
                "immigration_consequence"):  # fmt: skip
        assert f"  {key}: " in result.stderr
    assert "--set state=CA" in result.stderr
    assert "writer_name:" not in result.stderr
    assert result.stdout == ""


def test_unknown_kind_and_bad_values_are_named(run: Any, case_pack: Path, tmp_path: Path) -> None:
    bad = run("--pack", str(case_pack), "case", "bond_suport")
    assert bad.exit_code == 2 and "did you mean 'bond_support'" in bad.stderr
    path = answers_file(tmp_path, "bond_support", hearing_date="next week")
    result = run("--pack", str(case_pack), "case", "bond_support", "--answers", str(path))
    assert result.exit_code == 1
    assert "hearing_date: 'next week' is not a date" in result.stderr


def test_output_file_is_owner_only_and_never_overwritten_without_force(
    run: Any, case_pack: Path, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, "bond_support")
    letter = tmp_path / "letters" / "ivan.md"
    args = ["--pack", str(case_pack), "case", "bond_support", "--answers", str(path)]
    first = run(*args, "-o", str(letter))
    assert first.exit_code == 0, first.output
    assert stat.S_IMODE(os.stat(letter).st_mode) == 0o600
    assert first.stdout == ""
    letter.write_text("my edits", encoding="utf-8")
    again = run(*args, "-o", str(letter))
    assert again.exit_code == 1 and "--force" in again.stderr
    assert letter.read_text(encoding="utf-8") == "my edits"
    forced = run(*args, "-o", str(letter), "--force")
    assert forced.exit_code == 0
    assert "Ivan Nunez" in letter.read_text(encoding="utf-8")


def test_out_dir_writes_each_language(run: Any, case_pack: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "release_request")
    out = tmp_path / "out"
    result = run("--pack", str(case_pack), "--lang", "both", "case", "release_request",
                 "--answers", str(path), "--out", str(out), "--format", "txt")  # fmt: skip
    assert result.exit_code == 0, result.output
    for lang in ("en", "es"):
        f = out / lang / "case_release_request.txt"
        assert stat.S_IMODE(os.stat(f).st_mode) == 0o600
        assert "Benjamin Person" in f.read_text(encoding="utf-8")
        assert "**" not in f.read_text(encoding="utf-8")


def test_docx_reads_back(run: Any, case_pack: Path, tmp_path: Path) -> None:
    import docx

    path = answers_file(tmp_path, "detention_conditions")
    letter = tmp_path / "mchenry.docx"  # the suffix picks the format
    result = run("--pack", str(case_pack), "--lang", "es", "case", "detention_conditions",
                 "--answers", str(path), "-o", str(letter))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "Condiciones en McHenry County Detention Center" in text
    assert "An end to retaliation" in text
    assert "No es asesoría legal." in text


def test_docx_to_stdout_is_refused(run: Any, case_pack: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "bond_support")
    result = run("--pack", str(case_pack), "case", "bond_support", "--answers", str(path),
                 "--format", "docx")  # fmt: skip
    assert result.exit_code == 2 and "-o FILE.docx" in result.stderr


def test_sensitive_field_on_the_command_line_is_warned_about(
    run: Any, case_pack: Path, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, "bond_support")
    result = run("--pack", str(case_pack), "case", "bond_support", "--answers", str(path),
                 "--set", "a_number=987654321")  # fmt: skip
    assert result.exit_code == 0
    assert "a_number stays in your shell history" in result.stderr
    assert "987654321" in result.stdout


def test_interview_with_back_and_a_required_field(
    run: Any, case_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from pipeline_cli.cli import advise as advising

    monkeypatch.setattr(advising, "interactive", lambda: True)
    keys = [
        "\r",  # us_attorney_name: left blank
        "<\r",  # district: go back
        "Jane Prosecutor\r",  # us_attorney_name again
        "Western District of Tennessee\r",
        "\r",  # defendants is required: Enter alone is refused ...
        "the Memphis workers\r",  # ... until it is answered
        "\r",  # case_number: blank
        "working without papers\r",
        "A raid at a warehouse.\r",
        "Parents and workers.\r",
        "\r",  # ask: the first choice, dismiss
        "268 people\r",
        "Brenda Writer\r",
        "\r",  # organization
        "\r",  # writer_contact
        "\r",  # review: write the letter
    ]
    letter = tmp_path / "letter.md"
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("".join(keys))
        result = run("--pack", str(case_pack), "case", "drop_charges", "-o", str(letter))
    assert result.exit_code == 0, result.output
    text = letter.read_text(encoding="utf-8")
    assert "To: Jane Prosecutor" in text
    assert "dismiss the federal charges against" in text
    assert "the Memphis workers" in text and "268 people stand behind" in text
    autosave = Path(os.environ["XDG_DATA_HOME"]) / "pipeline-cli" / "case-drop_charges.yaml"
    assert not autosave.exists()  # the person's details are not left behind


def test_validate_reports_case_file_problems_with_lines(
    run: Any, pack_files: dict[str, Any], make_pack: Callable[[dict[str, Any]], Path]
) -> None:
    files = with_cases(pack_files)
    kind = files["cases.yaml"]["kinds"][0]
    kind["fields"][0]["prompt"] = {"en": "Name"}
    kind["fields"][1]["colour"] = "red"
    kind["notes"][0]["sources"] = ["nowhere"]
    kind["addressees"] = ["judge"]
    result = run("validate", str(make_pack(files)))
    assert result.exit_code == 1
    err = result.stderr
    assert "prompt: missing 'es' text" in err
    assert "unknown key 'colour'" in err
    assert "unknown source 'nowhere'" in err
    assert "unknown role 'judge'" in err
    assert all(line.startswith("cases.yaml:") for line in err.splitlines()[:-1])


def test_validate_renders_every_case_template(
    run: Any, pack_files: dict[str, Any], make_pack: Callable[[dict[str, Any]], Path]
) -> None:
    files = with_cases(pack_files)
    files["cases.yaml"]["kinds"][1]["fields"] = [
        f for f in files["cases.yaml"]["kinds"][1]["fields"] if f["id"] != "district"
    ]
    result = run("validate", str(make_pack(files)))
    assert result.exit_code == 1
    assert "templates/en/case_drop_charges.md.j2:" in result.stderr
    assert "district" in result.stderr


@pytest.mark.parametrize("kind", list(ANSWERS))
def test_shipped_pack_renders_each_kind(run: Any, tmp_path: Path, kind: str) -> None:
    path = answers_file(tmp_path, kind)
    result = run("--lang", "both", "case", kind, "--answers", str(path))
    assert result.exit_code == 0, result.output
    assert ANSWERS[kind][NAME_FIELD[kind]] in result.stdout
    assert "not legal advice" in result.stdout and "no asesoría legal" in result.stdout


def test_a_note_about_one_states_procedure_shows_only_there(run: Any, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "pardon")
    for state, shown in (("CA", True), ("AZ", False), ("GA", False)):
        result = run("case", "pardon", "--answers", str(path), "--state", state)
        assert result.exit_code == 0, result.output
        assert ("Certificate of Rehabilitation" in result.stdout) == shown, state
        assert "A pardon does not erase the conviction" in result.stdout  # the general note


def test_a_note_when_must_compile(
    run: Any, pack_files: dict[str, Any], make_pack: Callable[[dict[str, Any]], Path]
) -> None:
    files = with_cases(pack_files)
    kind = files["cases.yaml"]["kinds"][0]
    kind.setdefault("notes", []).append(
        {"when": "facts.code ==", "text": {"en": "x", "es": "x"}, "sources": ["src1"]}
    )
    result = run("validate", str(make_pack(files)))
    assert result.exit_code == 1
    assert "cases.yaml:" in result.stderr and ".notes: " in result.stderr
    assert "facts.code ==" in result.stderr
