#!/usr/bin/env python3
"""Build the pack's ICE data (`stages/ice/`) from ICE's own spreadsheets.

Maintainers only: needs the `maint` extra (`pip install -e '.[maint]'`: openpyxl reads the
spreadsheets, zipcodes places facilities by ZIP). The tool itself never imports either.

    python tools/build_ice_data.py                      # the newest files in data/ice/
    python tools/build_ice_data.py --agreements ~/Downloads/participatingAgencies06012027am.xlsx

Inputs:
  - ICE's 287(g) "participating agencies" list (https://www.ice.gov/identify-and-arrest/287g):
    one row per agreement (STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT TYPE, SIGNED,
    MOA hyperlink, ADDENDUM hyperlink);
  - ICE's detention statistics workbook (https://www.ice.gov/detain/detention-management),
    sheet "Facilities FY..": every facility that held someone on the day of the data pull.
  - data/ice/fixes.csv: where a row goes when ICE's county is missing or misspelled, or a
    facility's ZIP points to the wrong county; data/ice/field_offices.csv: ICE's AOR codes.

Outputs (sorted, byte-stable, so a rebuild from the same files changes nothing):
  - stages/ice/agreements.json: one row per agreement;
  - stages/ice/facilities.json: one row per facility;
  - stages/ice/meta.json: list names, as-of dates, ice.gov pages, source files' sha256.

The build prints every row it could not place in a county; add a line to fixes.csv for each
(an empty county there records a row that belongs to no county on purpose).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import sys
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "ice"
OUT = REPO / "stages" / "ice"

AGREEMENTS_PAGE = "https://www.ice.gov/identify-and-arrest/287g"
FACILITIES_PAGE = "https://www.ice.gov/detain/detention-management"
DOCLIB = "https://www.ice.gov/doclib/"  # links to signed agreements are shipped relative to it

MODELS = {
    "jail enforcement model": "JEM",
    "warrant service officer": "WSO",
    "task force model": "TFM",
}
MODEL_NAMES = {code: name.title() for name, code in MODELS.items()}
LEVELS = ("County", "Municipality", "State Agency")
STATEWIDE = "State Agency"  # a state agency's agreement covers the whole state, not its HQ county

AGREEMENT_FIELDS = (
    "state", "county_fips", "county", "agency", "level", "model", "signed", "moa", "addendum",
)  # fmt: skip
FACILITY_FIELDS = ("name", "city", "state", "county_fips", "county", "type", "field_office")

# ICE's county cell when it has none.
_NO_COUNTY = {"", "#n/a", "#na", "n/a", "na"}
# "<NAME> COUNTY ...", "<NAME> CO JAIL", "<NAME> PARISH ..." in a facility's name.
_COUNTY_IN_NAME = re.compile(r"^(.*?)\s+(?:COUNTY|CO\.?|PARISH)(?:\s|$)")


def clean(value: Any) -> str:
    """A cell as single-spaced text."""
    return " ".join(str(value).split()) if value is not None else ""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- places -----------------------------------------------------------------------------------


def _state_codes() -> dict[str, str]:
    """Upper-case state or territory name (and USPS code) -> USPS code."""
    import us

    found = (*us.STATES_AND_TERRITORIES, us.states.DC)
    table = {s.name.upper(): s.abbr for s in found}
    table.update({s.abbr: s.abbr for s in found})
    return table


def _county_fips(code: str) -> dict[str, str]:
    """Census county name -> 5-digit FIPS, for one state (the `us` package's list)."""
    import us

    state = us.states.lookup(code)
    return {c.name: c.fips for c in (state.counties or ())} if state else {}


@dataclass
class Places:
    """County lookups shared by both lists, with the tool's own matching rules."""

    fips: dict[str, dict[str, str]] = field(default_factory=dict)

    def county_fips(self, code: str, name: str) -> str | None:
        if code not in self.fips:
            self.fips[code] = _county_fips(code)
        return self.fips[code].get(name)

    def resolve(self, code: str, text: str) -> str | None:
        """The Census county name for ICE's county text, matched as the tool matches users'."""
        from pipeline_cli.plan.jurisdiction import resolve_county

        if clean(text).lower() in _NO_COUNTY:
            return None
        return resolve_county(code, clean(text))

    def place(self, code: str, names: Iterable[str]) -> tuple[str, str]:
        """(FIPS codes, county names), each joined by ';', checked against the Census list."""
        fips = []
        for name in names:
            number = self.county_fips(code, name)
            if number is None:
                raise SystemExit(f"fixes.csv: {name!r} is not a county of {code}")
            fips.append(number)
        return ";".join(fips), ";".join(names)


# --- fixes ------------------------------------------------------------------------------------


@dataclass
class Fixes:
    """data/ice/fixes.csv: (list, state, name) -> counties ('' = no county, on purpose)."""

    rows: dict[tuple[str, str, str], tuple[str, ...]]
    used: set[tuple[str, str, str]] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path) -> Fixes:
        rows: dict[tuple[str, str, str], tuple[str, ...]] = {}
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = (row["list"], row["state"], clean(row["name"]))
                if key in rows:
                    raise SystemExit(f"{path.name}: {key} appears twice")
                rows[key] = tuple(c.strip() for c in row["county"].split(";") if c.strip())
        return cls(rows)

    def get(self, kind: str, code: str, name: str) -> tuple[str, ...] | None:
        key = (kind, code, name)
        if key in self.rows:
            self.used.add(key)
            return self.rows[key]
        return None

    def unused(self) -> list[tuple[str, str, str]]:
        return sorted(set(self.rows) - self.used)


