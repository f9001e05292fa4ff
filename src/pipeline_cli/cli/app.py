"""The `pipeline` command: one short function per command, one error boundary.

Only typer and the standard library are imported at module level, so `--help` and
`--version` start fast; each command imports what it needs.
"""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from pipeline_cli import __version__
from pipeline_cli.cli.options import Lang, with_shared_options
from pipeline_cli.errors import PipelineError, message_lines

if TYPE_CHECKING:
    from rich.console import Console

    from pipeline_cli.pack.records import Pack

app = typer.Typer(
    name="pipeline",
    help="Find where people and their data pass to ICE in your jurisdiction, who can close "
    "each handoff, and what to ask them for.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Settings:
    """Global options, shared by every command through typer's context."""

    def __init__(self, pack_dir: Path | None, lang: str, plain: bool) -> None:
        self.pack_dir = pack_dir
        self.lang = lang
        self.plain = plain or bool(os.environ.get("NO_COLOR"))

    @property
    def langs(self) -> tuple[str, ...]:
        return ("en", "es") if self.lang == "both" else (self.lang,)

    def pack(self) -> Pack:
        from pipeline_cli.pack.cache import cached_pack

        return cached_pack(self.pack_dir)

    def console(self, stderr: bool = False) -> Console:
        from rich.console import Console

        # no_color alone keeps bold and dim escapes; plain output has no escapes at all.
        return Console(
            stderr=stderr,
            color_system=None if self.plain else "auto",
            no_color=self.plain,
            emoji=not self.plain,
            highlight=False,
            soft_wrap=False,
        )


VERSION_LINE = f"pipeline {__version__}"


def _version(value: bool) -> None:
    if value:
        typer.echo(VERSION_LINE)
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    pack: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.9 style hints
        typer.Option("--pack", help="Use the pack in this folder instead of the default."),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the output.")] = Lang.en,
    plain: Annotated[bool, typer.Option("--plain", help="No colour or emoji (also NO_COLOR).")] = (
        False
    ),
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Find where people and their data pass to ICE, and who can close each handoff."""
    ctx.obj = Settings(pack, lang.value, plain)


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


# Modules that add commands; each has `register(app, settings)` and imports only typer at
# module level, so start-up stays fast.
COMMAND_MODULES = (
    "pipeline_cli.cli.commands.stages",
    "pipeline_cli.cli.commands.show",
    "pipeline_cli.cli.commands.questions",
    "pipeline_cli.cli.commands.validate",
    "pipeline_cli.cli.commands.advise",
    "pipeline_cli.cli.commands.batch",
    "pipeline_cli.cli.commands.handout",
    "pipeline_cli.cli.commands.case",
    "pipeline_cli.cli.commands.facts",
)


def _register_more() -> None:
    """Commands that live in their own modules, registered without importing their deps."""
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(name).register(app, _settings)
    for info in app.registered_commands:  # --pack, --lang, --plain after the command too
        if info.callback is not None:
            info.callback = with_shared_options(info.callback)


_register_more()
_TAKES_VALUE = ("--pack", "--lang")  # global options followed by their value


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command `args` name, when they name one.

    Before parsing, typer converts every command's signature to click (about 1.5 ms each); a
    run needs only its own. The top-level help, shell completion and a mistyped command (with
    its suggestions) still see every command.
    """
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    i = 0
    while i < len(args) and args[i].startswith("-"):
        if args[i] in ("--help", "--install-completion", "--show-completion"):
            return app
        i += 2 if args[i] in _TAKES_VALUE else 1
    if i >= len(args):
        return app
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback.__name__.replace("_", "-") if callback else "")
        if name == args[i]:
            slim = copy.copy(app)
            slim.registered_commands = [info]
            return slim
    return app


def main() -> None:
    """Console entry point: the one place errors become messages and exit codes."""
    if sys.argv[1:] == ["--version"]:
        # Fast path: before parsing, typer inspects every command's signature (about 1.5 ms
        # each); a bare --version needs none of it (bench/startup.py holds it to 1.3x typer).
        print(VERSION_LINE)
        return
    try:
        try:
            _app_for(sys.argv[1:])()
        finally:  # a full disk or a closed pipe shows here, not at exit as a traceback
            sys.stdout.flush()
    except PipelineError as exc:
        for line in message_lines(exc):
            typer.echo(line, err=True)
        sys.exit(exc.code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`| head`): say so once; stdout cannot be flushed again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        typer.echo("error: standard output was closed before everything was written", err=True)
        sys.exit(1)
    except OSError as exc:  # files we write report their own errors; no file named is stdout
        if exc.filename:
            typer.echo(f"error: {exc.filename}: {exc.strerror}", err=True)
        else:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            typer.echo(f"error: cannot write to standard output: {exc.strerror}", err=True)
        sys.exit(1)
