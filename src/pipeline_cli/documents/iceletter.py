"""What a letter says from ICE's 287(g) list: the agreements of the agency it is written to.

The sheriff and the county board read the county agencies' agreements; a police chief reads
those of a city agency named for the plan's city. Each carries its model, its signing date and
the link to the signed agreement, with the list's date and ice.gov page. Nothing is said when
the organizer answered that there is no agreement (their answer wins), or when the list shows
none for that agency (absence from the list proves nothing, and a letter is no place to guess).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_cli.pack.ice import Agreement
from pipeline_cli.plan.ice_text import model
from pipeline_cli.plan.records import Plan

COUNTY_ROLES = ("sheriff", "county_board")
CITY_ROLES = ("police_chief",)
LEVEL_COUNTY, LEVEL_CITY = "County", "Municipality"  # ICE's TYPE column


def _date(iso: str) -> dict[str, Any]:
    """As documents/context.date_doc: what the `longdate` macro takes."""
    d = dt.date.fromisoformat(iso)
    return {"iso": d.isoformat(), "day": d.day, "month": d.month, "year": d.year}


def _theirs(plan: Plan, role: str) -> list[Agreement]:
    facts = plan.ice
    if facts is None or plan.jurisdiction.answers.get("has_287g") == "no":
        return []
    if role in COUNTY_ROLES:
        return [a for a in facts.agreements if a.level == LEVEL_COUNTY]
    city = plan.jurisdiction.city.strip().lower()
    if role in CITY_ROLES and city:
        return [a for a in facts.agreements if a.level == LEVEL_CITY and city in a.agency.lower()]
    return []


def ice_doc(plan: Plan, role: str, lang: str) -> dict[str, Any] | None:
    """The `ice` a letter template sees, or None when the letter says nothing of the list."""
    found = _theirs(plan, role)
    if plan.ice is None or not found:
        return None
    info = plan.ice.agreements_info
    return {
        "source": plan.ice.source,
        "title": info.title,
        "as_of": _date(info.as_of),
        "page": info.page,
        "agreements": [
            {
                "agency": a.agency,
                "model": model(a, lang),
                "signed": _date(a.signed),
                "url": a.url,
                "addendum": a.addendum,
            }
            for a in found
        ],
    }
