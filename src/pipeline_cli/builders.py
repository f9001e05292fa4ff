"""Build frozen records from each pack file, one function per file kind."""

from __future__ import annotations

from typing import Any

from pipeline_cli.fields import Reader, did_you_mean
from pipeline_cli.model import (
    STATUSES,
    Choice,
    Clause,
    DefaultRule,
    Demand,
    Law,
    Question,
    Role,
    Source,
    Stage,
    StateFacts,
    TargetRef,
    Text,
    TitleVariant,
    Touchpoint,
    Where,
)
from pipeline_cli.refs import Refs
from pipeline_cli.yamlio import LDict, LList

LEVELS = ("city", "county", "state", "federal", "court")
REACH = (
    "public_comment", "letter", "call", "petition", "meeting", "forum", "vote",
    "records_request", "testimony", "protest",
)  # fmt: skip
QUESTION_TYPES = ("state", "county", "text", "choice")
GROUPS = ("place", "practice", "letters")
TRI = ("yes", "no", "partial", "unknown")
CONFIDENCE = ("V", "S", "1S")
PARDON = ("governor", "governor_with_board", "board", "unknown")
EMPTY = Text("", "")


def _sources(r: Reader, d: LDict, what: str, refs: Refs, required: bool = True) -> tuple[str, ...]:
    ids = r.strings(d, "sources", what)
    if required and not ids:
        r.error(d.line_of("sources"), f"{what}: every fact needs at least one source")
    for ident in ids:
        refs.want("source", ident, r, d.line_of("sources"))
    return ids


def _list_of_mappings(r: Reader, raw: Any, key: str) -> list[LDict]:
    top = r.mapping(raw, r.file)
    if top is None:
        return []
    r.keys(top, r.file, [key], ["choice_sets"] if key == "questions" else [])
    out = []
    for item, line in r.items(top, key, r.file):
        d = r.mapping(item, f"{key} item", line)
        if d is not None:
            out.append(d)
    return out


def pack_meta(r: Reader, raw: Any) -> dict[str, Any] | None:
    d = r.mapping(raw, "pack.yaml") if raw is not None else None
    if d is None:
        return None
    r.keys(d, "pack", ["name", "version", "as_of", "title", "disclaimer"], ["languages"])
    langs = r.strings(d, "languages", "pack") or ("en", "es")
    for lang in langs:
        if lang not in ("en", "es"):
            r.error(d.line_of("languages"), f"pack.languages: {lang!r} is not supported (en, es)")
    as_of = r.date(d, "as_of", "pack")
    return {
        "name": r.string(d, "name", "pack"),
        "version": r.string(d, "version", "pack"),
        "as_of": as_of,
        "languages": langs,
        "title": r.text(d, "title", "pack"),
        "disclaimer": r.text(d, "disclaimer", "pack"),
    }


def sources(r: Reader, raw: Any) -> dict[str, Source]:
    out: dict[str, Source] = {}
    if raw is None:
        return out
    for d in _list_of_mappings(r, raw, "sources"):
        r.keys(d, "source", ["id", "title", "url"], ["note"])
        ident = r.string(d, "id", "source")
        if ident in out:
            r.error(d.line, f"duplicate source id {ident!r}")
        title = r.string(d, "title", "source")
        if not title.strip() or title.strip() == "TODO":
            r.error(d.line_of("title"), f"source {ident!r}: needs a real title")
        out[ident] = Source(ident, title, r.string(d, "url", "source"), r.string(d, "note", "s"))
    return out


def _why(r: Reader, d: LDict, what: str) -> dict[str, Text]:
    raw = d.get("why")
    why = r.mapping(raw, f"{what}.why", d.line_of("why")) if raw is not None else None
    if why is None:
        return {}
    r.keys(why, f"{what}.why", ["open", "closed", "unknown"], ["required_by_state"])
    out = {}
    for status in STATUSES:
        text = r.text(why, status, f"{what}.why", required=status != "required_by_state")
        if text is not None:
            out[status] = text
    return out


def touchpoint(r: Reader, d: LDict, stage_id: str, refs: Refs) -> Touchpoint:
    what = f"touchpoint {d.get('id', '?')}"
    r.keys(
        d,
        what,
        ["id", "title", "how", "controlled_by", "closed_if", "why", "sources"],
        ["open_if", "law_codes", "unverified"],
    )
    ident = r.ident(d, "id", what)
    refs.define("touchpoint", ident, r, d.line)
    controlled_by = r.strings(d, "controlled_by", what)
    for role in controlled_by:
        refs.want("role", role, r, d.line_of("controlled_by"))
    for key in ("closed_if", "open_if"):
        refs.expression(r.string(d, key, what), r, d.line_of(key))
    law_codes = r.strings(d, "law_codes", what)
    _check_law_codes(r, d, "law_codes", what, law_codes)
    return Touchpoint(
        id=ident,
        stage=stage_id,
        title=r.text(d, "title", what) or EMPTY,
        how=r.text(d, "how", what) or EMPTY,
        controlled_by=controlled_by,
        law_codes=law_codes,
        closed_if=r.string(d, "closed_if", what),
        open_if=r.string(d, "open_if", what),
        why=_why(r, d, what),
        sources=_sources(r, d, what, refs),
        unverified=r.flag(d, "unverified", what),
    )


