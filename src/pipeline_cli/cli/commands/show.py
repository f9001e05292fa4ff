"""`pipeline show`: one stage in detail."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer

from pipeline_cli.errors import UsageError


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `show` to `app`; `settings` reads the global options."""

    @app.command()
    def show(
        ctx: typer.Context,
        stage: Annotated[
            str, typer.Argument(help="Stage id or number, as listed by `pipeline stages`.")
        ],
        format: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = (
            ShowFormat.text
        ),
    ) -> None:
        """Show one stage: its touchpoints, demands, targets and sources."""
        from pipeline_cli.cli import views
        from pipeline_cli.cli.jsonout import print_json
        from pipeline_cli.pack.suggest import did_you_mean

        s = settings(ctx)
        pack = s.pack()
        found = pack.stage(stage) or next(
            (st for st in pack.stages if stage.isdigit() and st.order == int(stage)), None
        )
        if found is None:
            ids = [st.id for st in pack.stages]
            hint = did_you_mean(stage, ids)
            raise UsageError(f"no stage {stage!r}{hint}; stages are: {', '.join(ids)}")
        if format is ShowFormat.json:
            print_json(views.stage_json(pack, found, s.langs[0]))
        else:
            views.stage_text(s.console(), pack, found, s.langs)
