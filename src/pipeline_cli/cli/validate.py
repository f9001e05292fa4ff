"""`pipeline validate`: the pack's own checks plus checks that need the whole pack."""

from __future__ import annotations

from pathlib import Path

from pipeline_cli.pack.load import GOVERNANCE_DIR, inspect_pack
from pipeline_cli.pack.records import Pack
from pipeline_cli.pack.suggest import did_you_mean
from pipeline_cli.plan.jurisdiction import counties


def unverified_count(pack: Pack) -> int:
    """Items the pack keeps though its sources do not confirm them (each must say why)."""
    items: list[bool] = [law.unverified for s in pack.states.values() for law in s.laws]
    items += [tp.unverified for s in pack.stages for tp in s.touchpoints]
    items += [d.unverified for s in pack.stages for d in s.demands]
    items += [c.unverified for c in pack.clauses.values()]
    return sum(items)


def check_governance(pack: Pack) -> list[str]:
    """Every state has a governance file (once the pack has any), naming real counties."""
    if not (pack.root / GOVERNANCE_DIR).is_dir():
        return []
    problems = [
        f"{GOVERNANCE_DIR}/{code}.yaml:1: missing file; with a {GOVERNANCE_DIR}/ folder every "
        "state in states.yaml needs one"
        for code in sorted(set(pack.states) - set(pack.governance))
    ]
    for code, gov in sorted(pack.governance.items()):
        known = counties(code)
        for place in gov.places:
            for county, line in zip(place.counties, place.county_lines, strict=True):
                if county not in known:
                    hint = did_you_mean(county, known)
                    problems.append(
                        f"{place.where.file}:{line}: place: {county!r} is not a Census county "
                        f"name in {code}{hint}"
                    )
    return problems


def validate_pack(root: Path | None) -> tuple[list[str], str]:
    """Every problem in the pack at `root`, and a one-line summary when it is sound."""
    pack, problems = inspect_pack(root, run_expressions=True)
    if pack is None:
        return problems, ""
    problems += check_governance(pack)
    if not problems:  # templates render against the pack's data, so only a sound pack
        from pipeline_cli.documents.templatecheck import check_templates

        problems = check_templates(pack)
    touchpoints = sum(len(s.touchpoints) for s in pack.stages)
    demands = sum(len(s.demands) for s in pack.stages)
    summary = (
        f"ok: {pack.name} {pack.version} (as of {pack.as_of}): {len(pack.stages)} stages, "
        f"{touchpoints} touchpoints, {demands} demands, {len(pack.roles)} roles, "
        f"{len(pack.states)} states, {len(pack.sources)} sources, "
        f"{unverified_count(pack)} unverified (each says why)"
    )
    return problems, summary
