"""`pipeline case KIND`: one letter for one person's case (bond, charges, pardon, ...)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from pipeline_cli.cli.options import LetterFormat


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `pipeline case` to `app`; `settings` reads the global options."""

    @app.command()
    def case(
        ctx: typer.Context,
        kind: Annotated[
            str,
            typer.Argument(
                help="bond_support, drop_charges, pardon, detention_conditions or "
                "release_request (the pack's cases.yaml may add more).",
                show_default=False,
            ),
        ],
        answers: Annotated[
            Optional[Path],  # noqa: UP045 - typer needs Optional
            typer.Option("--answers", help="Letter fields from a YAML or JSON file."),
        ] = None,
        set_: Annotated[
            Optional[list[str]],  # noqa: UP045
            typer.Option("--set", help="field=value; repeat; overrides --answers."),
        ] = None,
        state: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option("--state", help="State (USPS code or name): whose governor or board."),
        ] = None,
        output: Annotated[
            Optional[Path],  # noqa: UP045
            typer.Option("-o", "--output", help="Write the letter to this file (owner-only)."),
        ] = None,
        out: Annotated[
            Optional[Path],  # noqa: UP045
            typer.Option("--out", help="Write <lang>/case_<kind>.<ext> under this folder."),
        ] = None,
        format: Annotated[
            Optional[LetterFormat],  # noqa: UP045
            typer.Option("--format", help="md, txt, html or docx [default: md, or -o's suffix]."),
        ] = None,
        save: Annotated[
            Optional[Path],  # noqa: UP045
            typer.Option("--save", help="Keep the fields in this file (owner-only) for reuse."),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    ) -> None:
        """Write a letter for one person's case; prints it unless -o or --out is given."""
        from pipeline_cli.cli.case import CaseOptions, run_case

        opts = CaseOptions(
            kind=kind,
            answers_file=answers,
            sets=tuple(set_ or ()),
            state=state or "",
            output=output,
            out=out,
            fmt=format.value if format else "",
            save=save,
            force=force,
        )
        run_case(settings(ctx), opts)
