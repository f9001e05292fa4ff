"""Shared test set-up. Terminal width and colour are pinned before rich or typer load."""

from __future__ import annotations

import os
import tempfile

os.environ["TERMINAL_WIDTH"] = "100"
os.environ["COLUMNS"] = "100"
os.environ.pop("FORCE_COLOR", None)
os.environ["NO_COLOR"] = "1"
# One pack cache for the whole run (never the developer's own): the built-in pack is checked
# once, as on a user's machine, and tests that study the cache point it elsewhere.
os.environ["PIPELINE_CACHE_DIR"] = tempfile.mkdtemp(prefix="pipeline-cache-")
os.environ.pop("PIPELINE_NO_CACHE", None)

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.packfactory import minimal_pack, write_pack


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Autosaved answers go to a throwaway data folder, never the developer's own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture
def run() -> Callable[..., Any]:
    """Invoke the CLI in-process through main()'s error boundary; returns the click Result."""
    from pipeline_cli.cli.app import _app_for

    runner = CliRunner()

    def _run(*args: str, input: str | None = None) -> Any:
        from pipeline_cli.cli.app import app as cli

        # The app main() runs: only the named command converted for typer (cli/app.py).
        command_app = _app_for(list(args))
        result = runner.invoke(command_app, list(args), input=input, catch_exceptions=True)
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            # main()'s boundary, so tests see the user's exit code and message.
            from pipeline_cli.errors import PipelineError, message_lines

            if isinstance(exc, PipelineError):
                lines = "".join(f"{line}\n" for line in message_lines(exc))
                return _Result(exc.code, result.stdout, result.stderr + lines)
            raise exc
        del cli
        return _Result(result.exit_code, result.stdout, result.stderr)

    return _run


class _Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.output = stdout + stderr

    def __repr__(self) -> str:
        return f"<Result {self.exit_code}\nstdout={self.stdout!r}\nstderr={self.stderr!r}>"


@pytest.fixture
def pack_files() -> dict[str, Any]:
    """A small valid pack as plain data: {file name: YAML data}. Mutate, then write."""
    return minimal_pack()


@pytest.fixture
def make_pack(tmp_path: Path) -> Iterator[Callable[[dict[str, Any]], Path]]:
    def _make(files: dict[str, Any]) -> Path:
        return write_pack(tmp_path / "pack", files)

    yield _make
