"""What a plan must warn about: state law, unverified or stale data, gaps in the answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from pipeline_cli.pack.governance import Local
from pipeline_cli.pack.records import Law, Pack, StateFacts
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.governance import gatekeeper, unverified_text
from pipeline_cli.plan.jurisdiction import in_state
from pipeline_cli.plan.law_standing import already_barred, in_dispute, standing
from pipeline_cli.plan.records import PlanStage, PlanWarning

STALE_AFTER = dt.timedelta(days=365)
# The state facts a role can depend on, as a sentence names them.
FACT_NAMES = {
    "county_government": Text(
        "whether counties have their own government", "si los condados tienen gobierno propio"
    ),
    "sheriffs": Text("whether there are sheriffs", "si hay sheriffs"),
    "jails": Text("who runs the jails", "quién administra las cárceles"),
    "pardon": Text("who grants pardons", "quién concede los indultos"),
}
# `gov.<name>` in an expression: the state fact it falls back on where no governance file is.
GOV_FALLBACK = {
    "county_government": "county_government",
    "county_body": "county_government",
    "jails": "jails",
    "sheriff": "sheriffs",
    "pardon": "pardon",
}


def _join(items: list[Text], lang: str) -> str:
    words = [t(lang) for t in items]
    last = " and " if lang == "en" else " y "
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + last + words[-1]


def _law(law: Law, lang: str) -> str:
    return f"{law.name(lang)} ({law.citation}, {law.year})"


def laws_used(
    facts: StateFacts, stages: tuple[PlanStage, ...], day: dt.date | None = None
) -> list[Law]:
    """State laws that shaped the plan or that it warns about, in first-use order."""
    found: list[Law] = []
    for ps in stages:
        found.extend(law for p in ps.touchpoints for law in p.laws)
        found.extend(law for d in ps.demands for law in d.preempted)
    found.extend(law for law in facts.laws if law.effect == "requires" or in_dispute(law, day))
    return list(dict.fromkeys(found))


def collect(
    pack: Pack,
    facts: StateFacts,
    values: Mapping[str, str],
    stages: tuple[PlanStage, ...],
    today: dt.date,
    local: Local | None = None,
) -> tuple[PlanWarning, ...]:
    out: list[PlanWarning] = []
    for law in facts.laws:
        if law.effect == "requires" and law.binds_on(today):
            out.append(_requires(law))
    out.extend(standing(facts, today))
    for ps in stages:
        for pd in ps.demands:
            if pd.preempted:
                names = Text(
                    "; ".join(_law(x, "en") for x in pd.preempted),
                    "; ".join(_law(x, "es") for x in pd.preempted),
                )
                out.append(
                    PlanWarning(
                        f"preempted_{pd.demand.id}",
                        Text(
                            f"“{pd.demand.title.en}”: state law bars local officials from "
                            f"doing this ({names.en}); press the state legislature instead.",
                            f"“{pd.demand.title.es}”: la ley estatal impide que los "
                            f"funcionarios locales lo hagan ({names.es}); presione a la "
                            "legislatura estatal.",
                        ),
                    )
                )
    out.extend(already_barred(stages))
    laws = laws_used(facts, stages, today)
    out.extend(_unverified(pack, facts, laws, stages, local))
    gov_unsure = unverified_text(local, values.get("county", ""))
    out += [PlanWarning("unverified_governance", gov_unsure)] if gov_unsure else []
    gate = gatekeeper(local)
    pardon_roles = {"governor", "pardon_board"}
    if gate and any(pardon_roles & set(d.targets) for ps in stages for d in ps.demands):
        out.append(
            PlanWarning(
                "pardon_gatekeeper",
                Text(
                    f"Pardons here need a second approval: {gate.en.rstrip('.')}.",
                    f"Aquí los indultos necesitan una segunda aprobación: {gate.es.rstrip('.')}.",
                ),
            )
        )
    for law in laws:
        if law.verified_on is not None and law.verified_on < today - STALE_AFTER:
            out.append(
                PlanWarning(
                    f"stale_{law.id}",
                    Text(
                        f"{_law(law, 'en')} was last checked on {law.verified_on}, more than a "
                        "year ago; check the current law before you rely on it.",
                        f"{_law(law, 'es')} se verificó por última vez el {law.verified_on}, "
                        "hace más de un año; verifique la ley vigente antes de basarse en ella.",
                    ),
                )
            )
    for ps in stages:
        for pd in ps.demands:
            if not pd.targets:
                out.append(
                    PlanWarning(
                        f"no_target_{pd.demand.id}",
                        Text(
                            f"“{pd.demand.title.en}”: no official here has the power to do "
                            "this in our data; find out who does before you press it.",
                            f"“{pd.demand.title.es}”: según nuestros datos ningún funcionario "
                            "de aquí tiene ese poder; averigüe quién lo tiene antes de "
                            "presionar.",
                        ),
                    )
                )
    if values.get("city") and values.get("city_form") == "unknown":
        out.append(
            PlanWarning(
                "city_form_unknown",
                Text(
                    "You did not say how the city is governed (city_form), so the plan cannot "
                    "tell whether a city manager or the mayor runs the police; find out and "
                    "run again.",
                    "No indicó cómo se gobierna la ciudad (city_form), así que el plan no puede "
                    "saber si la policía depende de un administrador municipal o de la "
                    "alcaldía; averígüelo y vuelva a ejecutar.",
                ),
            )
        )
    return tuple(out)


def _requires(law: Law) -> PlanWarning:
    # A law that covers no handoff (a state immigration crime, say) is not a cooperation rule.
    head = (
        Text("State law requires cooperation with ICE", "La ley estatal exige cooperar con ICE")
        if law.covers
        else Text("State immigration enforcement law", "Ley estatal de control migratorio")
    )
    return PlanWarning(
        f"requires_{law.id}",
        Text(
            f"{head.en}: {_law(law, 'en')}. {law.summary.en}".strip(),
            f"{head.es}: {_law(law, 'es')}. {law.summary.es}".strip(),
        ),
    )


def _expressions(pack: Pack) -> str:
    """Every role, title, target and question condition of the pack, as one string to search."""
    found = [r.when for r in pack.roles.values()]
    found += [t.when for r in pack.roles.values() for t in r.titles]
    found += [t.when for d in pack.demands().values() for t in d.targets]
    found += [q.when for q in pack.questions] + [d.when for q in pack.questions for d in q.defaults]
    return " ".join(found)


def _unknown_facts(pack: Pack, facts: StateFacts, local: Local | None) -> list[Text]:
    """State facts a role depends on that our data leaves unknown (governance files settle them)."""
    role_whens = " ".join(r.when for r in pack.roles.values())
    names = [
        f.name
        for f in dataclasses.fields(facts)
        if getattr(facts, f.name) == "unknown" and f"facts.{f.name}" in role_whens
    ]
    if local is not None:
        return [FACT_NAMES.get(n, Text(n, n)) for n in names if n not in FACT_NAMES]
    exprs = _expressions(pack)
    for gov_name, fact in GOV_FALLBACK.items():
        if f"gov.{gov_name}" in exprs and getattr(facts, fact) == "unknown":
            names.append(fact)
    return [FACT_NAMES.get(n, Text(n, n)) for n in dict.fromkeys(names)]


def _unverified(
    pack: Pack,
    facts: StateFacts,
    laws: list[Law],
    stages: tuple[PlanStage, ...],
    local: Local | None,
) -> list[PlanWarning]:
    out = []
    for law in laws:
        if law.unverified:
            out.append(
                PlanWarning(
                    f"unverified_{law.id}",
                    Text(
                        f"{_law(law, 'en')} is not confirmed by our sources; check it. "
                        + (law.unverified_reason.en if law.unverified_reason else ""),
                        f"{_law(law, 'es')} no está confirmada por nuestras fuentes; verifíquela. "
                        + (law.unverified_reason.es if law.unverified_reason else ""),
                    ),
                )
            )
    items = [p.touchpoint.title for ps in stages for p in ps.touchpoints if p.touchpoint.unverified]
    items += [d.demand.title for ps in stages for d in ps.demands if d.demand.unverified]
    if items:
        out.append(
            PlanWarning(
                "unverified_items",
                Text(
                    "Not confirmed by our sources: " + "; ".join(t.en for t in items) + ".",
                    "Sin confirmar en nuestras fuentes: " + "; ".join(t.es for t in items) + ".",
                ),
            )
        )
    # An 'unknown' state fact that a role's existence depends on: the targets may be wrong.
    unknown = _unknown_facts(pack, facts, local)
    if unknown:
        where = Text(*(in_state(facts.name.en, facts.name(lang), lang) for lang in ("en", "es")))
        out.append(
            PlanWarning(
                "unknown_state_facts",
                Text(
                    f"Our data does not settle {_join(unknown, 'en')} {where.en}; some "
                    "officials listed may not exist here, or some may be missing.",
                    f"Nuestros datos no aclaran {_join(unknown, 'es')} {where.es}; "
                    "puede que algunos funcionarios listados no existan aquí o que falten otros.",
                ),
            )
        )
    return out
