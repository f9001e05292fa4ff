"""Pack expressions and titles lowered to small trees, run without importing jinja2.

jinja2 parses and checks every `when`, `closed_if` and `open_if` expression and every title
template (expr.py); running them through jinja2 means importing it, which costs a plan more
than building it. Nearly all of them use a small part of the language: names, fields of
`facts` and `gov`, constants, tuples, comparisons, `and`, `or`, `not` and the law helpers;
titles are text and names. bytecode.py lowers those to the trees below, the pack cache keeps
them, and `run` and `render` evaluate them here with the same results as jinja2.

Anything else, or anything that goes wrong while running (a name the context lacks, a field a
record lacks, a type error), is handed back with `Fallback`: the caller then runs the same text
through jinja2's sandbox, which gives the result or the exact error. A tree can only read
context names, dataclass fields and call the law helpers, so it can do nothing jinja2's sandbox
would refuse.

A tree is nested tuples (picklable, as the pack cache needs):
  ("const", value) ("name", name) ("attr", tree, field) ("tuple", trees) ("list", trees)
  ("cmp", tree, ((op, tree), ...)) ("and", tree, tree) ("or", tree, tree) ("not", tree)
  ("call", helper, trees)
and a title is ("title", parts), each part ("text", str) or a tree.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Mapping
from typing import Any

from pipeline_cli.errors import PipelineError

# Names an expression may use besides the answer keys.
HELPERS = ("facts", "gov", "limits", "requires")
CALLABLE = ("limits", "requires")
LAW_CODES = (
    "INQ", "DET", "NOT", "ACC", "287", "IGSA", "CRT", "DATA", "DOC", "PROB", "RPT", "ENF",
)  # fmt: skip

Tree = tuple[Any, ...]
UNSUPPORTED: Tree = ("unsupported",)  # lowered once, found outside the subset: use jinja2

COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lteq": operator.le,
    "gt": operator.gt,
    "gteq": operator.ge,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}

_TREES: dict[str, Tree] = {}  # "e:" + expression or "t:" + title -> tree or UNSUPPORTED
_CODES: dict[str, bytes] = {}  # jinja2 bytecode (marshal) from the pack cache, same keys


class ExprError(PipelineError):
    """An expression that does not compile or fails when evaluated."""


class Fallback(Exception):
    """This tree cannot give jinja2's answer here: run the text through jinja2 instead."""


def tree(key: str) -> Tree | None:
    return _TREES.get(key)


def keep(key: str, lowered: Tree) -> Tree:
    _TREES[key] = lowered
    return lowered


def code_blob(key: str) -> bytes | None:
    return _CODES.pop(key, None)


def pending_codes() -> dict[str, bytes]:
    return dict(_CODES)


def preload(trees: Mapping[str, Tree], codes: Mapping[str, bytes]) -> None:
    """Trees and bytecode from the pack cache."""
    for key, value in trees.items():
        _TREES.setdefault(key, value)
    for key, blob in codes.items():
        _CODES.setdefault(key, blob)


def export() -> dict[str, Tree]:
    return dict(_TREES)


def clear() -> None:
    _TREES.clear()
    _CODES.clear()


def run(node: Tree, context: Mapping[str, Any]) -> Any:
    """The value of an expression tree; Fallback when only jinja2 can say."""
    try:
        return _value(node, context)
    except Fallback:
        raise
    except Exception as exc:  # jinja2 gives the error, in its words, with the expression
        raise Fallback from exc


def render(title: Tree, values: Mapping[str, Any]) -> str:
    """A title tree's text; Fallback when only jinja2 can say."""
    if title[0] != "title":
        raise Fallback
    out = []
    for part in title[1]:
        if part[0] == "text":
            out.append(part[1])
        else:
            out.append(str(run(part, values)))
    return "".join(out)


def _value(node: Tree, ctx: Mapping[str, Any]) -> Any:
    kind = node[0]
    if kind == "const":
        return node[1]
    if kind == "name":
        if node[1] not in ctx:
            raise Fallback  # jinja2 has globals and StrictUndefined's error for this
        return ctx[node[1]]
    if kind == "attr":
        return _field(_value(node[1], ctx), node[2])
    if kind == "cmp":
        left = _value(node[1], ctx)
        for op, operand in node[2]:
            right = _value(operand, ctx)
            if not COMPARE[op](left, right):
                return False
            left = right
        return True
    if kind == "and":
        return _value(node[1], ctx) and _value(node[2], ctx)
    if kind == "or":
        return _value(node[1], ctx) or _value(node[2], ctx)
    if kind == "not":
        return not _value(node[1], ctx)
    if kind == "tuple":
        return tuple(_value(n, ctx) for n in node[1])
    if kind == "list":
        return [_value(n, ctx) for n in node[1]]
    if kind == "call" and node[1] in CALLABLE:
        fn = ctx.get(node[1])
        if not callable(fn):
            raise Fallback
        return fn(*(_value(n, ctx) for n in node[2]))
    raise Fallback


_FIELDS: dict[type, frozenset[str]] = {}


def _field(owner: Any, name: str) -> Any:
    """A record's field, the only attribute a tree reads."""
    kind = type(owner)
    fields = _FIELDS.get(kind)
    if fields is None:
        if not dataclasses.is_dataclass(kind):
            raise Fallback
        fields = _FIELDS[kind] = frozenset(f.name for f in dataclasses.fields(kind))
    if name.startswith("_") or name not in fields:
        raise Fallback
    return getattr(owner, name)
