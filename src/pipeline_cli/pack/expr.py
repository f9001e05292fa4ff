"""`when`, `closed_if` and `open_if` expressions in jinja2's sandbox: compiled once, never eval.

This is the checking side and the slow path: `pipeline validate` and the pack's checks parse
every expression here, and evaluation.py comes here only for what lowered.py cannot run.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.environment import TemplateExpression
from jinja2.exceptions import SecurityError, UndefinedError

from pipeline_cli.errors import PipelineError
from pipeline_cli.pack import bytecode, plaintext, sandbox
from pipeline_cli.pack.governance import GOV_VALUES
from pipeline_cli.pack.lowered import HELPERS, LAW_CODES, ExprError, Tree
from pipeline_cli.pack.records import StateFacts

FACT_FIELDS = frozenset(f.name for f in dataclasses.fields(StateFacts))
__all__ = ["HELPERS", "LAW_CODES", "ExprError", "check", "names_used", "template_names"]


@cache
def _env() -> sandbox.BoundedImmutableSandbox:
    return sandbox.BoundedImmutableSandbox(undefined=StrictUndefined)


def _hint(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@cache
def compile_expr(src: str) -> Callable[..., Any]:
    """Compile once; the result takes the context as keyword arguments."""
    try:
        return TemplateExpression(
            bytecode.template(_env(), bytecode.expression_code(_env(), src)),
            undefined_to_none=False,
        )
    except TemplateSyntaxError as exc:
        raise ExprError(f"expression {src!r} does not compile: {exc.message}") from None


def warm_expression(src: str) -> None:
    bytecode.warm(lambda: bytecode.expression_code(_env(), src))


def warm_title(src: str) -> None:
    bytecode.warm(lambda: bytecode.title_code(_env(), src))


def lower_expression(src: str) -> Tree:
    return bytecode.lower_expression(_env(), src)


def lower_title(src: str) -> Tree:
    return bytecode.lower_title(_env(), src)


def evaluate(src: str, context: Mapping[str, Any]) -> bool:
    """Truth of `src` in `context`, run by jinja2 (evaluation.evaluate comes here when needed)."""
    try:
        return sandbox.guard(lambda: bool(compile_expr(src)(**context)), timed=False)
    except ExprError:
        raise
    except (SecurityError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        raise ExprError(f"expression {src!r} failed: {exc}") from None
    except Exception as exc:  # anything else a pack's expression can raise is the pack's fault
        raise ExprError(f"expression {src!r} failed: {type(exc).__name__}: {exc}") from None


@cache
def names_used(src: str) -> frozenset[str]:
    """The names an expression reads (empty when it does not compile)."""
    try:
        tree = _env().parse("{{ (" + src + ") }}")
    except TemplateSyntaxError:
        return frozenset()
    return frozenset(n.name for n in tree.find_all(nodes.Name) if n.ctx == "load")


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
        owner = attr.node.name if isinstance(attr.node, nodes.Name) else ""
        fields = {"facts": FACT_FIELDS, "gov": GOV_VALUES.keys()}.get(owner)
        if fields is not None and attr.attr not in fields:
            hint = _hint(attr.attr, fields)
            problems.append(f"expression {src!r}: {owner} has no field {attr.attr!r}{hint}")
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
        names += [f"gov.{o.attr}" for o in operands if isinstance(o, nodes.Getattr) and _is_gov(o)]
        consts: list[Any] = []
        for o in operands:
            if isinstance(o, nodes.Const):
                consts.append(o.value)
            elif isinstance(o, (nodes.Tuple, nodes.List)):
                consts.extend(i.value for i in o.items if isinstance(i, nodes.Const))
        for name in names:
            gov = name.startswith("gov.")
            allowed = GOV_VALUES.get(name[4:]) if gov else answer_choices.get(name)
            if not allowed:
                continue
            for value in consts:
                if isinstance(value, str) and value not in allowed:
                    problems.append(
                        f"expression {src!r}: {value!r} is not a choice of {name!r} "
                        f"(choices: {', '.join(allowed)})"
                    )
    return problems


def _is_gov(node: nodes.Getattr) -> bool:
    return isinstance(node.node, nodes.Name) and node.node.name == "gov"


@cache
def _title(template: str) -> Template:
    # Compiled once per pack string: a batch over every county renders each title thousands
    # of times, and compiling was a fifth of its run time.
    return bytecode.template(_env(), bytecode.title_code(_env(), template))


def render_title(template: str, values: Mapping[str, str]) -> str:
    """Render a short title template such as 'Sheriff of {{ county }}', in jinja2."""
    try:
        title = _title(template)
        text = sandbox.guard(lambda: sandbox.join(title.generate(**values)))
        return plaintext.strip_controls(" ".join(text.split()))  # one line, no escapes
    except PipelineError:
        raise
    except (TemplateSyntaxError, UndefinedError, SecurityError) as exc:
        raise ExprError(f"title {template!r} failed: {exc}") from None
    except Exception as exc:  # anything else a pack's title can raise is the pack's fault
        raise ExprError(f"title {template!r} failed: {type(exc).__name__}: {exc}") from None


def template_names(template: str) -> tuple[set[str], str]:
    """Variables a title template uses, and a syntax problem if any."""
    from jinja2 import meta

    try:
        tree = _env().parse(template)
    except TemplateSyntaxError as exc:
        return set(), f"template {template!r} does not compile: {exc.message}"
    return set(meta.find_undeclared_variables(tree)), ""
