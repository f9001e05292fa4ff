"""`advise --out DIR`: the plan, letters, scripts and draft ordinances in a predictable tree.

    <out>/plan.json
    <out>/<lang>/plan.md
    <out>/<lang>/plan.<ext>                     (html, pdf: printed, the diagram on page one)
    <out>/<lang>/<role_id>/letter.<ext>
    <out>/<lang>/<role_id>/public_comment.<ext>
    <out>/<lang>/<role_id>/call_script.<ext>
    <out>/<lang>/<role_id>/ordinance.<ext>      (councils, county boards, legislatures)
    <out>/index.md                              (what was written, every language)

Every destination is checked before anything is written; then documents are rendered and
written one at a time, so a batch over every county never holds more than one in memory.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents import diagram, pages, pathcheck, writers
from pipeline_cli.documents.render import KINDS, STAMP, Renderer
from pipeline_cli.errors import UsageError
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.records import Plan, PlanTarget

TARGET_KINDS = ("letter", "public_comment", "call_script")
PRINTED = ("html", "pdf")  # formats in which the plan is also printed, its diagram first
PLAN_FIGURE_IN = 7.2  # the diagram's most height on the plan's first page


@dataclass(frozen=True)
class Job:
    """One file an `advise --out` tree holds: where, what kind, language and addressee."""

    path: Path
    kind: str  # plan.json | plan | letter | public_comment | call_script | ordinance
    lang: str = ""
    target: PlanTarget | None = None


def jobs(plan: Plan, out_dir: Path, langs: tuple[str, ...], fmt: str) -> Iterator[Job]:
    """Every file the plan produces, in writing order; nothing is rendered here."""
    yield Job(out_dir / "plan.json", "plan.json", langs[0])
    for lang in langs:
        yield Job(out_dir / lang / "plan.md", "plan", lang)
        if fmt in PRINTED:
            yield Job(out_dir / lang / f"plan.{fmt}", "plan", lang)
        for target in plan.targets:
            if not target.role.contact:  # a judge: only through `case`, never a campaign letter
                continue
            folder = out_dir / lang / target.role.id
            kinds: tuple[str, ...] = TARGET_KINDS if target.role.scripts else ("letter",)
            if target.role.id in docdata.LEGISLATING:
                kinds += ("ordinance",)
            for kind in kinds:
                yield Job(folder / f"{kind}.{fmt}", kind, lang, target)


def write_outputs(
    plan: Plan,
    out_dir: Path,
    *,
    langs: tuple[str, ...],
    fmt: str = "md",
    force: bool = False,
    skip_existing: bool = False,
) -> list[Path]:
    """Write the plan's outputs under `out_dir`; return the files written, in order."""
    if fmt not in writers.FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(writers.FORMATS)}")
    unknown = [lang for lang in langs if lang not in plan.pack.languages]
    if not langs or unknown:
        raise UsageError(
            f"the pack has no language {', '.join(unknown) or '(none given)'}; "
            f"it has: {', '.join(plan.pack.languages)}"
        )
    todo = list(jobs(plan, out_dir, langs, fmt))
    index = out_dir / "index.md"
    paths = [j.path for j in todo] + [index]
    pathcheck.check_paths(out_dir, paths)
    keep = writers.refuse_existing(paths, force=force, skip_existing=skip_existing)
    writers.remove_stale_temps(paths)
    renderer = Renderer(plan.pack)
    written: list[Path] = []
    ctx: tuple[tuple[str, str], dict[str, Any]] | None = None
    for job in todo:
        if job.path in keep:
            continue
        if job.target is not None:
            key = (job.lang, job.target.role.id)
            if ctx is None or ctx[0] != key:  # one context per target and language
                ctx = (key, docdata.target_doc(plan, job.target, job.lang))
            writers.write_atomic(job.path, _document(renderer, job, ctx[1], fmt))
        else:
            writers.write_atomic(job.path, _plan_file(renderer, plan, job))
        written.append(job.path)
    if index not in keep:
        writers.write_atomic(index, _index(renderer, plan, out_dir, langs, todo))
        written.append(index)
    return written


def prepare(pack: Pack, langs: tuple[str, ...], fmt: str) -> None:
    """Compile every template these outputs use, and Word's base document, now: a batch's
    worker processes start as copies of this one and so never compile them again."""
    from jinja2 import TemplateError

    renderer = Renderer(pack)
    kinds = (*KINDS, STAMP, "index", "_macros")
    names = [f"{lang}/{kind}.md.j2" for lang in langs for kind in kinds]
    for name in names + (["base.html.j2"] if fmt in PRINTED else []):
        with contextlib.suppress(TemplateError):  # reported with its line when it is used
            renderer.env.get_template(name)
    if fmt == "docx":
        from pipeline_cli.documents import docx

        docx.prepare()


def _document(renderer: Renderer, job: Job, ctx: dict[str, Any], fmt: str) -> bytes:
    markdown = renderer.document(job.kind, job.lang, ctx)
    return writers.encode(markdown, fmt, job.lang, renderer.html)


def _plan_file(renderer: Renderer, plan: Plan, job: Job) -> bytes:
    if job.kind == "plan.json":
        from pipeline_cli.documents.planjson import plan_to_dict

        text = json.dumps(plan_to_dict(plan, job.lang), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
    markdown = renderer.document("plan", job.lang, docdata.plan_doc(plan, job.lang))
    fmt = job.path.suffix.lstrip(".")
    if fmt not in PRINTED:
        return markdown.encode("utf-8")
    figure = pages.Figure(diagram.plan_svg(plan, job.lang), PLAN_FIGURE_IN)
    sheets = pages.sheets({job.lang: markdown}, {job.lang: figure}, every_section=False)
    if fmt == "html":
        return renderer.sheets_html(sheets, job.lang).encode("utf-8")
    from pipeline_cli.documents import pdf

    return pdf.to_pdf(sheets, job.lang)


def _index(
    renderer: Renderer, plan: Plan, out_dir: Path, langs: tuple[str, ...], todo: list[Job]
) -> bytes:
    """index.md: one section per language listing every file of the tree."""
    parts = []
    for lang in langs:
        files = [
            {
                "path": j.path.relative_to(out_dir).as_posix(),
                "kind": j.kind,
                "target": j.target.title(lang) if j.target else "",
            }
            for j in todo
            if j.lang == lang or j.kind == "plan.json"
        ]
        ctx = {**docdata.base(plan, lang), "files": files}
        parts.append(renderer.body("index", lang, ctx) + "\n---\n\n" + renderer.stamp(lang, ctx))
    return "\n".join(parts).encode("utf-8")
