"""`pipeline validate`: check a pack and print every problem as `file:line: message`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from pipeline_cli.errors import PipelineError


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `validate` to `app`; `settings` reads the global options."""

    @app.command()
    def validate(
        ctx: typer.Context,
        pack_dir: Annotated[
            Optional[Path],  # noqa: UP045
            typer.Argument(help="Pack folder to check (default: --pack, or the built-in pack)."),
        ] = None,
    ) -> None:
        """Check a pack; print every problem as `file:line: message`."""
        from pipeline_cli.cli.validate import validate_pack

        s = settings(ctx)
        problems, summary = validate_pack(pack_dir or s.pack_dir)
        if problems:
            for line in problems:
                typer.echo(line, err=True)
            raise PipelineError(f"{len(problems)} problem(s) in the pack; fix them and run again")
        typer.echo(summary)
