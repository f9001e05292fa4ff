"""Around the interview: earlier interviews offered at the start, files offered at the end.

Nothing here writes: the start menu says which answers to begin from, the end menu says where
the letters should go; the command line does the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pipeline_cli.errors import Interrupted, PipelineError
from pipeline_cli.interview import prompts, savefile
from pipeline_cli.interview.labels import LABEL
from pipeline_cli.plan import jurisdiction

REUSE, EDIT, NEW = "reuse", "edit", "new"
T = TypeVar("T")


def ask(menu: Callable[..., T], *args: Any) -> T:
    """Run a menu; Ctrl-C stops with a message in the user's language (nothing was changed)."""
    lang = str(args[-1])
    try:
        return menu(*args)
    except KeyboardInterrupt:
        raise Interrupted(LABEL["stopped_unchanged"](lang)) from None
    except EOFError:
        raise PipelineError(LABEL["no_terminal"](lang)) from None


@dataclass(frozen=True)
class Start:
    """How to begin: `action` is reuse (build at once), edit (review first) or new."""

    action: str
    saved: savefile.Saved | None = None


def place(saved: savefile.Saved, lang: str) -> str:
    a = saved.answers
    county = jurisdiction.county_in(str(a["county"]), lang) if a.get("county") else ""
    parts = [str(a.get("city", "")), county, str(a.get("state", ""))]
    return ", ".join(p for p in parts if p) or "?"


def choose_start(last: savefile.Saved | None, others: list[savefile.Saved], lang: str) -> Start:
    """Offer the latest interview (use, change, or continue it), any earlier one, or a new one."""
    choices: list[tuple[str, str]] = []
    table: dict[str, Start] = {}
    if last is not None:
        where = place(last, lang)
        if last.finished:
            choices.append((LABEL["reuse"](lang).format(place=where), "0"))
            table["0"] = Start(REUSE, last)
            choices.append((LABEL["edit"](lang).format(place=where), "1"))
        else:
            choices.append((LABEL["continue"](lang).format(place=where), "1"))
        table["1"] = Start(EDIT, last)
    shown = {_key(last)} if last is not None else set()
    for n, saved in enumerate(others):
        if _key(saved) in shown:
            continue
        shown.add(_key(saved))
        label = LABEL["open"](lang).format(place=place(saved, lang))
        if not saved.finished:
            label += " " + LABEL["unfinished"](lang)
        choices.append((label, f"o{n}"))
        table[f"o{n}"] = Start(EDIT, saved)
    choices.append((LABEL["new"](lang), NEW))
    table[NEW] = Start(NEW)
    picked = prompts.select(LABEL["offer"](lang), choices, lang, choices[0][1])
    return table[picked]


def _key(saved: savefile.Saved | None) -> tuple[str, ...]:
    a = saved.answers if saved else {}
    return tuple(str(a.get(k, "")) for k in ("state", "county", "city"))


@dataclass(frozen=True)
class Files:
    """Where, in which format and language, the person chose to have the letters written."""

    folder: Path
    fmt: str
    lang: str


def choose_files(lang: str, suggested: Path) -> Files | None:
    """Write the letters now? If so: folder, format and language (None: only show the plan)."""
    yes = prompts.select(
        LABEL["letters_now"](lang),
        [(LABEL["yes"](lang), "yes"), (LABEL["no_thanks"](lang), "no")],
        lang,
        "yes",
    )
    if yes != "yes":
        return None

    def empty(text: str) -> bool | str:
        folder = Path(text.strip() or str(suggested)).expanduser()
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            return LABEL["folder_taken"](lang)
        return True

    folder = prompts.text(LABEL["folder"](lang), str(suggested), validate=empty)
    fmts = [(LABEL[f](lang), f) for f in ("docx", "md", "html", "txt")]
    fmt = prompts.select(LABEL["format"](lang), fmts, lang, "docx")
    langs = [(LABEL[x](lang), x) for x in ("en", "es", "both")]
    out_lang = prompts.select(LABEL["language"](lang), langs, lang, lang)
    return Files(Path(folder.strip() or str(suggested)).expanduser(), fmt, out_lang)
