"""Where to start: the three to five open handoffs with the most leverage, and whom to press.

The order, and the reason printed with each item:
1. Handoffs known to be open come before those not yet known (an unknown one is first a
   question to answer, and the item says so).
2. Then the official who can close the most open handoffs on this plan: one campaign, one
   meeting, several handoffs closed.
3. Then the earlier stage: a handoff closed at the police stop or in the jail protects people
   before every later handoff can reach them.
Handoffs that state law requires, or that no local demand can close here, are left out: they
are in the plan, with the state-level demand.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_cli.pack.text import Text
from pipeline_cli.plan.records import Plan, PlanDemand, PlanStage, PlanTouchpoint

MOST = 5
LEAST = 3


@dataclass(frozen=True)
class StartItem:
    """One step of the plan's "Start here" list, and why it comes first."""

    handoff: PlanTouchpoint
    stage: PlanStage
    demand: PlanDemand
    target: str  # role id
    closes: int  # open handoffs on this plan that this target's demands close
    reason: Text


def _reason(status: str, closes: int, early: bool, title: Text, same_as: int) -> Text:
    if status == "unknown":
        en = "Not yet known here: find out first (the plan says how); "
        es = "Aún no se sabe si ocurre aquí: averígüelo primero (el plan dice cómo); "
    else:
        en, es = "Open here; ", "Abierta aquí; "
    if same_as:
        en += f"{title.en} again, as in item {same_as}: press for both in one campaign"
        es += (
            f"la misma instancia que en el punto {same_as} ({title.es}): exija ambas en una "
            "sola campaña"
        )
    elif closes > 1:
        en += (
            f"{title.en} can close {closes} open handoffs on this plan, so one campaign does a lot"
        )
        es += (
            f"una sola instancia ({title.es}) puede cerrar {closes} vías de entrega abiertas "
            "de este plan: una sola campaña rinde mucho"
        )
    else:
        en += f"{title.en} can close it"
        es += f"puede cerrarla: {title.es}"
    if early:
        en += "; it comes early, so closing it protects people before the later handoffs."
        es += "; ocurre temprano, así que cerrarla protege a las personas antes de las demás."
    else:
        en += "."
        es += "."
    return Text(en, es)


def start_here(plan: Plan) -> tuple[StartItem, ...]:
    """The open (then unknown) handoffs to work on first, each with one demand and one target."""
    titles = {t.role.id: t.title for t in plan.targets}
    live = {"open", "unknown"}
    handoffs = {p.touchpoint.id: p for s in plan.stages for p in s.touchpoints}
    closers: dict[str, set[str]] = {}  # role -> open handoffs its demands close
    for s in plan.stages:
        for d in s.demands:
            if d.preempted:
                continue
            for role in d.targets:
                for t in d.demand.closes:
                    if t in handoffs and handoffs[t].status == "open":
                        closers.setdefault(role, set()).add(t)
    candidates = []
    for s in plan.stages:
        for p in s.touchpoints:
            if p.status not in live:
                continue
            demands = [
                d
                for d in s.demands
                if p.touchpoint.id in d.demand.closes and d.targets and not d.preempted
            ]
            if not demands:
                continue
            best = max(
                ((len(closers.get(r, ())), d, r) for d in demands for r in d.targets),
                key=lambda x: x[0],
            )
            key = (p.status != "open", -best[0], s.stage.order)
            candidates.append((key, p, s, best[1], best[2], best[0]))
    candidates.sort(key=lambda c: c[0])
    chosen = candidates[:MOST]
    opened = [c for c in chosen if c[1].status == "open"]
    if len(opened) >= LEAST:  # enough known-open handoffs: leave the unknown ones to the plan
        chosen = opened
    items: list[StartItem] = []
    first: dict[str, int] = {}  # target -> the item number that first names it
    for _, p, s, d, role, n in chosen:
        title = titles.get(role, Text(role, role))
        same_as = first.setdefault(role, len(items) + 1)
        same_as = 0 if same_as == len(items) + 1 else same_as
        items.append(
            StartItem(p, s, d, role, n, _reason(p.status, n, s.stage.order <= 2, title, same_as))
        )
    return tuple(items)
