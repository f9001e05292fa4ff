"""Governance files (`governance/XX.yaml`): every key checked, with `file:line` and a hint.

Each test adds one governance file to the minimal pack of tests/packfactory.py, breaks one
thing, and checks what `validate` says about it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline_cli.cli.validate import validate_pack
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan
from tests.packfactory import t
from tests.test_validate import line_of, problems

Files = dict[str, Any]
GOV = "governance/CA.yaml"


def ca() -> dict[str, Any]:
    return {
        "state": "CA",
        "county_government": "all",
        "county_body": {
            "name": t("Board of Supervisors"),
            "title": t("{{ county }} Board of Supervisors", "Junta de Supervisores {{ of_county }}"),  # noqa: E501
            "sources": ["gov-ca-const"],
        },
        "county_executive": "none",
        "prosecutor": {
            "office": t("District Attorney"),
            "level": "county",
            "chosen": "elected",
            "title": t("{{ county }} District Attorney", "Fiscalía de Distrito {{ of_county }}"),
            "sources": ["src1"],
        },
        "jails": {"run_by": "sheriff", "sources": ["src1"]},
        "sheriff": {
            "role": "jail_and_patrol",
            "title": t("{{ county }} Sheriff", "Sheriff {{ of_county }}"),
            "sources": ["src1"],
        },
        "corrections": {"name": t("California Department of Corrections"), "sources": ["src1"]},
        "pardon": {"by": "governor", "sources": ["src1"]},
        "places": [
            {
                "counties": ["San Francisco County"],
                "kind": "consolidated",
                "sheriff": {"title": t("San Francisco Sheriff", "Sheriff de San Francisco")},
                "sources": ["src2"],
            }
        ],
        "sources": [
            {"id": "gov-ca-const", "title": "Cal. Const. art. XI", "url": "https://example.org/c",
             "kind": "statute"},
        ],
    }  # fmt: skip


def with_gov(files: Files, gov: dict[str, Any] | None = None) -> Files:
    files[GOV] = gov if gov is not None else ca()
    sheriff = files["roles.yaml"]["roles"][0]
    sheriff["when"] = "gov.sheriff != 'none'"
    sheriff["titles"].insert(
        0, {"when": "gov.known == 'yes'", "en": "{{ sheriff_title }}", "es": "{{ sheriff_title }}"}
    )
    return files


def test_a_sound_governance_file_loads_and_its_sources_join_the_pack(make_pack, pack_files) -> None:
    root = make_pack(with_gov(pack_files))
    found, summary = validate_pack(root)
    assert found == [] and summary.startswith("ok:")
    pack = load_pack(root)
    assert "gov-ca-const" in pack.sources
    assert pack.governance["CA"].places[0].counties == ("San Francisco County",)


def test_plans_take_titles_from_governance_and_places_override(make_pack, pack_files) -> None:
    pack = load_pack(make_pack(with_gov(pack_files)))

    def sheriff(county: str) -> tuple[str, str]:
        answers = {"state": "CA", "county": county}
        target = build_plan(pack, answers, dt.date(2026, 1, 2)).target("sheriff")
        assert target is not None
        return target.title.en, target.title.es

    assert sheriff("Los Angeles County") == (
        "Los Angeles County Sheriff",
        "Sheriff del Condado de Los Ángeles",
    )
    assert sheriff("San Francisco County") == ("San Francisco Sheriff", "Sheriff de San Francisco")


def test_no_sheriff_where_governance_says_none(make_pack, pack_files) -> None:
    gov = ca()
    gov["sheriff"] = {"role": "none", "sources": ["src1"]}
    gov["places"] = []
    pack = load_pack(make_pack(with_gov(pack_files, gov)))
    plan = build_plan(pack, {"state": "CA", "county": "Kern County"}, dt.date(2026, 1, 2))
    assert plan.target("sheriff") is None


def test_without_a_governance_folder_titles_come_from_the_state(make_pack, pack_files) -> None:
    files = with_gov(pack_files)
    del files[GOV]
    pack = load_pack(make_pack(files))
    plan = build_plan(pack, {"state": "CA", "county": "Kern County"}, dt.date(2026, 1, 2))
    target = plan.target("sheriff")
    assert target is not None and target.title.en == "Sheriff of Kern County"


def check(
    run: Callable[..., Any], make_pack: Callable[[Files], Path], files: Files
) -> tuple[Path, list[str]]:
    root = make_pack(files)
    return root, problems(run, root)


def test_unknown_keys_name_the_line_and_the_likely_key(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["prosecutor"]["levl"] = gov["prosecutor"].pop("level")
    gov["places"][0]["countys"] = gov["places"][0].pop("counties")
    root, found = check(run, make_pack, with_gov(pack_files, gov))
    assert (
        f"{line_of(root, GOV, 'levl:')}: governance.prosecutor: unknown key 'levl' "
        "(did you mean 'level'?)" in found
    )
    assert (
        f"{line_of(root, GOV, 'countys:')}: place: unknown key 'countys' (did you mean 'counties'?)"
        in found
    )


def test_bad_choices_are_named_with_the_options(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["jails"]["run_by"] = "sherif"
    root, found = check(run, make_pack, with_gov(pack_files, gov))
    at = line_of(root, GOV, "run_by: sherif")
    assert any(
        p.startswith(f"{at}: governance.jails.run_by: 'sherif' is not one of")
        and "did you mean 'sheriff'" in p
        for p in found
    )


def test_a_missing_fact_fails_unless_listed_as_unverified(run, make_pack, pack_files) -> None:
    gov = ca()
    del gov["jails"]
    gov["corrections"]["sources"] = []
    _, found = check(run, make_pack, with_gov(pack_files, gov))
    assert f"{GOV}:1: missing 'jails' (or list it as unverified with why)" in found
    assert any(
        p.startswith(f"{GOV}:") and "governance.corrections: needs a source" in p for p in found
    )
    gov["unverified"] = [
        {"fact": "jails", "why": {"en": "No page says who runs them.", "es": "Ninguna página."}},
        {
            "fact": "corrections (name)",
            "why": {"en": "The department's page was down.", "es": "La página no respondía."},
        },
    ]
    assert validate_pack(make_pack(with_gov(pack_files, gov)))[0] == []


def test_offices_that_exist_need_titles(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["jails"] = {"run_by": "county_corrections", "sources": ["src1"]}
    gov["pardon"] = {"by": "board", "sources": ["src1"]}
    del gov["county_body"]
    _, found = check(run, make_pack, with_gov(pack_files, gov))
    assert (
        f"{GOV}:1: governance: jails.title is needed when the sheriff does not run the jails "
        "(or list 'jails' as unverified with why)" in found
    )
    assert any("pardon.body is needed" in p for p in found)
    assert any("county_body is needed where counties have governments" in p for p in found)


def test_unverified_entries_name_a_fact_and_say_why(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["unverified"] = [
        {"fact": "jail", "why": ""},
        {"fact": "pardon", "why": "English only."},  # user-facing: both languages, always
        {"fact": "sheriff", "why": {"en": "Only English."}},
        {"fact": "prosecutor"},
    ]
    root, found = check(run, make_pack, with_gov(pack_files, gov))
    at = line_of(root, GOV, "fact: jail")
    assert f"{at}: unverified: 'jail' names no governance fact (did you mean 'jails'?)" in found
    assert sum("unverified.why: must be {en: ..., es: ...}" in p for p in found) == 2
    assert any("unverified.why: missing 'es' text" in p for p in found)
    assert any("unverified: say why no source settles it" in p for p in found)


def test_source_ids_are_prefixed_and_unique_across_the_pack(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["sources"].append(
        {"id": "src1", "title": "Again", "url": "https://example.org/x", "kind": "news"}
    )
    root, found = check(run, make_pack, with_gov(pack_files, gov))
    at = line_of(root, GOV, "id: src1")
    assert f"{at}: source 'src1': ids of new sources start with 'gov-ca-'" in found
    assert f"{at}: duplicate source id 'src1' (first in sources.yaml)" in found


def test_cited_sources_must_exist(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["pardon"]["sources"] = ["gov-ca-cnst"]
    root, found = check(run, make_pack, with_gov(pack_files, gov))
    assert any(
        p.startswith(line_of(root, GOV, "sources:", 6))
        and "unknown source 'gov-ca-cnst' (did you mean 'gov-ca-const'?)" in p
        for p in found
    )


def test_title_templates_are_checked(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["sheriff"]["title"] = t("{{ countee }} Sheriff", "Sheriff {{ of_county")
    root, found = check(run, make_pack, with_gov(pack_files, gov))
    at = line_of(root, GOV, "countee")
    assert (
        f"{at}: title '{{{{ countee }}}} Sheriff' uses unknown value 'countee' "
        "(did you mean 'county'?)" in found
    )
    assert any("does not compile" in p for p in found)


def test_place_counties_must_be_census_names(run, make_pack, pack_files) -> None:
    gov = ca()
    gov["places"][0]["counties"] = ["San Fransisco County"]
    root, found = check(run, make_pack, with_gov(pack_files, gov))
    at = line_of(root, GOV, "San Fransisco County")
    assert (
        f"{at}: place: 'San Fransisco County' is not a Census county name in CA "
        "(did you mean 'San Francisco County'?)" in found
    )


def test_file_names_and_states(run, make_pack, pack_files) -> None:
    files = with_gov(pack_files)
    files["governance/XX.yaml"] = {"state": "XX"}
    gov = ca()
    gov["state"] = "NV"
    files[GOV] = gov
    root, found = check(run, make_pack, files)
    assert (
        "governance/XX.yaml:1: not a governance file; name it XX.yaml, XX a state in states.yaml"
        in found
    )
    assert (
        f"{line_of(root, GOV, 'state: NV')}: state: 'NV' does not match the file name (CA)" in found
    )


def test_every_state_needs_a_file_once_there_is_a_folder(run, make_pack, pack_files) -> None:
    files = with_gov(pack_files)
    files["states.yaml"]["states"]["NV"] = dict(files["states.yaml"]["states"]["CA"], laws=[])
    files["states.yaml"]["states"]["NV"]["name"] = t("Nevada", "Nevada")
    _, found = check(run, make_pack, files)
    assert found == [
        "governance/NV.yaml:1: missing file; with a governance/ folder every state in "
        "states.yaml needs one"
    ]


def test_expressions_on_gov_are_checked(run, make_pack, pack_files) -> None:
    files = with_gov(pack_files)
    sheriff = files["roles.yaml"]["roles"][0]
    sheriff["when"] = "gov.jail == 'sheriff' or gov.sheriff == 'jail_and_patro'"
    root, found = check(run, make_pack, files)
    at = line_of(root, "roles.yaml", "gov.jail ==")
    assert any(
        p.startswith(at) and "gov has no field 'jail' (did you mean 'jails'?)" in p for p in found
    )
    assert any(
        p.startswith(at) and "'jail_and_patro' is not a choice of 'gov.sheriff'" in p for p in found
    )