# --- reading the workbooks --------------------------------------------------------------------


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = clean(value)
    for form in ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y", "%m.%d.%Y"):
        try:
            return dt.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            pass
    return text


def _link(cell: Any) -> str:
    """A cell's hyperlink target, with Outlook's "safelinks" wrapper removed."""
    target = cell.hyperlink.target if cell.hyperlink is not None else None
    if not target:
        text = clean(cell.value)
        return text if text.startswith("http") else ""
    url = str(target).strip()
    parsed = urllib.parse.urlparse(url)
    if parsed.netloc.endswith("safelinks.protection.outlook.com"):
        wrapped = urllib.parse.parse_qs(parsed.query).get("url")
        if wrapped:
            url = wrapped[0]
    # ICE's own typos in a few links ("https:/www.ice.gov", "http://")
    url = re.sub(r"^https?:/+www\.ice\.gov/", "https://www.ice.gov/", url)
    # Most links sit under one folder: ship the part after it (meta.json's "doclib").
    return url.removeprefix(DOCLIB)


def _header_index(row: Iterable[Any], wanted: Iterable[str]) -> dict[str, int]:
    names = [clean(v).upper() for v in row]
    index = {}
    for name in wanted:
        if name not in names:
            raise SystemExit(f"column {name!r} not found (header: {names})")
        index[name] = names.index(name)
    return index


def as_of_from_name(path: Path) -> str | None:
    """2026-05-18 from 'participatingAgencies05182026am.xlsx'."""
    found = re.search(r"(\d{2})(\d{2})(\d{4})", path.stem)
    if not found:
        return None
    month, day, year = found.groups()
    return f"{year}-{month}-{day}"


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.lines.append(text)


def read_agreements(
    path: Path, places: Places, fixes: Fixes, report: Report
) -> list[dict[str, str]]:
    import openpyxl

    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = sheet.iter_rows()
    columns = ("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED")
    index = _header_index((c.value for c in next(rows)), (*columns, "MOA", "ADDENDUM"))
    states = _state_codes()
    out = []
    for cells in rows:
        state_name = clean(cells[index["STATE"]].value)
        if not state_name:
            continue
        code = states.get(state_name.upper())
        if code is None:
            raise SystemExit(f"{path.name}: unknown state {state_name!r}")
        agency = clean(cells[index["LAW ENFORCEMENT AGENCY"]].value)
        level = clean(cells[index["TYPE"]].value)
        if level not in LEVELS:
            report.add(f"287(g): unknown TYPE {level!r} ({agency}, {code})")
        label = clean(cells[index["SUPPORT TYPE"]].value)
        model = MODELS.get(label.lower())
        if model is None:
            raise SystemExit(f"{path.name}: unknown SUPPORT TYPE {label!r}; add it to MODELS")
        ice_county = clean(cells[index["COUNTY"]].value)
        fixed = fixes.get("287g", code, agency)
        if fixed is not None:
            names: tuple[str, ...] = fixed
            if not fixed:
                report.add(f"287(g) in no county (fixes.csv): {code} | {agency}")
        elif level == STATEWIDE:
            names = ()
        else:
            hit = places.resolve(code, ice_county)
            names = (hit,) if hit else ()
            if not hit:
                report.add(f"287(g) not placed: {code} | {agency} | county {ice_county!r}")
        fips, county = places.place(code, names)
        out.append({
            "state": code,
            "county_fips": fips,
            "county": county,
            "agency": agency,
            "level": level,
            "model": model,
            "signed": _date(cells[index["SIGNED"]].value),
            "moa": _link(cells[index["MOA"]]),
            "addendum": _link(cells[index["ADDENDUM"]]),
        })  # fmt: skip
    out.sort(key=lambda r: (r["state"], r["county"], r["agency"], r["model"], r["signed"]))
    return out


