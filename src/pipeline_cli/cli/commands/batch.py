"""`pipeline batch FILE.csv --out DIR`: the letters for many jurisdictions, no prompts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from pipeline_cli.cli.options import ForceOpt, FormatOpt, LetterFormat, SkipExistingOpt


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `batch` to `app`; `settings` reads the global options."""

    @app.command()
    def batch(
        ctx: typer.Context,
        file: Annotated[
            str,
            typer.Argument(
                metavar="FILE.csv",
                help="One jurisdiction per row; the header names answer keys (state,county,...); "
                "county * means every county; - reads stdin.",
            ),
        ],
        out: Annotated[Path, typer.Option("--out", help="Folder for the output tree.")],
        format: FormatOpt = LetterFormat.md,
        force: ForceOpt = False,
        skip_existing: SkipExistingOpt = False,
        jobs: Annotated[
            Optional[int],  # noqa: UP045 - typer needs Optional on Python 3.9 style hints
            typer.Option(
                "--jobs",
                "-j",
                min=1,
                metavar="N",
                help="Worker processes writing jurisdictions side by side [default: one per "
                "CPU, at most 8]; 1 writes them all in this process.",
            ),
        ] = None,
    ) -> None:
        """Write plans, letters and scripts for every jurisdiction in a CSV file."""
        from pipeline_cli.cli.batch import main

        main(settings(ctx), file, out, format.value, force, skip_existing, jobs)
