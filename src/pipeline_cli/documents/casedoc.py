"""Case fields + pack -> what a case-letter template sees (pure; nothing here prompts or prints).

Case fields travel the same typed path as jurisdiction answers: each field becomes a Question,
so answers.validate/require and the interview in prompts.py handle them unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from pipeline_cli.documents.context import BODIES, date_doc, pack_doc
from pipeline_cli.pack import evaluation, expr
from pipeline_cli.pack.cases import CaseKind
from pipeline_cli.pack.records import Pack, Question, Role, StateFacts
from pipeline_cli.pack.text import Text
from pipeline_cli.plan import governance
from pipeline_cli.plan.jurisdiction import GIVEN_ONLY, district_of, title_values

NO_TEXT = Text("", "")
STATE_QUESTION = Question(
    id="state",
    type="state",
    prompt=Text("State (whose governor or pardon board)", "Estado (de qué gobernador o junta)"),
    help=Text(
        "The state that convicted the person; pass it with --state CA.",
        "El estado que condenó a la persona; indíquelo con --state CA.",
    ),
    where=NO_TEXT,
    group="place",
    required=True,
)


def questions(kind: CaseKind) -> tuple[Question, ...]:
    """The kind's fields as questions (the state first when the addressee depends on it)."""
    qs = tuple(
        Question(
            id=f.id,
            type=f.type,
            prompt=f.prompt,
            help=f.help,
            where=NO_TEXT,
            group="letters",
            choices=f.choices,
            default=f.default,
            required=f.required,
        )
        for f in kind.fields
    )
    return (STATE_QUESTION, *qs) if kind.needs_state else qs


def field_pack(pack: Pack, kind: CaseKind) -> Pack:
    """The pack with the kind's fields in place of the jurisdiction questions."""
    return dataclasses.replace(pack, questions=questions(kind))


def values_of(kind: CaseKind, answers: Mapping[str, str]) -> dict[str, str]:
    """Every field id with a value: the answer, else the field's default, else ''."""
    return {f.id: answers.get(f.id) or f.default for f in kind.fields}


def role_title(role: Role, facts: StateFacts | None, lang: str, pack: Pack | None = None) -> str:
    """The role's catch-all local title when the state fills every blank, else its name."""
    if facts is None or not role.titles:
        return role.name(lang)
    local = governance.local_for(pack, facts.code, "") if pack else None
    district = district_of(pack, facts, "") if pack else None
    values = title_values(facts, "", "", lang, local, district)
    # A title naming the federal district comes first where the state has only one district.
    named = [v for v in role.titles if not v.when and any(n in v.text(lang) for n in GIVEN_ONLY)]
    for variant in (*named, role.titles[-1]):
        template = variant.text(lang)
        names, problem = expr.template_names(template)
        if not problem and all(values.get(n) for n in names):
            return evaluation.render_title(template, values)
    return role.name(lang)


def addressees(
    pack: Pack, kind: CaseKind, values: Mapping[str, str], facts: StateFacts | None, lang: str
) -> list[dict[str, Any]]:
    """The roles this letter goes to, first the one it is addressed to."""
    gov = governance.gov_for(pack, facts, "") if facts else None
    ctx: dict[str, Any] = evaluation.context(values, facts, gov) if facts else dict(values)
    out = []
    for a in kind.addressees:
        role = pack.roles.get(a.role)
        if role is None or not evaluation.evaluate(a.when, ctx):
            continue
        exists = facts is None or evaluation.evaluate(role.when, evaluation.context({}, facts, gov))
        if not exists:
            continue  # the role does not exist in this state (e.g. no governor in DC)
        title = role_title(role, facts, lang, pack)
        out.append({"role": role.id, "title": title, "is_body": role.id in BODIES})
    return out


def _date(text: str) -> dict[str, Any] | None:
    try:
        d = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return date_doc(d)


def case_doc(
    pack: Pack,
    kind: CaseKind,
    answers: Mapping[str, str],
    facts: StateFacts | None,
    lang: str,
    today: dt.date,
) -> dict[str, Any]:
    """Context for templates/<lang>/case_<kind>.md.j2 (and the stamp)."""
    v = values_of(kind, answers)
    sources: dict[str, dict[str, Any]] = {}

    def cite(ids: tuple[str, ...]) -> list[int]:
        for sid in ids:
            src = pack.sources.get(sid)
            # letters cite only what an official's lawyer accepts (statute, court, ...), and
            # nothing about another state's law
            fits = src is not None and (facts is None or src.fits(facts.code))
            if src is not None and fits and src.for_letters and sid not in sources:
                sources[sid] = {"n": len(sources) + 1, "title": src.title, "url": src.url}
        return [sources[s]["n"] for s in ids if s in sources]

    gov = governance.gov_for(pack, facts, "") if facts else None
    ctx: dict[str, Any] = evaluation.context(v, facts, gov) if facts else dict(v)
    notes = [
        {"text": n.text(lang), "refs": cite(n.sources)}
        for n in kind.notes
        if evaluation.evaluate(n.when, ctx)
    ]
    cite(kind.sources)
    labels = {
        f.id: next((c.label(lang) for c in f.choices if c.value == v[f.id]), "")
        for f in kind.fields
        if f.type == "choice"
    }
    return {
        "lang": lang,
        "kind": {"id": kind.id, "title": kind.title(lang)},
        "v": v,
        "labels": labels,
        "dates": {f.id: _date(v[f.id]) for f in kind.fields if f.type == "date"},
        "addressees": addressees(pack, kind, v, facts, lang),
        "place": {
            "state": facts.name(lang) if facts else "",
            "state_code": facts.code if facts else "",
            "pardon": (gov.pardon if gov and gov.known == "yes" else facts.pardon) if facts else "",
            "pardon_board": facts.pardon_board(lang) if facts and facts.pardon_board else "",
        },
        "deliver": kind.deliver(lang),
        "notes": notes,
        "sources": list(sources.values()),
        "pack": pack_doc(pack, lang),
        "date": date_doc(today),
    }


# Every top-level name a case template may use (checked by `pipeline validate`).
CASE_NAMES = frozenset(
    {"lang", "kind", "v", "labels", "dates", "addressees", "place", "deliver", "notes",
     "sources", "pack", "date"}
)  # fmt: skip
