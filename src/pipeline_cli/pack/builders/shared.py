"""Build frozen records from pack files: shared readers, pack.yaml, sources and clauses.

Stages are built in stage_builders, roles, questions and states in fact_builders.
"""

from __future__ import annotations

from typing import Any

from pipeline_cli.pack.fields import Reader, did_you_mean
from pipeline_cli.pack.records import Clause, HelpPart
from pipeline_cli.pack.refs import Refs
from pipeline_cli.pack.text import SOURCE_KINDS, Choice, Parts, Source, Text
from pipeline_cli.pack.yamlio import LDict, LList

EMPTY = Text("", "")


def sources_of(
    r: Reader,
    d: LDict,
    what: str,
    refs: Refs,
    required: bool = True,
    letters: bool = False,
    key: str = "sources",
) -> tuple[str, ...]:
    """The ids in `sources:` (or `key`); `letters` marks text that reaches letters to officials."""
    ids = r.strings(d, key, what)
    if required and not ids:
        r.error(d.line_of(key), f"{what}: every fact needs at least one source")
    for ident in ids:
        refs.want("source", ident, r, d.line_of(key))
    if letters and ids:
        refs.letter_text(what, ids, r, d.line_of(key))
    return ids


def unverified_reason(r: Reader, d: LDict, what: str, unverified: bool) -> Text | None:
    """The reason an unverified item stays in the pack: required with `unverified: true`."""
    reason = r.text(d, "unverified_reason", what, required=False)
    if unverified and reason is None:
        r.error(d.line, f"{what}: unverified: true needs unverified_reason (why it stays in)")
    if reason is not None and not unverified:
        r.error(d.line_of("unverified_reason"), f"{what}: unverified_reason without unverified")
    return reason


def list_of_mappings(r: Reader, raw: Any, key: str) -> list[LDict]:
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


def choices_of(r: Reader, raw: Any, line: int, what: str) -> tuple[Choice, ...]:
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


def help_parts(r: Reader, d: LDict, key: str, what: str, refs: Refs) -> tuple[HelpPart, ...]:
    """`help:`/`where:` as {en, es}, or as a list of {en, es, when} paragraphs."""
    value = d.get(key)
    if not isinstance(value, LList):
        text = r.text(d, key, what)
        return (HelpPart(text),) if text is not None else ()
    out = []
    for item, line in r.items(d, key, what):
        m = r.mapping(item, f"{what}.{key} item", line)
        if m is None:
            continue
        r.keys(m, f"{what}.{key} item", ["en", "es"], ["when"])
        text = Text(r.string(m, "en", what), r.string(m, "es", what))
        for lang in ("en", "es"):
            if not getattr(text, lang).strip():
                r.error(m.line_of(lang), f"{what}.{key}: missing {lang!r} text")
        when = r.string(m, "when", what)
        refs.expression(when, r, m.line_of("when"))
        out.append(HelpPart(text, when))
    return tuple(out)


def joined(parts: tuple[HelpPart, ...]) -> Text:
    """The paragraphs that apply everywhere (no `when`), joined."""
    plain = [p.text for p in parts if not p.when]
    return Text(" ".join(t.en for t in plain), " ".join(t.es for t in plain))


def parted(
    r: Reader, d: LDict, key: str, what: str, refs: Refs, parts: Parts, required: bool = True
) -> Text | None:
    """A text given as {en, es} or as a list of {en, es, when} parts (as a question's help).

    For a list, the parts go into `parts` under `key` and the text returned is what holds
    everywhere (the parts without `when`); a required text needs at least one such part, so
    every place reads a sentence true for it.
    """
    if not isinstance(d.get(key), LList):
        return r.text(d, key, what, required)
    found = help_parts(r, d, key, what, refs)
    if required and found and all(p.when for p in found):
        r.error(d.line_of(key), f"{what}.{key}: needs a part without `when` (true everywhere)")
    parts[key] = found
    text = joined(found)
    return text if text.en or required else None


def check_law_codes(r: Reader, d: LDict, key: str, what: str, codes: tuple[str, ...]) -> None:
    from pipeline_cli.pack.expr import LAW_CODES

    for code in codes:
        if code not in LAW_CODES:
            hint = did_you_mean(code, LAW_CODES)
            codes_list = ", ".join(LAW_CODES)
            r.error(
                d.line_of(key),
                f"{what}.{key}: unknown law code {code!r}{hint}; codes: {codes_list}",
            )


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


def source_states(r: Reader, d: LDict, ident: str, codes: set[str]) -> tuple[str, ...]:
    """`state:` as one code or a list of codes, each a state in states.yaml."""
    if "state" not in d:
        return ()
    what = f"source {ident!r}"
    if isinstance(d.get("state"), LList):
        found = r.strings(d, "state", what)
    else:
        found = (r.string(d, "state", what),)
    for code in found:
        if code not in codes:
            hint = did_you_mean(code, sorted(codes))
            r.error(
                d.line_of("state"), f"{what}.state: {code!r} is not a state in states.yaml{hint}"
            )
    return tuple(c for c in found if c)


def sources(r: Reader, raw: Any, codes: set[str]) -> dict[str, Source]:
    out: dict[str, Source] = {}
    if raw is None:
        return out
    for d in list_of_mappings(r, raw, "sources"):
        r.keys(d, "source", ["id", "kind", "title", "url"], ["note", "state"])
        ident = r.string(d, "id", "source")
        if ident in out:
            r.error(d.line, f"duplicate source id {ident!r}")
        title = r.string(d, "title", "source")
        if not title.strip() or title.strip() == "TODO":
            r.error(d.line_of("title"), f"source {ident!r}: needs a real title")
        kind = SOURCE_KINDS[0]
        if "kind" in d:
            kind = r.choice(d, "kind", f"source {ident}", SOURCE_KINDS, "")
        url, note = r.string(d, "url", "source"), r.string(d, "note", "s")
        states = source_states(r, d, ident, codes)
        out[ident] = Source(ident, title, url, note, kind, states)
    return out


def clauses(r: Reader, raw: Any, refs: Refs) -> dict[str, Clause]:
    out: dict[str, Clause] = {}
    if raw is None:
        return out
    for d in list_of_mappings(r, raw, "clauses"):
        what = f"clause {d.get('id', '?')}"
        required = ["id", "title", "text", "status", "sources"]
        r.keys(d, what, required, ["unverified", "unverified_reason"])
        ident = r.ident(d, "id", what)
        refs.define("clause", ident, r, d.line)
        unverified = r.flag(d, "unverified", what)
        out[ident] = Clause(
            id=ident,
            title=r.text(d, "title", what) or EMPTY,
            text=r.text(d, "text", what) or EMPTY,
            status=r.choice(d, "status", what, ("present", "fragment", "reconstructed"), "present"),
            sources=sources_of(r, d, what, refs, letters=True),
            unverified=unverified,
            unverified_reason=unverified_reason(r, d, what, unverified),
        )
    return out
