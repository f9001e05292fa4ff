"""Template checks for `pipeline validate`: each language complete, every name defined.

Two passes: a static one (names a template uses that no context defines, even in a branch the
sample never takes) and rendering every template for every role and language of a sample plan.
Problems read `templates/<lang>/<file>:<line>: message`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import TemplateSyntaxError, meta, nodes

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents import diagram, handout, pages, render
from pipeline_cli.documents.casecheck import check_cases
from pipeline_cli.documents.casedoc import CASE_NAMES
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import sample

_BASE = {"lang", "place", "pack", "date", "signer", "reply_by"}
_HANDOUT = {"lang", "pack", "date", "flow", "stages", "sources", "unverified"}
_DOC = _BASE | {
    "target",
    "demands",
    "sources",
    "clauses",
    "findings",
    "directions",
    "weigh",
    "more",
    "with_why",
    "ice",
}
_KNOWN = {
    "plan": _BASE | {"stages", "targets", "warnings", "ice", "sources", "start_here"},
    "index": _BASE | {"files"},
    "base.html": {"body", "lang", "title"},
    "handout": _HANDOUT,
    "workshop": _HANDOUT,
    "print.html": {"sheets", "lang", "title"},
    "_blocks.html": set(),
}


# Every kind of file the index lists.
_LABELLED = ("plan.json", *render.KINDS)


def _files(dirs: tuple[Path, ...], lang: str) -> set[str]:
    return {p.name for d in dirs if (d / lang).is_dir() for p in (d / lang).glob("*.j2")}


def missing_languages(pack: Pack, dirs: tuple[Path, ...]) -> list[str]:
    """A template present in one language but not another, or a document kind with none."""
    kinds = (*render.KINDS, "index", *handout.STYLES.values(), render.STAMP)
    wanted = {f"{k}.md.j2" for k in kinds}
    every = set().union(wanted, *(_files(dirs, lang) for lang in pack.languages))
    problems = []
    for lang in pack.languages:
        for name in sorted(every - _files(dirs, lang)):
            others = [o for o in pack.languages if name in _files(dirs, o)]
            has = f"templates/{others[0]}/{name} has no {lang} counterpart" if others else "needed"
            problems.append(f"templates/{lang}/{name}:1: missing template ({has})")
    return problems


def undefined_names(env_dirs: tuple[Path, ...]) -> list[str]:
    """Names a template reads that its context never provides, with the line of first use."""
    env = render.environment(env_dirs)
    problems = []
    for name in sorted(set(env.list_templates(extensions=["j2"]))):
        stem = name.rsplit("/", 1)[-1].removesuffix(".j2").removesuffix(".md")
        known = _KNOWN.get(stem, CASE_NAMES if stem.startswith("case_") else _DOC)
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            tree = env.parse(source, name, filename)
        except TemplateSyntaxError as exc:
            problems.append(f"templates/{name}:{exc.lineno}: {exc.message}")
            continue
        for var in sorted(meta.find_undeclared_variables(tree) - known):
            line = next(n.lineno for n in tree.find_all(nodes.Name) if n.name == var)
            problems.append(f"templates/{name}:{line}: '{var}' is not defined for this template")
    return problems


def check_templates(pack: Pack) -> list[str]:
    """Every template problem for this pack, one line each."""
    dirs = render.template_dirs(pack.root)
    problems = missing_languages(pack, dirs) + undefined_names(dirs)
    if problems:
        return problems
    renderer = render.Renderer(pack)
    seen: set[str] = set()
    for signed in (False, True):
        plan = sample.sample_plan(pack, signed=signed)
        for lang in pack.languages:
            files = [{"path": "plan.json", "kind": k, "target": "T"} for k in _LABELLED]
            jobs = [("plan", docdata.plan_doc(plan, lang))]
            jobs += [("index", {**docdata.base(plan, lang), "files": files})]
            for target in plan.targets:
                ctx = docdata.target_doc(plan, target, lang)
                jobs += [(k, ctx) for k in render.KINDS if k != "plan"]
            for kind, ctx in jobs:
                try:
                    renderer.html(renderer.document(kind, lang, ctx), lang)
                except render.TemplateProblem as exc:
                    seen.add(str(exc))
    for lang in pack.languages:  # the trainer handout, each style: the whole pack, no plan
        for style in handout.STYLES:
            try:
                handout.render_handout(pack, (lang,), "html", pack.as_of, style=style)
            except render.TemplateProblem as exc:
                seen.add(str(exc))
        try:  # the printed plan: sheets with the diagram
            plan = sample.sample_plan(pack, signed=False)
            sheets = pages.sheets(
                {lang: renderer.document("plan", lang, docdata.plan_doc(plan, lang))},
                {lang: pages.Figure(diagram.plan_svg(plan, lang))},
                every_section=False,
            )
            renderer.sheets_html(sheets, lang)
        except render.TemplateProblem as exc:
            seen.add(str(exc))
    seen |= check_cases(pack, renderer)  # individual-case letters (cases.yaml)
    return sorted(seen)
