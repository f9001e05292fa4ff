"""Federal judicial districts by county (28 U.S.C. chapter 5) and the U.S. Attorney's title.

Every county of a multi-district state falls in exactly one district, so a county the file
leaves out fails here; the U.S. Attorney a plan and its letters name is the one for that
district, in English and Spanish.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import default_pack_dir, inspect_pack, load_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import jurisdiction
from pipeline_cli.plan.build import build_plan

DAY = dt.date(2026, 12, 1)
FILE = "federal_districts.yaml"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_every_state_dc_and_pr_cites_its_section(pack: Pack) -> None:
    assert set(pack.districts) == set(jurisdiction.states())
    for code, table in pack.districts.items():
        assert table.sources, code
        for ident in table.sources:
            source = pack.sources[ident]
            assert source.kind == "statute" and source.url.startswith("https://uscode.house.gov")


def test_every_county_of_a_multi_district_state_is_in_exactly_one_district(pack: Pack) -> None:
    several = {code: t for code, t in pack.districts.items() if t.parts}
    assert len(several) == 24  # the other 26 states, DC and PR are one district each
    for code, table in several.items():
        counties = jurisdiction.counties(code)
        assert set(table.parts) == set(counties), code
        assert len(set(table.parts.values())) >= 2, code


@pytest.mark.parametrize(
    ("state", "county", "en", "es"),
    [
        ("TX", "Harris County", "Southern District of Texas", "Distrito Sur de Texas"),
        ("TX", "Dallas County", "Northern District of Texas", "Distrito Norte de Texas"),
        ("TX", "Bexar County", "Western District of Texas", "Distrito Oeste de Texas"),
        ("CA", "Los Angeles County", "Central District of California",
         "Distrito Central de California"),
        ("CT", "Hartford County", "District of Connecticut", "Distrito de Connecticut"),
        ("VA", "Richmond city", "Eastern District of Virginia", "Distrito Este de Virginia"),
        ("VA", "Richmond County", "Eastern District of Virginia", "Distrito Este de Virginia"),
        ("VA", "Roanoke city", "Western District of Virginia", "Distrito Oeste de Virginia"),
        ("LA", "Orleans Parish", "Eastern District of Louisiana", "Distrito Este de Luisiana"),
        ("LA", "East Baton Rouge Parish", "Middle District of Louisiana",
         "Distrito Medio de Luisiana"),
        ("MO", "St. Louis city", "Eastern District of Missouri", "Distrito Este de Misuri"),
        ("PR", "San Juan Municipio", "District of Puerto Rico", "Distrito de Puerto Rico"),
    ],
)  # fmt: skip
def test_the_us_attorney_is_named_by_district(
    pack: Pack, state: str, county: str, en: str, es: str
) -> None:
    plan = build_plan(pack, {"state": state, "county": county}, DAY)
    (target,) = [t for t in plan.targets if t.role.id == "us_attorney"]
    assert target.title.en == f"United States Attorney for the {en}"
    assert target.title.es == f"Fiscal Federal (U.S. Attorney) para el {es}"
    cited = {s.id for s in plan.sources}
    assert set(pack.districts[state].sources) <= cited


def test_dc_keeps_its_own_us_attorney_title(pack: Pack) -> None:
    plan = build_plan(pack, {"state": "DC", "county": "District of Columbia"}, DAY)
    (target,) = [t for t in plan.targets if t.role.id == "us_attorney"]
    assert target.title.en == "United States Attorney for the District of Columbia"


@pytest.mark.parametrize(
    ("place", "en", "es"),
    [
        ({"state": "TX", "county": "Harris County"}, "Southern District of Texas",
         "Distrito Sur de Texas"),
        ({"state": "CA", "county": "Los Angeles County", "city": "Pasadena"},
         "Central District of California", "Distrito Central de California"),
        ({"state": "CT", "county": "Hartford County"}, "District of Connecticut",
         "Distrito de Connecticut"),
    ],
)  # fmt: skip
def test_letters_to_the_us_attorney_name_the_district(
    pack: Pack, place: dict[str, str], en: str, es: str
) -> None:
    plan = build_plan(pack, place, DAY)
    (target,) = [t for t in plan.targets if t.role.id == "us_attorney"]
    renderer = Renderer(pack)
    for lang, name in (("en", en), ("es", es)):
        text = renderer.document("letter", lang, docdata.target_doc(plan, target, lang))
        assert name in text, lang
        assert "federal district covering" not in text and "distrito federal corresp" not in text


def test_without_a_known_district_the_generic_title_stays(pack: Pack) -> None:
    from pipeline_cli.plan.build import titled
    from pipeline_cli.plan.records import Jurisdiction

    facts = pack.states["TX"]
    j = Jurisdiction(facts, "Harris County", "Condado de Harris", "", {}, None, None)
    title, _ = titled(pack.roles["us_attorney"], lambda _: True, facts, j)
    assert title.en == "U.S. Attorney for the federal district covering Harris County"


def _broken(tmp_path: Path, edits: list[tuple[str, str]]) -> tuple[Path, list[str]]:
    root = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), root, ignore=shutil.ignore_patterns("__pycache__"))
    path = root / FILE
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return root, inspect_pack(root)[1]


def _line(root: Path, needle: str) -> int:
    lines = (root / FILE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_problems_name_the_file_line_and_key(tmp_path: Path) -> None:
    root, found = _broken(
        tmp_path,
        [
            ("southern: [Brazoria, Chambers,", "southern: [Brazoria, Chambrs,"),
            ("western: [Bastrop,", "western: [Bastrop, Harris,"),
            ("Alexandria city, Chesapeake city,", "Alexandria city, Chesapeake,"),
            ("Fairfax County, Fauquier,", "Fairfax, Fauquier,"),
            ("      southern: [Imperial, San Diego]", "      southerly: [Imperial, San Diego]"),
            ("    sources: [usc-28-86]", "    sources: [usc-28-86x]"),
        ],
    )
    tx_south, tx_west = _line(root, "Chambrs"), _line(root, "western: [Bastrop, Harris")
    assert (
        f"{FILE}:{tx_south}: state TX.districts.southern: 'Chambrs' is no Census county of TX "
        "(did you mean 'Chambers County'?)"
    ) in found
    assert any(p.startswith(f"{FILE}:{tx_west}: state TX.districts.western: Harris County is "
                            "already listed at line") for p in found)  # fmt: skip
    assert any(p.startswith(f"{FILE}:") and "state TX.districts: in no district: Chambers County"
               in p for p in found)  # fmt: skip
    # A short name that fits one Census county is enough ("Chesapeake" is Chesapeake city).
    assert not any("Chesapeake" in p for p in found)
    assert any(p.startswith(f"{FILE}:{_line(root, 'Fairfax, Fauquier')}: ") and
               "'Fairfax' may mean Fairfax County or Fairfax city" in p for p in found)  # fmt: skip
    assert (
        f"{FILE}:{_line(root, 'southerly:')}: state CA.districts: 'southerly' is not one of "
        "northern, southern, eastern, western, central, middle"
    ) in found
    assert any(p.startswith(f"{FILE}:{_line(root, 'usc-28-86x')}: unknown source 'usc-28-86x'")
               for p in found)  # fmt: skip
    assert all(p.count("\n") == 0 for p in found)
