"""Build the case-letter kinds from `cases.yaml` (optional), reporting `file:line: message`."""

from __future__ import annotations

from typing import Any

from pipeline_cli.pack import expr
from pipeline_cli.pack.builders.shared import EMPTY, choices_of, list_of_mappings, sources_of
from pipeline_cli.pack.cases import FIELD_TYPES, Addressee, CaseField, CaseKind, CaseNote
from pipeline_cli.pack.fields import Reader
from pipeline_cli.pack.refs import Refs
from pipeline_cli.pack.text import Choice
from pipeline_cli.pack.yamlio import LDict

# Not a field: the state comes from --state (or `state:` in an answers file).
RESERVED = ("state",)


def cases(r: Reader, raw: Any, refs: Refs) -> dict[str, CaseKind]:
    """Every kind in the file, keyed by id; problems go to the reader."""
    out: dict[str, CaseKind] = {}
    if raw is None:
        return out
    for d in list_of_mappings(r, raw, "kinds"):
        kind = _kind(r, d, refs)
        if kind.id in out:
            r.error(d.line, f"duplicate case kind {kind.id!r}")
        out[kind.id] = kind
    return out


def _kind(r: Reader, d: LDict, refs: Refs) -> CaseKind:
    what = f"case {d.get('id', '?')}"
    r.keys(
        d,
        what,
        ["id", "title", "summary", "deliver", "addressees", "fields", "notes", "sources"],
        ["needs_state"],
    )
    fields: list[CaseField] = []
    for item, line in r.items(d, "fields", what):
        m = r.mapping(item, f"{what} field", line)
        if m is None:
            continue
        f = _field(r, m, what)
        if any(f.id == g.id for g in fields):
            r.error(m.line, f"{what}: duplicate field id {f.id!r}")
        fields.append(f)
    if not fields:
        r.error(d.line_of("fields"), f"{what}: needs at least one field")
    needs_state = r.flag(d, "needs_state", what)
    addressees = [
        _addressee(r, item, line, what, refs) for item, line in r.items(d, "addressees", what)
    ]
    found = [a for a in addressees if a is not None]
    if not found:
        r.error(d.line_of("addressees"), f"{what}: needs at least one addressee role")
    answer_choices = {f.id: tuple(c.value for c in f.choices) for f in fields}
    answer_choices["state"] = ()

    def check_when(when: str, line: int, where: str) -> None:
        for problem in expr.check(when, answer_choices) if when.strip() else ():
            r.error(line, f"{what}.{where}: {problem}")
        if "facts" in when and not needs_state:
            r.error(line, f"{what}.{where}: a `when` naming facts needs `needs_state: true`")

    for a in found:
        check_when(a.when, d.line_of("addressees"), "addressees")
    notes = []
    for item, line in r.items(d, "notes", what):
        m = r.mapping(item, f"{what} note", line)
        if m is None:
            continue
        r.keys(m, f"{what} note", ["text", "sources"], ["when"])
        when = r.string(m, "when", what)
        check_when(when, m.line_of("when"), "notes")
        text = r.text(m, "text", f"{what} note") or EMPTY
        notes.append(CaseNote(text, sources_of(r, m, what, refs, letters=True), when))
    ident = r.ident(d, "id", what)
    return CaseKind(
        id=ident,
        title=r.text(d, "title", what) or EMPTY,
        summary=r.text(d, "summary", what) or EMPTY,
        deliver=r.text(d, "deliver", what) or EMPTY,
        addressees=tuple(found),
        fields=tuple(fields),
        notes=tuple(notes),
        sources=sources_of(r, d, what, refs),
        needs_state=needs_state,
    )


def _addressee(r: Reader, item: Any, line: int, what: str, refs: Refs) -> Addressee | None:
    if isinstance(item, str):
        refs.want("role", item, r, line)
        return Addressee(item)
    m = r.mapping(item, f"{what}.addressees item", line)
    if m is None:
        return None
    r.keys(m, f"{what}.addressees item", ["role"], ["when"])
    role = r.string(m, "role", what)
    refs.want("role", role, r, m.line_of("role"))
    return Addressee(role, r.string(m, "when", what))


def _field(r: Reader, d: LDict, kind_what: str) -> CaseField:
    what = f"{kind_what} field {d.get('id', '?')}"
    r.keys(
        d, what, ["id", "type", "prompt", "help"], ["required", "sensitive", "choices", "default"]
    )
    ident = r.ident(d, "id", what)
    if ident in RESERVED:
        r.error(d.line_of("id"), f"{what}: {ident!r} is reserved (it comes from --state)")
    ftype = r.choice(d, "type", what, FIELD_TYPES, "text")
    choices: tuple[Choice, ...] = ()
    if ftype == "choice":
        choices = choices_of(r, r.items(d, "choices", what), d.line_of("choices"), what)
    elif "choices" in d:
        r.error(d.line_of("choices"), f"{what}.choices: only a `type: choice` field has choices")
    default = r.string(d, "default", what)
    if choices and default and default not in (c.value for c in choices):
        r.error(d.line_of("default"), f"{what}.default: {default!r} is not a choice")
    return CaseField(
        id=ident,
        type=ftype,
        prompt=r.text(d, "prompt", what) or EMPTY,
        help=r.text(d, "help", what) or EMPTY,
        required=r.flag(d, "required", what),
        sensitive=r.flag(d, "sensitive", what),
        choices=choices,
        default=default,
    )
