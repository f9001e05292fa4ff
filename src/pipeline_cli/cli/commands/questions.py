"""`pipeline questions`: every jurisdiction question, or a blank worksheet."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer


class QuestionFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `questions` to `app`; `settings` reads the global options."""

    @app.command()
    def questions(
        ctx: typer.Context,
        format: Annotated[
            QuestionFormat, typer.Option("--format", help="table, json, or md (a blank worksheet).")
        ] = QuestionFormat.table,
    ) -> None:
        """List every jurisdiction question (md prints a blank worksheet)."""
        from pipeline_cli.cli import views
        from pipeline_cli.cli.jsonout import print_json

        s = settings(ctx)
        pack = s.pack()
        if format is QuestionFormat.json:
            print_json(views.questions_json(pack, s.langs[0]))
        elif format is QuestionFormat.md:
            typer.echo(views.questions_md(pack, s.langs), nl=False)
        else:
            views.questions_table(s.console(), pack, s.langs)
