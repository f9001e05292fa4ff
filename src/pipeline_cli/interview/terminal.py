"""The interview's terminal: where prompts are drawn, and stray escape sequences tolerated."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def tolerate_stray_escapes() -> None:
    """Typing or pasting `ESC [ 3 1 m` reads as a malformed mouse report, and prompt_toolkit's
    handler then prints a traceback and "Press ENTER to continue" mid-interview. Such a report
    is ignored instead (a real mouse report still works)."""
    from prompt_toolkit.key_binding import defaults
    from prompt_toolkit.key_binding.key_bindings import KeyBindingsBase

    load: Callable[[], KeyBindingsBase] | None = getattr(defaults, "load_mouse_bindings", None)
    if load is None or getattr(load, "_tolerant", False):
        return  # another prompt_toolkit layout, or already done

    def tolerant() -> KeyBindingsBase:
        bindings = load()
        for binding in bindings.bindings:
            handler = binding.handler

            def guarded(event: Any, handler: Any = handler) -> Any:
                try:
                    return handler(event)
                except (ValueError, IndexError):  # not a mouse report after all
                    return None

            binding.handler = guarded
        return bindings

    tolerant._tolerant = True  # type: ignore[attr-defined]
    defaults.load_mouse_bindings = tolerant  # type: ignore[assignment,attr-defined]


tolerate_stray_escapes()


def screen() -> dict[str, Any]:
    """Where prompts are drawn: the terminal, even when stdout goes to a file (`> plan.txt`)."""
    if sys.stdout.isatty() or not sys.stderr.isatty():
        return {}
    from prompt_toolkit.output import create_output

    return {"output": create_output(stdout=sys.stderr)}
