"""`when`, `closed_if` and `open_if` expressions: compiled once, in jinja2's sandbox, never eval."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import marshal
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from types import CodeType
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.environment import TemplateExpression
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pipeline_cli.errors import PipelineError
from pipeline_cli.pack.records import StateFacts

# Names an expression may use besides the answer keys.
HELPERS = ("facts", "limits", "requires")
FACT_FIELDS = frozenset(f.name for f in dataclasses.fields(StateFacts))
LAW_CODES = (
    "INQ", "DET", "NOT", "ACC", "287", "IGSA", "CRT", "DATA", "DOC", "PROB", "RPT", "ENF",
)  # fmt: skip


@cache
def _env() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(undefined=StrictUndefined)


def _hint(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class ExprError(PipelineError):
    """An expression that does not compile or fails when evaluated."""


# Compiled bytecode of every expression and title seen, by kind and source: the pack cache
# stores it (marshal, as jinja2's own bytecode cache does) so a cached run compiles nothing.
_CODES: dict[str, CodeType] = {}


def _expression_code(src: str) -> CodeType:
    key = "e:" + src
    code = _CODES.get(key)
    if code is None:
        env = _env()
        parser = Parser(env, src, state="variable")
        node = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
        body = [nodes.Assign(nodes.Name("result", "store"), node, lineno=1)]
        code = _CODES[key] = env.compile(nodes.Template(body, lineno=1))
    return code


def _template(code: CodeType) -> Template:
    env = _env()
    return env.template_class.from_code(env, code, env.make_globals(None), None)


@cache
def compile_expr(src: str) -> Callable[..., Any]:
    """Compile once; the result takes the context as keyword arguments."""
    try:
        return TemplateExpression(_template(_expression_code(src)), undefined_to_none=False)
    except TemplateSyntaxError as exc:
        raise ExprError(f"expression {src!r} does not compile: {exc.message}") from None


def warm_expression(src: str) -> None:
    """Compile `src` now so its bytecode can be cached; a bad one is left for checks to report."""
    with contextlib.suppress(TemplateSyntaxError):
        _expression_code(src)


def warm_title(src: str) -> None:
    with contextlib.suppress(TemplateSyntaxError):
        _title_code(src)


def export_codes() -> dict[str, bytes]:
    return {key: marshal.dumps(code) for key, code in _CODES.items()}


def preload_codes(codes: Mapping[str, bytes]) -> None:
    """Bytecode from the pack cache, keyed as `_CODES` is (the key covers jinja2 and Python)."""
    for key, blob in codes.items():
        _CODES.setdefault(key, marshal.loads(blob))


def evaluate(src: str, context: Mapping[str, Any]) -> bool:
    """Truth of `src` in `context`; an empty expression is true."""
    if not src.strip():
        return True
    try:
        return bool(compile_expr(src)(**context))
    except (UndefinedError, SecurityError, TypeError, ValueError) as exc:
        raise ExprError(f"expression {src!r} failed: {exc}") from None


def context(answers: Mapping[str, str], facts: StateFacts) -> dict[str, Any]:
    """The names an expression sees: every answer key, the state's facts, law helpers."""

    def limits(code: str) -> bool:
        return bool(facts.laws_covering(code, "limits"))

    def requires(code: str) -> bool:
        return bool(facts.laws_covering(code, "requires"))

    return {**answers, "facts": facts, "limits": limits, "requires": requires}


def check(src: str, answer_choices: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Problems with an expression, judged without evaluating it.

    `answer_choices` maps every answer key to its allowed values (empty for free text).
    """
    try:
        tree = _env().parse("{{ (" + src + ") }}")
    except TemplateSyntaxError as exc:
        return [f"expression {src!r} does not compile: {exc.message}"]
    problems: list[str] = []
    known = set(answer_choices) | set(HELPERS)
    for name in sorted({n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}):
        if name not in known:
            hint = _hint(name, known)
            problems.append(f"expression {src!r} names unknown answer key {name!r}{hint}")
    for attr in tree.find_all(nodes.Getattr):
        is_facts = isinstance(attr.node, nodes.Name) and attr.node.name == "facts"
        if is_facts and attr.attr not in FACT_FIELDS:
            hint = _hint(attr.attr, FACT_FIELDS)
            problems.append(f"expression {src!r}: facts has no field {attr.attr!r}{hint}")
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in ("limits", "requires"):
            for arg in call.args:
                if isinstance(arg, nodes.Const) and arg.value not in LAW_CODES:
                    hint = _hint(str(arg.value), LAW_CODES)
                    problems.append(f"expression {src!r}: unknown law code {arg.value!r}{hint}")
    problems.extend(_check_compared_values(tree, src, answer_choices))
    return problems


def _check_compared_values(
    tree: nodes.Template, src: str, answer_choices: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """Catch typos like `has_287g == 'yse'`: a compared constant must be a valid choice."""
    problems = []
    for cmp in tree.find_all(nodes.Compare):
        operands = [cmp.expr, *(op.expr for op in cmp.ops)]
        names = [o.name for o in operands if isinstance(o, nodes.Name)]
        consts: list[Any] = []
        for o in operands:
            if isinstance(o, nodes.Const):
                consts.append(o.value)
            elif isinstance(o, (nodes.Tuple, nodes.List)):
                consts.extend(i.value for i in o.items if isinstance(i, nodes.Const))
        for name in names:
            allowed = answer_choices.get(name)
            if not allowed:
                continue
            for value in consts:
                if isinstance(value, str) and value not in allowed:
                    problems.append(
                        f"expression {src!r}: {value!r} is not a choice of {name!r} "
                        f"(choices: {', '.join(allowed)})"
                    )
    return problems


def _title_code(template: str) -> CodeType:
    key = "t:" + template
    code = _CODES.get(key)
    if code is None:
        code = _CODES[key] = _env().compile(template)
    return code


@cache
def _title(template: str) -> Template:
    # Compiled once per pack string: a batch over every county renders each title thousands
    # of times, and compiling was a fifth of its run time.
    return _template(_title_code(template))


def render_title(template: str, values: Mapping[str, str]) -> str:
    """Render a short title template such as 'Sheriff of {{ county }}'."""
    try:
        return _title(template).render(**values).strip()
    except (TemplateSyntaxError, UndefinedError, SecurityError) as exc:
        raise ExprError(f"title {template!r} failed: {exc}") from None


def template_names(template: str) -> tuple[set[str], str]:
    """Variables a title template uses, and a syntax problem if any."""
    from jinja2 import meta

    try:
        tree = _env().parse(template)
    except TemplateSyntaxError as exc:
        return set(), f"template {template!r} does not compile: {exc.message}"
    return set(meta.find_undeclared_variables(tree)), ""
