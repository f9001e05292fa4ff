"""The command line: the typer app, one module per command, one error boundary."""

from pipeline_cli.cli.app import app, main

__all__ = ["app", "main"]