def _facility_sheet(workbook: Any) -> Any:
    for name in workbook.sheetnames:
        if name.strip().lower().startswith("facilities"):
            return workbook[name]
    raise SystemExit(f"no 'Facilities' sheet (sheets: {workbook.sheetnames})")


def _rows_after_header(rows: Iterator[tuple[Any, ...]], first: str) -> tuple[Any, ...]:
    for row in rows:
        if clean(row[0]).upper() == first.upper():
            return row
    raise SystemExit(f"no header row starting with {first!r}")


def facilities_as_of(path: Path) -> str | None:
    """The data pull date ICE prints above the table ('... (IIDS), 02/05/2026')."""
    import openpyxl

    sheet = _facility_sheet(openpyxl.load_workbook(path, read_only=True))
    for row in sheet.iter_rows(max_row=12, values_only=True):
        found = re.search(r"Data Source:.*?(\d{1,2})/(\d{1,2})/(\d{4})", clean(row[0]))
        if found:
            month, day, year = (int(x) for x in found.groups())
            return dt.date(year, month, day).isoformat()
    return None


def _by_name(code: str, name: str, places: Places) -> str | None:
    """'IRWIN COUNTY DETENTION CENTER' -> 'Irwin County' when Irwin County is in the state."""
    found = _COUNTY_IN_NAME.match(name)
    if not found:
        return None
    words = found.group(1).split()
    for start in range(len(words)):  # the longest run of words before COUNTY that is a county
        hit = places.resolve(code, " ".join(words[start:]).title())
        if hit:
            return hit
    return None


def _by_zip(code: str, zip_code: str, city: str, places: Places) -> str | None:
    import zipcodes

    try:
        found = zipcodes.matching(zip_code.zfill(5)) if zip_code else []
    except (TypeError, ValueError):
        found = []
    found = [z for z in found if z["state"] == code]
    if not found and city:
        found = zipcodes.filter_by(city=city.title(), state=code)
    counties = {places.resolve(code, z["county"]) for z in found if z["county"]}
    counties.discard(None)
    return counties.pop() if len(counties) == 1 else None


def read_facilities(
    path: Path, places: Places, fixes: Fixes, report: Report, offices: dict[str, str]
) -> list[dict[str, str]]:
    import openpyxl

    rows = _facility_sheet(openpyxl.load_workbook(path, read_only=True)).iter_rows(values_only=True)
    header = _rows_after_header(rows, "Name")
    index = _header_index(header, ("NAME", "CITY", "STATE", "ZIP", "AOR", "TYPE DETAILED"))
    out = []
    for row in rows:
        name = clean(row[index["NAME"]])
        if not name:
            continue
        code = clean(row[index["STATE"]]).upper()
        city = clean(row[index["CITY"]])
        aor = clean(row[index["AOR"]]).upper()
        if aor not in offices:
            report.add(
                f"facilities: unknown field office code {aor!r} ({name}); see field_offices.csv"
            )
        fixed = fixes.get("facilities", code, name)
        if fixed is not None:
            names: tuple[str, ...] = fixed
            if not fixed:
                report.add(f"facilities in no county (fixes.csv): {code} | {name}")
        else:
            by_name = _by_name(code, name, places)
            by_zip = _by_zip(code, clean(row[index["ZIP"]]), city, places)
            if by_name and by_zip and by_name != by_zip:
                report.add(f"facilities: {name} ({code}) placed by its name in {by_name}; "
                           f"its ZIP points to {by_zip}")  # fmt: skip
            hit = by_name or by_zip
            names = (hit,) if hit else ()
            if not hit:
                report.add(f"facilities not placed: {code} | {name} | {city}")
        fips, county = places.place(code, names)
        out.append({
            "name": name,
            "city": city.title(),
            "state": code,
            "county_fips": fips,
            "county": county,
            "type": clean(row[index["TYPE DETAILED"]]),
            "field_office": offices.get(aor, aor),
        })  # fmt: skip
    out.sort(key=lambda r: (r["state"], r["county"], r["name"]))
    return out


# --- writing ----------------------------------------------------------------------------------


