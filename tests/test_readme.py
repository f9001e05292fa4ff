"""The README documents every command, and its usage section matches `--help` exactly."""

from __future__ import annotations

import pytest

from tests import readme_usage


def test_readme_usage_matches_help() -> None:
    text = readme_usage.README.read_text(encoding="utf-8")
    assert readme_usage.current_section(text) == readme_usage.usage(), (
        "README usage is stale: run `python -m tests.readme_usage --write`"
    )


@pytest.mark.parametrize("command", readme_usage.commands())
def test_every_command_is_documented(command: str) -> None:
    text = readme_usage.README.read_text(encoding="utf-8")
    assert f"### pipeline {command}" in text
    assert (
        f"`pipeline {command}"
        in text.split(readme_usage.START)[0] + text.split(readme_usage.END)[1]
    ), f"describe `pipeline {command}` in the README prose too"
