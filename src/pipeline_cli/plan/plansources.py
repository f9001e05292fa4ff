"""Which sources a plan rests on: those of its handoffs, demands, targets and laws, in the
order they are first used, and none about another state."""

from __future__ import annotations

import datetime as dt

from pipeline_cli.pack.governance import Local
from pipeline_cli.pack.records import Pack, StateFacts
from pipeline_cli.pack.text import Source
from pipeline_cli.plan import governance
from pipeline_cli.plan import warnings as plan_warnings
from pipeline_cli.plan.records import PlanStage, PlanTarget


def plan_sources(
    pack: Pack,
    facts: StateFacts,
    stages: tuple[PlanStage, ...],
    targets: tuple[PlanTarget, ...],
    today: dt.date,
    local: Local | None,
) -> tuple[Source, ...]:
    """Every source the plan rests on, in first-use order.

    A source about another state's law, policy or office is left out here, so no letter,
    script, ordinance or plan for this place cites it.
    """
    ids: list[str] = []
    for ps in stages:
        ids.extend(i for p in ps.touchpoints for i in p.touchpoint.sources)
        ids.extend(i for d in ps.demands for i in d.demand.sources)
    ids.extend(i for t in targets for i in t.role.sources)
    ids.extend(governance.sources(local, [t.role.id for t in targets]))
    roles = {t.role.id for t in targets}
    if "us_attorney" in roles and facts.code in pack.districts:
        ids.extend(pack.districts[facts.code].sources)
    if "state_legislature" in roles:
        ids.extend(facts.legislature_sources)
    ids.extend(i for law in plan_warnings.laws_used(facts, stages, today) for i in law.sources)
    ids.extend(facts.sources)
    known = (pack.sources[i] for i in dict.fromkeys(ids) if i in pack.sources)
    return tuple(s for s in known if s.fits(facts.code))
