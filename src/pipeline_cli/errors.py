"""One user-facing error base: its message is shown as-is, with its exit code."""

from __future__ import annotations

import re

# Control characters other than tab and newline, shown as \xNN: a message may quote a file.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


class PipelineError(Exception):
    """An error the user can fix; the CLI prints `error: <message>` and exits with `code`."""

    code = 1


class UsageError(PipelineError):
    """Bad flags, or answers missing where no terminal can ask for them."""

    code = 2


class Problems(PipelineError):
    """Several problems found in one pass, so the user can fix them all at once."""

    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problems))

    def __reduce__(self) -> tuple[object, ...]:
        # Whole across processes (a batch's workers): each problem stays its own line.
        return (_rebuild, (type(self), tuple(self.problems)))


def _rebuild(kind: type[Problems], problems: tuple[str, ...]) -> Problems:
    exc = kind.__new__(kind)
    Problems.__init__(exc, *problems)
    return exc


class PackError(Problems):
    """A pack that does not load; carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(*problems)


class Interrupted(PipelineError):
    """The user pressed Ctrl-C; the message says how to resume."""

    code = 130


def message_lines(exc: PipelineError) -> list[str]:
    """What the CLI prints for `exc`, one line each (the exit code is `exc.code`).

    Never an escape sequence: a message may quote a hostile file.
    """
    return [_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line) for line in _lines(exc)]


def _lines(exc: PipelineError) -> list[str]:
    if isinstance(exc, PackError):
        last = f"error: the pack has {len(exc.problems)} problem(s); fix them first"
        return [*exc.problems, last]
    if isinstance(exc, Problems):
        return [f"error: {problem}" for problem in exc.problems]
    if isinstance(exc, Interrupted):  # the user chose to stop: not an error; says how to go on
        return [str(exc)]
    return [f"error: {exc}"]
