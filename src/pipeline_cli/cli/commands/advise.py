"""Commands kept out of cli.py so each stays short: advise, handout and friends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from pipeline_cli.cli.options import ForceOpt, FormatOpt, LetterFormat, SkipExistingOpt


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add the commands defined here to `app`; `settings` reads the global options."""

    @app.command()
    def advise(
        ctx: typer.Context,
        answers: Annotated[
            Optional[Path],  # noqa: UP045 - typer needs Optional
            typer.Option("--answers", help="Answers file (YAML or JSON) instead of questions."),
        ] = None,
        set_: Annotated[
            Optional[list[str]],  # noqa: UP045
            typer.Option("--set", help="key=value; repeat; overrides --answers."),
        ] = None,
        json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
        out: Annotated[
            Optional[Path],  # noqa: UP045
            typer.Option("--out", help="Write the plan, letters and scripts to this folder."),
        ] = None,
        save: Annotated[
            Optional[Path],  # noqa: UP045
            typer.Option("--save", help="Keep the answers in this file (owner-only)."),
        ] = None,
        resume: Annotated[
            bool, typer.Option("--resume", help="Continue an interrupted interview.")
        ] = False,
        reopen: Annotated[
            str,
            typer.Option(
                "--reopen",
                metavar="PLACE",
                help="Reopen a saved interview by place, e.g. 'pasadena' or 'tx harris'.",
            ),
        ] = "",
        list_saved: Annotated[
            bool, typer.Option("--list-saved", help="List saved interviews, by place.")
        ] = False,
        format: FormatOpt = LetterFormat.md,
        force: ForceOpt = False,
        skip_existing: SkipExistingOpt = False,
    ) -> None:
        """Find the open handoffs to ICE where you live, the demands, and whom to press."""
        from pipeline_cli.cli.advise import AdviseOptions
        from pipeline_cli.cli.advise import advise as run

        opts = AdviseOptions(
            answers,
            tuple(set_ or ()),
            save,
            resume,
            json,
            out,
            format.value,
            force,
            skip_existing,
            reopen,
            list_saved,
        )
        run(settings(ctx), opts)
