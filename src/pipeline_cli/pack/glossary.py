"""The Spanish glossary check: words the bilingual review ruled out, found in every `es` text.

`glossary.yaml` (optional) lists `forbidden` entries, each a `term` (matched whole-word, any
case) and the wording to `use` instead. Every `es` string of every pack file is checked, and a
hit is reported as `file:line: ...` like any other pack problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pipeline_cli.pack.yamlio import LDict, LList

FILE = "glossary.yaml"


@dataclass(frozen=True)
class Rule:
    """A glossary rule: a Spanish term not to use, and what to use instead."""

    term: str
    use: str
    pattern: re.Pattern[str]


def rules(raw: Any, problems: list[str]) -> list[Rule]:
    """The glossary's rules; a malformed entry is a problem, not a crash."""
    out: list[Rule] = []
    if raw is None:
        return out
    items = raw.get("forbidden") if isinstance(raw, LDict) else None
    if not isinstance(items, LList):
        problems.append(f"{FILE}:1: expected a `forbidden:` list of {{term, use}} entries")
        return out
    for item, line in zip(items, items.item_lines, strict=False):
        term = item.get("term") if isinstance(item, LDict) else None
        use = item.get("use") if isinstance(item, LDict) else None
        if not isinstance(term, str) or not term.strip() or not isinstance(use, str):
            problems.append(f"{FILE}:{line}: each entry needs a `term` and a `use` (text)")
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(term.strip())}(?!\w)", re.IGNORECASE)
        out.append(Rule(term.strip(), use.strip(), pattern))
    return out


def _spanish(node: Any) -> Iterator[tuple[str, int]]:
    """Every `es` string under `node`, with its line."""
    if isinstance(node, LDict):
        for key, value in node.items():
            if key == "es" and isinstance(value, str):
                yield value, node.line_of(key)
            else:
                yield from _spanish(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spanish(value)


def check(files: dict[str, Any], glossary: list[Rule]) -> list[str]:
    """`file:line` problems for each forbidden term in the Spanish texts of `files`."""
    problems = []
    for name, raw in files.items():
        for text, line in _spanish(raw):
            for rule in glossary:
                hit = rule.pattern.search(text)
                if hit:
                    problems.append(
                        f"{name}:{line}: Spanish text uses {hit.group(0)!r}; "
                        f"write {rule.use!r} instead ({FILE})"
                    )
    return problems
