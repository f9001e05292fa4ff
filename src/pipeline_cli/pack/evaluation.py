"""Running the pack's expressions and titles for a plan, without importing jinja2.

`evaluate` and `render_title` run the tree lowered.py keeps for each text (from the pack cache,
or lowered here on first use); only a text outside that subset, or one that fails, goes through
jinja2's sandbox (expr.py), which gives the same result or the error in its own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline_cli.pack import lowered, plaintext
from pipeline_cli.pack.governance import GovVars
from pipeline_cli.pack.lowered import UNSUPPORTED, ExprError, Fallback
from pipeline_cli.pack.records import StateFacts

__all__ = ["ExprError", "context", "evaluate", "facts_gov", "render_title"]


def evaluate(src: str, context: Mapping[str, Any]) -> bool:
    """Truth of `src` in `context`; an empty expression is true."""
    if not src.strip():
        return True
    tree = lowered.tree("e:" + src)
    if tree is None:
        from pipeline_cli.pack import expr

        tree = expr.lower_expression(src)
    if tree is not UNSUPPORTED:
        try:
            return bool(lowered.run(tree, context))
        except Fallback:
            pass
    from pipeline_cli.pack import expr

    return expr.evaluate(src, context)


def render_title(template: str, values: Mapping[str, str]) -> str:
    """Render a short title template such as 'Sheriff of {{ county }}'."""
    if "{" not in template:  # plain text: jinja2 would give it back as it is
        return plaintext.strip_controls(" ".join(template.split()))
    tree = lowered.tree("t:" + template)
    if tree is None:
        from pipeline_cli.pack import expr

        tree = expr.lower_title(template)
    if tree is not UNSUPPORTED:
        try:
            text = lowered.render(tree, values)
        except Fallback:
            pass
        else:
            return plaintext.strip_controls(" ".join(text.split()))  # one line, no escapes
    from pipeline_cli.pack import expr

    return expr.render_title(template, values)


def facts_gov(facts: StateFacts) -> GovVars:
    """`gov` where no governance file settles it: what the state's facts say, else unknown."""
    extent = {"yes": "all", "no": "none", "partial": "some"}
    return GovVars(
        county_government=extent.get(facts.county_government, "unknown"),
        county_body="no" if facts.county_government == "no" else "unknown",
        jails="state" if facts.jails == "state" else "unknown",
        sheriff="none" if facts.sheriffs == "no" else "unknown",
        pardon=facts.pardon,
    )


def context(
    answers: Mapping[str, str], facts: StateFacts, gov: GovVars | None = None
) -> dict[str, Any]:
    """The names an expression sees: answer keys, the state's facts and governance, law helpers."""

    def limits(code: str) -> bool:
        return bool(facts.laws_covering(code, "limits"))

    def requires(code: str) -> bool:
        return bool(facts.laws_covering(code, "requires"))

    gov = gov or facts_gov(facts)
    return {**answers, "facts": facts, "gov": gov, "limits": limits, "requires": requires}
