"""Typed reads from located YAML mappings that record problems instead of raising.

Every problem is a line `file:line: message`, so one validation run can report all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from pipeline_cli.pack.suggest import did_you_mean as did_you_mean
from pipeline_cli.pack.text import LANGS, Text
from pipeline_cli.pack.yamlio import LDict, LList

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class Reader:
    """Reads fields of one file; problems accumulate in a shared list."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems

    def error(self, line: int, message: str) -> None:
        self.problems.append(f"{self.file}:{line}: {message}")

    def mapping(self, data: Any, what: str, line: int = 1) -> LDict | None:
        if isinstance(data, LDict):
            return data
        self.error(getattr(data, "line", line), f"{what} must be a mapping of keys to values")
        return None

    def keys(self, d: LDict, what: str, required: Iterable[str], optional: Iterable[str]) -> None:
        required = list(required)
        allowed = [*required, *optional]
        for key in d:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.error(d.line_of(key), f"{what}: unknown key {key!r}{hint}")
        for key in required:
            if key not in d:
                self.error(d.line, f"{what}: missing required key {key!r}")

    def text(self, d: LDict, key: str, what: str, required: bool = True) -> Text | None:
        value = d.get(key)
        if value is None:
            if required and key in d:
                self.error(d.line_of(key), f"{what}.{key}: needs text in en and es")
            return None
        if not isinstance(value, LDict):
            self.error(d.line_of(key), f"{what}.{key}: must be {{en: ..., es: ...}}")
            return Text("", "")
        parts: dict[str, str] = {}
        for lang in LANGS:
            part = value.get(lang)
            if not isinstance(part, str) or not part.strip():
                self.error(value.line_of(lang), f"{what}.{key}: missing {lang!r} text")
                part = ""
            parts[lang] = part.strip()
        for extra in value:
            if extra not in LANGS:
                self.error(value.line_of(extra), f"{what}.{key}: unknown language {extra!r}")
        return Text(parts["en"], parts["es"])

    def string(self, d: LDict, key: str, what: str, default: str = "") -> str:
        value = d.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
            self.error(d.line_of(key), f"{what}.{key}: must be a string")
            return default
        return str(value)

    def ident(self, d: LDict, key: str, what: str) -> str:
        value = self.string(d, key, what)
        if value and not ID_RE.match(value):
            self.error(d.line_of(key), f"{what}.{key}: {value!r} must be lower_snake_case")
        return value

    def choice(self, d: LDict, key: str, what: str, options: tuple[str, ...], default: str) -> str:
        value = self.string(d, key, what, default)
        if value not in options:
            hint = did_you_mean(value, options)
            self.error(
                d.line_of(key), f"{what}.{key}: {value!r} is not one of {', '.join(options)}{hint}"
            )
        return value

    def strings(self, d: LDict, key: str, what: str) -> tuple[str, ...]:
        value = d.get(key)
        if value is None:
            return ()
        if not isinstance(value, LList):
            self.error(d.line_of(key), f"{what}.{key}: must be a list")
            return ()
        out = []
        for item, line in zip(value, value.item_lines, strict=True):
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                self.error(line, f"{what}.{key}: items must be strings")
            else:
                out.append(str(item))
        return tuple(out)

    def items(self, d: LDict, key: str, what: str) -> list[tuple[Any, int]]:
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            self.error(d.line_of(key), f"{what}.{key}: must be a list")
            return []
        return list(zip(value, value.item_lines, strict=True))

    def flag(self, d: LDict, key: str, what: str, default: bool = False) -> bool:
        value = d.get(key, default)
        if not isinstance(value, bool):
            self.error(d.line_of(key), f"{what}.{key}: must be true or false")
            return default
        return value

    def date(self, d: LDict, key: str, what: str) -> dt.date | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value
        text = str(value) if isinstance(value, (str, int, float)) else ""
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            shown = repr(text[:40]) if text else f"a {type(value).__name__}"
            self.error(d.line_of(key), f"{what}.{key}: {shown} is not a date (YYYY-MM-DD)")
            return None
