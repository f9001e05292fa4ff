"""Build roles.yaml, questions.yaml and states.yaml: who decides, what we ask, state facts."""

from __future__ import annotations

from typing import Any

from pipeline_cli.pack.builders.laws import law
from pipeline_cli.pack.builders.shared import (
    EMPTY,
    choices_of,
    help_parts,
    joined,
    list_of_mappings,
    parted,
    sources_of,
)
from pipeline_cli.pack.fields import Reader
from pipeline_cli.pack.records import DefaultRule, Question, Role, StateFacts, TitleVariant
from pipeline_cli.pack.refs import Refs
from pipeline_cli.pack.text import Choice, Parts, Text
from pipeline_cli.pack.yamlio import LDict, LList

LEVELS = ("city", "county", "state", "federal", "court")
REACH = (
    "public_comment", "letter", "call", "petition", "meeting", "forum", "vote",
    "records_request", "testimony", "protest",
)  # fmt: skip
QUESTION_TYPES = ("state", "county", "text", "choice", "date")
GROUPS = ("place", "practice", "letters")
TRI = ("yes", "no", "partial", "unknown")
PARDON = ("governor", "governor_with_board", "board", "unknown")


def roles(r: Reader, raw: Any, refs: Refs) -> dict[str, Role]:
    out: dict[str, Role] = {}
    if raw is None:
        return out
    for d in list_of_mappings(r, raw, "roles"):
        what = f"role {d.get('id', '?')}"
        r.keys(
            d,
            what,
            ["id", "level", "name", "controls", "reach", "how_to_reach", "titles", "sources"],
            ["when", "scripts", "contact"],
        )
        ident = r.ident(d, "id", what)
        refs.define("role", ident, r, d.line)
        when = r.string(d, "when", what)
        refs.expression(when, r, d.line_of("when"))
        reach = r.strings(d, "reach", what)
        for method in reach:
            if method not in REACH:
                r.error(d.line_of("reach"), f"{what}.reach: {method!r} is not one of {REACH}")
        titles = []
        for item, line in r.items(d, "titles", what):
            t = r.mapping(item, f"{what}.titles item", line)
            if t is None:
                continue
            r.keys(t, f"{what}.titles item", [], ["en", "es", "when", "greeting"])
            text = Text(r.string(t, "en", what), r.string(t, "es", what))
            for lang in ("en", "es"):
                if not getattr(text, lang).strip():
                    r.error(t.line_of(lang), f"{what}.titles: missing {lang!r} text")
                refs.title(getattr(text, lang), r, t.line_of(lang))
            title_when = r.string(t, "when", what)
            refs.expression(title_when, r, t.line_of("when"))
            greeting = r.text(t, "greeting", f"{what}.titles greeting") if "greeting" in t else None
            titles.append(TitleVariant(text, title_when, greeting))
        if isinstance(d.get("titles"), list) and (not titles or titles[-1].when):
            r.error(d.line_of("titles"), f"{what}.titles: the last title must have no `when`")
        parts: Parts = {}
        out[ident] = Role(
            id=ident,
            level=r.choice(d, "level", what, LEVELS, "city"),
            name=r.text(d, "name", what) or EMPTY,
            controls=parted(r, d, "controls", what, refs, parts) or EMPTY,
            reach=reach,
            how_to_reach=parted(r, d, "how_to_reach", what, refs, parts) or EMPTY,
            parts=parts,
            titles=tuple(titles),
            sources=sources_of(r, d, what, refs),
            when=when,
            scripts=r.flag(d, "scripts", what, default=True),
            contact=r.flag(d, "contact", what, default=True),
        )
    return out


