"""The only module that imports questionary: a menu, a text field, each in the user's language.

questionary's own hint ("(Use arrow keys)") is English; every prompt here passes ours instead.
Ctrl-C raises KeyboardInterrupt and a closed input raises EOFError: the callers decide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import questionary
from questionary import Choice

from pipeline_cli.interview import terminal
from pipeline_cli.interview.labels import LABEL


def select(
    message: str,
    choices: Sequence[tuple[str, str]],
    lang: str,
    default: str | None = None,
    search: bool = False,
    qmark: str = "?",
) -> str:
    """One choice from (label, value) pairs; `search` lets the user type to filter."""
    values = {value for _, value in choices}
    hint = LABEL["arrows_filter" if search else "arrows"](lang)
    picked = questionary.select(
        message,
        choices=[Choice(label, value=value) for label, value in choices],
        default=default if default in values else None,
        use_search_filter=search,
        use_jk_keys=False,
        instruction=hint,
        qmark=qmark,
        **terminal.screen(),
    ).unsafe_ask()
    return str(picked)


def text(
    message: str,
    default: str = "",
    instruction: str | None = None,
    validate: Callable[[str], bool | str] | None = None,
    qmark: str = "?",
) -> str:
    """A line of text; `validate` returns True or the message to show."""
    prompt = questionary.text(
        message,
        default=default,
        instruction=instruction,
        validate=validate,
        qmark=qmark,
        **terminal.screen(),
    )
    return str(prompt.unsafe_ask())
