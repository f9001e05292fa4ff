"""`pipeline stages`: the stages of the pipeline, in order."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer


class ListFormat(str, Enum):
    table = "table"
    json = "json"


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `stages` to `app`; `settings` reads the global options."""

    @app.command()
    def stages(
        ctx: typer.Context,
        format: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = (
            ListFormat.table
        ),
    ) -> None:
        """List the stages of the pipeline in order."""
        from pipeline_cli.cli import views
        from pipeline_cli.cli.jsonout import print_json

        s = settings(ctx)
        pack = s.pack()
        if format is ListFormat.json:
            print_json(views.stages_json(pack, s.langs[0]))
        else:
            views.stages_table(s.console(), pack, s.langs)
