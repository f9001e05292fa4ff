"""`pipeline validate`: one bad pack per rule, each reported as `file:line: message`.

Every test breaks one thing in the minimal pack from tests/packfactory.py and checks the exact
lines on stderr. Expected line numbers are found in the written file by a unique snippet, so a
wrong line number fails the test whatever the YAML dumper's layout.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.pack.expr import LAW_CODES
from pipeline_cli.pack.load import REQUIRED_FILES
from tests.packfactory import t

Files = dict[str, Any]
CODES = ", ".join(LAW_CODES)


def line_of(root: Path, name: str, snippet: str, nth: int = 1) -> str:
    """`name:N` where N is the line of the nth line of `name` holding `snippet`.

    A snippet ending in `$` must end the line (so `- sherif$` does not match `- sheriff`).
    """
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    if snippet.endswith("$"):
        hits = [i for i, text in enumerate(lines, start=1) if text.endswith(snippet[:-1])]
    else:
        hits = [i for i, text in enumerate(lines, start=1) if snippet in text]
    assert len(hits) >= nth, f"{snippet!r} is not in {name} {nth} time(s)"
    return f"{name}:{hits[nth - 1]}"


def problems(run: Callable[..., Any], root: Path) -> list[str]:
    """The problem lines `validate` prints, after checking how it fails."""
    result = run("validate", str(root))
    assert result.exit_code == 1, result
    assert "Traceback" not in result.output
    assert result.stdout == ""
    *lines, last = result.stderr.splitlines()
    assert last == f"error: {len(lines)} problem(s) in the pack; fix them and run again"
    return lines


def jail(files: Files) -> dict[str, Any]:
    stage: dict[str, Any] = files["01-jail.yaml"]
    return stage


# --- syntax -----------------------------------------------------------------------------------


def test_yaml_syntax_error_names_file_and_line(run, make_pack, pack_files) -> None:
    pack_files["sources.yaml"] = (
        "sources:\n"
        "  - id: src1\n"
        "    title: A: source\n"  # line 3: a second `:` in a plain value
        "    url: https://example.org/1\n"
    )
    root = make_pack(pack_files)
    assert problems(run, root) == [
        "sources.yaml:3: invalid YAML: mapping values are not allowed in this context"
    ]


def test_duplicate_yaml_key_is_an_error(run, make_pack, pack_files) -> None:
    pack_files["sources.yaml"] = (
        "sources:\n"
        "  - id: src1\n"
        "    title: A source\n"
        "    url: https://example.org/1\n"
        "    title: Again\n"  # line 5
    )
    assert problems(run, make_pack(pack_files)) == [
        "sources.yaml:5: invalid YAML: duplicate key 'title'"
    ]


def test_empty_file_is_an_error(run, make_pack, pack_files) -> None:
    pack_files["roles.yaml"] = ""
    assert problems(run, make_pack(pack_files)) == ["roles.yaml:1: the file is empty"]


# --- keys and types -----------------------------------------------------------------------------


def test_unknown_key_suggests_the_right_one(run, make_pack, pack_files) -> None:
    tp = jail(pack_files)["touchpoints"][0]
    tp["closed_iff"] = tp.pop("closed_if")
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', 'closed_iff:')}: touchpoint detainer_hold: "
        "unknown key 'closed_iff' (did you mean 'closed_if'?)",
        f"{line_of(root, '01-jail.yaml', '- id: detainer_hold')}: touchpoint detainer_hold: "
        "missing required key 'closed_if'",
    ]


def test_missing_required_key(run, make_pack, pack_files) -> None:
    del jail(pack_files)["demands"][0]["ask"]
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', '- id: no_holds')}: demand no_holds: "
        "missing required key 'ask'"
    ]


@pytest.mark.parametrize(
    ("field", "value", "snippet", "message"),
    [
        # a string where {en, es} or a list of parts is expected (the demand's `why:`)
        ("why", "open", "why: open", "demand no_holds.why: must be {en: ..., es: ...}"),
        # a list of parts whose item is not a mapping
        ("why", ["open"], "- open", "demand no_holds.why item must be a mapping of keys to values"),
        # a string where a list is expected
        ("targets", "sheriff", "targets: sheriff", "demand no_holds.targets: must be a list"),
        (
            "closes",
            "detainer_hold",
            "closes: detainer_hold",
            "demand no_holds.closes: must be a list",
        ),
        # a mapping where a string is expected
        ("when", {"a": "b"}, "when:", "demand no_holds.when: must be a string"),
        (
            "unverified",
            "yes",
            "unverified: 'yes'",
            "demand no_holds.unverified: must be true or false",
        ),
    ],
)
def test_wrong_type(run, make_pack, pack_files, field, value, snippet, message) -> None:
    jail(pack_files)["demands"][0][field] = value
    root = make_pack(pack_files)
    where = line_of(root, "01-jail.yaml", snippet)
    assert problems(run, root) == [f"{where}: {message}"]


def test_list_where_a_mapping_is_expected(run, make_pack, pack_files) -> None:
    jail(pack_files)["touchpoints"][0]["why"] = ["open", "closed"]
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', '- open')}: touchpoint detainer_hold.why "
        "must be a mapping of keys to values"
    ]


def test_stage_file_that_is_not_a_mapping(run, make_pack, pack_files) -> None:
    pack_files["01-jail.yaml"] = "- id: jail\n"
    assert problems(run, make_pack(pack_files)) == [
        "01-jail.yaml:1: stage file must be a mapping of keys to values"
    ]


# --- duplicate ids ------------------------------------------------------------------------------


def test_duplicate_touchpoint_across_stage_files(run, make_pack, pack_files) -> None:
    court = copy.deepcopy(jail(pack_files))
    court["id"] = "court"
    court["demands"] = []
    pack_files["02-court.yaml"] = court
    root = make_pack(pack_files)
    first = line_of(root, "01-jail.yaml", "- id: detainer_hold")
    assert problems(run, root) == [
        f"{line_of(root, '02-court.yaml', '- id: detainer_hold')}: duplicate touchpoint id "
        f"'detainer_hold' (first defined at {first})"
    ]


def test_duplicate_demand(run, make_pack, pack_files) -> None:
    demands = jail(pack_files)["demands"]
    demands.append(copy.deepcopy(demands[0]))
    root = make_pack(pack_files)
    first = line_of(root, "01-jail.yaml", "- id: no_holds")
    second = line_of(root, "01-jail.yaml", "- id: no_holds", nth=2)
    assert problems(run, root) == [
        f"{second}: duplicate demand id 'no_holds' (first defined at {first})"
    ]


def test_duplicate_role(run, make_pack, pack_files) -> None:
    roles = pack_files["roles.yaml"]["roles"]
    roles.append(copy.deepcopy(roles[0]))
    root = make_pack(pack_files)
    first = line_of(root, "roles.yaml", "- id: sheriff")
    second = line_of(root, "roles.yaml", "- id: sheriff", nth=2)
    assert problems(run, root) == [
        f"{second}: duplicate role id 'sheriff' (first defined at {first})"
    ]


def test_duplicate_source(run, make_pack, pack_files) -> None:
    sources = pack_files["sources.yaml"]["sources"]
    sources.append(copy.deepcopy(sources[0]))
    root = make_pack(pack_files)
    second = line_of(root, "sources.yaml", "- id: src1", nth=2)
    assert problems(run, root) == [f"{second}: duplicate source id 'src1'"]


def test_duplicate_stage(run, make_pack, pack_files) -> None:
    again = copy.deepcopy(jail(pack_files))
    again["touchpoints"] = []
    again["demands"] = []
    pack_files["02-jail.yaml"] = again
    root = make_pack(pack_files)
    assert problems(run, root) == [
        "02-jail.yaml:1: duplicate stage id 'jail' (first defined at 01-jail.yaml:1)"
    ]


# --- dangling references ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "snippet", "message"),
    [
        (
            "targets",
            ["sherif"],
            "- sherif$",
            "unknown role 'sherif' (did you mean 'sheriff'?); define it in roles.yaml",
        ),
        (
            "closes",
            ["detainer_holds"],
            "closes:",
            "unknown touchpoint 'detainer_holds' (did you mean 'detainer_hold'?); "
            "define it in a stage file",
        ),
        (
            "sources",
            ["src3"],
            "  sources:",
            "unknown source 'src3' (did you mean 'src2'?); define it in sources.yaml",
        ),
        (
            "clauses",
            ["no_hold"],
            "clauses:",
            "unknown clause 'no_hold' (did you mean 'no_holds'?); define it in clauses.yaml",
        ),
    ],
)
def test_dangling_reference(run, make_pack, pack_files, field, value, snippet, message) -> None:
    jail(pack_files)["demands"][0][field] = value
    root = make_pack(pack_files)
    where = line_of(root, "01-jail.yaml", snippet, nth=2 if field == "sources" else 1)
    assert problems(run, root) == [f"{where}: {message}"]


def test_touchpoint_controlled_by_unknown_role(run, make_pack, pack_files) -> None:
    jail(pack_files)["touchpoints"][0]["controlled_by"] = ["mayor"]
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', 'controlled_by:')}: unknown role 'mayor'; "
        "define it in roles.yaml"
    ]


# --- expressions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "honors_detainers ==",
            "expression 'honors_detainers ==' does not compile: unexpected ')'",
        ),
        (
            "honors_detainer == 'no'",
            "expression \"honors_detainer == 'no'\" names unknown answer key 'honors_detainer' "
            "(did you mean 'honors_detainers'?)",
        ),
        (
            "honors_detainers in ('no', 'nope')",
            "expression \"honors_detainers in ('no', 'nope')\": 'nope' is not a choice of "
            "'honors_detainers' (choices: yes, no, unknown)",
        ),
        (
            "facts.sherifs != 'no'",
            "expression \"facts.sherifs != 'no'\": facts has no field 'sherifs' "
            "(did you mean 'sheriffs'?)",
        ),
        (
            "limits('DETX')",
            "expression \"limits('DETX')\": unknown law code 'DETX' (did you mean 'DET'?)",
        ),
    ],
)
def test_bad_when(run, make_pack, pack_files, source, message) -> None:
    jail(pack_files)["demands"][0]["when"] = source
    root = make_pack(pack_files)
    assert problems(run, root) == [f"{line_of(root, '01-jail.yaml', 'when:')}: {message}"]


def test_bad_closed_if(run, make_pack, pack_files) -> None:
    jail(pack_files)["touchpoints"][0]["closed_if"] = "honors_detainers == 'never'"
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', 'closed_if:')}: expression "
        "\"honors_detainers == 'never'\": 'never' is not a choice of 'honors_detainers' "
        "(choices: yes, no, unknown)"
    ]


def test_role_when_names_unknown_fact(run, make_pack, pack_files) -> None:
    pack_files["roles.yaml"]["roles"][0]["when"] = "facts.sheriff != 'no'"
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, 'roles.yaml', 'when:')}: expression \"facts.sheriff != 'no'\": "
        "facts has no field 'sheriff' (did you mean 'sheriffs'?)"
    ]


def test_unknown_law_code_in_touchpoint(run, make_pack, pack_files) -> None:
    jail(pack_files)["touchpoints"][0]["law_codes"] = ["DETX"]
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', 'law_codes:')}: touchpoint detainer_hold.law_codes: "
        f"unknown law code 'DETX' (did you mean 'DET'?); codes: {CODES}"
    ]


def test_unknown_law_code_in_state_law(run, make_pack, pack_files) -> None:
    pack_files["states.yaml"]["states"]["CA"]["laws"][0]["covers"] = ["DET", "INQQ"]
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, 'states.yaml', 'covers:')}: law ca_law (CA).covers: "
        f"unknown law code 'INQQ' (did you mean 'INQ'?); codes: {CODES}"
    ]


def test_title_template_with_unknown_value(run, make_pack, pack_files) -> None:
    pack_files["roles.yaml"]["roles"][0]["titles"][0]["en"] = "Sheriff of {{ countty }}"
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, 'roles.yaml', 'countty')}: title 'Sheriff of {{{{ countty }}}}' uses "
        "unknown value 'countty' (did you mean 'county'?)"
    ]


# --- both languages -----------------------------------------------------------------------------


def test_stage_title_missing_es(run, make_pack, pack_files) -> None:
    jail(pack_files)["title"] = {"en": "Jail"}
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', 'en: Jail')}: stage jail.title: missing 'es' text"
    ]


def test_stage_summary_empty_en(run, make_pack, pack_files) -> None:
    jail(pack_files)["summary"] = t("", "Reserva y cárcel.")
    root = make_pack(pack_files)
    where = line_of(root, "01-jail.yaml", "en: ''")
    assert problems(run, root) == [f"{where}: stage jail.summary: missing 'en' text"]


def test_stage_text_given_as_plain_string(run, make_pack, pack_files) -> None:
    jail(pack_files)["title"] = "Jail"
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, '01-jail.yaml', 'title: Jail')}: stage jail.title: "
        "must be {en: ..., es: ...}"
    ]


def test_role_title_missing_es(run, make_pack, pack_files) -> None:
    del pack_files["roles.yaml"]["roles"][0]["titles"][0]["es"]
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, 'roles.yaml', '- en: Sheriff of')}: role sheriff.titles: missing 'es' text"
    ]


def test_choice_label_missing_es(run, make_pack, pack_files) -> None:
    del pack_files["questions.yaml"]["choice_sets"]["tri"][1]["es"]
    root = make_pack(pack_files)
    where = line_of(root, "questions.yaml", "- value: 'no'")
    assert problems(run, root) == [f"{where}: choice set tri choice: missing 'es' label"]


# --- states, files, names -----------------------------------------------------------------------


def test_bad_state_code(run, make_pack, pack_files) -> None:
    states = pack_files["states.yaml"]["states"]
    states["CAL"] = states.pop("CA")
    root = make_pack(pack_files)
    assert problems(run, root) == [
        f"{line_of(root, 'states.yaml', 'CAL:')}: states: 'CAL' is not a USPS code "
        "of a state, DC or PR"
    ]


@pytest.mark.parametrize("name", REQUIRED_FILES)
def test_missing_required_file(run, make_pack, pack_files, name) -> None:
    del pack_files[name]
    assert problems(run, make_pack(pack_files)) == [
        f"{name}:1: missing file; every pack needs {name}"
    ]


def test_pack_without_stage_files(run, make_pack, pack_files) -> None:
    del pack_files["01-jail.yaml"]
    del pack_files["clauses.yaml"]  # nothing refers to it any more; it stays valid
    assert problems(run, make_pack(pack_files)) == [
        "pack.yaml:1: no stage files (NN-<stage_id>.yaml) in the pack"
    ]


def test_stage_file_name_must_match_its_id(run, make_pack, pack_files) -> None:
    pack_files["01-jails.yaml"] = pack_files.pop("01-jail.yaml")
    assert problems(run, make_pack(pack_files)) == [
        "01-jails.yaml:1: stage jail: file name says 'jails'; rename one to match"
    ]


def test_misnamed_file_is_not_silently_ignored(run, make_pack, pack_files) -> None:
    pack_files["roles.yml"] = pack_files.pop("roles.yaml")
    assert problems(run, make_pack(pack_files)) == [
        "roles.yaml:1: missing file; every pack needs roles.yaml",
        "roles.yml:1: not a pack file (did you mean 'roles.yaml'?); "
        "stage files are named NN-<stage_id>.yaml",
    ]


# --- many at once -------------------------------------------------------------------------------


def test_every_problem_is_reported_one_per_line(run, make_pack, pack_files) -> None:
    demand = jail(pack_files)["demands"][0]
    demand["targets"] = ["sherif"]
    demand["when"] = "city_form == 'council'"
    del jail(pack_files)["summary"]["es"]
    pack_files["roles.yaml"]["roles"][1]["level"] = "stat"
    pack_files["sources.yaml"]["sources"][1]["urll"] = "https://example.org"
    root = make_pack(pack_files)
    found = problems(run, root)
    expected = [
        f"{line_of(root, 'sources.yaml', 'urll:')}: source: unknown key 'urll' "
        "(did you mean 'url'?)",
        f"{line_of(root, 'roles.yaml', 'level: stat')}: role state_legislature.level: "
        "'stat' is not one of city, county, state, federal, court (did you mean 'state'?)",
        f"{line_of(root, '01-jail.yaml', 'en: Booking and jail.')}: stage jail.summary: "
        "missing 'es' text",
        f"{line_of(root, '01-jail.yaml', '- sherif$')}: unknown role 'sherif' "
        "(did you mean 'sheriff'?); define it in roles.yaml",
        f"{line_of(root, '01-jail.yaml', 'when:')}: expression \"city_form == 'council'\" "
        "names unknown answer key 'city_form' (did you mean 'city'?)",
    ]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(expected)


def test_a_sound_pack_passes(run, make_pack, pack_files) -> None:
    result = run("validate", str(make_pack(pack_files)))
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert result.stdout == (
        "ok: mini 1.0 (as of 2026-01-01): 1 stages, 1 touchpoints, 1 demands, 2 roles, "
        "1 states, 2 sources, 0 unverified (each says why)\n"
    )


def test_help_paragraphs_with_when_are_checked(run, make_pack, pack_files) -> None:
    q = pack_files["questions.yaml"]["questions"][0]
    q["help"] = [
        t("Everywhere"),
        {"when": "state == 'CA'", "en": "In California", "es": "En California"},
        {"when": "stat == 'CA'", "en": "Typo", "es": "Errata"},
        {"when": "limits('DET')", "en": "Only English"},
    ]
    root = make_pack(pack_files)
    found = problems(run, root)
    assert any("unknown answer key 'stat'" in p and "did you mean 'state'" in p for p in found)
    assert any("help: missing 'es' text" in p for p in found)
    pack_files["questions.yaml"]["questions"][0]["help"] = q["help"][:2]
    from pipeline_cli.pack.load import load_pack

    loaded = load_pack(make_pack(pack_files))
    first = loaded.questions[0]
    assert first.help.en == "Everywhere"  # what a list of questions shows
    assert [p.when for p in first.help_parts] == ["", "state == 'CA'"]
