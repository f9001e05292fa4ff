"""What output templates see: plain dicts of strings built from a Plan, in one language.

Templates hold wording only; every fact (titles, asks, reasons, laws, sources) comes from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_cli.documents import asks, iceletter
from pipeline_cli.documents.asks import law_text as _law
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.jurisdiction import of_county
from pipeline_cli.plan.records import Plan, PlanDemand, PlanTarget, PlanTouchpoint

# Bodies that pass ordinances, resolutions or bills get a draft policy text.
LEGISLATING = ("city_council", "county_board", "state_legislature")
# Bodies (rather than one official) are greeted as a group in letters.
BODIES = (*LEGISLATING, "police_commission", "pardon_board")
# Which demands come first when a script must be short: open handoffs, then the rest.
_PRIORITY = {"open": 0, "": 1, "unknown": 1, "required_by_state": 2, "closed": 3}
SIGN_KEYS = ("org_name", "org_contact", "signer", "signer_role")
# Letters ask for a written reply this many days after the plan's date unless `reply_by` says.
REPLY_DAYS = 21


def _touchpoints(plan: Plan) -> dict[str, PlanTouchpoint]:
    return {pt.touchpoint.id: pt for ps in plan.stages for pt in ps.touchpoints}


def _demands(plan: Plan) -> dict[str, PlanDemand]:
    return {pd.demand.id: pd for ps in plan.stages for pd in ps.demands}


def pack_doc(pack: Pack, lang: str) -> dict[str, Any]:
    """What the stamp on every output says about the pack."""
    return {
        "name": pack.name,
        "version": pack.version,
        "as_of": pack.as_of.isoformat(),
        "as_of_date": date_doc(pack.as_of),
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
            # "de Pasadena" / "del Condado de Harris", "en Pasadena" / "en el Condado de Harris"
            "of_name": _of_place(j.city, j.county, lang),
            "in_name": _in_place(j.city, j.county, lang),
        },
        "pack": pack_doc(plan.pack, lang),
        "date": date_doc(d),
        "signer": {
            **{k: j.answers.get(k, "").strip() for k in SIGN_KEYS},
            "gender": j.answers.get("signer_gender", "") or "neutral",
        },
        "reply_by": date_doc(_reply_by(j.answers.get("reply_by", ""), d)),
    }


def _of_place(city: str, county: str, lang: str) -> str:
    if city or not county:
        return f"{'de' if lang == 'es' else 'of'} {city}"
    return of_county(county, lang)


def _in_place(city: str, county: str, lang: str) -> str:
    of = _of_place(city, county, lang)
    for o, i in (("de la ", "en la "), ("del ", "en el "), ("de ", "en "), ("of ", "in ")):
        if of.startswith(o):
            return i + of[len(o) :]
    return of


def _reply_by(answer: str, created: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(answer) if answer else created + dt.timedelta(REPLY_DAYS)
    except ValueError:
        return created + dt.timedelta(REPLY_DAYS)


def _priority(pd: PlanDemand, tps: dict[str, PlanTouchpoint]) -> int:
    statuses = [tps[t].status for t in pd.demand.closes if t in tps] or [""]
    return min(_PRIORITY.get(s, 1) for s in statuses)


def target_doc(plan: Plan, target: PlanTarget, lang: str) -> dict[str, Any]:
    """Context for a target's letter, scripts and ordinance; demands most urgent first."""
    tps, pds = _touchpoints(plan), _demands(plan)
    owned = [pds[d] for d in target.demands if d in pds]
    owned.sort(key=lambda pd: _priority(pd, tps))
    sources: dict[str, dict[str, Any]] = {}
    usable = {s.id: s for s in plan.sources}  # the plan's sources: none about another state

    def cite(ids: tuple[str, ...]) -> list[int]:
        for sid in ids:
            src = usable.get(sid)
            # letters cite only what an official's lawyer accepts (statute, court, ...)
            if src is not None and src.for_letters and sid not in sources:
                sources[sid] = {"n": len(sources) + 1, "title": src.title, "url": src.url}
        return [sources[s]["n"] for s in ids if s in sources]

    owned, folded = asks.letter_demands(owned, tps)
    demands = []
    shown: set[str] = set()  # a law is named once per letter, at the first step it bears on
    for pd in owned:
        d = pd.demand
        also = [o.demand.sources for o in folded.get(d.id, [])]
        found = [law for t in d.closes if t in tps for law in tps[t].laws]
        laws = [_law(law, lang, plan.created) for law in found if law.effect == "limits"]
        weigh = [_law(law, lang, plan.created) for law in found if law.effect != "limits"]
        demands.append(
            {
                "id": d.id,
                "title": d.title(lang),
                "ask": d.ask_for(target.role.id)(lang),
                # An unverified reason stays in the plan for organizers to check; a letter to
                # an official carries only the ask.
                "why": "" if d.unverified else d.why_for(target.role.id)(lang),
                "laws": [x for x in dict.fromkeys(laws) if x not in shown],
                "weigh": [w for w in dict.fromkeys(weigh) if w not in laws],
                "preempted": [_law(x, lang, plan.created) for x in pd.preempted],
                "refs": cite(tuple(dict.fromkeys(d.sources + tuple(s for o in also for s in o)))),
            }
        )
        shown.update(laws)
    role = target.role
    # Findings cite too: gather them before the source list is taken.
    findings = asks.findings(owned, tps, lang, cite)
    ctx = base(plan, lang)
    ctx.update(
        target={
            "role": role.id,
            "title": target.title(lang),
            "name": target.name(lang),
            "level": role.level,
            "controls": role.controls(lang),
            "how_to_reach": role.how_to_reach(lang),
            "is_body": role.id in BODIES,
            "legislates": role.id in LEGISLATING,
            "greeting": target.greeting(lang) if target.greeting else "",
        },
        demands=demands,
        # State law that requires some cooperation, named once before the steps it bears on.
        weigh=list(dict.fromkeys(w for d in demands if not d["preempted"] for w in d["weigh"])),
        sources=list(sources.values()),
        clauses=asks.clauses(plan, owned, lang),
        findings=findings,
        ice=iceletter.ice_doc(plan, role.id, lang),  # the agency's 287(g) agreements, or None
        # An ordinance's further measures speak as law: a demand's `direction`, else its ask.
        directions=[
            pd.demand.direction(lang) if pd.demand.direction else d["ask"]
            for pd, d in zip(owned, demands, strict=True)
            if not pd.demand.clauses
        ],
    )
    return ctx


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
                        "laws": [_law(x, lang, plan.created) for x in pt.laws],
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
        ice=[line(lang) for line in plan.ice.lines()] if plan.ice is not None else [],
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
