"""Render letters, scripts, draft ordinances and plan.md from templates/<lang>/*.md.j2.

One jinja2 environment with StrictUndefined, built in `environment()`, sandboxed for a pack's
own templates. Templates are
CommonMark (parsed by markdown-it-py, see documents/markdown.py); every other format is made from
that Markdown, and the HTML page from `base.html.j2`, the only template with autoescape on.

Where templates come from: the built-in set (`pipeline_cli.templates`, the top-level
`templates/` folder). A pack passed with `--pack DIR` may carry `DIR/templates/` laid out the
same way; a file there replaces the built-in file of the same path, so a pack can reword one
letter, or add a language, without copying the rest.
"""

from __future__ import annotations

import re
import traceback
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
)
from markupsafe import Markup

from pipeline_cli.documents import markdown as md
from pipeline_cli.documents import pages
from pipeline_cli.errors import PipelineError
from pipeline_cli.pack import plaintext, sandbox
from pipeline_cli.pack.records import Pack

KINDS = ("letter", "public_comment", "call_script", "ordinance", "plan")
# Sent to or read before an official: no stamp (pack version, disclaimer for organizers). The
# plan and index.md, which organizers keep, carry it; so do call scripts, which never leave them.
TO_OFFICIALS = ("letter", "public_comment", "ordinance")
STAMP = "_stamp"
# Two minutes read aloud at about 130 words a minute. Spanish runs 15-25% longer than English
# for the same content, so its comment may keep the first ask's reason at the same pace.
MAX_SPOKEN_WORDS = 260
SPOKEN_WORDS = {"en": MAX_SPOKEN_WORDS, "es": 310}
MAX_SPOKEN_ASKS = 3
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


class TemplateProblem(PipelineError):
    """A template that does not render; the message starts with `templates/<path>:<line>`."""


def builtin_dir() -> Path:
    return Path(str(resources.files("pipeline_cli.templates")))


def template_dirs(pack_root: Path | None) -> tuple[Path, ...]:
    """The pack's own templates/ (if any) first, then the built-in set."""
    builtin = builtin_dir()
    own = pack_root / "templates" if pack_root is not None else None
    if own is not None and own.is_dir() and own.resolve() != builtin.resolve():
        return (own, builtin)
    return (builtin,)


