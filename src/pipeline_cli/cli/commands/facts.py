"""`pipeline facts`: what ICE's own lists say about every county of a state."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer


class FactsFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add `facts` to `app`; `settings` reads the global options."""

    @app.command()
    def facts(
        ctx: typer.Context,
        state: Annotated[str, typer.Argument(help="A state: USPS code (TX) or name (Texas).")],
        format: Annotated[FactsFormat, typer.Option("--format", help="Output format.")] = (
            FactsFormat.table
        ),
    ) -> None:
        """List a state's counties with their 287(g) agreements and ICE jail contracts.

        From ICE's own lists shipped with the pack (its 287(g) participating agencies and the
        facilities in its detention statistics), each with its date. A county not listed is
        only "not on ICE's list as of that date", not proof that it does not cooperate.
        """
        from pipeline_cli.cli import facts as work

        s = settings(ctx)
        work.facts(s, state, format.value)
