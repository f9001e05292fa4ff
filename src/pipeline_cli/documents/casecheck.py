"""`pipeline validate` for case letters: every kind renders in every language and variant.

Each kind is rendered with only its required fields, with every field filled, once per value
of each choice field, and (when the addressee depends on the state) for a state of every
pardon arrangement the pack knows, so a template naming a missing value fails here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pipeline_cli.documents import casedoc, render
from pipeline_cli.pack.cases import CaseKind
from pipeline_cli.pack.records import Pack, StateFacts


def _samples(kind: CaseKind, as_of: dt.date) -> Iterator[dict[str, str]]:
    def value(fid: str, ftype: str) -> str:
        if ftype == "date":
            return as_of.isoformat()
        return f"Sample {fid}\nSecond line" if ftype == "long_text" else f"Sample {fid}"

    required = {f.id: value(f.id, f.type) for f in kind.fields if f.required and not f.choices}
    full = {f.id: value(f.id, f.type) for f in kind.fields if not f.choices}
    for f in kind.fields:
        if f.choices:
            full[f.id] = f.choices[0].value
            if f.required:
                required[f.id] = f.choices[0].value
    yield required
    yield full
    for f in kind.fields:
        for c in f.choices:
            yield {**full, f.id: c.value}


def _states(pack: Pack, kind: CaseKind) -> list[StateFacts | None]:
    if not kind.needs_state:
        return [None]
    by_pardon: dict[str, StateFacts] = {}
    for facts in pack.states.values():
        by_pardon.setdefault(facts.pardon, facts)
    return list(by_pardon.values()) or [None]


def check_cases(pack: Pack, renderer: render.Renderer) -> set[str]:
    """Every case-template problem, one line each (`templates/<lang>/<file>:<line>: ...`)."""
    seen: set[str] = set()
    for kind in pack.cases.values():
        for facts in _states(pack, kind):
            for answers in _samples(kind, pack.as_of):
                for lang in pack.languages:
                    ctx = casedoc.case_doc(pack, kind, answers, facts, lang, pack.as_of)
                    try:
                        doc = renderer.document(f"case_{kind.id}", lang, ctx)
                        renderer.html(doc, lang)
                    except render.TemplateProblem as exc:
                        seen.add(str(exc))
    return seen
