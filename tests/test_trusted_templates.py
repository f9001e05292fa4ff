"""Only the built-in templates run outside the sandbox, and they read exactly the same there."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.sandbox import SandboxedEnvironment

from pipeline_cli.documents import outputs, render
from pipeline_cli.pack import sandbox
from pipeline_cli.pack.cache import cached_pack
from pipeline_cli.plan.build import build_plan

PLACES = [
    {"state": "CA", "county": "Los Angeles", "city": "Pasadena"},
    {"state": "TX", "county": "Harris"},
    {"state": "CT", "county": "Hartford"},
]


def test_a_packs_own_templates_are_sandboxed(tmp_path: Path) -> None:
    builtin = render.builtin_dir()
    assert not isinstance(render.environment((builtin,)), SandboxedEnvironment)
    own = tmp_path / "templates"
    own.mkdir()
    assert isinstance(render.environment((own, builtin)), sandbox.BoundedSandbox)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("answers", PLACES, ids=lambda a: a["state"])
def test_the_built_in_templates_read_the_same_in_the_sandbox(
    answers: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = build_plan(cached_pack(), answers)
    outputs.write_outputs(plan, tmp_path / "trusted", langs=("en", "es"))

    settings = {
        "loader": render._InsideLoader([str(render.builtin_dir())]),
        "undefined": render.StrictUndefined,
        "autoescape": lambda name: bool(name) and str(name).endswith(".html.j2"),
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    made: list[sandbox.BoundedSandbox] = []
    monkeypatch.setattr(
        render,
        "environment",
        lambda dirs: made.append(sandbox.BoundedSandbox(**settings)) or made[-1],
    )
    outputs.write_outputs(plan, tmp_path / "sandboxed", langs=("en", "es"))
    assert made, "the second run rendered in the sandbox"
    trusted, boxed = _files(tmp_path / "trusted"), _files(tmp_path / "sandboxed")
    assert len(trusted) > 20
    assert trusted == boxed
