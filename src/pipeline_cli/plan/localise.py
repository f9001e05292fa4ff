"""The pack as one place reads it: each text given as parts keeps the parts whose `when` holds.

Stage, touchpoint, demand and role texts may carry examples from one state's places (Pasadena's
MOU, the Lakewood Plan) behind a `when`; the plan is built from this copy of the pack, so
every document written from it (plan, letters, scripts, JSON) reads only what is true there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from pipeline_cli.pack.records import Pack, Stage
from pipeline_cli.pack.text import HelpPart, Parts, Text

R = TypeVar("R")
_BY_ROLE = ("ask_by_role", "why_by_role")


def pick(parts: tuple[HelpPart, ...], holds: Callable[[str], bool]) -> Text:
    """The parts that hold here, joined."""
    chosen = [p.text for p in parts if not p.when or holds(p.when)]
    return Text(" ".join(t.en for t in chosen), " ".join(t.es for t in chosen))


def _here(record: R, parts: Parts, holds: Callable[[str], bool]) -> R:
    if not parts:
        return record
    changes: dict[str, Any] = {}
    by_status = any(k.startswith("why.") for k in parts)  # a touchpoint's why, by status
    why: dict[str, Text] = dict(getattr(record, "why")) if by_status else {}  # noqa: B009
    # a demand's texts by role ("why_by_role.sheriff"): the parts chosen replace that entry
    roles = {k.split(".")[0] for k in parts if k.split(".")[0] in _BY_ROLE}
    by_role = {f: dict(getattr(record, f)) for f in roles}
    for key, found in parts.items():
        text = pick(found, holds)
        if key.startswith("why."):
            why[key.removeprefix("why.")] = text
        elif key.split(".")[0] in by_role:
            field_name, role = key.split(".", 1)
            by_role[field_name][role] = text
        elif key == "organizing":
            changes[key] = text if text.en else None
        else:
            changes[key] = text
    if by_status:
        changes["why"] = why
    changes.update({f: tuple(texts.items()) for f, texts in by_role.items()})
    return dataclasses.replace(record, **changes)  # type: ignore[type-var]


def _stage(s: Stage, holds: Callable[[str], bool]) -> Stage:
    return dataclasses.replace(
        _here(s, s.parts, holds),
        touchpoints=tuple(_here(t, t.parts, holds) for t in s.touchpoints),
        demands=tuple(_here(d, d.parts, holds) for d in s.demands),
    )


def localise(pack: Pack, holds: Callable[[str], bool]) -> Pack:
    """The pack with every text given as parts chosen for the place where `holds` judges."""
    return dataclasses.replace(
        pack,
        stages=tuple(_stage(s, holds) for s in pack.stages),
        roles={k: _here(r, r.parts, holds) for k, r in pack.roles.items()},
    )
