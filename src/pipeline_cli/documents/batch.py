"""`pipeline batch`: many jurisdictions -> one output tree, streaming; nothing here prints.

    <out>/<STATE>/<county-slug>[/<city-slug>]/   what `advise --out` writes for that place
    <out>/index.md                               CSV line -> folder, files it holds

Rows are validated first (batchrows); then, before anything is written, every destination is
checked the way writers.refuse_existing checks one plan's. Writing then builds one plan at a
time, writes it and drops it: memory stays flat over all 3,000-odd counties.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from pipeline_cli.documents import markdown, outputs, pathcheck, writers
from pipeline_cli.errors import UsageError
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import jurisdiction
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.rows import Item

INDEX = "index.md"


@dataclass(frozen=True)
class Options:
    """What every jurisdiction of a batch is written with: languages, format, overwrite rule."""

    langs: tuple[str, ...]
    fmt: str = "md"
    force: bool = False
    skip_existing: bool = False


@dataclass(frozen=True)
class Done:
    """One jurisdiction written: `written` new files, `skipped` kept (--skip-existing)."""

    item: Item
    written: int
    skipped: int


OnDone = Callable[[Done], None]


def check_options(pack: Pack, opts: Options) -> None:
    if opts.force and opts.skip_existing:
        raise UsageError("use either --force or --skip-existing, not both")
    if opts.fmt not in writers.FORMATS:
        raise UsageError(f"unknown format {opts.fmt!r}; use one of: {', '.join(writers.FORMATS)}")
    unknown = [lang for lang in opts.langs if lang not in pack.languages]
    if unknown:
        raise UsageError(
            f"the pack has no language {', '.join(unknown)}; it has: {', '.join(pack.languages)}"
        )


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def check_names(pack: Pack, items: list[Item], out: Path, opts: Options) -> list[str]:
    """`FILE:LINE:` problems for rows whose files the file system could not hold (a name or
    path too long), found before anything is written; and no folder link inside --out."""
    role = max(pack.roles, key=len, default="role")
    kind = max((*outputs.TARGET_KINDS, "ordinance"), key=len)
    lang = max(opts.langs, key=len)
    problems = []
    for item in items:
        deepest = out / item.folder / lang / role / f"{kind}.{opts.fmt}"
        why = pathcheck.name_problem(deepest)
        if why:
            problems.append(f"line {item.line}: folder {item.folder}: {why}")
    if not problems:
        pathcheck.refuse_links(out, [out / item.folder / "index.md" for item in items])
    return problems


def refuse_existing(pack: Pack, items: list[Item], out: Path, opts: Options) -> None:
    """Raise, before anything is written, if any destination exists (unless a flag allows)."""
    if opts.force or opts.skip_existing or not _has_files(out):
        return  # nothing to refuse; on a fresh --out no plan is built twice
    paths = [out / INDEX]
    for item in items:
        folder = out / item.folder
        if _has_files(folder):  # only a folder with files can hold a clash
            plan = build_plan(pack, item.answers)
            paths += [job.path for job in outputs.jobs(plan, folder, opts.langs, opts.fmt)]
            paths.append(folder / "index.md")
    writers.refuse_existing(paths)


def run(
    pack: Pack, items: list[Item], out: Path, opts: Options, on_done: OnDone, jobs: int = 1
) -> None:
    """Write each item's outputs, one plan at a time; `on_done` hears of each jurisdiction,
    in the rows' order. With `jobs` above 1, worker processes share the rows (workers.py)."""
    with writers.one_sync():  # one flush at the end, also when Ctrl-C stops the loop
        if jobs > 1 and len(items) > 1:
            from pipeline_cli.documents import workers

            outputs.prepare(pack, opts.langs, opts.fmt)  # compiled once, before the workers fork

            results: Generator[tuple[int, int], None, None] = workers.run(
                write_one, pack, items, out, opts, jobs
            )
        else:
            results = (write_one(pack, item, out, opts) for item in items)
        with contextlib.closing(results):  # workers stop here, not whenever this is collected
            for item, (written, skipped) in zip(items, results, strict=True):
                on_done(Done(item, written, skipped))


def write_one(pack: Pack, item: Item, out: Path, opts: Options) -> tuple[int, int]:
    """One jurisdiction's files: how many were written and how many kept (--skip-existing)."""
    plan = build_plan(pack, item.answers)
    folder = out / item.folder
    written = outputs.write_outputs(
        plan,
        folder,
        langs=opts.langs,
        fmt=opts.fmt,
        force=opts.force,
        skip_existing=opts.skip_existing,
    )
    total = sum(1 for _ in outputs.jobs(plan, folder, opts.langs, opts.fmt)) + 1  # index
    return len(written), total - len(written)


_HEAD = {
    "en": ("Batch", "line", "state", "county", "city", "folder", "files"),
    "es": ("Lote", "línea", "estado", "condado", "ciudad", "carpeta", "archivos"),
}
# First line of an index a stopped run leaves: the next --skip-existing run replaces it.
INCOMPLETE = "<!-- incomplete: this batch stopped before the end -->"
_STOPPED = {
    "en": "**Stopped after {done} of {total} jurisdiction(s).** Finish with: `{rerun}`",
    "es": "**Se detuvo tras {done} de {total} jurisdicción(es).** Termine con: `{rerun}`",
}


def _cell(text: str) -> str:
    return markdown.escape(text).replace("|", "\\|")


def _incomplete(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as fh:
            return fh.readline().strip() == INCOMPLETE
    except (OSError, UnicodeDecodeError):
        return False


def write_index(
    out: Path, source: str, done: list[Done], opts: Options, stopped: tuple[int, str] | None = None
) -> bool:
    """<out>/index.md: which CSV line went to which folder and how many files it holds;
    False if kept (--skip-existing). `stopped` (jurisdictions in all, the command to finish)
    marks the index of a run that stopped early; a later run replaces it."""
    path = out / INDEX
    replace = opts.force or stopped is not None or _incomplete(path)
    if not replace and writers.refuse_existing([path], skip_existing=opts.skip_existing):
        return False
    writers.remove_stale_temps([path])
    parts = [INCOMPLETE] if stopped else []
    for lang in opts.langs:
        title, *cols = _HEAD.get(lang, _HEAD["en"])
        lines = [f"# {title}: {_cell(source)}", ""]
        if stopped:
            text = _STOPPED.get(lang, _STOPPED["en"])
            lines += [text.format(done=len(done), total=stopped[0], rerun=stopped[1]), ""]
        lines += ["| " + " | ".join(cols) + " |"]
        lines.append("|" + "---|" * len(cols))
        for d in done:
            a, folder = d.item.answers, d.item.folder
            county = jurisdiction.county_in(a["county"], lang)
            row = (str(d.item.line), a["state"], county, a.get("city", ""))
            link = f"[{folder}]({folder}/index.md)"
            lines.append(f"| {' | '.join(map(_cell, row))} | {link} | {d.written + d.skipped} |")
        parts.append("\n".join(lines) + "\n")
    writers.write_atomic(path, "\n".join(parts).encode("utf-8"))
    return True
