"""A batch across processes: each worker builds and writes whole jurisdictions.

One jurisdiction's plan, contexts and files depend on no other's, so `batch` hands the rows to
worker processes (one per CPU by default; `--jobs`). Results come back in the rows' order, so
progress, the index and a stopped run's account read as they do from one process. Workers
ignore Ctrl-C: the main process stops handing out rows, lets each running jurisdiction finish
its files (every file is written whole anyway) and reports how far it got. Workers write
without flushing each file; the main process flushes once at the end (writers.one_sync).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import Any

from pipeline_cli.documents import writers
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan.rows import Item

# One jurisdiction's work: (pack, item, out, options) -> (files written, files kept); a
# module-level function, so a worker can be handed it by name.
Work = Callable[[Pack, Item, Path, Any], tuple[int, int]]

MAX_DEFAULT = 8  # more rarely helps: the disk becomes the limit
_PACK: list[Pack] = []  # the worker's pack: inherited (fork) or sent once (spawn)


def default_jobs() -> int:
    """One worker per CPU this process may use, at most MAX_DEFAULT."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on this platform
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_DEFAULT))


def _start(pack: Pack | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if pack is not None:
        _PACK[:] = [pack]


def _one(work: Work, item: Item, out: Path, opts: Any) -> tuple[int, int]:
    with writers.many_files():
        return work(_PACK[0], item, out, opts)


def run(
    work: Work, pack: Pack, items: list[Item], out: Path, opts: Any, jobs: int
) -> Generator[tuple[int, int], None, None]:
    """`work` for every item in `jobs` worker processes; the results in the items' order."""
    fork = sys.platform == "linux"  # elsewhere fork is unsafe or missing: workers start afresh
    context = multiprocessing.get_context("fork" if fork else "spawn")
    _PACK[:] = [pack]  # a forked worker starts with it
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(items)),
        mp_context=context,
        initializer=_start,
        initargs=(None if fork else pack,),
    )
    try:
        yield from pool.map(_one, repeat(work), items, repeat(out), repeat(opts))
    finally:  # also on Ctrl-C or a failed write: no new rows; running ones finish their files
        pool.shutdown(wait=True, cancel_futures=True)
