"""`pipeline batch` glue: read the CSV, validate, check, write with a progress bar, summarize."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from pipeline_cli.documents import batch
from pipeline_cli.errors import Interrupted, PipelineError
from pipeline_cli.plan.rows import BadRows, Item, read_items


def read_input(file: str) -> tuple[bytes, str]:
    """The CSV's bytes and the name messages use for it (`-` is stdin)."""
    if file == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        return data, "<stdin>"
    path = Path(file)
    if not path.is_file():
        raise PipelineError(f"{file}: no such CSV file; give a path, or - to read stdin")
    try:
        return path.read_bytes(), file
    except OSError as exc:
        raise PipelineError(f"{file}: cannot read: {exc.strerror}") from None


@contextmanager
def _progress(settings: Any, total: int) -> Iterator[Any]:
    """A callback `step(item)`: a bar on stderr for a person at a terminal; otherwise (a
    script, a CI log) a line on stderr every few seconds, so a long run is never silent."""
    if settings.plain or not sys.stderr.isatty():
        yield _progress_lines(total)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description:<40.40}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=settings.console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=total)

        def step(item: Item) -> None:
            bar.update(task, advance=1, description=item.folder)

        yield step


def _progress_lines(total: int, every: float = 2.0) -> Any:
    import time

    last = [time.monotonic()]
    count = [0]

    def step(item: Item) -> None:
        count[0] += 1
        now = time.monotonic()
        if now - last[0] >= every or count[0] == total:
            last[0] = now
            print(f"batch: {count[0]}/{total} {item.folder}", file=sys.stderr, flush=True)

    return step


def _default_jobs() -> int:
    from pipeline_cli.documents.workers import default_jobs

    return default_jobs()


def _rerun(settings: Any, file: str, out: Path, fmt: str) -> str:
    from pipeline_cli.cli import invocation

    words = ["batch", file, "--out", str(out), "--format", fmt, "--skip-existing"]
    return invocation.command(settings, *words)


def _index_stopped(
    out: Path, name: str, done: list[batch.Done], opts: Any, stopped: tuple[int, str]
) -> str:
    """Write the index of what a stopped run did; the words that say where it is, or ''."""
    try:
        batch.write_index(out, name, done, opts, stopped)
    except (PipelineError, OSError):
        return ""  # the folder cannot take it either; the message still says how to go on
    return f" and listed in {out / batch.INDEX}"


def main(
    settings: Any, file: str, out: Path, fmt: str, force: bool, skip: bool, jobs: int | None = None
) -> None:
    pack = settings.pack()  # loaded once; templates compile once in render's one environment
    opts = batch.Options(settings.langs, fmt, force, skip)
    batch.check_options(pack, opts)
    data, name = read_input(file)
    try:
        items = read_items(pack, data, name)
    except BadRows as exc:
        for line in exc.problems:
            typer.echo(line, err=True)
        raise
    too_long = batch.check_names(pack, items, out, opts)
    if too_long:
        for line in too_long:
            typer.echo(f"{name}:{line.removeprefix('line ')}", err=True)
        raise BadRows(name, too_long)
    batch.refuse_existing(pack, items, out, opts)
    done: list[batch.Done] = []
    rerun = _rerun(settings, file, out, fmt)
    try:
        with _progress(settings, len(items)) as step:

            def on_done(d: batch.Done) -> None:
                done.append(d)
                step(d.item)

            batch.run(pack, items, out, opts, on_done, jobs or _default_jobs())
    except KeyboardInterrupt:
        listed = _index_stopped(out, name, done, opts, (len(items), rerun))
        raise Interrupted(
            f"Stopped after {len(done)} of {len(items)} jurisdiction(s); the files written "
            f"are complete{listed}; finish with: {rerun}"
        ) from None
    except PipelineError as exc:  # a write failed mid-run (a full disk, a read-only folder)
        listed = _index_stopped(out, name, done, opts, (len(items), rerun))
        at = items[len(done)] if len(done) < len(items) else items[-1]
        raise PipelineError(
            f"{exc}\nstopped at {name}:{at.line} ({at.folder}) after {len(done)} of "
            f"{len(items)} jurisdiction(s); the files written are complete{listed}. "
            f"Fix the problem, then finish with: {rerun}"
        ) from None
    index = batch.write_index(out, name, done, opts)
    written = sum(d.written for d in done) + index
    skipped = sum(d.skipped for d in done) + (not index)
    rows = len({d.item.line for d in done})
    typer.echo(
        f"batch: {rows} row(s), {len(done)} jurisdiction(s), {written} file(s) written, "
        f"{skipped} skipped, in {out}",
        err=True,
    )
