"""`pipeline validate` catches template mistakes with the template's file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.packfactory import write_pack
from tests.planfactory import letters_pack

BUILTIN_LETTER = (Path(__file__).parents[1] / "templates" / "en" / "letter.md.j2").read_text()


def pack_with(tmp_path: Path, templates: dict[str, str]) -> Path:
    root = write_pack(tmp_path / "pack", letters_pack())
    for name, text in templates.items():
        path = root / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_inline_pack_with_builtin_templates_validates(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    result = run("validate", str(pack_with(tmp_path, {})))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok:")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# {{ target.title }}\n\n{{ target.nickname }}\n", 3, "nickname"),
        ("# x\n{% for d in demands %}\n{{ d.reason }}\n{% endfor %}\n", 3, "reason"),
        ("# x\n\n{% if false %}\n{{ organiser }}\n{% endif %}\n", 4, "organiser"),
        ("# x\n{% if %}\n", 2, ""),
    ],
    ids=["missing-attribute", "missing-in-loop", "unknown-name-in-dead-branch", "syntax"],
)
def test_a_template_using_a_missing_value_fails_with_file_and_line(
    run: Callable[..., Any], tmp_path: Path, text: str, line: int, message: str
) -> None:
    root = pack_with(tmp_path, {"es/letter.md.j2": text})
    result = run("validate", str(root))
    assert result.exit_code == 1
    hits = [row for row in result.stderr.splitlines() if row.startswith("templates/es/letter")]
    assert hits, result.stderr
    assert hits[0].startswith(f"templates/es/letter.md.j2:{line}: ")
    assert message in hits[0]


def test_a_template_in_one_language_only_is_reported(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    root = pack_with(tmp_path, {"en/flyer.md.j2": "# {{ place.name }}\n"})
    result = run("validate", str(root))
    assert result.exit_code == 1
    assert "templates/es/flyer.md.j2:1: missing template" in result.stderr
    assert "templates/en/flyer.md.j2" in result.stderr


def test_an_overridden_template_that_works_passes(run: Callable[..., Any], tmp_path: Path) -> None:
    root = pack_with(tmp_path, {"en/letter.md.j2": BUILTIN_LETTER.replace("Sincerely", "Yours")})
    assert run("validate", str(root)).exit_code == 0
