"""What ICE's own lists say about one county, and the answers they supply when none is given.

Answers files, --set and the interview always win: the lists only fill a key left out, and
the plan says so, with the list's date. A county missing from a list is "not on ICE's list as
of DATE", never "no cooperation".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from pipeline_cli.pack.ice import STATE_AGENCY, IceData, ListInfo
from pipeline_cli.pack.records import Pack
from pipeline_cli.pack.text import Source, Text
from pipeline_cli.plan.ice_facts import IceFacts
from pipeline_cli.plan.ice_models import MODEL_KEYS, model_gap_text, model_note, models_of
from pipeline_cli.plan.ice_text import PLAN, short, stale_text
from pipeline_cli.plan.jurisdiction import of_county
from pipeline_cli.plan.records import PlanStage, PlanTouchpoint, PlanWarning

AGREEMENT_KEY = "has_287g"  # any agreement; the models have a key each
CONTRACT_KEY = "jail_ice_contract"
KEYS = (AGREEMENT_KEY, CONTRACT_KEY, *MODEL_KEYS.values())
STALE_MONTHS = 6
LEVEL_COUNTY = "County"  # ICE's TYPE for a county agency (sheriff, county police, jail)


def _values(data: IceData, state: str, county: str) -> dict[str, str]:
    """The answers the lists support (absence supports none)."""
    out = {}
    local = data.agreements(state, county)
    if local:
        out[AGREEMENT_KEY] = "yes" if any(a.level == LEVEL_COUNTY for a in local) else "partial"
        out.update({MODEL_KEYS[a.model]: "yes" for a in local if a.model in MODEL_KEYS})
    if any(f.is_contract for f in data.facilities(state, county)):
        out[CONTRACT_KEY] = "yes"
    return out


def _supplied(pack: Pack, answers: Mapping[str, str]) -> dict[str, str]:
    state, county = answers.get("state", ""), answers.get("county", "")
    if pack.ice is None or not state or not county:
        return {}
    out = {}
    for key, value in _values(pack.ice, state, county).items():
        q = pack.question(key)
        if q is None or key in answers:
            continue
        if key in MODEL_KEYS.values() and answers.get(AGREEMENT_KEY) == "no":
            continue  # the organizer said there is no agreement: no model either
        choices = q.choice_values()
        if value not in choices and value == "partial":
            value = "yes"
        if not choices or value in choices:
            out[key] = value
    return out


def with_ice(pack: Pack, answers: Mapping[str, str]) -> dict[str, str]:
    """`answers`, plus the lists' values for the keys they leave out."""
    return {**_supplied(pack, answers), **answers}


def ice_facts(pack: Pack, answers: Mapping[str, str]) -> IceFacts | None:
    state, county = answers.get("state", ""), answers.get("county", "")
    data = pack.ice
    if data is None or not state or not county:
        return None
    here = data.facilities(state, county)
    return IceFacts(
        source=data.source,
        state=state,
        county=county,
        agreements_info=data.agreements_info,
        facilities_info=data.facilities_info,
        agreements=tuple(a for a in data.agreements(state, county) if a.level != STATE_AGENCY),
        statewide=data.statewide(state),
        contract_jails=tuple(f for f in here if f.is_contract),
        other_facilities=tuple(f for f in here if not f.is_contract),
        filled=_supplied(pack, answers),
    )


def _months_between(earlier: dt.date, later: dt.date) -> float:
    return (
        (later.year - earlier.year) * 12
        + later.month
        - earlier.month
        + ((later.day - earlier.day) / 31)
    )


def warnings(facts: IceFacts | None, today: dt.date) -> list[PlanWarning]:
    """One warning per list older than six months on the plan's date."""
    if facts is None:
        return []
    return stale(facts.agreements_info, facts.facilities_info, today)


def stale(
    agreements: ListInfo, facilities: ListInfo, today: dt.date, against: Text = PLAN
) -> list[PlanWarning]:
    """One warning per list older than six months on `today` (plans and `pipeline facts`)."""
    out = []
    for key, info in (("agreements", agreements), ("facilities", facilities)):
        as_of = dt.date.fromisoformat(info.as_of)
        if _months_between(as_of, today) > STALE_MONTHS:
            out.append(PlanWarning(f"ice_{key}_stale", stale_text(key, info, today, against)))
    return out


