"""What a letter, comment or ordinance asks of one target: each ask once, none already granted
here, the model clauses behind them and the findings that support them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline_cli.pack.records import Law
from pipeline_cli.plan.records import Plan, PlanDemand, PlanTouchpoint

# Where a model ordinance puts a clause: its id's prefix says; the rest are operative sections.
_PARTS = (("def_", "definition"), ("purpose_", "purpose"), ("findings_", "finding"))


# A bill number as citations write it: "SB 4", "AB 32", "SF 2340".
_BILL = re.compile(r"(?:[SHA]B|SF|HF) \d+[A-Z]?\b")
# Code names in a citation, as a Spanish reader knows them.
_CODES_ES = (
    (re.compile(r"\bTex\. Gov(?:'t|\.) Code ch\."), "Código de Gobierno de Texas, cap."),
    (re.compile(r"\bGov(?:'t|\.) Code\b"), "Código de Gobierno"),
    (re.compile(r"\bPenal Code\b"), "Código Penal"),
    (re.compile(r"\bch\. (?=\d)"), "cap. "),
    (re.compile(r"\bet seq\."), "y ss."),
)


def citation(law: Law, lang: str) -> str:
    """The citation, less what the law's name already says, with code names in Spanish for a
    Spanish reader: "AB 32 (2019)" under "AB 32 (private detention ban)" is "2019", and
    "Gov. Code ch. 752 (SB 4, 85th Leg., 2017)" under "SB 4 (2017): ..." is "Gov. Code ch. 752"."""
    name, text = law.name("en"), law.citation
    if text in name:
        text = ""
    elif (bill := _BILL.fullmatch(text.split(" (")[0])) and bill[0] in name:
        if (m := re.fullmatch(r"[^()]+ \(([^()]+)\)", text)) is not None:
            text = m[1]  # "AB 32 (2019)" -> "2019"
    elif (m := re.fullmatch(r"(.+) \(((?:[SHA]B|SF|HF) \d+)\b[^()]*\)", text)) and m[2] in name:
        text = m[1]
    if lang == "es":
        for pattern, es in _CODES_ES:
            text = pattern.sub(es, text)
    return text


def law_text(law: Law, lang: str, day: dt.date | None = None) -> str:
    """The law with its citation, and its standing on `day` when part of it is blocked."""
    standing = law.standing(day)(lang) if day else ""
    parts = [p for p in (citation(law, lang), standing) if p]
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
