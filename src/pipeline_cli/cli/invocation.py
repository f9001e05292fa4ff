"""The command as the user ran it, so every hint we print runs as printed.

After the README's install the user types `.venv/bin/pipeline`, which is not on PATH: a hint
that says `pipeline advise --resume` would fail. We read how this process was started
(sys.argv[0]) and print that: the bare name when PATH finds the same file, the path as typed
otherwise, and `python -m pipeline_cli` when run as a module.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from typing import Any

NAME = "pipeline"


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _runnable(path: str) -> str:
    """A way to name `path` that works from the current folder: a bare name found on PATH,
    else a path relative to here (with a slash, so the shell does not search PATH), else the
    absolute path."""
    name = os.path.basename(path)
    found = shutil.which(name)
    if found and _same_file(found, path):
        return name
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute)
    if not rel.startswith(".."):
        return rel if os.sep in rel else f".{os.sep}{rel}"
    return absolute


def _run_as_module() -> bool:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", "") in ("pipeline_cli.__main__", "pipeline_cli")


def program(argv0: str | None = None, executable: str | None = None) -> list[str]:
    """The words that start this program again, e.g. ['.venv/bin/pipeline']."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    base = os.path.basename(argv0)
    if base == "__main__.py" and _run_as_module():  # python -m pipeline_cli
        return [_runnable(executable or sys.executable), "-m", "pipeline_cli"]
    if base == NAME and os.path.exists(argv0):
        return [_runnable(argv0)]
    return [NAME]  # started some other way (tests, an embedding script): the documented name


def command(settings: Any, *words: str, global_options: bool = True) -> str:
    """A shell-quoted command line: the program, the global options in effect, then `words`."""
    parts = program()
    if global_options:
        parts += option_words(settings)
    return shlex.join([*parts, *words])


def option_words(settings: Any) -> list[str]:
    words: list[str] = []
    if getattr(settings, "pack_dir", None):
        words += ["--pack", str(settings.pack_dir)]
    if getattr(settings, "lang", "en") != "en":
        words += ["--lang", settings.lang]
    return words