def sources(facts: IceFacts | None) -> tuple[Source, ...]:
    if facts is None:
        return ()
    return tuple(
        Source(f"ice-{key}", f"{facts.source}: {info.title} (as of {info.as_of})", info.page)
        for key, info in (
            ("agreements", facts.agreements_info),
            ("facilities", facts.facilities_info),
        )
    )


def retell(stages: tuple[PlanStage, ...], facts: IceFacts | None) -> tuple[PlanStage, ...]:
    """Touchpoints that turn on a key the lists speak to carry what the lists say.

    When the lists supplied the value that opened a touchpoint, its reason is the lists' own
    sentence (the pack's "You said ..." would be untrue); otherwise the sentence is added.
    """
    if facts is None:
        return stages
    agreements = facts.agreement_note()
    notes = {CONTRACT_KEY: facts.contract_note()}  # every other key: the agreements

    def told(p: PlanTouchpoint) -> PlanTouchpoint:
        tp = p.touchpoint
        keys = [k for k in KEYS if k in tp.open_if or k in tp.closed_if]
        if not keys:
            return p
        note = notes.get(keys[0], agreements)
        if p.status == "open" and any(k in facts.filled for k in keys):
            return replace(p, why=note)
        models = models_of(tp.open_if)
        if p.status == "unknown" and facts.agreements and models:
            # On the list, but not with the model this handoff turns on: say that, not
            # "we don't know whether there is an agreement".
            gap = model_gap_text(facts.county, models, facts.agreements_info)
            return replace(p, why=_joined(gap, note))
        return replace(p, why=_joined(p.why, note))

    return tuple(replace(ps, touchpoints=tuple(told(p) for p in ps.touchpoints)) for ps in stages)


def _joined(first: Text, then: Text) -> Text:
    return Text(f"{first.en} {then.en}".strip(), f"{first.es} {then.es}".strip())


def interview_note(pack: Pack, answers: Mapping[str, str], qid: str) -> Text | None:
    """What ICE's lists say, put to the organizer to confirm or correct (None: nothing to say)."""
    facts = ice_facts(pack, answers)
    if facts is None or qid not in KEYS:
        return None
    if qid in MODEL_KEYS.values():
        return model_note(facts.county, facts.agreements_info, facts.agreements, qid)
    if qid == AGREEMENT_KEY:
        info = facts.agreements_info
        if not facts.agreements:
            return Text(
                f"{facts.county} is not on ICE's 287(g) list of {info.as_of}; that does not "
                "prove there is no agreement.",
                f"Ninguna agencia {of_county(facts.county, 'es')} figura en la lista 287(g) de "
                f"ICE del {info.as_of}; eso no prueba que no haya acuerdo.",
            )
        return Text(
            f"ICE's 287(g) list of {info.as_of} shows: "
            + "; ".join(short(a, "en") for a in facts.agreements)
            + ". Is that still right?",
            f"La lista 287(g) de ICE del {info.as_of} muestra: "
            + "; ".join(short(a, "es") for a in facts.agreements)
            + ". ¿Sigue siendo así?",
        )
    info = facts.facilities_info
    if not facts.contract_jails:
        return Text(
            f"No jail in {facts.county} is on ICE's detention statistics of {info.as_of}; that "
            "does not prove there is no contract.",
            f"Ninguna cárcel {of_county(facts.county, 'es')} figura en las estadísticas de "
            f"detención de ICE del {info.as_of}; eso no prueba que no haya contrato.",
        )
    names = "; ".join(f"{f.name} ({f.type})" for f in facts.contract_jails)
    return Text(
        f"ICE's detention statistics of {info.as_of} list {names} as holding people for ICE. "
        "Is that still right?",
        f"Según las estadísticas de detención de ICE del {info.as_of}, retenían personas para "
        f"ICE: {names}. ¿Sigue siendo así?",
    )
