"""The ICE data shipped in stages/ice/ against ICE's own spreadsheets in data/ice/.

The shipped files are checked with the standard library alone. The tests that read the
spreadsheets, or rebuild the data and compare it byte for byte, need the maintainer's
dependencies (openpyxl, zipcodes: both in the dev extra) and are skipped without them.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import us

from pipeline_cli.plan import jurisdiction


def counties(code: str) -> tuple[str, ...]:
    """The tool's Census list; for territories the tool does not cover (Guam, the Northern
    Mariana Islands), the `us` package's list it comes from."""
    if code in jurisdiction.states():
        return jurisdiction.counties(code)
    found = us.states.lookup(code)
    return tuple(c.name for c in found.counties) if found else ()


REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "stages" / "ice"
RAW = REPO / "data" / "ice"


@cache
def meta() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHIPPED / "meta.json").read_text(encoding="utf-8"))
    return data


@cache
def records(name: str) -> tuple[dict[str, str], ...]:
    data = json.loads((SHIPPED / f"{name}.json").read_text(encoding="utf-8"))
    return tuple(dict(zip(data["fields"], row, strict=True)) for row in data["rows"])


def _build_module() -> ModuleType:
    path = REPO / "tools" / "build_ice_data.py"
    spec = importlib.util.spec_from_file_location("build_ice_data", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# --- the shipped files alone ------------------------------------------------------------------


def test_meta_names_ice_its_pages_dates_and_source_files() -> None:
    data = meta()
    assert "ICE" in data["source"]
    for key, page in (
        ("agreements", "https://www.ice.gov/identify-and-arrest/287g"),
        ("facilities", "https://www.ice.gov/detain/detention-management"),
    ):
        part = data[key]
        assert part["page"] == page
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", part["as_of"])
        assert (RAW / part["file"]).is_file(), "the source file is kept in data/ice/"
        assert re.fullmatch(r"[0-9a-f]{64}", part["sha256"])
        assert part["rows"] == len(records(key))
    assert data["agreements"]["as_of"] == "2026-05-18"
    assert data["facilities"]["as_of"] == "2026-02-05"


def test_every_placed_record_names_a_census_county_of_its_state() -> None:
    fips_of: dict[str, dict[str, str]] = {}
    for name in ("agreements", "facilities"):
        for row in records(name):
            state = row["state"]
            if state not in fips_of:
                found = us.states.lookup(state)
                fips_of[state] = {c.name: c.fips for c in found.counties}
            names = row["county"].split(";") if row["county"] else []
            fips = row["county_fips"].split(";") if row["county_fips"] else []
            assert len(names) == len(fips), row
            for county, number in zip(names, fips, strict=True):
                assert county in counties(state), row
                assert fips_of[state][county] == number, row


def test_agreement_fields() -> None:
    models = set(meta()["agreements"]["models"])
    assert models == {"JEM", "WSO", "TFM"}
    for row in records("agreements"):
        assert row["model"] in models
        assert row["level"] in ("County", "Municipality", "State Agency")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["signed"]), row
        for link in (row["moa"], row["addendum"]):
            assert not link or link.lower().endswith(".pdf"), row
            assert "safelinks" not in link
        if row["level"] == "State Agency":
            assert not row["county_fips"], "a state agency's agreement is statewide"


def _county(state: str, county: str) -> list[dict[str, str]]:
    return [r for r in records("agreements") if r["state"] == state and county in r["county"]]


def test_known_agreements() -> None:
    autauga = _county("AL", "Autauga County")
    assert {r["model"] for r in autauga} == {"JEM", "WSO", "TFM"}
    jem = next(r for r in autauga if r["model"] == "JEM")
    assert jem["agency"] == "Autauga County Sheriff's Office"
    assert jem["signed"] == "2025-09-22"
    assert jem["moa"] == "287gMOA/AutaugaCoSheriffsOfficeAL_JEM_MOA_09222025.pdf"
    assert meta()["agreements"]["doclib"] == "https://www.ice.gov/doclib/"
    # A Florida city police department whose county ICE left as #N/A (fixes.csv).
    orlando = [r for r in _county("FL", "Orange County") if r["agency"].startswith("Orlando")]
    assert [r["level"] for r in orlando] == ["Municipality"]
    # A typo fixed in fixes.csv ("Frankin County").
    assert any("Franklin County Sheriff" in r["agency"] for r in _county("AL", "Franklin County"))
    # A regional jail authority placed in each of its member counties.
    rsw = next(r for r in records("agreements") if r["agency"].startswith("Rappahannock, Shen"))
    assert rsw["county"] == "Rappahannock County;Shenandoah County;Warren County"


