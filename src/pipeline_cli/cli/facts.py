"""`pipeline facts STATE`: each county's 287(g) agreements and ICE jail contracts, from the
pack's copy of ICE's lists, as a table, CSV or JSON (for trainers choosing targets)."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from typing import Any

from rich.markup import escape
from rich.table import Table

from pipeline_cli.errors import PipelineError, UsageError
from pipeline_cli.pack.ice import Agreement, Facility, IceData
from pipeline_cli.pack.text import Text
from pipeline_cli.plan import ice, jurisdiction

L = {
    "county": Text("County", "Condado"),
    "agreements": Text("287(g) agreements", "Acuerdos 287(g)"),
    "jails": Text("ICE jail contracts", "Cárceles con contrato de ICE"),
    "none": Text("not on the list", "no figura en la lista"),
    "statewide": Text("State agencies (statewide)", "Agencias estatales (todo el estado)"),
}
CSV_FIELDS = (
    "state", "county", "county_fips", "on_287g_list", "county_level_models", "agreements",
    "contract_jails", "other_ice_facilities", "agreements_as_of", "facilities_as_of", "source",
)  # fmt: skip


def _agreement(a: Agreement) -> str:
    return f"{a.agency}: {a.model} {a.signed}"


def _grouped(agreements: list[Agreement]) -> list[str]:
    """One line per agency: "X Sheriff's Office: JEM 2025-09-22, TFM 2025-09-22"."""
    groups: dict[str, list[str]] = {}
    for a in agreements:
        groups.setdefault(a.agency, []).append(f"{a.model} {a.signed}")
    return [f"{agency}: {', '.join(models)}" for agency, models in groups.items()]


def _facility(f: Facility) -> str:
    return f"{f.name} ({f.type})"


def _rows(data: IceData, code: str) -> list[dict[str, Any]]:
    fips = jurisdiction.county_fips(code)
    rows = []
    for county in jurisdiction.counties(code):
        agreements = [a for a in data.agreements(code, county) if a.level != "State Agency"]
        here = data.facilities(code, county)
        rows.append(
            {
                "county": county,
                "county_fips": fips.get(county, ""),
                "agreements": agreements,
                "contract_jails": [f for f in here if f.is_contract],
                "other_facilities": [f for f in here if not f.is_contract],
            }
        )
    return rows


def _data(settings: Any, state: str) -> tuple[IceData, str]:
    code = jurisdiction.resolve_state(state)
    if code is None:
        close = jurisdiction.close_states(state)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"{state!r} is not a US state, DC or PR{hint}")
    data = settings.pack().ice
    if data is None:
        raise PipelineError(
            "this pack ships none of ICE's lists (no ice/ folder); use the built-in pack or "
            "copy its stages/ice/ folder into yours"
        )
    return data, code


def _today() -> dt.date:
    return dt.date.today()


def facts(settings: Any, state: str, fmt: str) -> None:
    data, code = _data(settings, state)
    rows = _rows(data, code)
    # A list more than six months old: in the JSON as `warnings`; on stderr for a table and
    # for CSV (which has no place for a comment line).
    today = Text("today", "hoy")
    stale = ice.stale(data.agreements_info, data.facilities_info, _today(), today)
    if fmt == "json":
        lang = settings.langs[0]  # --lang both: English, as `advise --json`
        _json(data, code, rows, [{"id": w.id, "text": w.text(lang)} for w in stale])
        return
    for lang in settings.langs:
        for w in stale:
            print(f"warning: {w.text(lang)}", file=sys.stderr)
    if fmt == "csv":
        _csv(data, code, rows)
    else:
        for lang in settings.langs:
            _table(settings.console(), data, code, rows, lang)


def _agreement_dict(a: Agreement) -> dict[str, str]:
    return {
        "agency": a.agency, "level": a.level, "model": a.model, "model_name": a.model_name,
        "signed": a.signed, "agreement_url": a.url, "addendum_url": a.addendum,
    }  # fmt: skip


def _facility_dict(f: Facility) -> dict[str, str]:
    return {"name": f.name, "city": f.city, "type": f.type, "field_office": f.field_office}


def _json(
    data: IceData, code: str, rows: list[dict[str, Any]], warnings: list[dict[str, str]]
) -> None:
    from pipeline_cli.cli.jsonout import print_json

    lists = {"agreements": data.agreements_info, "facilities": data.facilities_info}
    print_json(
        {
            "state": code,
            "source": data.source,
            "lists": {
                k: {"title": i.title, "as_of": i.as_of, "page": i.page} for k, i in lists.items()
            },
            "warnings": warnings,
            "statewide_agreements": [_agreement_dict(a) for a in data.statewide(code)],
            "counties": [
                {
                    "county": r["county"],
                    "county_fips": r["county_fips"],
                    "on_287g_list": bool(r["agreements"]),
                    "agreements": [_agreement_dict(a) for a in r["agreements"]],
                    "contract_jails": [_facility_dict(f) for f in r["contract_jails"]],
                    "other_ice_facilities": [_facility_dict(f) for f in r["other_facilities"]],
                }
                for r in rows
            ],
        }
    )


def _csv(data: IceData, code: str, rows: list[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        county_models = sorted({a.model for a in r["agreements"] if a.level == "County"})
        writer.writerow(
            {
                "state": code,
                "county": r["county"],
                "county_fips": r["county_fips"],
                "on_287g_list": "yes" if r["agreements"] else "no",
                "county_level_models": ";".join(county_models),
                "agreements": "; ".join(_grouped(r["agreements"])),
                "contract_jails": "; ".join(_facility(f) for f in r["contract_jails"]),
                "other_ice_facilities": "; ".join(_facility(f) for f in r["other_facilities"]),
                "agreements_as_of": data.agreements_info.as_of,
                "facilities_as_of": data.facilities_info.as_of,
                "source": data.source,
            }
        )


def _table(console: Any, data: IceData, code: str, rows: list[dict[str, Any]], lang: str) -> None:
    a, f = data.agreements_info, data.facilities_info
    title = (
        f"ICE's 287(g) list of {a.as_of} ({a.page}) and detention statistics of {f.as_of} "
        f"({f.page})"
        if lang == "en"
        else f"Lista 287(g) de ICE del {a.as_of} ({a.page}) y estadísticas de detención del "
        f"{f.as_of} ({f.page})"
    )
    table = Table(title=escape(title), show_lines=False)
    for key in ("county", "agreements", "jails"):
        table.add_column(L[key](lang))
    for r in rows:
        agreements = "\n".join(_grouped(r["agreements"])) or L["none"](lang)
        jails = "\n".join(_facility(x) for x in r["contract_jails"])
        table.add_row(
            escape(jurisdiction.county_in(r["county"], lang)), escape(agreements), escape(jails)
        )
    console.print(table)
    statewide = data.statewide(code)
    if statewide:
        console.print(f"[bold]{L['statewide'](lang)}[/]")
        for x in statewide:
            console.print(f"• {escape(_agreement(x))}")
    note = Text(
        "JEM = jail enforcement model, WSO = warrant service officer, TFM = task force model. "
        "A county not on a list is only not on it as of that date.",
        "JEM = modelo de cárcel, WSO = agentes de ejecución de órdenes, TFM = modelo de fuerza "
        "de tarea. Un condado que no figura en una lista solo no figura en ella a esa fecha.",
    )
    console.print(f"[dim]{escape(note(lang))}[/]")
