"""Build `federal_districts.yaml`: each state's federal judicial districts and their counties.

Every county a multi-district state lists must be one of its Census county equivalents, named
so that only one fits ("Harris", "St. Louis city"), and every Census county must be listed in
exactly one district: a county left out would leave its U.S. Attorney unnamed.
"""

from __future__ import annotations

from typing import Any

from pipeline_cli.pack import census
from pipeline_cli.pack import districts as d
from pipeline_cli.pack.builders.shared import sources as read_sources
from pipeline_cli.pack.fields import Reader, did_you_mean
from pipeline_cli.pack.refs import Refs
from pipeline_cli.pack.text import Source, Where
from pipeline_cli.pack.yamlio import LDict, LList


def _parts(r: Reader, m: LDict, code: str, what: str) -> dict[str, str]:
    """County -> part, for one state's `districts:` mapping; every problem reported."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    if len(m) < 2:
        r.error(m.line, f"{what}: list two districts or more, or none for a one-district state")
    for part, names in m.items():
        line = m.line_of(part)
        if part not in d.PARTS:
            r.error(line, f"{what}: {part!r} is not one of {', '.join(d.PARTS)}")
            continue
        if not isinstance(names, LList):
            r.error(line, f"{what}.{part}: must be a list of counties")
            continue
        for name, item_line in zip(names, names.item_lines, strict=True):
            found = census.matches(code, str(name))
            if not found:
                hint = did_you_mean(str(name), census.counties(code))
                r.error(item_line, f"{what}.{part}: {name!r} is no Census county of {code}{hint}")
            elif len(found) > 1:
                r.error(item_line, f"{what}.{part}: {name!r} may mean {' or '.join(found)}")
            elif found[0] in seen:
                r.error(item_line, f"{what}.{part}: {found[0]} is already listed at line "
                        f"{seen[found[0]]}")  # fmt: skip
            else:
                seen[found[0]] = item_line
                out[found[0]] = part
    missing = [c for c in census.counties(code) if c not in out]
    if missing and out:
        r.error(m.line, f"{what}: in no district: {', '.join(missing)}")
    return out


def _state(r: Reader, code: str, raw: Any, line: int, refs: Refs) -> d.StateDistricts | None:
    what = f"state {code}"
    m = r.mapping(raw, what, line)
    if m is None:
        return None
    r.keys(m, what, ["sources"], ["districts"])
    ids = r.strings(m, "sources", what)
    if not ids:
        r.error(m.line_of("sources"), f"{what}: cite its section of 28 U.S.C. in sources")
    for ident in ids:
        refs.want("source", ident, r, m.line_of("sources"))
    parts: dict[str, str] = {}
    if "districts" in m:
        table = r.mapping(m["districts"], f"{what}.districts", m.line_of("districts"))
        parts = _parts(r, table, code, f"{what}.districts") if table is not None else {}
    return d.StateDistricts(code, parts, ids, Where(r.file, m.line))


def districts(
    r: Reader, raw: Any, codes: set[str], refs: Refs
) -> tuple[dict[str, d.StateDistricts], list[tuple[Source, int]]]:
    """Each state's districts, and the sources the file declares (with their lines)."""
    top = r.mapping(raw, r.file) if raw is not None else None
    if top is None:
        return {}, []
    r.keys(top, r.file, ["states"], ["sources"])
    out: dict[str, d.StateDistricts] = {}
    table = r.mapping(top.get("states", LDict()), "states", top.line_of("states"))
    for code, value in (table or {}).items():
        line = table.line_of(code) if table is not None else 1
        if code not in codes:
            r.error(line, f"states: {code!r} is not a state in states.yaml")
            continue
        found = _state(r, code, value, line, refs)
        if found is not None:
            out[code] = found
    declared = []
    if "sources" in top:
        listed = top["sources"]
        lines = listed.item_lines if isinstance(listed, LList) else []
        wrapper = LDict(sources=listed)
        wrapper.line, wrapper.key_lines = top.line, {"sources": top.line_of("sources")}
        found_sources = read_sources(r, wrapper, codes)
        declared = [(s, lines[i] if i < len(lines) else top.line_of("sources"))
                    for i, s in enumerate(found_sources.values())]  # fmt: skip
    return out, declared