def test_known_facilities() -> None:
    by_name = {r["name"]: r for r in records("facilities")}
    irwin = by_name["IRWIN COUNTY DETENTION CENTER"]  # its ZIP points to the next county
    assert (irwin["county"], irwin["county_fips"], irwin["type"]) == (
        "Irwin County", "13155", "USMS IGA",
    )  # fmt: skip
    assert by_name["ADAMS COUNTY CORRECTIONAL CENTER"]["field_office"] == "New Orleans"
    assert by_name["JTF CAMP SIX"]["county"] == ""  # Guantánamo Bay: in no county


def test_fixes_table_is_well_formed() -> None:
    import csv

    with (RAW / "fixes.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    keys = [(r["list"], r["state"], r["name"]) for r in rows]
    assert len(keys) == len(set(keys))
    for row in rows:
        assert row["list"] in ("287g", "facilities")
        assert row["note"], row
        for county in filter(None, row["county"].split(";")):
            assert county in counties(row["state"]), row


# --- against the spreadsheets (maintainer's dependencies) ------------------------------------


def _spreadsheet_rows() -> list[tuple[Any, ...]]:
    openpyxl = pytest.importorskip("openpyxl")
    path = RAW / meta()["agreements"]["file"]
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE")
    return [r for r in rows[1:] if r[0]]


def _state_code(name: str) -> str:
    found = us.states.lookup(" ".join(name.split()).title())
    assert found is not None, name
    return str(found.abbr)


def test_counts_per_model_agree_with_the_spreadsheet() -> None:
    rows = _spreadsheet_rows()
    labels = {v.lower(): k for k, v in meta()["agreements"]["models"].items()}
    expected = Counter(labels[" ".join(str(r[4]).split()).lower()] for r in rows)
    assert Counter(r["model"] for r in records("agreements")) == expected
    assert sum(expected.values()) == 1843
    assert expected == {"TFM": 1162, "WSO": 499, "JEM": 182}


def test_counts_per_state_agree_with_the_spreadsheet() -> None:
    rows = _spreadsheet_rows()
    expected = Counter(_state_code(str(r[0])) for r in rows)
    assert Counter(r["state"] for r in records("agreements")) == expected
    assert expected["TX"] == 387 and expected["FL"] == 348


def test_counts_per_state_and_model_agree_with_the_spreadsheet() -> None:
    rows = _spreadsheet_rows()
    labels = {v.lower(): k for k, v in meta()["agreements"]["models"].items()}
    expected = Counter(
        (_state_code(str(r[0])), labels[" ".join(str(r[4]).split()).lower()]) for r in rows
    )
    assert Counter((r["state"], r["model"]) for r in records("agreements")) == expected


def test_facility_count_agrees_with_the_spreadsheet() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(RAW / meta()["facilities"]["file"], read_only=True)
    rows = list(book["Facilities FY26"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Name") + 1
    named = [r for r in rows[start:] if r[0]]
    assert len(named) == len(records("facilities")) == 220
    assert Counter(r[6] for r in named) == Counter(r["type"] for r in records("facilities"))


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    pytest.importorskip("zipcodes")
    build = _build_module()
    build.build(
        RAW / meta()["agreements"]["file"],
        RAW / meta()["facilities"]["file"],
        tmp_path,
        agreements_as_of=meta()["agreements"]["as_of"],
        facilities_as_of_date=meta()["facilities"]["as_of"],
    )
    shipped = sorted(p.name for p in SHIPPED.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == shipped
    for name in shipped:
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_build_reports_what_it_cannot_place(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    pytest.importorskip("zipcodes")
    build = _build_module()
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("list,state,name,county,note\n", encoding="utf-8")
    report = build.build(
        RAW / meta()["agreements"]["file"],
        RAW / meta()["facilities"]["file"],
        tmp_path / "out",
        fixes_path=fixes,
    )
    text = "\n".join(report.lines)
    assert "287(g) not placed: AL | Franklin County Sheriff's Office | county 'Frankin County'" in (
        text
    )
    assert "287(g) not placed: FL | Orlando Police Department | county '#N/A'" in text
    assert "facilities not placed: GU | DEPARTMENT OF CORRECTIONS HAGATNA" in text
