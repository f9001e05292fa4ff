"""`pipeline validate`: the pack's own checks plus checks that need the whole pack."""

from __future__ import annotations

from pathlib import Path

from pipeline_cli.pack.load import inspect_pack


def validate_pack(root: Path | None) -> tuple[list[str], str]:
    """Every problem in the pack at `root`, and a one-line summary when it is sound."""
    pack, problems = inspect_pack(root, run_expressions=True)
    if pack is None:
        return problems, ""
    if not problems:  # templates render against the pack's data, so only a sound pack
        from pipeline_cli.documents.templatecheck import check_templates

        problems = check_templates(pack)
    touchpoints = sum(len(s.touchpoints) for s in pack.stages)
    demands = sum(len(s.demands) for s in pack.stages)
    summary = (
        f"ok: {pack.name} {pack.version} (as of {pack.as_of}): {len(pack.stages)} stages, "
        f"{touchpoints} touchpoints, {demands} demands, {len(pack.roles)} roles, "
        f"{len(pack.states)} states, {len(pack.sources)} sources"
    )
    return problems, summary
