"""Options that several commands share, defined once so their names and help stay the same."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer


class LetterFormat(str, Enum):
    md = "md"
    txt = "txt"
    html = "html"
    docx = "docx"
    pdf = "pdf"


FormatOpt = Annotated[LetterFormat, typer.Option("--format", help="Format of letters and scripts.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite files in --out.")]
SkipExistingOpt = Annotated[
    bool, typer.Option("--skip-existing", help="Keep files already in --out.")
]


# ---------------------------------------------------------------- global options, anywhere
# `--pack`, `--lang` and `--plain` belong to the whole program (`pipeline --lang es advise`),
# but people also write them after the command (`pipeline handout --lang both`). Every
# command gets them too; given there, they replace the value given before the command.


class Lang(str, Enum):
    en = "en"
    es = "es"
    both = "both"


_AFTER = "(also before the command)"
SHARED: dict[str, tuple[str, Any]] = {
    "shared_pack": (
        "pack_dir",
        Annotated[
            Optional[Path],  # noqa: UP045 - typer needs Optional
            typer.Option(
                "--pack", help=f"Use the pack in this folder {_AFTER}.", show_default=False
            ),
        ],
    ),
    "shared_lang": (
        "lang",
        Annotated[
            Optional[Lang],  # noqa: UP045
            typer.Option("--lang", help=f"Language of the output {_AFTER}.", show_default=False),
        ],
    ),
    "shared_plain": (
        "plain",
        Annotated[bool, typer.Option("--plain", help=f"No colour or emoji {_AFTER}.")],
    ),
}


def with_shared_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` (a command taking `ctx`) also accepts --pack, --lang and --plain."""
    sig = inspect.signature(func, eval_str=True)
    names = set(sig.parameters)
    added = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=False if "plain" in name else None,
            annotation=hint,
        )
        for name, (_, hint) in SHARED.items()
        if name not in names
    ]
    if not added or "ctx" not in names:
        return func

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(name, None) for name in SHARED}
        ctx = kwargs.get("ctx") or args[0]
        settings = ctx.find_root().obj
        for name, value in given.items():
            if value is not None and value is not False and settings is not None:
                attr = SHARED[name][0]
                setattr(settings, attr, value.value if isinstance(value, Enum) else value)
        return func(*args, **kwargs)

    params = list(sig.parameters.values())
    wrapper.__signature__ = sig.replace(parameters=[*params, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {
        **{p.name: p.annotation for p in params},
        **{p.name: p.annotation for p in added},
    }
    return wrapper
