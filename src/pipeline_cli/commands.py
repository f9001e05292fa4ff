"""Commands kept out of cli.py so each stays short: advise, handout and friends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer


def register(app: typer.Typer, settings: Callable[[typer.Context], Any]) -> None:
    """Add the commands defined here to `app`; `settings` reads the global options."""
    del app, settings
