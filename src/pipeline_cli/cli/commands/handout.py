"""`pipeline handout`: the trainer handout, printed or written to a file."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer


class HandoutFormat(str, Enum):
    md = "md"
    html = "html"


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `handout` to `app`; `settings` reads the global options."""

    @app.command()
    def handout(
        ctx: typer.Context,
        output: Annotated[
            Optional[Path],  # noqa: UP045 - typer needs Optional
            typer.Option(
                "--output", "-o", metavar="FILE", help="Write to this file instead of printing."
            ),
        ] = None,
        format: Annotated[
            HandoutFormat, typer.Option("--format", help="md, or html (a printable page).")
        ] = HandoutFormat.md,
        stage: Annotated[
            str,
            typer.Option(
                "--stage", metavar="ID", help="Only this stage (id as in `pipeline stages`)."
            ),
        ] = "",
        force: Annotated[bool, typer.Option("--force", help="Overwrite the -o file.")] = False,
    ) -> None:
        """Print a handout of the whole pipeline (or one stage) for a workshop."""
        import datetime as dt

        from pipeline_cli.documents.handout import render_handout

        s = settings(ctx)
        text = render_handout(s.pack(), s.langs, format.value, dt.date.today(), stage)
        if output is None:
            typer.echo(text, nl=False)
            return
        from pipeline_cli.documents.writers import write_atomic
        from pipeline_cli.errors import PipelineError

        if not force and (output.exists() or output.is_symlink()):
            raise PipelineError(f"{output}: already exists; nothing was written; use --force")
        write_atomic(output, text.encode("utf-8"))
        typer.echo(f"wrote {output}", err=True)
