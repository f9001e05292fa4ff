"""Compiled bytecode of the pack's expressions and titles, kept for the pack cache.

Compiling a jinja2 expression (parse, generate Python, compile) costs far more than running
it. Every one compiled is kept here by kind and source; the pack cache (cache.py) stores them
with marshal, as jinja2's own bytecode cache does, and a cached run loads them back, so it
compiles nothing.
"""

from __future__ import annotations

import contextlib
import marshal
from collections.abc import Callable, Mapping
from types import CodeType

from jinja2 import Environment, Template, TemplateSyntaxError, nodes
from jinja2.parser import Parser

_CODES: dict[str, CodeType] = {}


def expression_code(env: Environment, src: str) -> CodeType:
    key = "e:" + src
    code = _CODES.get(key)
    if code is None:
        parser = Parser(env, src, state="variable")
        node = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
        body = [nodes.Assign(nodes.Name("result", "store"), node, lineno=1)]
        code = _CODES[key] = env.compile(nodes.Template(body, lineno=1))
    return code


def title_code(env: Environment, template: str) -> CodeType:
    key = "t:" + template
    code = _CODES.get(key)
    if code is None:
        code = _CODES[key] = env.compile(template)
    return code


def template(env: Environment, code: CodeType) -> Template:
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def warm(compile_one: Callable[[], object]) -> None:
    """Compile now so the bytecode can be cached; a bad one is left for checks to report."""
    with contextlib.suppress(TemplateSyntaxError):
        compile_one()


def export_codes() -> dict[str, bytes]:
    return {key: marshal.dumps(code) for key, code in _CODES.items()}


def preload_codes(codes: Mapping[str, bytes]) -> None:
    """Bytecode from the pack cache, keyed as `_CODES` is (the key covers jinja2 and Python)."""
    for key, blob in codes.items():
        _CODES.setdefault(key, marshal.loads(blob))


def clear() -> None:
    _CODES.clear()
