"""For `validate`: every expression and role title of a pack run the way a plan runs them.

`expr.check` judges an expression without running it; this runs it. Each `when`, `open_if` and
`closed_if` is evaluated for every state the pack has facts for and every combination of the
values of the answers it names (choices in full; free text as blank, a word and "0"); each title
is rendered with blank and with sample values; case-letter conditions likewise with the letter's
fields. A pack that validates then cannot fail on a division by zero, an unsafe attribute or
a run-away range in an organizer's hands.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from pipeline_cli.pack import evaluation, expr
from pipeline_cli.pack.cases import CaseKind
from pipeline_cli.pack.records import Question, StateFacts
from pipeline_cli.pack.refs import TITLE_VARS, Refs

FREE_TEXT = ("", "Sample", "0")
MAX_COMBOS = 64  # per expression and state: enough for the two or three answers one names


def _domain(choices: Iterable[str], default: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys((*choices, default, "")))
    return values if len(values) > 1 else FREE_TEXT


def _combos(
    src: str, domains: Mapping[str, tuple[str, ...]], base: Mapping[str, str]
) -> Iterable[dict[str, str]]:
    names = sorted(expr.names_used(src) & set(domains))
    for values in itertools.islice(itertools.product(*(domains[n] for n in names)), MAX_COMBOS):
        yield {**base, **dict(zip(names, values, strict=True))}


def _first_failure(
    src: str,
    domains: Mapping[str, tuple[str, ...]],
    base: Mapping[str, str],
    states: Iterable[StateFacts | None],
) -> str:
    if not expr.names_used(src) & set(expr.HELPERS):  # the same in every state: try one
        states = list(states)[:1]
    for facts in states:
        for values in _combos(src, domains, base):
            if facts is not None and "state" in values:
                values["state"] = facts.code
            ctx: dict[str, Any] = evaluation.context(values, facts) if facts else dict(values)
            try:
                evaluation.evaluate(src, ctx)
            except evaluation.ExprError as exc:
                where = f"state {facts.code}, " if facts else ""
                shown = ", ".join(f"{k}={v!r}" for k, v in values.items() if k in src)
                return f"{exc} (with {where}{shown or 'the defaults'})"
    return ""


def exercise(
    refs: Refs,
    questions: list[Question],
    states: Mapping[str, StateFacts],
    cases: Mapping[str, CaseKind],
) -> list[str]:
    """Every expression or title that fails when run; one `file:line: message` each."""
    problems: list[str] = []
    domains = {q.id: _domain(q.choice_values(), q.default) for q in questions}
    domains.pop("state", None)  # set from each state's facts
    base = {q.id: q.default for q in questions}
    every_state = list(states.values())
    for src, where in refs.exprs:
        problem = _first_failure(src, domains, base, every_state)
        if problem:
            problems.append(f"{where}: {problem}")
    for template, where, allowed in refs.titles:
        for sample in ("", "Sample"):
            try:
                evaluation.render_title(template, dict.fromkeys(allowed or TITLE_VARS, sample))
            except evaluation.ExprError as exc:
                problems.append(f"{where}: {exc}")
                break
    for kind in cases.values():
        fields = {f.id: _domain((c.value for c in f.choices), f.default) for f in kind.fields}
        base = {f.id: f.default for f in kind.fields}
        # --state is optional unless the addressee depends on it
        facts: list[StateFacts | None] = [*([] if kind.needs_state else [None]), *every_state]
        for src in [a.when for a in kind.addressees] + [n.when for n in kind.notes]:
            problem = _first_failure(src, fields, base, facts) if src.strip() else ""
            if problem:
                problems.append(f"cases.yaml: {kind.id}: {problem}")
    return problems
