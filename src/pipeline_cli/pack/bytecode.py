"""Compiled forms of the pack's expressions and titles, kept for the pack cache.

Compiling a jinja2 expression (parse, generate Python, compile) costs far more than running
it. Every one compiled is kept here by kind and source; the pack cache (cache.py) stores them
with marshal, as jinja2's own bytecode cache does, and a cached run loads them back, so it
compiles nothing. Each is also lowered, where it can be, to the tree lowered.py runs without
jinja2; the cache keeps those too.
"""

from __future__ import annotations

import contextlib
import marshal
from collections.abc import Callable
from types import CodeType

from jinja2 import Environment, Template, TemplateSyntaxError, nodes
from jinja2.parser import Parser

from pipeline_cli.pack import lowered
from pipeline_cli.pack.lowered import UNSUPPORTED, Tree

_CODES: dict[str, CodeType] = {}
_OPS = frozenset(lowered.COMPARE)


def _code(key: str, build: Callable[[], CodeType]) -> CodeType:
    code = _CODES.get(key)
    if code is None:
        blob = lowered.code_blob(key)
        code = _CODES[key] = marshal.loads(blob) if blob is not None else build()
    return code


def _expression_node(env: Environment, src: str) -> nodes.Expr:
    parser = Parser(env, src, state="variable")
    node = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    return node


def expression_code(env: Environment, src: str) -> CodeType:
    def build() -> CodeType:
        body = [nodes.Assign(nodes.Name("result", "store"), _expression_node(env, src), lineno=1)]
        return env.compile(nodes.Template(body, lineno=1))

    return _code("e:" + src, build)


def title_code(env: Environment, template: str) -> CodeType:
    return _code("t:" + template, lambda: env.compile(template))


def template(env: Environment, code: CodeType) -> Template:
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def warm(compile_one: Callable[[], object]) -> None:
    """Compile now so the bytecode can be cached; a bad one is left for checks to report."""
    with contextlib.suppress(TemplateSyntaxError):
        compile_one()


def export_codes() -> dict[str, bytes]:
    compiled = {key: marshal.dumps(code) for key, code in _CODES.items()}
    return {**lowered.pending_codes(), **compiled}


def clear() -> None:
    _CODES.clear()
    lowered.clear()


def lower_expression(env: Environment, src: str) -> Tree:
    """The expression as a tree lowered.py runs, or UNSUPPORTED (also when it does not parse)."""
    key = "e:" + src
    found = lowered.tree(key)
    if found is None:
        try:
            found = _lower(_expression_node(env, src))
        except TemplateSyntaxError:
            found = UNSUPPORTED
        lowered.keep(key, found)
    return found


def lower_title(env: Environment, template: str) -> Tree:
    """A title template as a tree lowered.py renders, or UNSUPPORTED."""
    key = "t:" + template
    found = lowered.tree(key)
    if found is None:
        try:
            found = _lower_title(env.parse(template))
        except TemplateSyntaxError:
            found = UNSUPPORTED
        lowered.keep(key, found)
    return found


def _lower_title(tree: nodes.Template) -> Tree:
    parts: list[Tree] = []
    for out in tree.body:
        if not isinstance(out, nodes.Output):
            return UNSUPPORTED
        for node in out.nodes:
            if isinstance(node, nodes.TemplateData):
                parts.append(("text", node.data))
            elif isinstance(node, nodes.Name):
                parts.append(("name", node.name))
            else:
                return UNSUPPORTED
    return ("title", tuple(parts))


def _lower(node: nodes.Node) -> Tree:
    """jinja2's expression node as a tree, for the node types lowered.py runs."""
    try:
        return _lowered(node)
    except _Outside:
        return UNSUPPORTED


class _Outside(Exception):
    pass


def _lowered(node: nodes.Node) -> Tree:
    if isinstance(node, nodes.Const) and isinstance(node.value, (str, int, float, type(None))):
        return ("const", node.value)  # bool is an int
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return ("name", node.name)
    if isinstance(node, nodes.Getattr) and node.ctx == "load":
        return ("attr", _lowered(node.node), node.attr)
    if isinstance(node, (nodes.Tuple, nodes.List)):
        kind = "tuple" if isinstance(node, nodes.Tuple) else "list"
        return (kind, tuple(_lowered(n) for n in node.items))
    if isinstance(node, nodes.Compare) and all(op.op in _OPS for op in node.ops):
        return ("cmp", _lowered(node.expr), tuple((op.op, _lowered(op.expr)) for op in node.ops))
    if isinstance(node, (nodes.And, nodes.Or)):
        kind = "and" if isinstance(node, nodes.And) else "or"
        return (kind, _lowered(node.left), _lowered(node.right))
    if isinstance(node, nodes.Not):
        return ("not", _lowered(node.node))
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name in lowered.CALLABLE
        and not (node.kwargs or node.dyn_args or node.dyn_kwargs)
    ):
        return ("call", node.node.name, tuple(_lowered(a) for a in node.args))
    raise _Outside
