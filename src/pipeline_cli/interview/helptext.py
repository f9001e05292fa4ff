"""A question's help and "where to find it" for one place: paragraphs whose `when` holds there,
and the state laws that answer or limit the question.

A help paragraph whose `when` names `requires('DET')` or `limits('DET')` is followed by the
state's laws behind it, by name and citation, so a Texas organizer reads that SB 4 requires
detainer holds right where the question is asked.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Mapping

from pipeline_cli.errors import PipelineError
from pipeline_cli.interview.labels import LABEL
from pipeline_cli.pack import evaluation
from pipeline_cli.pack.records import HelpPart, Law, Pack, Question, StateFacts
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan import ice

LAW_CALL = re.compile(r"\b(requires|limits)\(\s*['\"](\w+)['\"]\s*\)")


def _context(pack: Pack, answers: Mapping[str, str]) -> dict[str, object] | None:
    """What a `when` sees; None while the state is not known (only plain paragraphs show)."""
    facts = pack.states.get(answers.get("state", ""))
    if facts is None:
        return None
    return evaluation.context(ans.effective(pack, answers), facts)


def _holds(part: HelpPart, ctx: Mapping[str, object] | None) -> bool:
    if not part.when:
        return True
    if ctx is None:
        return False
    try:
        return evaluation.evaluate(part.when, ctx)
    except PipelineError:
        return False  # a help paragraph never stops the interview


def _laws(part: HelpPart, facts: StateFacts | None) -> list[Law]:
    if facts is None:
        return []
    found: list[Law] = []
    for effect, code in LAW_CALL.findall(part.when):
        laws = facts.laws_covering(code, effect)
        found += [law for law in laws if law not in found and not law.unverified]
    return found


def law_line(law: Law, facts: StateFacts, lang: str) -> str:
    """'Texas law: SB 4 (ban on local limits), Gov. Code ch. 752 (2017).'"""
    cite = f", {law.citation}" if law.citation and law.citation not in law.name(lang) else ""
    year = f" ({law.year})" if law.year and law.year not in law.name(lang) + cite else ""
    head = f"Ley de {facts.name(lang)}" if lang == "es" else f"{facts.name(lang)} law"
    return f"{head}: {law.name(lang)}{cite}{year}."


def texts(
    pack: Pack, parts: tuple[HelpPart, ...], answers: Mapping[str, str], lang: str
) -> list[str]:
    """The paragraphs that apply to this place, each followed by the laws it refers to."""
    ctx = _context(pack, answers)
    facts = pack.states.get(answers.get("state", ""))
    out = []
    for part in parts:
        if _holds(part, ctx):
            out.append(part.text(lang))
            out += [law_line(law, facts, lang) for law in _laws(part, facts) if facts]
    return out


def help_of(pack: Pack, q: Question, answers: Mapping[str, str], lang: str) -> str:
    parts = q.help_parts or (HelpPart(q.help),)
    return " ".join(t for t in texts(pack, parts, answers, lang) if t.strip())


def where_of(pack: Pack, q: Question, answers: Mapping[str, str], lang: str) -> str:
    parts = q.where_parts or (HelpPart(q.where),)
    return " ".join(t for t in texts(pack, parts, answers, lang) if t.strip())


def message(
    pack: Pack, q: Question, answers: Mapping[str, str], lang: str, width: int, where: bool
) -> str:
    """The question, its help and (when asked) where to find it, wrapped to the terminal
    (prompts do not wrap)."""
    width = max(40, min(width or shutil.get_terminal_size().columns, 100) - 2)  # "? "
    wrap = textwrap.TextWrapper(width, break_on_hyphens=False, break_long_words=False)
    text = wrap.fill(q.prompt(lang))
    wrap.initial_indent = wrap.subsequent_indent = "  "
    help_text = help_of(pack, q, answers, lang)
    note = ice.interview_note(pack, answers, q.id)  # what ICE's own lists show for the county
    if note is not None:
        help_text = f"{help_text}\n{note(lang)}" if help_text else note(lang)
    if help_text:
        text += "\n" + "\n".join(wrap.fill(p) for p in help_text.split("\n"))
    where_text = where_of(pack, q, answers, lang) if where else ""
    if where_text:
        text += f"\n{wrap.fill(LABEL['where_head'](lang) + ' ' + where_text)}"
    return text + "\n " if help_text or where_text else text
