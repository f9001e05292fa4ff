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
    pdf = "pdf"


class HandoutStyle(str, Enum):
    workshop = "workshop"
    study = "study"


class Bilingual(str, Enum):
    back = "back"
    side = "side"


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
            HandoutFormat,
            typer.Option(
                "--format", help="md; html (a page to print from a browser); or pdf (needs -o)."
            ),
        ] = HandoutFormat.md,
        style: Annotated[
            HandoutStyle,
            typer.Option(
                "--style",
                help="workshop: a cover with the pipeline diagram and one page a stage, to hand "
                "out as is; study: every handoff and demand in full, with reasons and sources.",
            ),
        ] = HandoutStyle.workshop,
        bilingual: Annotated[
            Bilingual,
            typer.Option(
                "--bilingual",
                help="With --lang both, printed: back (each language on its own pages, "
                "alternating, for double-sided printing) or side (both on each page, landscape).",
            ),
        ] = Bilingual.back,
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
        from pipeline_cli.errors import PipelineError, UsageError

        if format is HandoutFormat.pdf and output is None:
            raise UsageError("--format pdf writes a file: add -o FILE (e.g. -o handout.pdf)")
        if output is not None and not force and (output.exists() or output.is_symlink()):
            raise PipelineError(f"{output}: already exists; nothing was written; use --force")
        s = settings(ctx)
        data = render_handout(
            s.pack(),
            s.langs,
            format.value,
            dt.date.today(),
            stage,
            style=style.value,
            bilingual=bilingual.value,
        )
        if output is None:
            typer.echo(data.decode("utf-8"), nl=False)
            return
        from pipeline_cli.documents.writers import write_atomic

        write_atomic(output, data)
        typer.echo(f"wrote {output}", err=True)