def questions(r: Reader, raw: Any, refs: Refs) -> list[Question]:
    out: list[Question] = []
    if raw is None:
        return out
    top = raw if isinstance(raw, LDict) else None  # _list_of_mappings reports a non-mapping
    sets: dict[str, tuple[Choice, ...]] = {}
    if top is not None:
        table = r.mapping(top.get("choice_sets", LDict()), "choice_sets") or LDict()
        for name, value in table.items():
            if not isinstance(value, LList):
                r.error(table.line_of(name), f"choice set {name}: must be a list of choices")
                sets[name] = ()  # known, so questions using it are not also reported
                continue
            items = list(zip(value, value.item_lines, strict=True))
            sets[name] = choices_of(r, items, table.line_of(name), f"choice set {name}")
    for d in list_of_mappings(r, raw, "questions"):
        what = f"question {d.get('id', '?')}"
        r.keys(
            d,
            what,
            ["id", "type", "prompt", "help", "where"],
            ["choices", "default", "defaults", "when", "required", "group", "sources"],
        )
        ident = r.ident(d, "id", what)
        refs.define("question", ident, r, d.line)
        qtype = r.choice(d, "type", what, QUESTION_TYPES, "text")
        choices: tuple[Choice, ...] = ()
        if qtype == "choice":
            raw_choices = d.get("choices")
            if isinstance(raw_choices, str):
                if raw_choices not in sets:
                    r.error(d.line_of("choices"), f"{what}: no choice set {raw_choices!r}")
                choices = sets.get(raw_choices, ())
            elif "choices" not in d or isinstance(d["choices"], LList):
                items = r.items(d, "choices", what)
                choices = choices_of(r, items, d.line_of("choices"), what)
            else:
                r.error(
                    d.line_of("choices"), f"{what}.choices: must be a choice set name or a list"
                )
        default = r.string(d, "default", what)
        values = tuple(c.value for c in choices)
        if choices and default and default not in values:
            r.error(d.line_of("default"), f"{what}.default: {default!r} is not a choice")
        rules = []
        for item, line in r.items(d, "defaults", what):
            rule = r.mapping(item, f"{what}.defaults item", line)
            if rule is None:
                continue
            r.keys(rule, f"{what}.defaults item", ["when", "value"], [])
            value = r.string(rule, "value", what)
            if choices and value not in values:
                r.error(rule.line_of("value"), f"{what}.defaults: {value!r} is not a choice")
            rule_when = r.string(rule, "when", what)
            refs.expression(rule_when, r, rule.line_of("when"))
            rules.append(DefaultRule(value, rule_when))
        when = r.string(d, "when", what)
        refs.expression(when, r, d.line_of("when"))
        helps, wheres = help_parts(r, d, "help", what, refs), help_parts(r, d, "where", what, refs)
        out.append(
            Question(
                id=ident,
                type=qtype,
                prompt=r.text(d, "prompt", what) or EMPTY,
                help=joined(helps),
                where=joined(wheres),
                group=r.choice(d, "group", what, GROUPS, "practice"),
                choices=choices,
                default=default,
                defaults=tuple(rules),
                when=when,
                required=r.flag(d, "required", what),
                sources=sources_of(r, d, what, refs, required=False),
                help_parts=helps,
                where_parts=wheres,
            )
        )
    return out


def states(r: Reader, raw: Any, refs: Refs) -> dict[str, Any]:
    import us

    out: dict[str, StateFacts] = {}
    top = r.mapping(raw, r.file) if raw is not None else None
    if top is None:
        return out
    r.keys(top, r.file, ["states"], [])
    table = r.mapping(top.get("states", LDict()), "states", top.line_of("states"))
    valid = {s.abbr for s in (*us.STATES, us.states.DC, us.states.PR)}
    for code, value in (table or {}).items():
        line = table.line_of(code) if table is not None else 1
        if code not in valid:
            r.error(line, f"states: {code!r} is not a USPS code of a state, DC or PR")
        d = r.mapping(value, f"state {code}", line)
        if d is None:
            continue
        what = f"state {code}"
        r.keys(
            d,
            what,
            ["name", "county_word", "county_government", "county_body", "sheriffs", "jails",
             "pardon", "doc_name", "legislature", "sources"],
            ["laws", "pardon_board", "consolidated", "notes", "legislature_sources"],
        )  # fmt: skip
        laws = []
        for item, item_line in r.items(d, "laws", what):
            m = r.mapping(item, f"{what} law", item_line)
            if m is not None:
                laws.append(law(r, m, code, refs))
        out[code] = StateFacts(
            code=code,
            name=r.text(d, "name", what) or EMPTY,
            county_word=r.text(d, "county_word", what) or EMPTY,
            county_government=r.choice(d, "county_government", what, TRI, "unknown"),
            county_body=r.text(d, "county_body", what) or EMPTY,
            sheriffs=r.choice(d, "sheriffs", what, ("yes", "no", "unknown"), "unknown"),
            jails=r.choice(d, "jails", what, ("county", "state", "unknown"), "unknown"),
            pardon=r.choice(d, "pardon", what, PARDON, "unknown"),
            doc_name=r.text(d, "doc_name", what) or EMPTY,
            legislature=r.text(d, "legislature", what) or EMPTY,
            sources=sources_of(r, d, what, refs),
            laws=tuple(laws),
            pardon_board=r.text(d, "pardon_board", what, required=False),
            consolidated=r.strings(d, "consolidated", what),
            notes=r.text(d, "notes", what, required=False),
            legislature_sources=sources_of(
                r, d, f"{what}.legislature", refs, required=False, key="legislature_sources"
            ),
        )
    return out
