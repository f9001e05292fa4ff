"""The jinja2 sandbox that runs a pack's templates and expressions, with limits on their cost.

jinja2's sandbox stops attribute escapes (`__class__`, `__globals__`); it does not stop a pack
from asking for a ten-gigabyte string, a billion-number range or a division by zero. These
limits do, and `guard` turns every such failure into `SandboxError`, never a traceback:

- a string, list or range built in a template holds at most MAX_ITEMS items, and all ranges
  of one run at most MAX_RANGE_TOTAL numbers; numbers passed to a filter or method at most
  MAX_ITEMS; powers and products of whole numbers at most MAX_BITS bits;
- one run writes at most MAX_OUTPUT characters and (where the system has timers) takes at most
  SECONDS seconds.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

MAX_ITEMS = 100_000
MAX_RANGE_TOTAL = 1_000_000
MAX_BITS = 100_000
MAX_OUTPUT = 5_000_000
SECONDS = 10.0

T = TypeVar("T")
_range_left: ContextVar[list[int] | None] = ContextVar("range_left", default=None)


class SandboxError(SecurityError):
    """A template or expression that asked for too much, or failed while running."""


def _too_big(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ITEMS


def _check_args(args: Iterable[Any]) -> None:
    if any(_too_big(a) for a in args):
        raise SandboxError(f"a number above {MAX_ITEMS:,} passed to a filter or method")


def _range(*args: int) -> range:
    _check_args(args)
    numbers = range(*args)
    left = _range_left.get()
    if left is not None:
        left[0] -= len(numbers)
        if left[0] < 0:
            raise SandboxError(f"ranges totalling more than {MAX_RANGE_TOTAL:,} numbers")
    return numbers


def _size(value: Any) -> int:
    """How much a * or + operand weighs: its length, or the number itself (a repeat count)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return max(abs(value), 1)
    return max(len(value), 1) if isinstance(value, (str, list, tuple)) else 1


def _bounded_filter(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # The filtered value may be anything; what a filter is asked for comes after it.
        skip = 2 if getattr(fn, "jinja_pass_arg", None) is not None else 1
        _check_args([*args[skip:], *kwargs.values()])
        if fn.__name__ == "do_format" and len(args) > skip - 1 and isinstance(args[skip - 1], str):
            _check_format(args[skip - 1])  # the filtered value is the format
        return fn(*args, **kwargs)

    return wrapper


class _Bounded(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)  # makes any amount of text on request
        self.filters = {name: _bounded_filter(fn) for name, fn in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        numbers = all(isinstance(v, int) for v in (left, right))  # checked below
        if operator == "*" and not numbers and _size(left) * _size(right) > MAX_ITEMS:
            raise SandboxError(f"'*' would build more than {MAX_ITEMS:,} items")
        if operator == "+" and not numbers and _size(left) + _size(right) > MAX_OUTPUT:
            raise SandboxError(f"'+' would build more than {MAX_OUTPUT:,} items")
        if operator in ("*", "**") and isinstance(left, int) and isinstance(right, int):
            bits = left.bit_length() * (abs(right) if operator == "**" else 1)
            bits += right.bit_length() if operator == "*" else 0
            if bits > MAX_BITS:
                raise SandboxError(f"{operator!r} would make a number of over {MAX_BITS:,} bits")
        if operator == "%" and isinstance(left, str):
            _check_format(left)
        try:
            return super().call_binop(context, operator, left, right)
        except ArithmeticError as exc:
            raise SandboxError(f"arithmetic failed: {exc}") from None

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_args([*args, *kwargs.values()])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
            _check_format(owner)  # "{:>999999999}".format(x)
        return super().wrap_str_format(value)


_PERCENT_SPEC = re.compile(r"%[#0 +\-]*(\d*)(?:\.(\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}:]*:([^{}]*)\}")


def _check_format(text: str) -> None:
    """A format may not ask for a field wider than MAX_ITEMS ('%999999999s', '{:>999999999}')."""
    widths = [n for m in _PERCENT_SPEC.finditer(text) for n in m.groups() if n]
    widths += [n for m in _BRACE_SPEC.finditer(text) for n in re.findall(r"\d+", m.group(1))]
    if any(int(n) > MAX_ITEMS for n in widths):
        raise SandboxError(f"a format wider than {MAX_ITEMS:,} characters")


class BoundedSandbox(_Bounded):
    """SandboxedEnvironment with the limits above (documents)."""


class BoundedImmutableSandbox(_Bounded, ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment with the limits above (expressions and titles)."""


@contextmanager
def _deadline() -> Iterator[None]:
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0]:  # no timers, or one is running
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise SandboxError(f"took longer than {SECONDS:g} seconds")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def join(chunks: Iterable[str]) -> str:
    """What a template generates, refused once it passes MAX_OUTPUT characters."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SandboxError(f"wrote more than {MAX_OUTPUT:,} characters")
        out.append(chunk)
    return "".join(out)


def guard(work: Callable[[], T], *, timed: bool = True) -> T:
    """`work()` (rendering or evaluating) within the limits; a run-away becomes SandboxError.

    Other errors pass unchanged, for the caller to name the template line.
    """
    token = _range_left.set([MAX_RANGE_TOTAL])
    try:
        with _deadline() if timed else _nothing():
            return work()
    except (ArithmeticError, RecursionError, MemoryError) as exc:
        err = SandboxError(f"{type(exc).__name__}: {exc}")
        raise err.with_traceback(exc.__traceback__) from None
    finally:
        _range_left.reset(token)


@contextmanager
def _nothing() -> Iterator[None]:
    yield
