"""Load a pack directory into a Pack, reporting every problem as `file:line: message`."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline_cli.errors import PackError, PipelineError
from pipeline_cli.pack import glossary, ice, yamlio
from pipeline_cli.pack.builders import cases as casefile
from pipeline_cli.pack.builders import districts as district_builder
from pipeline_cli.pack.builders import facts as fact_builders
from pipeline_cli.pack.builders import governance as gov_builder
from pipeline_cli.pack.builders import shared as builders
from pipeline_cli.pack.builders import stages as stage_builders
from pipeline_cli.pack.exercise import exercise
from pipeline_cli.pack.fields import Reader, did_you_mean
from pipeline_cli.pack.governance import Governance
from pipeline_cli.pack.records import Pack
from pipeline_cli.pack.refs import Refs, check_refs, letter_source_problems
from pipeline_cli.pack.text import Source, Text

REQUIRED_FILES = ("pack.yaml", "sources.yaml", "roles.yaml", "questions.yaml", "states.yaml")
OPTIONAL_FILES = ("clauses.yaml", "cases.yaml", "glossary.yaml", "federal_districts.yaml")
GOVERNANCE_DIR = "governance"  # optional: one XX.yaml per state, DC and PR


def default_pack_dir() -> Path:
    """The pack shipped with the tool (works from a wheel and from an editable install)."""
    return Path(str(resources.files("pipeline_cli.stages")))


@dataclass
class _Loaded:
    """What loading a pack found besides its records: problems, references, outside links."""

    problems: list[str] = field(default_factory=list)
    refs: Refs = field(default_factory=Refs)
    outside: list[str] = field(default_factory=list)  # links out of the pack: never read


def links_out(root: Path) -> list[str]:
    """Pack files and template files (or folders) that are links to somewhere outside the pack.

    A shared pack is data: a link out of it could copy any file the user can read into every
    letter. Only the pack's own files are looked at (its top level and templates/).
    """
    inside = root.resolve()
    found = []
    names = [p.name for p in root.iterdir()]
    for base, dirs, files in os.walk(root / "templates"):  # links are not followed
        rel = Path(base).relative_to(root)
        names += [(rel / n).as_posix() for n in (*dirs, *files)]
    for name in sorted(names):
        path = root / name
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            found.append(name)
    return found


def _read(root: Path, name: str, loaded: _Loaded) -> tuple[Reader, Any]:
    reader = Reader(name, loaded.problems)
    path = root / name
    if name in loaded.outside or not path.is_file():
        return reader, None
    try:
        raw = yamlio.load(path)
    except yamlio.YamlSyntaxError as exc:
        reader.error(exc.line, exc.problem)
        return reader, None
    if raw is None:
        reader.error(1, "the file is empty")
    return reader, raw


def _governance(
    root: Path, loaded: _Loaded, sources: dict[str, Source], codes: set[str]
) -> dict[str, Governance]:
    """Every governance file; the sources they declare join `sources` (ids unique pack-wide)."""
    folder = root / GOVERNANCE_DIR
    out: dict[str, Governance] = {}
    if not folder.is_dir():
        return out
    first = {ident: "sources.yaml" for ident in sources}
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        name = f"{GOVERNANCE_DIR}/{path.name}"
        if path.suffix != ".yaml" or path.stem not in codes:
            loaded.problems.append(
                f"{name}:1: not a governance file; name it XX.yaml, XX a state in states.yaml"
            )
            continue
        reader, raw = _read(root, name, loaded)
        gov, declared = gov_builder.governance(reader, raw, path.stem, loaded.refs)
        for source, line in declared:
            if source.id in first:
                reader.error(
                    line, f"duplicate source id {source.id!r} (first in {first[source.id]})"
                )
            else:
                first[source.id] = f"{name}:{line}"
                sources[source.id] = source
        if gov is not None:
            out[path.stem] = gov
    return out


def load_pack(root: Path | None = None) -> Pack:
    """Load and validate; raise PackError listing every problem."""
    pack, problems = inspect_pack(root)
    if problems or pack is None:
        raise PackError(problems)
    return pack


def inspect_pack(
    root: Path | None = None, *, run_expressions: bool = False
) -> tuple[Pack | None, list[str]]:
    """Load a pack, returning it (when it loads at all) and every problem found.

    `run_expressions` (for validate) also runs every expression and title as a plan would.
    """
    root = root or default_pack_dir()
    if not root.is_dir():
        raise PipelineError(f"{root}: no such pack folder; pass a folder holding pack.yaml")
    loaded = _Loaded(outside=links_out(root))
    loaded.problems += [
        f"{name}:1: a link to a file or folder outside the pack; copy what it holds into the pack"
        for name in loaded.outside
    ]
    for name in REQUIRED_FILES:
        if not (root / name).is_file():
            loaded.problems.append(f"{name}:1: missing file; every pack needs {name}")
    data = {name: _read(root, name, loaded) for name in (*REQUIRED_FILES, *OPTIONAL_FILES)}

    meta = builders.pack_meta(*data["pack.yaml"])
    questions = fact_builders.questions(*data["questions.yaml"], loaded.refs)
    roles = fact_builders.roles(*data["roles.yaml"], loaded.refs)
    states = fact_builders.states(*data["states.yaml"], loaded.refs)
    sources = builders.sources(*data["sources.yaml"], set(states))
    clauses = builders.clauses(*data["clauses.yaml"], loaded.refs)
    cases = casefile.cases(*data["cases.yaml"], loaded.refs)
    governance = _governance(root, loaded, sources, set(states))
    districts, declared = district_builder.districts(
        *data["federal_districts.yaml"], set(states), loaded.refs
    )
    reader = data["federal_districts.yaml"][0]
    for source, line in declared:
        if source.id in sources:
            reader.error(line, f"duplicate source id {source.id!r} (first in sources.yaml)")
        sources.setdefault(source.id, source)

    stage_files = sorted(p.name for p in root.glob("[0-9][0-9]-*.yaml"))
    if not stage_files:
        loaded.problems.append("pack.yaml:1: no stage files (NN-<stage_id>.yaml) in the pack")
    # A misnamed stage file (`police_stop.yaml`, `1-jail.yaml`, `roles.yml`) would be ignored.
    known = (*REQUIRED_FILES, *OPTIONAL_FILES)
    for path in sorted(root.glob("*.y*ml")):
        if path.name not in known and path.name not in stage_files:
            hint = did_you_mean(path.name, known)
            loaded.problems.append(
                f"{path.name}:1: not a pack file{hint}; stage files are named NN-<stage_id>.yaml"
            )
    stages = []
    raws = {name: raw for name, (_, raw) in data.items()}
    for order, name in enumerate(stage_files, start=1):
        reader, raw = _read(root, name, loaded)
        raws[name] = raw
        stage = stage_builders.stage(reader, raw, order, loaded.refs)
        if stage is not None:
            stages.append(stage)

    # A kind whose defining file did not load as a mapping is not cross-checked: its own error
    # says enough, and every reference to it would otherwise be reported as dangling.
    def loaded_ok(name: str) -> bool:
        return isinstance(data[name][1], yamlio.LDict)

    def present(name: str, ids: set[str]) -> set[str] | None:
        return ids if loaded_ok(name) else None

    check_refs(
        loaded.refs,
        loaded.problems,
        sources=present("sources.yaml", set(sources)),
        roles=present("roles.yaml", set(roles)),
        questions=questions if loaded_ok("questions.yaml") else None,
        clauses=present("clauses.yaml", set(clauses)),
        stages=stages,
    )
    if loaded_ok("sources.yaml"):
        loaded.problems.extend(letter_source_problems(loaded.refs, sources))
    loaded.problems.extend(
        glossary.check(raws, glossary.rules(raws["glossary.yaml"], loaded.problems))
    )
    if run_expressions and not loaded.problems:
        loaded.problems += exercise(loaded.refs, questions, states, cases)
    if meta is None:
        return None, loaded.problems
    pack = Pack(
        name=meta["name"],
        version=meta["version"],
        as_of=meta["as_of"] or dt.date.min,
        languages=meta["languages"],
        title=meta["title"] or Text("", ""),
        disclaimer=meta["disclaimer"] or Text("", ""),
        root=root,
        sources=sources,
        stages=tuple(stages),
        roles=roles,
        questions=tuple(questions),
        states=states,
        clauses=clauses,
        cases=cases,
        governance=governance,
        districts=districts,
        ice=ice.find(root),
    )
    return pack, loaded.problems