def _check_law_codes(r: Reader, d: LDict, key: str, what: str, codes: tuple[str, ...]) -> None:
    from pipeline_cli.expr import LAW_CODES

    for code in codes:
        if code not in LAW_CODES:
            hint = did_you_mean(code, LAW_CODES)
            codes_list = ", ".join(LAW_CODES)
            r.error(
                d.line_of(key),
                f"{what}.{key}: unknown law code {code!r}{hint}; codes: {codes_list}",
            )


def _target(r: Reader, item: Any, line: int, what: str, refs: Refs) -> TargetRef | None:
    if isinstance(item, str):
        refs.want("role", item, r, line)
        return TargetRef(item)
    d = r.mapping(item, f"{what}.targets item", line)
    if d is None:
        return None
    r.keys(d, f"{what}.targets item", ["role"], ["when"])
    role = r.string(d, "role", what)
    refs.want("role", role, r, d.line_of("role"))
    when = r.string(d, "when", what)
    refs.expression(when, r, d.line_of("when"))
    return TargetRef(role, when)


def demand(r: Reader, d: LDict, stage_id: str, refs: Refs) -> Demand:
    what = f"demand {d.get('id', '?')}"
    r.keys(
        d,
        what,
        ["id", "title", "ask", "why", "targets", "closes", "sources"],
        ["when", "clauses", "unverified"],
    )
    ident = r.ident(d, "id", what)
    refs.define("demand", ident, r, d.line)
    targets = [_target(r, item, line, what, refs) for item, line in r.items(d, "targets", what)]
    if not targets and isinstance(d.get("targets"), list):
        r.error(d.line_of("targets"), f"{what}: needs at least one target role")
    closes = r.strings(d, "closes", what)
    for tp in closes:
        refs.want("touchpoint", tp, r, d.line_of("closes"))
    clauses = r.strings(d, "clauses", what)
    for clause in clauses:
        refs.want("clause", clause, r, d.line_of("clauses"))
    when = r.string(d, "when", what)
    refs.expression(when, r, d.line_of("when"))
    return Demand(
        id=ident,
        stage=stage_id,
        title=r.text(d, "title", what) or EMPTY,
        ask=r.text(d, "ask", what) or EMPTY,
        why=r.text(d, "why", what) or EMPTY,
        targets=tuple(t for t in targets if t is not None),
        closes=closes,
        sources=_sources(r, d, what, refs),
        when=when,
        clauses=clauses,
        unverified=r.flag(d, "unverified", what),
    )


def stage(r: Reader, raw: Any, order: int, refs: Refs) -> Stage | None:
    d = r.mapping(raw, "stage file") if raw is not None else None
    if d is None:
        return None
    what = f"stage {d.get('id', '?')}"
    r.keys(d, what, ["id", "title", "summary", "touchpoints", "demands", "sources"], ["seed_name"])
    ident = r.ident(d, "id", what)
    refs.define("stage", ident, r, d.line)
    expected = r.file[3:].removesuffix(".yaml")
    if ident and ident != expected:
        r.error(d.line_of("id"), f"{what}: file name says {expected!r}; rename one to match")
    tps = []
    for item, line in r.items(d, "touchpoints", what):
        m = r.mapping(item, "touchpoint", line)
        if m is not None:
            tps.append(touchpoint(r, m, ident, refs))
    demands = []
    for item, line in r.items(d, "demands", what):
        m = r.mapping(item, "demand", line)
        if m is not None:
            demands.append(demand(r, m, ident, refs))
    return Stage(
        id=ident,
        order=order,
        title=r.text(d, "title", what) or EMPTY,
        summary=r.text(d, "summary", what) or EMPTY,
        touchpoints=tuple(tps),
        demands=tuple(demands),
        sources=_sources(r, d, what, refs),
        seed_name=r.string(d, "seed_name", what),
        where=Where(r.file, d.line),
    )


