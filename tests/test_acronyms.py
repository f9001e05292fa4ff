"""Letters spell out the acronyms an official's counsel may not know, at their first use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline_cli.documents import outputs
from pipeline_cli.pack.cache import cached_pack
from pipeline_cli.plan.build import build_plan

PLACES = [
    {"state": "CA", "county": "Los Angeles", "city": "Pasadena"},
    {"state": "TX", "county": "Harris"},
    {"state": "CT", "county": "Hartford"},
]
ACRONYMS = ("IGSA", "MOU")


@pytest.mark.parametrize("answers", PLACES, ids=lambda a: a["state"])
def test_the_first_use_of_an_acronym_in_a_letter_is_spelled_out(
    answers: dict[str, str], tmp_path: Path
) -> None:
    plan = build_plan(cached_pack(), answers)
    outputs.write_outputs(plan, tmp_path, langs=("en", "es"))
    letters = sorted(tmp_path.glob("*/*/letter.md"))
    assert letters
    seen = 0
    for letter in letters:
        body = letter.read_text(encoding="utf-8").split("\n## Sources", 1)[0]
        for acronym in ACRONYMS:
            first = re.search(rf"\b{acronym}s?\b", body)
            if first is None:
                continue
            seen += 1
            before = body[max(0, first.start() - 1) : first.start()]
            assert before == "(", f"{letter.relative_to(tmp_path)}: {acronym} first used bare"
    assert seen, "the letters use these acronyms, so the test can see them"
