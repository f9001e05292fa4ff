"""Warnings about a state law's standing on the plan's day, and about practices it bars."""

from __future__ import annotations

import datetime as dt

from pipeline_cli.pack.records import Law, StateFacts
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.records import PlanStage, PlanWarning


def law_label(law: Law, lang: str) -> str:
    return f"{law.name(lang)} ({law.citation}, {law.year})"


def in_dispute(law: Law, day: dt.date | None) -> bool:
    """A law the plan must qualify: not binding on `day`, or only partly."""
    return law.status_on(day) != "in_force"


def _what_it_means(law: Law, state: str) -> Text:
    """What a law's standing means for organizers, in one sentence."""
    requires = law.effect == "requires"
    if state == "partly_enjoined":
        return Text("The rest of it applies.", "El resto se aplica.")
    if state == "not_yet_in_force":
        if requires:
            return Text(
                "Until then it does not bar local limits; prepare for the date.",
                "Hasta entonces no impide los límites locales; prepárese para esa fecha.",
            )
        return Text(
            "Until then it protects no one; do not rely on it yet.",
            "Hasta entonces no protege a nadie; todavía no se base en ella.",
        )
    if state in ("repealed", "expired"):
        return Text("It no longer binds anyone.", "Ya no obliga a nadie.")
    if requires:
        return Text(
            "It does not bind now, so it does not bar local limits; watch the court case.",
            "Ahora no obliga, así que no impide los límites locales; siga el caso judicial.",
        )
    return Text(
        "It does not protect anyone now; do not rely on it in letters.",
        "Ahora no protege a nadie; no se base en ella en las cartas.",
    )


def standing(facts: StateFacts, day: dt.date) -> list[PlanWarning]:
    """One warning per state law that does not simply bind on the plan's day."""
    out = []
    for law in facts.laws:
        if not in_dispute(law, day):
            continue
        phrase = law.standing(day)
        note = law.status_note or Text("", "")
        tail = _what_it_means(law, law.status_on(day))
        out.append(
            PlanWarning(
                f"standing_{law.id}",
                Text(
                    f"{law_label(law, 'en')}: {phrase.en}. {note.en} {tail.en}".replace("  ", " "),
                    f"{law_label(law, 'es')}: {phrase.es}. {note.es} {tail.es}".replace("  ", " "),
                ),
            )
        )
    return out


def already_barred(stages: tuple[PlanStage, ...]) -> list[PlanWarning]:
    """Demands against a practice you said goes on, though a binding state law limits it."""
    status = {p.touchpoint.id: p for ps in stages for p in ps.touchpoints}
    out = []
    for ps in stages:
        for pd in ps.demands:
            found = [status[t] for t in pd.demand.closes if t in status]
            laws = list(dict.fromkeys(x for p in found if p.status == "open" for x in p.laws))
            if not laws:
                continue
            en, es = (
                "; ".join(law_label(x, "en") for x in laws),
                "; ".join(law_label(x, "es") for x in laws),
            )
            out.append(
                PlanWarning(
                    f"barred_{pd.demand.id}",
                    Text(
                        f"“{pd.demand.title.en}”: state law already limits this ({en}). If it "
                        "still goes on here, it may break that law: ask for written proof that it "
                        "has ended, and press the Attorney General and state officials to enforce "
                        "the law.",
                        f"“{pd.demand.title.es}”: la ley estatal ya lo limita ({es}). Si aquí "
                        "sigue ocurriendo, puede que viole esa ley: pida pruebas por escrito de "
                        "que terminó y presione al Fiscal General y a los funcionarios estatales "
                        "para que hagan cumplir la ley.",
                    ),
                )
            )
    return out
