"""One typed path for answers: prompts, --answers files, --set pairs and CSV rows all use it.

Raw values (strings, booleans, natural forms like "sí" or "Los Angeles") become the canonical
strings a pack's expressions compare against; every error names the key and the valid form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pipeline_cli.errors import PipelineError, Problems, UsageError
from pipeline_cli.pack import evaluation, plaintext
from pipeline_cli.pack.records import Pack, Question, StateFacts
from pipeline_cli.pack.suggest import did_you_mean
from pipeline_cli.plan import jurisdiction
from pipeline_cli.plan.governance import gov_for

_YES = {"yes", "y", "true", "si", "sí"}
_NO = {"no", "n", "false"}
_UNKNOWN = {"unknown", "i don't know", "i dont know", "dont know", "?", "no sé", "no se", ""}


class AnswerError(Problems):
    """Values that do not fit their questions; each problem names the key and the valid form."""


def _norm(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def coerce(q: Question, raw: Any, state: str = "", origin: str = "") -> str:
    """The canonical value of `raw` for question `q` (`state` is needed for a county)."""
    where = f"{origin}: " if origin else ""
    if isinstance(raw, bool):
        raw = "yes" if raw else "no"
    raw = raw.isoformat() if isinstance(raw, dt.date) else "" if raw is None else raw
    if not isinstance(raw, (str, int, float)):
        raise AnswerError(f"{where}{q.id}: expected a single value, got {type(raw).__name__}")
    text, problem = plaintext.answer_text(str(raw), long=q.type == "long_text")
    if problem:
        raise AnswerError(f"{where}{q.id}: {problem}")
    if q.type == "state":
        code = jurisdiction.resolve_state(text)
        if code is None:
            close = jurisdiction.close_states(text)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise AnswerError(
                f"{where}state: {text!r} is not a US state, DC or PR{hint}; "
                "give a USPS code like CA or a name like California"
            )
        return code
    if q.type == "county":
        return _county(text, state, where)
    if q.type == "date":
        return _date(q, text, where)
    if q.type == "text" or not q.choices:
        return text
    return _choice(q, text, where)


def _date(q: Question, text: str, where: str) -> str:
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise AnswerError(
            f"{where}{q.id}: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02"
        ) from None


def _county(text: str, state: str, where: str) -> str:
    if not state:
        raise AnswerError(f"{where}county: give the state first (--set state=CA)")
    name = jurisdiction.resolve_county(state, text)
    if name is None:
        close = jurisdiction.close_counties(state, text)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise AnswerError(
            f"{where}county: {text!r} is not a county of {state}{hint} "
            "(use the Census name, e.g. 'Los Angeles County', or its short form)"
        )
    return name


def _choice(q: Question, text: str, where: str) -> str:
    values = q.choice_values()
    low = text.lower()
    if _norm(text) in values:
        return _norm(text)
    for c in q.choices:  # a label in either language, as shown in the prompt
        if low in (c.label.en.lower(), c.label.es.lower()):
            return c.value
    for words, value in ((_YES, "yes"), (_NO, "no"), (_UNKNOWN, "unknown")):
        if low in words and value in values:
            return value
    hint = did_you_mean(_norm(text), values)
    raise AnswerError(
        f"{where}{q.id}: {text!r} is not a choice{hint}; choose one of: " + ", ".join(values)
    )


def validate(
    pack: Pack, raw: Mapping[str, Any], origin: str = "", state: str = ""
) -> dict[str, str]:
    """Coerce every given answer (`state`: known already when `raw` gives only a county)."""
    ids = [q.id for q in pack.questions]
    problems: list[str] = []

    def at(key: str) -> str:  # "answers.yaml:3" where the file gives lines
        line = raw.line_of(key) if hasattr(raw, "line_of") else 0  # a yamlio.LDict
        return f"{origin}:{line}" if origin and line else origin

    for key in raw:
        if key not in ids:
            where = f"{at(key)}: " if origin else ""
            hint = did_you_mean(str(key), ids)
            problems.append(f"{where}unknown answer key {key!r}{hint}; keys are: {', '.join(ids)}")
    out: dict[str, str] = {}
    for q in pack.questions:  # pack order: the state is known before the county
        if q.id in raw:
            if q.type == "county" and "state" in raw and "state" not in out:
                continue  # the state's own error says it all; a county needs a state
            try:
                out[q.id] = coerce(q, raw[q.id], out.get("state", state), at(q.id))
            except AnswerError as exc:
                problems += exc.problems
    if problems:
        raise AnswerError(*problems)
    return out


def parse_sets(pairs: Iterable[str]) -> dict[str, str]:
    """`--set key=value` pairs as a mapping (later pairs win)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set {pair!r}: expected key=value, e.g. --set state=CA")
        out[key.strip()] = value.strip()
    return out