def roles(r: Reader, raw: Any, refs: Refs) -> dict[str, Role]:
    out: dict[str, Role] = {}
    if raw is None:
        return out
    for d in _list_of_mappings(r, raw, "roles"):
        what = f"role {d.get('id', '?')}"
        r.keys(
            d,
            what,
            ["id", "level", "name", "controls", "reach", "how_to_reach", "titles", "sources"],
            ["when"],
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
            r.keys(t, f"{what}.titles item", [], ["en", "es", "when"])  # en/es checked below
            text = Text(r.string(t, "en", what), r.string(t, "es", what))
            for lang in ("en", "es"):
                if not getattr(text, lang).strip():
                    r.error(t.line_of(lang), f"{what}.titles: missing {lang!r} text")
                refs.title(getattr(text, lang), r, t.line_of(lang))
            title_when = r.string(t, "when", what)
            refs.expression(title_when, r, t.line_of("when"))
            titles.append(TitleVariant(text, title_when))
        if isinstance(d.get("titles"), list) and (not titles or titles[-1].when):
            r.error(d.line_of("titles"), f"{what}.titles: the last title must have no `when`")
        out[ident] = Role(
            id=ident,
            level=r.choice(d, "level", what, LEVELS, "city"),
            name=r.text(d, "name", what) or EMPTY,
            controls=r.text(d, "controls", what) or EMPTY,
            reach=reach,
            how_to_reach=r.text(d, "how_to_reach", what) or EMPTY,
            titles=tuple(titles),
            sources=_sources(r, d, what, refs),
            when=when,
        )
    return out


def _choices(r: Reader, raw: Any, line: int, what: str) -> tuple[Choice, ...]:
    out = []
    for item, item_line in raw if isinstance(raw, list) else []:
        c = r.mapping(item, f"{what} choice", item_line)
        if c is None:
            continue
        r.keys(c, f"{what} choice", ["value"], ["en", "es"])  # en/es checked below
        label = Text(r.string(c, "en", what), r.string(c, "es", what))
        for lang in ("en", "es"):
            if not getattr(label, lang).strip():
                r.error(c.line_of(lang), f"{what} choice: missing {lang!r} label")
        out.append(Choice(r.string(c, "value", what), label))
    if not out:
        r.error(line, f"{what}: needs at least one choice")
    return tuple(out)


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
            sets[name] = _choices(r, items, table.line_of(name), f"choice set {name}")
    for d in _list_of_mappings(r, raw, "questions"):
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
                choices = _choices(r, items, d.line_of("choices"), what)
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
        out.append(
            Question(
                id=ident,
                type=qtype,
                prompt=r.text(d, "prompt", what) or EMPTY,
                help=r.text(d, "help", what) or EMPTY,
                where=r.text(d, "where", what) or EMPTY,
                group=r.choice(d, "group", what, GROUPS, "practice"),
                choices=choices,
                default=default,
                defaults=tuple(rules),
                when=when,
                required=r.flag(d, "required", what),
                sources=_sources(r, d, what, refs, required=False),
            )
        )
    return out


def _law(r: Reader, d: LDict, code: str, refs: Refs) -> Law:
    what = f"law {d.get('id', '?')} ({code})"
    r.keys(
        d,
        what,
        ["id", "name", "citation", "year", "effect", "covers", "summary", "confidence"],
        ["verified_on", "sources", "unverified"],
    )
    ident = r.ident(d, "id", what)
    refs.define("law", ident, r, d.line)
    covers = r.strings(d, "covers", what)
    _check_law_codes(r, d, "covers", what, covers)
    verified_on = r.date(d, "verified_on", what)
    if verified_on is None:
        r.error(d.line, f"{what}: needs verified_on (the date it was checked against sources)")
    return Law(
        id=ident,
        name=r.text(d, "name", what) or EMPTY,
        citation=r.string(d, "citation", what),
        year=r.string(d, "year", what),
        effect=r.choice(d, "effect", what, ("limits", "requires"), "limits"),
        covers=covers,
        summary=r.text(d, "summary", what) or EMPTY,
        confidence=r.choice(d, "confidence", what, CONFIDENCE, "S"),
        verified_on=verified_on,
        sources=_sources(r, d, what, refs),
        unverified=r.flag(d, "unverified", what),
    )


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
            ["laws", "pardon_board", "consolidated", "notes"],
        )  # fmt: skip
        laws = []
        for item, item_line in r.items(d, "laws", what):
            m = r.mapping(item, f"{what} law", item_line)
            if m is not None:
                laws.append(_law(r, m, code, refs))
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
            sources=_sources(r, d, what, refs),
            laws=tuple(laws),
            pardon_board=r.text(d, "pardon_board", what, required=False),
            consolidated=r.strings(d, "consolidated", what),
            notes=r.text(d, "notes", what, required=False),
        )
    return out


def clauses(r: Reader, raw: Any, refs: Refs) -> dict[str, Clause]:
    out: dict[str, Clause] = {}
    if raw is None:
        return out
    for d in _list_of_mappings(r, raw, "clauses"):
        what = f"clause {d.get('id', '?')}"
        r.keys(d, what, ["id", "title", "text", "status", "sources"], ["unverified"])
        ident = r.ident(d, "id", what)
        refs.define("clause", ident, r, d.line)
        out[ident] = Clause(
            id=ident,
            title=r.text(d, "title", what) or EMPTY,
            text=r.text(d, "text", what) or EMPTY,
            status=r.choice(d, "status", what, ("present", "fragment", "reconstructed"), "present"),
            sources=_sources(r, d, what, refs),
            unverified=r.flag(d, "unverified", what),
        )
    return out
