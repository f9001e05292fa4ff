"""Plans run the pack's expressions and titles without jinja2, with jinja2's own results.

lowered.py runs the part of the expression language the pack uses; anything else, and every
error, goes through jinja2's sandbox. These tests hold the two to the same answers over the
whole built-in pack and every state, and check that a cached plan never imports jinja2.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.pack import cache, evaluation, expr, lowered
from pipeline_cli.pack.lowered import ExprError
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import governance

PACK = cache.cached_pack()


def _texts(pack: Pack) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"expr": set(), "title": set()}
    cache._expressions(pack, found)
    return found


TEXTS = _texts(PACK)


def _contexts(pack: Pack) -> list[dict[str, Any]]:
    """Every state, each with several random answers to every question (seeded)."""
    rng = random.Random(20261201)
    out = []
    for code, facts in sorted(pack.states.items()):
        gov = governance.gov_for(pack, facts, "")
        for _ in range(4):
            answers = {"state": code, "county": "Any County", "city": "Any City"}
            for q in pack.questions:
                choices = q.choice_values()
                if choices:
                    answers[q.id] = rng.choice(choices)
            out.append(evaluation.context(answers, facts, gov))
    return out


def _outcome(run: Any, *args: Any) -> tuple[str, Any]:
    try:
        return ("ok", run(*args))
    except ExprError as exc:
        return ("error", str(exc))


def test_the_built_in_pack_needs_no_jinja2_to_run() -> None:
    assert len(TEXTS["expr"]) > 100 and len(TEXTS["title"]) > 50
    unsupported = sorted(
        [s for s in TEXTS["expr"] if expr.lower_expression(s) is lowered.UNSUPPORTED]
        + [s for s in TEXTS["title"] if expr.lower_title(s) is lowered.UNSUPPORTED]
    )
    assert not unsupported


def test_every_expression_gives_jinja2s_answer_in_every_state() -> None:
    contexts = _contexts(PACK)
    assert len(contexts) >= 52 * 4
    differ = []
    for src in sorted(TEXTS["expr"]):
        for ctx in contexts:
            ours = _outcome(evaluation.evaluate, src, ctx)
            theirs = _outcome(expr.evaluate, src, ctx)
            if ours != theirs:
                differ.append((src, ctx["state"], ours, theirs))
    assert not differ[:5]


def test_every_title_renders_as_jinja2_renders_it() -> None:
    values = {"county": "Harris County", "of_county": "del condado de Harris", "city": "Tacoma"}
    for src in sorted(TEXTS["title"]):
        names, _ = expr.template_names(src)
        given = {**{n: f"<{n}>" for n in names}, **values}
        assert evaluation.render_title(src, given) == expr.render_title(src, given), src


@pytest.mark.parametrize(
    "src",
    [
        "1 + 1 == 2",  # arithmetic: not in the lowered subset
        "state | lower == 'ca'",  # a filter
        "range(3) | length == 3",  # a jinja2 global, not a context name
        "state is defined",  # a test
        "nobody == 'x'",  # a name the context lacks: StrictUndefined's error
        "facts.__class__ == 1",  # an attribute the sandbox refuses
        "facts.no_such_field == 1",
        "state in 5",  # a type error while comparing
        "limits(1, 2, 3)",  # a helper called wrongly
    ],
)
def test_what_trees_cannot_run_is_left_to_jinja2(src: str) -> None:
    facts = PACK.states["CA"]
    ctx = evaluation.context({"state": "CA"}, facts, governance.gov_for(PACK, facts, ""))
    assert _outcome(evaluation.evaluate, src, ctx) == _outcome(expr.evaluate, src, ctx)


def test_a_title_with_a_missing_name_fails_as_jinja2_does() -> None:
    with pytest.raises(ExprError, match="nobody"):
        evaluation.render_title("Sheriff of {{ nobody }}", {"county": "Harris"})


def test_a_cached_plan_imports_no_jinja2(tmp_path: Path) -> None:
    env = {**os.environ, "PIPELINE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PIPELINE_NO_CACHE", None)
    script = (
        "import sys, io, contextlib\n"
        "from pipeline_cli.cli.app import main\n"
        "sys.argv = ['pipeline', 'advise', '--set', 'state=TX', '--set', 'county=Harris',"
        " '--json']\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, exc.code\n"
        "assert '\"targets\"' in out.getvalue()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jinja2'))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs[0] != "[]", "the first run checks the pack with jinja2"
    assert runs[1] == "[]", "a cached run plans without jinja2"