def load_file(path: Path) -> dict[str, Any]:
    """Read an answers file (YAML or JSON): a mapping of answer keys to values."""
    if not path.is_file():
        raise PipelineError(f"{path}: no such answers file")
    from pipeline_cli.pack import yamlio  # only answers files need a YAML parser

    data = yamlio.load(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswerError(f"{path}: expected a mapping of answer keys to values, e.g. state: CA")
    return data  # an LDict: it knows the line of each key


def gather(pack: Pack, file: Path | None, sets: Iterable[str]) -> dict[str, str]:
    """Answers from --answers FILE, overridden by --set pairs; validated."""
    answers = validate(pack, load_file(file), str(file)) if file else {}
    given = validate(pack, parse_sets(sets), "--set", answers.get("state", ""))
    if "state" in given and "county" in answers and "county" not in given:
        # The state changed under the file's county: it must still be a county of that state.
        given["county"] = coerce(pack_question(pack, "county"), answers["county"], given["state"])
    answers.update(given)
    return answers


def pack_question(pack: Pack, qid: str) -> Question:
    q = pack.question(qid)
    if q is None:
        raise PipelineError(f"the pack has no {qid!r} question; add it to questions.yaml")
    return q


def facts_for(pack: Pack, answers: Mapping[str, str]) -> StateFacts:
    code = answers.get("state", "")
    if code not in pack.states:
        raise AnswerError(f"state: this pack has no facts for {code!r}; choose another state")
    return pack.states[code]


def effective(pack: Pack, answers: Mapping[str, str]) -> dict[str, str]:
    """Every question id with a value: given answers where the question applies, else defaults.

    Questions are walked in pack order, so a `when` sees the values of earlier questions;
    a question whose `when` is false keeps its default whatever was answered.
    """
    facts = facts_for(pack, answers)
    gov = gov_for(pack, facts, answers.get("county", ""))
    values = {q.id: default_of(q) for q in pack.questions}
    for q in pack.questions:
        ctx = evaluation.context(values, facts, gov)
        if not evaluation.evaluate(q.when, ctx):
            values[q.id] = _rule_default(q, ctx)
        elif q.id in answers:
            values[q.id] = answers[q.id]
        else:
            values[q.id] = _rule_default(q, ctx)
    return values


def default_of(q: Question) -> str:
    if q.default or q.type != "choice":
        return q.default
    return "unknown" if "unknown" in q.choice_values() else ""


def _rule_default(q: Question, ctx: Mapping[str, Any]) -> str:
    for rule in q.defaults:
        if evaluation.evaluate(rule.when, ctx):
            return rule.value
    return default_of(q)


def applicable(pack: Pack, answers: Mapping[str, str]) -> list[Question]:
    """The questions that apply given `answers` (place questions always do)."""
    if "state" not in answers or answers["state"] not in pack.states:
        return [q for q in pack.questions if q.group == "place" or not q.when]
    values = effective(pack, answers)
    facts = pack.states[answers["state"]]
    ctx = evaluation.context(values, facts, gov_for(pack, facts, answers.get("county", "")))
    return [q for q in pack.questions if evaluation.evaluate(q.when, ctx)]


def missing(pack: Pack, answers: Mapping[str, str]) -> list[Question]:
    return [q for q in pack.questions if q.required and not answers.get(q.id)]


def require(pack: Pack, answers: Mapping[str, str]) -> None:
    """No terminal to ask: name every missing key and how to pass it."""
    gaps = missing(pack, answers)
    if gaps:
        examples = {"state": "CA", "county": "'Los Angeles County'"}
        lines = [
            f"  {q.id}: {q.prompt.en} (--set {q.id}={examples.get(q.id, '...')})" for q in gaps
        ]
        raise UsageError(
            "missing answers and no terminal to ask them:\n"
            + "\n".join(lines)
            + "\npass them with --set key=value or --answers FILE (YAML or JSON)"
        )
