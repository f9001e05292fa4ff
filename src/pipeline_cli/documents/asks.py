"""What a letter, comment or ordinance asks of one target: each ask once, none already granted
here, the model clauses behind them and the findings that support them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_cli.pack.records import Law
from pipeline_cli.plan.records import Plan, PlanDemand, PlanTouchpoint

# Where a model ordinance puts a clause: its id's prefix says; the rest are operative sections.
_PARTS = (("def_", "definition"), ("purpose_", "purpose"), ("findings_", "finding"))


def law_text(law: Law, lang: str, day: dt.date | None = None) -> str:
    """The law with its citation, and its standing on `day` when part of it is blocked."""
    standing = law.standing(day)(lang) if day else ""
    parts = [p for p in (law.citation, standing) if p]
    return f"{law.name(lang)} ({'; '.join(parts)})" if parts else law.name(lang)


def letter_demands(
    owned: list[PlanDemand], tps: dict[str, PlanTouchpoint]
) -> tuple[list[PlanDemand], dict[str, list[PlanDemand]]]:
    """The demands worth writing, and what each absorbed.

    Left out: a demand whose every handoff is already closed here (the answer would be "that
    is already the law"). Folded in: a demand whose `same_ask` names another demand of the
    same target, so the target reads each ask once.
    """

    def closed(pd: PlanDemand) -> bool:
        statuses = [tps[t].status for t in pd.demand.closes if t in tps]
        return bool(statuses) and all(st == "closed" for st in statuses)

    owned = [pd for pd in owned if not closed(pd)]
    ids = {pd.demand.id for pd in owned}
    keep: list[PlanDemand] = []
    folded: dict[str, list[PlanDemand]] = {}
    for pd in owned:
        if pd.demand.same_ask in ids and pd.demand.same_ask != pd.demand.id:
            folded.setdefault(pd.demand.same_ask, []).append(pd)
            continue
        keep.append(pd)
    return keep, folded


def findings(
    owned: list[PlanDemand], tps: dict[str, PlanTouchpoint], lang: str, cite: Any
) -> list[dict[str, Any]]:
    """Legislative findings: how each handoff the demands address works, with its sources.

    A touchpoint's `finding` when it has one, else its `how`; either only when it cites a source
    an official's counsel accepts (statute, court, government, research), so a finding never
    rests on news or campaign material alone.
    """
    seen: dict[str, dict[str, Any]] = {}
    for pd in owned:
        for t in pd.demand.closes:
            pt = tps.get(t)
            if pt is None or t in seen:
                continue
            tp = pt.touchpoint
            text = tp.finding(lang) if tp.finding else tp.how(lang)
            refs = cite(tp.sources)
            if not text or not refs or tp.unverified:
                continue
            seen[t] = {
                "text": text,
                "refs": refs,
                "laws": [law_text(law, lang) for law in pt.laws if law.effect == "limits"],
            }
    return list(seen.values())


def clauses(plan: Plan, owned: list[PlanDemand], lang: str) -> list[dict[str, Any]]:
    """Model-policy clauses the target's demands reference, each once, in demand order."""
    seen: dict[str, dict[str, Any]] = {}
    for pd in owned:
        for cid in pd.demand.clauses:
            clause = plan.pack.clauses.get(cid)
            if clause is not None and cid not in seen:
                seen[cid] = {
                    "id": cid,
                    # Where a model ordinance puts it: its id's prefix says (def_, purpose_,
                    # findings_); everything else is an operative section.
                    "part": next((p for k, p in _PARTS if cid.startswith(k)), "operative"),
                    "title": clause.title(lang),
                    "text": clause.text(lang),
                    "status": clause.status,
                    "unverified": clause.unverified or clause.status == "reconstructed",
                }
    return list(seen.values())
