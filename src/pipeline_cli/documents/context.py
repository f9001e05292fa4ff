"""What output templates see: plain dicts of strings built from a Plan, in one language.

Templates hold wording only; every fact (titles, asks, reasons, laws, sources) comes from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_cli.pack.records import Law, Pack
from pipeline_cli.plan.records import Plan, PlanDemand, PlanTarget, PlanTouchpoint

# Bodies that pass ordinances, resolutions or bills get a draft policy text.
LEGISLATING = ("city_council", "county_board", "state_legislature")
# Bodies (rather than one official) are greeted as a group in letters.
BODIES = (*LEGISLATING, "police_commission", "pardon_board")
# Which demands come first when a script must be short: open handoffs, then the rest.
_PRIORITY = {"open": 0, "": 1, "unknown": 1, "required_by_state": 2, "closed": 3}
SIGN_KEYS = ("org_name", "org_contact", "signer")


def _touchpoints(plan: Plan) -> dict[str, PlanTouchpoint]:
    return {pt.touchpoint.id: pt for ps in plan.stages for pt in ps.touchpoints}


def _demands(plan: Plan) -> dict[str, PlanDemand]:
    return {pd.demand.id: pd for ps in plan.stages for pd in ps.demands}


def pack_doc(pack: Pack, lang: str) -> dict[str, str]:
    """What the stamp on every output says about the pack."""
    return {
        "name": pack.name,
        "version": pack.version,
        "as_of": pack.as_of.isoformat(),
        "title": pack.title(lang),
        "disclaimer": pack.disclaimer(lang),
    }


def date_doc(d: dt.date) -> dict[str, Any]:
    """A date as templates take it (the `longdate` macro spells it out per language)."""
    return {"iso": d.isoformat(), "day": d.day, "month": d.month, "year": d.year}


def base(plan: Plan, lang: str) -> dict[str, Any]:
    """Names every template may use: the place, the pack, the date and the disclaimer."""
    j = plan.jurisdiction
    county = j.county_es if lang == "es" and j.county_es else j.county
    d = plan.created
    return {
        "lang": lang,
        "place": {
            "state": j.state.name(lang),
            "state_code": j.state.code,
            "county": county,
            "city": j.city,
            "name": j.city or county,
        },
        "pack": pack_doc(plan.pack, lang),
        "date": date_doc(d),
        "signer": {k: j.answers.get(k, "").strip() for k in SIGN_KEYS},
    }


def _law(law: Law, lang: str) -> str:
    return f"{law.name(lang)} ({law.citation})" if law.citation else law.name(lang)


def _priority(pd: PlanDemand, tps: dict[str, PlanTouchpoint]) -> int:
    statuses = [tps[t].status for t in pd.demand.closes if t in tps] or [""]
    return min(_PRIORITY.get(s, 1) for s in statuses)


def target_doc(plan: Plan, target: PlanTarget, lang: str) -> dict[str, Any]:
    """Context for a target's letter, scripts and ordinance; demands most urgent first."""
    tps, pds = _touchpoints(plan), _demands(plan)
    owned = [pds[d] for d in target.demands if d in pds]
    owned.sort(key=lambda pd: _priority(pd, tps))
    sources: dict[str, dict[str, Any]] = {}

    def cite(ids: tuple[str, ...]) -> list[int]:
        for sid in ids:
            src = plan.pack.sources.get(sid)
            if src is not None and sid not in sources:
                sources[sid] = {"n": len(sources) + 1, "title": src.title, "url": src.url}
        return [sources[s]["n"] for s in ids if s in sources]

    demands = []
    for pd in owned:
        d = pd.demand
        closes = [
            {
                "title": tps[t].touchpoint.title(lang),
                "status": tps[t].status,
                "why": tps[t].why(lang),
            }
            for t in d.closes
            if t in tps
        ]
        laws = [_law(law, lang) for t in d.closes if t in tps for law in tps[t].laws]
        demands.append(
            {
                "id": d.id,
                "title": d.title(lang),
                "ask": d.ask(lang),
                "why": d.why(lang),
                "closes": closes,
                "laws": list(dict.fromkeys(laws)),
                "preempted": [_law(law, lang) for law in pd.preempted],
                "unverified": d.unverified,
                "refs": cite(d.sources),
            }
        )
    role = target.role
    ctx = base(plan, lang)
    ctx.update(
        target={
            "role": role.id,
            "title": target.title(lang),
            "name": role.name(lang),
            "level": role.level,
            "controls": role.controls(lang),
            "how_to_reach": role.how_to_reach(lang),
            "is_body": role.id in BODIES,
            "legislates": role.id in LEGISLATING,
        },
        demands=demands,
        sources=list(sources.values()),
        clauses=_clauses(plan, owned, lang),
        directions=[
            d["ask"] for pd, d in zip(owned, demands, strict=True) if not pd.demand.clauses
        ],
    )
    return ctx


def _clauses(plan: Plan, owned: list[PlanDemand], lang: str) -> list[dict[str, Any]]:
    """Model-policy clauses the target's demands reference, each once, in demand order."""
    seen: dict[str, dict[str, Any]] = {}
    for pd in owned:
        for cid in pd.demand.clauses:
            clause = plan.pack.clauses.get(cid)
            if clause is not None and cid not in seen:
                seen[cid] = {
                    "id": cid,
                    "title": clause.title(lang),
                    "text": clause.text(lang),
                    "status": clause.status,
                    "unverified": clause.unverified or clause.status == "reconstructed",
                }
    return list(seen.values())


def plan_doc(plan: Plan, lang: str) -> dict[str, Any]:
    """Context for plan.md: every stage, handoff, demand and target of the plan."""
    titles = {t.role.id: t.title(lang) for t in plan.targets}
    ctx = base(plan, lang)
    ctx.update(
        stages=[
            {
                "title": ps.stage.title(lang),
                "summary": ps.stage.summary(lang),
                "touchpoints": [
                    {
                        "title": pt.touchpoint.title(lang),
                        "status": pt.status,
                        "why": pt.why(lang),
                        "laws": [_law(law, lang) for law in pt.laws],
                    }
                    for pt in ps.touchpoints
                ],
                "demands": [
                    {
                        "title": pd.demand.title(lang),
                        "ask": pd.demand.ask(lang),
                        "organizing": pd.demand.notes_for_organizers(lang),
                        "targets": [titles.get(r, r) for r in pd.targets],
                    }
                    for pd in ps.demands
                ],
            }
            for ps in plan.stages
        ],
        targets=[
            {
                "role": t.role.id,
                "title": t.title(lang),
                "how_to_reach": t.role.how_to_reach(lang),
                "demands": [
                    pd.demand.title(lang) for d in t.demands if (pd := _demands(plan).get(d))
                ],
            }
            for t in plan.targets
        ],
        warnings=[w.text(lang) for w in plan.warnings],
        sources=[{"title": s.title, "url": s.url} for s in plan.sources],
        start_here=_start_here(plan, lang, titles),
    )
    return ctx


def _start_here(plan: Plan, lang: str, titles: dict[str, str]) -> list[dict[str, str]]:
    from pipeline_cli.plan.priorities import start_here

    return [
        {
            "handoff": i.handoff.touchpoint.title(lang),
            "status": i.handoff.status,
            "demand": i.demand.demand.title(lang),
            "target": titles.get(i.target, i.target),
            "reason": i.reason(lang),
        }
        for i in start_here(plan)
    ]
