"""Build a stage file: the stage, its touchpoints and its demands."""

from __future__ import annotations

from typing import Any

from pipeline_cli.pack.builders.shared import (
    EMPTY,
    check_law_codes,
    parted,
    sources_of,
    unverified_reason,
)
from pipeline_cli.pack.fields import Reader, did_you_mean
from pipeline_cli.pack.records import STATUSES, Demand, Stage, TargetRef, Touchpoint
from pipeline_cli.pack.refs import Refs
from pipeline_cli.pack.text import Parts, Text, Where
from pipeline_cli.pack.yamlio import LDict


def _why(r: Reader, d: LDict, what: str, refs: Refs, parts: Parts) -> dict[str, Text]:
    raw = d.get("why")
    why = r.mapping(raw, f"{what}.why", d.line_of("why")) if raw is not None else None
    if why is None:
        return {}
    r.keys(why, f"{what}.why", ["open", "closed", "unknown"], ["required_by_state"])
    out = {}
    for status in STATUSES:
        found: Parts = {}
        required = status != "required_by_state"
        text = parted(r, why, status, f"{what}.why", refs, found, required)
        parts.update({f"why.{k}": v for k, v in found.items()})
        if text is not None:
            out[status] = text
    return out


def touchpoint(r: Reader, d: LDict, stage_id: str, refs: Refs) -> Touchpoint:
    what = f"touchpoint {d.get('id', '?')}"
    r.keys(
        d,
        what,
        ["id", "title", "how", "controlled_by", "closed_if", "why", "sources"],
        ["open_if", "law_codes", "unverified", "unverified_reason", "finding"],
    )
    ident = r.ident(d, "id", what)
    refs.define("touchpoint", ident, r, d.line)
    controlled_by = r.strings(d, "controlled_by", what)
    for role in controlled_by:
        refs.want("role", role, r, d.line_of("controlled_by"))
    for key in ("closed_if", "open_if"):
        refs.expression(r.string(d, key, what), r, d.line_of(key))
    law_codes = r.strings(d, "law_codes", what)
    check_law_codes(r, d, "law_codes", what, law_codes)
    unverified = r.flag(d, "unverified", what)
    parts: Parts = {}
    return Touchpoint(
        id=ident,
        stage=stage_id,
        title=r.text(d, "title", what) or EMPTY,
        how=parted(r, d, "how", what, refs, parts) or EMPTY,
        controlled_by=controlled_by,
        law_codes=law_codes,
        closed_if=r.string(d, "closed_if", what),
        open_if=r.string(d, "open_if", what),
        why=_why(r, d, what, refs, parts),
        sources=sources_of(r, d, what, refs, letters=True),
        unverified=unverified,
        unverified_reason=unverified_reason(r, d, what, unverified),
        finding=r.text(d, "finding", what, required=False),
        parts=parts,
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
        [
            *("when", "clauses", "unverified", "unverified_reason", "organizing", "same_ask"),
            *("ask_by_role", "why_by_role", "direction"),
        ],
    )
    ident = r.ident(d, "id", what)
    refs.define("demand", ident, r, d.line)
    same_ask = r.string(d, "same_ask", what)
    if same_ask:
        refs.want("demand", same_ask, r, d.line_of("same_ask"))
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
    unverified = r.flag(d, "unverified", what)
    roles = {t.role for t in targets if t is not None}
    parts: Parts = {}
    return Demand(
        id=ident,
        stage=stage_id,
        title=r.text(d, "title", what) or EMPTY,
        ask=parted(r, d, "ask", what, refs, parts) or EMPTY,
        organizing=parted(r, d, "organizing", what, refs, parts, required=False),
        why=parted(r, d, "why", what, refs, parts) or EMPTY,
        targets=tuple(t for t in targets if t is not None),
        closes=closes,
        sources=sources_of(r, d, what, refs, letters=True),
        when=when,
        clauses=clauses,
        unverified=unverified,
        unverified_reason=unverified_reason(r, d, what, unverified),
        same_ask=same_ask,
        ask_by_role=_by_role(r, d, "ask_by_role", what, roles, refs, parts),
        why_by_role=_by_role(r, d, "why_by_role", what, roles, refs, parts),
        direction=r.text(d, "direction", what, False),
        parts=parts,
    )


def _by_role(
    r: Reader, d: LDict, key: str, what: str, roles: set[str], refs: Refs, parts: Parts
) -> tuple[tuple[str, Text], ...]:
    """`ask_by_role` / `why_by_role: {role_id: text}`: each key one of the demand's own target
    roles; each text {en, es} or a list of parts (kept in `parts` as "<key>.<role>")."""
    if key not in d:
        return ()
    m = r.mapping(d.get(key), f"{what}.{key}", d.line_of(key))
    if m is None:
        return ()
    out = []
    for role in m:
        if role not in roles:
            hint = did_you_mean(str(role), sorted(roles))
            r.error(m.line_of(role), f"{what}.{key}: {role!r} is not a target{hint}")
            continue
        found: Parts = {}
        text = parted(r, m, role, f"{what}.{key}", refs, found)
        parts.update({f"{key}.{k}": v for k, v in found.items()})
        if text is not None:
            out.append((str(role), text))
    return tuple(out)


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
    parts: Parts = {}
    return Stage(
        id=ident,
        order=order,
        title=r.text(d, "title", what) or EMPTY,
        summary=parted(r, d, "summary", what, refs, parts) or EMPTY,
        touchpoints=tuple(tps),
        demands=tuple(demands),
        sources=sources_of(r, d, what, refs),
        seed_name=r.string(d, "seed_name", what),
        where=Where(r.file, d.line),
        parts=parts,
    )