def write_rows(path: Path, fields: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Compact JSON (the fastest to load with the standard library), one record a line so that
    a rebuild's diff shows each agreement added or dropped."""
    dump = json.dumps
    lines = [
        dump([row[f] for f in fields], ensure_ascii=False, separators=(",", ":")) for row in rows
    ]
    text = f'{{"fields":{dump(list(fields), separators=(",", ":"))},"rows":[\n'
    text += ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def newest(pattern: str) -> Path:
    """The file in data/ice/ matching `pattern` with the latest date in its name."""
    found = sorted(RAW.glob(pattern), key=lambda p: as_of_from_name(p) or "")
    if not found:
        raise SystemExit(f"no {pattern} in {RAW.relative_to(REPO)}/")
    return found[-1]


def read_offices(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["code"]: row["field_office"] for row in csv.DictReader(handle)}


def build(
    agreements: Path,
    facilities: Path,
    out: Path,
    *,
    agreements_as_of: str | None = None,
    facilities_as_of_date: str | None = None,
    fixes_path: Path = RAW / "fixes.csv",
    offices_path: Path = RAW / "field_offices.csv",
) -> Report:
    places, report = Places(), Report()
    fixes = Fixes.read(fixes_path)
    offices = read_offices(offices_path)
    list_date = agreements_as_of or as_of_from_name(agreements)
    pull_date = facilities_as_of_date or facilities_as_of(facilities)
    if not list_date or not pull_date:
        raise SystemExit(
            "as-of date not found in the file names; pass --as-of / --facilities-as-of"
        )
    agreement_rows = read_agreements(agreements, places, fixes, report)
    facility_rows = read_facilities(facilities, places, fixes, report, offices)
    for key in fixes.unused():
        report.add(f"fixes.csv: unused line {key} (fixed upstream, or a name changed?)")

    out.mkdir(parents=True, exist_ok=True)
    write_rows(out / "agreements.json", AGREEMENT_FIELDS, agreement_rows)
    write_rows(out / "facilities.json", FACILITY_FIELDS, facility_rows)
    meta = {
        "source": "U.S. Immigration and Customs Enforcement (ICE)",
        "agreements": {
            "title": "287(g) participating agencies",
            "as_of": list_date,
            "page": AGREEMENTS_PAGE,
            "file": agreements.name,
            "sha256": sha256(agreements),
            "rows": len(agreement_rows),
            "models": MODEL_NAMES,
            "doclib": DOCLIB,
        },
        "facilities": {
            "title": "Detention statistics: facilities that held people on the data pull",
            "as_of": pull_date,
            "page": FACILITIES_PAGE,
            "file": facilities.name,
            "sha256": sha256(facilities),
            "rows": len(facility_rows),
        },
    }
    text = json.dumps(meta, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    (out / "meta.json").write_text(text, encoding="utf-8")
    _summary(agreement_rows, facility_rows, report)
    return report


def _counts(pairs: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{key} {n}" for key, n in pairs)


def _summary(
    agreements: list[dict[str, str]], facilities: list[dict[str, str]], report: Report
) -> None:
    placed = [r for r in agreements if r["county_fips"]]
    counties = {f for r in placed for f in r["county_fips"].split(";")}
    county_level = {
        f for r in placed if r["level"] == "County" for f in r["county_fips"].split(";")
    }
    statewide = sum(1 for r in agreements if r["level"] == STATEWIDE)
    models = Counter(r["model"] for r in agreements)
    report.add(
        f"287(g): {len(agreements)} agreements ({_counts(sorted(models.items()))}); "
        f"{len(placed)} placed in {len(counties)} counties ({len(county_level)} through a "
        f"county-level agency); {statewide} state agencies (statewide)"
    )
    types = Counter(r["type"] for r in facilities)
    report.add(
        f"facilities: {len(facilities)} ({_counts(types.most_common())}); "
        f"{sum(1 for r in facilities if r['county_fips'])} placed in a county"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agreements", type=Path, help="ICE's 287(g) participating agencies .xlsx")
    parser.add_argument("--facilities", type=Path, help="ICE's detention statistics .xlsx")
    parser.add_argument("--as-of", help="the 287(g) list's date (YYYY-MM-DD), if not in its name")
    parser.add_argument("--facilities-as-of", help="the facilities' data pull date (YYYY-MM-DD)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default stages/ice)")
    args = parser.parse_args(argv)
    report = build(
        args.agreements or newest("participatingAgencies*.xlsx"),
        args.facilities or newest("*detentionStats*.xlsx"),
        args.out,
        agreements_as_of=args.as_of,
        facilities_as_of_date=args.facilities_as_of,
    )
    print("\n".join(report.lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
