"""Answers + pack -> Plan: a pure function; nothing here prompts, prints or reads files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from pipeline_cli.pack import evaluation
from pipeline_cli.pack.records import Demand, Law, Pack, Role, StateFacts, TitleVariant, Touchpoint
from pipeline_cli.pack.text import LANGS, Text
from pipeline_cli.plan import governance, ice
from pipeline_cli.plan import warnings as plan_warnings
from pipeline_cli.plan.answers import effective, facts_for
from pipeline_cli.plan.jurisdiction import GIVEN_ONLY, county_es, district_of, title_values
from pipeline_cli.plan.localise import localise
from pipeline_cli.plan.plansources import plan_sources
from pipeline_cli.plan.records import (
    Jurisdiction,
    Plan,
    PlanDemand,
    PlanStage,
    PlanTarget,
    PlanTouchpoint,
)

# Levels a state law can bar from acting: when it does, only state-level targets remain.
LOCAL_LEVELS = ("city", "county")


# A condition evaluated in one jurisdiction's context (memoised per plan: roles repeat a lot).
Holds = Callable[[str], bool]


def _holds_in(ctx: Mapping[str, Any]) -> Holds:
    return cache(lambda src: evaluation.evaluate(src, ctx))


def _given(src: str, holds: Holds) -> bool:
    """An optional condition: empty means 'no condition given', i.e. false."""
    return bool(src.strip()) and holds(src)


def _laws(
    facts: StateFacts, codes: tuple[str, ...], effect: str, day: dt.date | None
) -> tuple[Law, ...]:
    found = [law for code in codes for law in facts.laws_covering(code, effect, day)]
    return tuple(dict.fromkeys(found))


def _law_names(laws: tuple[Law, ...], day: dt.date | None) -> Text:
    """Each law with its citation, and its standing when part of it is blocked."""

    def one(law: Law, lang: str) -> str:
        standing = law.standing(day)(lang)
        return f"{law.name(lang)} ({law.citation}" + (f"; {standing})" if standing else ")")

    return Text("; ".join(one(x, "en") for x in laws), "; ".join(one(x, "es") for x in laws))


def touchpoint_status(
    tp: Touchpoint, facts: StateFacts, holds: Holds, day: dt.date | None = None
) -> PlanTouchpoint:
    """First match wins: required_by_state, open, closed, unknown.

    Only laws that bind on `day` count: a law blocked in court, repealed, expired or not yet
    in effect neither requires a handoff nor closes one.
    """
    required = _laws(facts, tp.law_codes, "requires", day)
    if required:
        names = _law_names(required, day)
        base = tp.why.get("required_by_state")
        why = Text(
            (f"{base.en} " if base else "") + f"State law requires it: {names.en}.",
            (f"{base.es} " if base else "") + f"La ley estatal lo exige: {names.es}.",
        )
        return PlanTouchpoint(tp, "required_by_state", why, required)
    limiting = _laws(facts, tp.law_codes, "limits", day)
    if _given(tp.open_if, holds):
        why = tp.why.get("open", Text("", ""))
        if limiting:  # open by the answers, though state law limits it: say so
            names = _law_names(limiting, day)
            en = f"State law limits this: {names.en}; check whether it is being broken."
            es = f"La ley estatal lo limita: {names.es}; averigüe si se está violando."
            why = Text(f"{why.en} {en}".strip(), f"{why.es} {es}".strip())
        return PlanTouchpoint(tp, "open", why, limiting)
    if _given(tp.closed_if, holds):
        why = tp.why.get("closed", Text("", ""))
        if limiting:
            names = _law_names(limiting, day)
            why = Text(f"{why.en} ({names.en})".strip(), f"{why.es} ({names.es})".strip())
        return PlanTouchpoint(tp, "closed", why, limiting)
    return PlanTouchpoint(tp, "unknown", tp.why.get("unknown", Text("", "")))


def _role_exists(role: Role | None, holds: Holds) -> bool:
    return role is not None and holds(role.when)


def plan_demand(
    pack: Pack,
    d: Demand,
    status: Mapping[str, PlanTouchpoint],
    holds: Holds,
    stand_in: Mapping[str, str] | None = None,
) -> PlanDemand | None:
    """The demand as it applies here, or None when it does not apply.

    `stand_in` maps a role to the one that holds its office here (the prosecutor's demands go
    to the Attorney General where the Attorney General prosecutes).
    """
    if not holds(d.when):
        return None
    if d.closes and all(status[t].status == "closed" for t in d.closes if t in status):
        return None
    held = stand_in or {}
    refs = [(held.get(ref.role, ref.role), ref.when) for ref in d.targets]
    targets = [
        role for role, when in refs if _role_exists(pack.roles.get(role), holds) and holds(when)
    ]
    preempted: tuple[Law, ...] = ()
    closes = [status[t] for t in d.closes if t in status]
    if closes and all(p.status == "required_by_state" for p in closes):
        preempted = tuple(dict.fromkeys(law for p in closes for law in p.laws))
        targets = [r for r in targets if pack.roles[r].level not in LOCAL_LEVELS]
        if "state_legislature" in pack.roles and "state_legislature" not in targets:
            targets.append("state_legislature")
    return PlanDemand(d, tuple(dict.fromkeys(targets)), preempted)


def titled(
    role: Role,
    holds: Holds,
    facts: StateFacts,
    j: Jurisdiction,
    values: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[Text, TitleVariant | None]:
    """The first title variant whose `when` holds and that renders, in both languages, and that
    variant (None: no variant fits, and the role's name is used).

    A variant naming a value the pack lacks here (a governance title of a state with no
    governance file) renders empty, and the next one is tried. `values`: the title values in
    each language, when the caller has them already (one plan titles every target alike).
    """
    if values is None:
        values = {lang: _words(facts, j, lang) for lang in LANGS}
    for variant in role.titles:
        if holds(variant.when) and not _lacks(variant.text, values):
            en = evaluation.render_title(variant.text.en, values["en"])
            es = evaluation.render_title(variant.text.es, values["es"])
            if en and es:
                return Text(en, es), variant
    return role.name, None


def _words(facts: StateFacts, j: Jurisdiction, lang: str) -> dict[str, str]:
    return title_values(facts, j.county, j.city, lang, j.gov, j.district)


def _lacks(text: Text, values: Mapping[str, Mapping[str, str]]) -> bool:
    """A title naming a value the pack does not know here (see GIVEN_ONLY)."""
    return any(
        name in text.en + text.es and not (values["en"].get(name) and values["es"].get(name))
        for name in GIVEN_ONLY
    )


def build_plan(pack: Pack, answers: Mapping[str, str], today: dt.date | None = None) -> Plan:
    """The plan for one jurisdiction: statuses, demands, targets, warnings and sources."""
    today = today or dt.date.today()
    facts = facts_for(pack, answers)
    ice_facts = ice.ice_facts(pack, answers)
    values = effective(pack, ice.with_ice(pack, answers))
    county = values.get("county", "")
    local = governance.local_for(pack, facts.code, county)
    binding = dataclasses.replace(facts, laws=tuple(x for x in facts.laws if x.binds_on(today)))
    gov = governance.gov_for(pack, facts, county)
    holds = _holds_in(evaluation.context(values, binding, gov))
    pack = localise(pack, holds)  # texts with examples from one state's places: only its own
    district = district_of(pack, facts, county)
    j = Jurisdiction(
        facts, county, county_es(county), values.get("city", ""), values, local, district
    )

    status = {
        tp.id: touchpoint_status(tp, facts, holds, today)
        for s in pack.stages
        for tp in s.touchpoints
    }
    stages = []
    for s in pack.stages:
        held = governance.stand_ins(gov)
        demands = (plan_demand(pack, d, status, holds, held) for d in s.demands)
        stages.append(
            PlanStage(
                s,
                tuple(status[t.id] for t in s.touchpoints),
                tuple(d for d in demands if d is not None),
            )
        )
    by_role: dict[str, list[str]] = {}
    for ps in stages:
        for pd in ps.demands:
            for role_id in pd.targets:
                by_role.setdefault(role_id, []).append(pd.demand.id)
    words = {lang: _words(facts, j, lang) for lang in LANGS}
    targets = []
    for r, ids in by_role.items():
        title, variant = titled(pack.roles[r], holds, facts, j, words)
        greeting = variant.greeting if variant is not None else None
        kind = governance.target_kind(r, gov, values)
        targets.append(PlanTarget(pack.roles[r], title, tuple(ids), kind, greeting))
    told = ice.retell(tuple(stages), ice_facts)
    warnings = plan_warnings.collect(pack, facts, values, told, today, local)
    warnings += tuple(ice.warnings(ice_facts, today))
    sources = plan_sources(pack, facts, told, tuple(targets), today, local)
    sources += ice.sources(ice_facts)
    return Plan(pack, j, told, tuple(targets), warnings, sources, today, ice_facts)
