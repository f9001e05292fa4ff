"""A plan as plain JSON-ready data (the contract keys of design.md, plus a few documented extras).

Extras beyond the contract: jurisdiction.state_name, .county_local (the county in the output
language) and .answers (every answer key, defaults filled); pack.title; touchpoints' laws (ids
of the state laws behind the status); demands' ask, why and preempted_by (law ids); targets'
name (a generic name for what the target is: the role's, or the office it holds there, e.g.
the corrections department that runs the jail); created (date); disclaimer; ice (what ICE's
own lists say about the county: each list's source, date and page, the agreements with their
PDF links, the facilities, the answers taken from the lists, and the same sentences the plan
prints; null when the pack ships no ICE data);
start_here (the three to five open handoffs to work on first: touchpoint, status, stage,
demand, target role and title, reason).
"""

from __future__ import annotations

from typing import Any

from pipeline_cli.pack.ice import Agreement, Facility, ListInfo
from pipeline_cli.plan.ice_facts import IceFacts
from pipeline_cli.plan.priorities import start_here
from pipeline_cli.plan.records import Plan, PlanDemand, PlanTouchpoint


def _touchpoint(p: PlanTouchpoint, lang: str) -> dict[str, Any]:
    return {
        "id": p.touchpoint.id,
        "title": p.touchpoint.title(lang),
        "status": p.status,
        "why": p.why(lang),
        "laws": [law.id for law in p.laws],
    }


def _demand(d: PlanDemand, lang: str) -> dict[str, Any]:
    return {
        "id": d.demand.id,
        "title": d.demand.title(lang),
        "ask": d.demand.ask(lang),
        "why": d.demand.why(lang),
        "organizing": d.demand.notes_for_organizers(lang),
        "targets": list(d.targets),
        "closes": list(d.demand.closes),
        "preempted_by": [law.id for law in d.preempted],
    }


def plan_to_dict(plan: Plan, lang: str) -> dict[str, Any]:
    """The plan in one language ("both" means English: JSON is for scripts)."""
    lang = "es" if lang == "es" else "en"
    j = plan.jurisdiction
    return {
        "jurisdiction": {
            "state": j.state.code,
            "county": j.county,
            "city": j.city,
            "state_name": j.state.name(lang),
            "county_local": j.county_es if lang == "es" else j.county,
            "answers": dict(j.answers),
        },
        "pack": {
            "name": plan.pack.name,
            "version": plan.pack.version,
            "as_of": plan.pack.as_of.isoformat(),
            "title": plan.pack.title(lang),
        },
        "stages": [
            {
                "id": ps.stage.id,
                "title": ps.stage.title(lang),
                "touchpoints": [_touchpoint(p, lang) for p in ps.touchpoints],
                "demands": [_demand(d, lang) for d in ps.demands],
            }
            for ps in plan.stages
        ],
        "targets": [
            {
                "role": t.role.id,
                "title": t.title(lang),
                "name": t.name(lang),
                "level": t.role.level,
                "demands": list(t.demands),
                "how_to_reach": t.role.how_to_reach(lang),
            }
            for t in plan.targets
        ],
        "ice": ice_dict(plan.ice, lang) if plan.ice is not None else None,
        "warnings": [{"id": w.id, "text": w.text(lang)} for w in plan.warnings],
        "sources": [{"id": s.id, "title": s.title, "url": s.url} for s in plan.sources],
        "start_here": _start_here(plan, lang),
        "created": plan.created.isoformat(),
        "disclaimer": plan.pack.disclaimer(lang),
    }


def _list(info: ListInfo) -> dict[str, str]:
    return {"title": info.title, "as_of": info.as_of, "page": info.page}


def ice_dict(ice: IceFacts, lang: str) -> dict[str, Any]:
    """What ICE's lists say about the county, as data, with the sentences the plan shows."""
    return {
        "source": ice.source,
        "agreements_list": _list(ice.agreements_info),
        "facilities_list": _list(ice.facilities_info),
        "on_287g_list": bool(ice.agreements),
        "agreements": [_agreement(a) for a in ice.agreements],
        "statewide_agreements": [_agreement(a) for a in ice.statewide],
        "contract_jails": [_facility(f) for f in ice.contract_jails],
        "other_facilities": [_facility(f) for f in ice.other_facilities],
        "answers_from_ice": dict(ice.filled),
        "summary": [line(lang) for line in ice.lines()],
    }


def _agreement(a: Agreement) -> dict[str, Any]:
    return {
        "agency": a.agency,
        "level": a.level,
        "model": a.model,
        "model_name": a.model_name,
        "signed": a.signed,
        "agreement_url": a.url,
        "addendum_url": a.addendum,
        "counties": list(a.counties),
    }


def _facility(f: Facility) -> dict[str, Any]:
    return {
        "name": f.name,
        "city": f.city,
        "type": f.type,
        "field_office": f.field_office,
        "counties": list(f.counties),
    }


def _start_here(plan: Plan, lang: str) -> list[dict[str, Any]]:
    titles = {t.role.id: t.title(lang) for t in plan.targets}
    return [
        {
            "touchpoint": i.handoff.touchpoint.id,
            "status": i.handoff.status,
            "stage": i.stage.stage.id,
            "demand": i.demand.demand.id,
            "target": i.target,
            "target_title": titles.get(i.target, i.target),
            "reason": i.reason(lang),
        }
        for i in start_here(plan)
    ]