class _InsideLoader(FileSystemLoader):
    """Templates from the given folders, never through a link that leads out of them."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise TemplateProblem(
                f"templates/{template}:1: a link to a file outside the pack; "
                "copy the file into the pack"
            )
        return source, filename, uptodate


@cache
def environment(dirs: tuple[Path, ...]) -> Environment:
    """The one template environment: strict, autoescaping HTML only; sandboxed and bounded
    whenever a pack brings templates of its own.

    Only the built-in templates, which ship with this program, run unsandboxed: the sandbox
    guards against template code, and the built-in templates are this program's own code (the
    answers and pack texts they print are data either way). Rendering through the sandbox's
    checks on every attribute and call was a fifth of a batch.
    """
    settings: dict[str, Any] = {
        "loader": _InsideLoader([str(d) for d in dirs]),
        "undefined": StrictUndefined,
        "autoescape": lambda name: bool(name) and str(name).endswith(".html.j2"),
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if dirs == (builtin_dir(),):
        return Environment(**settings)
    return sandbox.BoundedSandbox(**settings)


def where(exc: BaseException, dirs: tuple[Path, ...]) -> str:
    """`templates/<lang>/<file>:<line>` of the template line that raised `exc`."""

    def label(filename: str) -> str:
        for d in dirs:
            try:
                return "templates/" + Path(filename).resolve().relative_to(d.resolve()).as_posix()
            except ValueError:
                continue
        return filename

    if isinstance(exc, TemplateSyntaxError):
        return f"{label(exc.filename or exc.name or '?')}:{exc.lineno}"
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{label(frame.filename)}:{frame.lineno}"
    return "templates"


_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")  # a link's address is not read aloud


def spoken_words(markdown: str) -> int:
    """Words a speaker reads aloud (Markdown marks and punctuation do not count)."""
    # The words of the Markdown itself: its marks are not words, so no parse is needed (a
    # comment is fitted by rendering it several times; parsing each was most of a batch).
    return len(_WORD.findall(_LINK_TARGET.sub("]", markdown)))


@cache
def _names_used(env: Environment, name: str) -> tuple[str, ...]:
    """The context names a template reads; () when it does not parse (reported on render)."""
    try:
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        return tuple(sorted(meta.find_undeclared_variables(env.parse(source))))
    except TemplateError:
        return ()


class Renderer:
    """Renders one pack's documents; errors name the template file and line."""

    def __init__(self, pack: Pack) -> None:
        self.dirs = template_dirs(pack.root)
        self.env = environment(self.dirs)
        self.trusted = not isinstance(self.env, sandbox.BoundedSandbox)
        self._stamps: dict[tuple[str, str], str] = {}
        self._inert: dict[int, tuple[Any, Any]] = {}  # contexts escaped once (markdown.inert)
        self._stamp_names: dict[str, tuple[str, ...]] = {}

    def _render(self, name: str, ctx: dict[str, Any]) -> str:
        try:
            template = self.env.get_template(name)
            if name.endswith(".md.j2"):  # answers and pack text are text, never Markdown
                ctx = md.inert(ctx, self._inert)
            if self.trusted:  # the built-in templates: no limits to watch (environment())
                text = template.render(ctx)
            else:
                text = sandbox.guard(lambda: sandbox.join(template.generate(ctx)))
            return plaintext.strip_controls(text)  # nor escape sequences, from any template
        except TemplateNotFound as exc:
            raise TemplateProblem(
                f"templates/{exc.name}:1: missing template; add it (see templates/en/)"
            ) from None
        except PipelineError:
            raise
        except Exception as exc:  # whatever a template raises is the template's to fix
            raise TemplateProblem(f"{where(exc, self.dirs)}: {exc}") from None

    def body(self, kind: str, lang: str, ctx: dict[str, Any]) -> str:
        return self._render(f"{lang}/{kind}.md.j2", ctx).strip() + "\n"

    def stamp(self, lang: str, ctx: dict[str, Any]) -> str:
        """The stamp, rendered once per distinct value of the names it uses (a batch writes
        thousands of files with the same stamp)."""
        name = f"{lang}/{STAMP}.md.j2"
        if lang not in self._stamp_names:
            self._stamp_names[lang] = _names_used(self.env, name) or tuple(sorted(ctx))
        key = (lang, repr([ctx.get(n) for n in self._stamp_names[lang]]))
        if key not in self._stamps:
            self._stamps[key] = self._render(name, ctx).strip() + "\n"
        return self._stamps[key]

    def document(self, kind: str, lang: str, ctx: dict[str, Any]) -> str:
        """A whole document: the body, then (for organizers' documents) a rule and the stamp."""
        body = (
            self.public_comment(lang, ctx)
            if kind == "public_comment"
            else self.body(kind, lang, ctx)
        )
        if kind in TO_OFFICIALS:
            return body
        return f"{body}\n---\n\n{self.stamp(lang, ctx)}"

    def public_comment(self, lang: str, ctx: dict[str, Any]) -> str:
        """A public comment that fits in two minutes read aloud.

        At most three asks (most urgent first), the first with its reason when that fits; then
        fewer asks; the rest are left to the letter.
        """
        demands = ctx["demands"]
        most = min(len(demands), MAX_SPOKEN_ASKS)
        tries = [(k, why) for k in range(most, 0, -1) for why in (True, False)]
        for k, with_why in tries or [(0, False)]:
            text = self._comment(lang, ctx, demands[:k], len(demands) - k, with_why)
            if spoken_words(text) <= SPOKEN_WORDS.get(lang, MAX_SPOKEN_WORDS):
                return text
        # Last resort for a very long ask: cut it, visibly, until the script fits.
        ask = demands[0]["ask"].split()
        while True:
            ask = ask[: max(1, len(ask) - 10)]
            short = [{**demands[0], "ask": " ".join(ask) + " …"}]
            text = self._comment(lang, ctx, short, len(demands) - 1, False)
            if spoken_words(text) <= SPOKEN_WORDS.get(lang, MAX_SPOKEN_WORDS) or len(ask) == 1:
                return text

    def _comment(
        self, lang: str, ctx: dict[str, Any], demands: list[Any], more: int, with_why: bool
    ) -> str:
        return self.body(
            "public_comment", lang, {**ctx, "demands": demands, "more": more, "with_why": with_why}
        )

    def html(self, markdown: str, lang: str, page: str = "base.html.j2") -> str:
        """A printable page, inline CSS only, from a rendered Markdown document.

        `page` may name a template that extends base.html.j2 (e.g. to add print rules).
        """
        # The parser escapes every raw tag in the Markdown, so its HTML is safe to insert.
        body = Markup(md.html(markdown))
        return self._render(page, {"body": body, "lang": lang, "title": md.title(markdown)})

    def sheets_html(self, sheets: list[Any], lang: str, page: str = "print.html.j2") -> str:
        """A printable page of sheets (pages.py): each sheet starts a printed page."""
        return self._render(page, {"sheets": sheets, "lang": lang, "title": pages.title(sheets)})
