"""Batch benchmark: `batch` for every county of a state against raw jinja2 rendering.

Run with the project's interpreter: `.venv/bin/python bench/batch.py [--state CA] [--runs 3]
[--pack DIR] [--profile]`.

* batch: the core of `pipeline batch` for a CSV `state,county / CA,*` in md: rows validated,
  one plan built per county, every file rendered, encoded and written atomically, the index.
* raw jinja2: the same templates with the same contexts, rendered by a plain
  jinja2.Environment (not sandboxed), nothing built or written; contexts are made beforehand
  and templates are compiled once, outside the timing, so this is the floor for rendering.

Prints the fastest of the interleaved runs, the ratio and files/second.
This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline_cli.documents import batch
from pipeline_cli.documents import context as docdata
from pipeline_cli.documents import outputs
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.rows import read_items
from pipeline_cli.pack.records import Pack
from pipeline_cli.pack.load import load_pack
from pipeline_cli.documents.render import STAMP, template_dirs


def run_batch(pack: Pack, state: str, out: Path, langs: tuple[str, ...]) -> int:
    """The whole `batch` core; returns the number of files written."""
    items = read_items(pack, f"state,county\n{state},*\n".encode(), "bench.csv")
    opts = batch.Options(langs, "md")
    batch.refuse_existing(pack, items, out, opts)
    done: list[batch.Done] = []
    batch.run(pack, items, out, opts, done.append)
    return sum(d.written for d in done) + batch.write_index(out, "bench.csv", done, opts)


def contexts(pack: Pack, state: str, langs: tuple[str, ...]) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of every document `batch` renders, made once, outside the timing."""
    items = read_items(pack, f"state,county\n{state},*\n".encode(), "bench.csv")
    todo: list[tuple[str, dict[str, Any]]] = []
    for item in items:
        plan = build_plan(pack, item.answers)
        for job in outputs.jobs(plan, Path("/x"), langs, "md"):
            if job.kind == "plan.json":
                continue
            if job.target is None:
                ctx = docdata.plan_doc(plan, job.lang)
            else:
                ctx = docdata.target_doc(plan, job.target, job.lang)
                if job.kind == "public_comment":
                    ctx = {**ctx, "more": 0, "with_why": True}
            todo.append((f"{job.lang}/{job.kind}.md.j2", ctx))
            todo.append((f"{job.lang}/{STAMP}.md.j2", ctx))
    return todo


def raw_jinja(env: Environment, todo: list[tuple[str, dict[str, Any]]]) -> int:
    for name, ctx in todo:
        env.get_template(name).render(ctx)
    return len(todo)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--state", default="CA")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pack", type=Path, default=None)
    ap.add_argument("--lang", default="en", choices=("en", "es", "both"))
    ap.add_argument("--profile", action="store_true", help="cProfile one batch run")
    ap.add_argument("--dir", type=Path, default=None, help="write under this folder (e.g. a tmpfs)")
    args = ap.parse_args()
    langs = ("en", "es") if args.lang == "both" else (args.lang,)

    pack = load_pack(args.pack)
    todo = contexts(pack, args.state, langs)
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs(pack.root)]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    raw_jinja(env, todo)  # compile every template once, outside the timing
    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-", dir=args.dir))
    try:
        run_batch(pack, args.state, tmp / "warm", langs)  # warm caches: pack, environment
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(run_batch, pack, args.state, tmp / "prof", langs)
            pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
        raw_t, batch_t, files = [], [], 0
        for n in range(args.runs):
            start = time.perf_counter()
            raw_jinja(env, todo)
            raw_t.append(time.perf_counter() - start)
            start = time.perf_counter()
            files = run_batch(pack, args.state, tmp / f"run{n}", langs)
            batch_t.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # The fastest run is the least disturbed by other load on the machine (as timeit advises).
    raw, full = min(raw_t), min(batch_t)
    counties = len(read_items(pack, f"state,county\n{args.state},*\n".encode(), "b"))
    print(f"{args.state}: {counties} counties, {files} files, langs {','.join(langs)}, md")
    print(f"raw jinja2 ({len(todo)} renders): {raw * 1000:8.1f} ms")
    print(f"batch:                  {full * 1000:8.1f} ms   ({files / full:,.0f} files/s)")
    print(f"ratio batch / raw jinja2: {full / raw:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
