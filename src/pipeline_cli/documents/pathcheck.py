"""Before anything is written: every name within the file system's limits, no link on the way.

A batch checks all its destinations first, so a name too long or a folder link planted in
--out stops the run before its first file, never halfway.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline_cli.errors import PipelineError, Problems

_LIST_AT_MOST = 20


def _exists(test: Callable[[], bool]) -> bool:
    """`path.is_dir()` and friends, false for a path too long to look at."""
    try:
        return test()
    except OSError:
        return False


def _limit(folder: Path, name: str, default: int) -> int:
    for p in (folder, *folder.parents):
        if _exists(p.is_dir):
            try:
                return os.pathconf(p, name)
            except (OSError, ValueError, AttributeError):
                return default
    return default


def _limits(folder: Path, known: dict[Path, tuple[int, int]] | None = None) -> tuple[int, int]:
    """The (name, path) limits of the file system `folder` is or will be on: those of its
    nearest existing folder. `known` keeps what earlier look-ups found, for the folders on
    the way too, so sibling folders cost no second walk."""
    if known is None:
        return _limit(folder, "PC_NAME_MAX", 255), _limit(folder, "PC_PATH_MAX", 4096)
    on_the_way = []
    for p in (folder, *folder.parents):
        found = known.get(p)
        if found is not None:
            break
        if _exists(p.is_dir):
            found = known[p] = _limits(p)
            break
        on_the_way.append(p)
    else:
        found = (255, 4096)
    for p in on_the_way:
        known[p] = found
    return found


def name_problem(path: Path, limits: tuple[int, int] | None = None) -> str:
    """'' if the file system can hold `path`, else why not (a name or the path too long).

    `limits`: the folder's (name, path) limits when the caller has looked them up already."""
    name_max, path_max = limits or _limits(path.parent)
    for part in path.parts:
        if len(os.fsencode(part)) > name_max:
            return f"the name {part[:40]}... is longer than this file system allows ({name_max})"
    if len(os.fsencode(str(path.absolute()))) >= path_max:
        return f"the path is longer than this file system allows ({path_max} bytes)"
    return ""


def refuse_links(root: Path, paths: Iterable[Path]) -> None:
    """No folder below `root` on the way to a destination may be a link: a link planted in
    --out would send the files (and with --force, replacements) somewhere else."""
    checked: set[Path] = set()
    for p in paths:
        for folder in p.parents:
            if folder == root or folder in checked or root not in folder.parents:
                break
            checked.add(folder)
            if _exists(folder.is_symlink):
                raise PipelineError(
                    f"{folder}: is a link to another folder; nothing was written. Remove the "
                    "link or choose another --out"
                )


def check_paths(root: Path, paths: Iterable[Path]) -> None:
    """Before anything is written: no link on the way, every name within the system's limits."""
    paths = list(paths)
    limits: dict[Path, tuple[int, int]] = {}  # one look-up per file system, not per file
    for p in paths:
        _limits(p.parent, limits)
    problems = [f"{p}: {why}" for p in paths if (why := name_problem(p, limits[p.parent]))]
    if problems:
        raise Problems(*problems[:_LIST_AT_MOST], "nothing was written; choose shorter names")
    refuse_links(root, paths)
