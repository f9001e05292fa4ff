"""Cross-file checks: ids defined once, references that resolve, expressions that make sense."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline_cli.pack import expr
from pipeline_cli.pack.fields import Reader, did_you_mean
from pipeline_cli.pack.records import Question, Stage
from pipeline_cli.pack.text import Source

# Variables a role title template may use (see docs/pack-format.md).
TITLE_VARS = frozenset(
    {
        "county", "county_short", "of_county", "city", "state_name", "of_state", "county_body",
        "county_word", "doc_name", "pardon_board", "legislature",
        # from the governance files (empty where the pack has none: the next title is used)
        "county_body_title", "prosecutor_title", "prosecutor_office", "sheriff_title",
        "jail_title",
        # from federal_districts.yaml (empty where the county's district is not known)
        "federal_district",
    }
)  # fmt: skip


DEFINED_IN = {
    "source": "sources.yaml",
    "role": "roles.yaml",
    "clause": "clauses.yaml",
    "touchpoint": "a stage file",
    "demand": "a stage file",
}


@dataclass
class Refs:
    """Everything a pack defines and references, with where it was seen."""

    defined: dict[str, dict[str, str]] = field(default_factory=dict)
    wanted: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, where
    exprs: list[tuple[str, str]] = field(default_factory=list)  # source, where
    # template, where, the values it may use
    titles: list[tuple[str, str, frozenset[str]]] = field(default_factory=list)
    # Text that reaches letters, public comments or ordinances: what, its source ids, where.
    letters: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)

    def define(self, kind: str, ident: str, reader: Reader, line: int) -> None:
        if not ident:
            return
        seen = self.defined.setdefault(kind, {})
        if ident in seen:
            reader.error(line, f"duplicate {kind} id {ident!r} (first defined at {seen[ident]})")
        else:
            seen[ident] = f"{reader.file}:{line}"

    def want(self, kind: str, ident: str, reader: Reader, line: int) -> None:
        self.wanted.append((kind, ident, f"{reader.file}:{line}"))

    def expression(self, source: str, reader: Reader, line: int) -> None:
        if source.strip():
            self.exprs.append((source, f"{reader.file}:{line}"))

    def title(
        self, template: str, reader: Reader, line: int, names: frozenset[str] = TITLE_VARS
    ) -> None:
        self.titles.append((template, f"{reader.file}:{line}", names))

    def letter_text(self, what: str, ids: tuple[str, ...], reader: Reader, line: int) -> None:
        self.letters.append((what, ids, f"{reader.file}:{line}"))


def letter_source_problems(refs: Refs, sources: Mapping[str, Source]) -> list[str]:
    """Text that reaches a letter must rest on at least one statute, court, government or
    research source; news and campaign pages may back organizer notes only."""
    problems = []
    for what, ids, where in refs.letters:
        known = [sources[i] for i in ids if i in sources]
        if known and not any(s.for_letters for s in known):
            kinds = ", ".join(f"{s.id} ({s.kind})" for s in known)
            problems.append(
                f"{where}: {what} reaches letters but cites only news or campaign sources "
                f"({kinds}); add a statute, court, government or research source, or move "
                "the claim to an organizing note"
            )
    return problems


def check_refs(
    refs: Refs,
    problems: list[str],
    *,
    sources: set[str] | None,
    roles: set[str] | None,
    questions: list[Question] | None,
    clauses: set[str] | None,
    stages: list[Stage],
) -> None:
    """Report dangling references; a kind given as None (its file is missing) is skipped."""
    known: dict[str, set[str] | None] = {
        "source": sources,
        "role": roles,
        "clause": clauses,
        "touchpoint": {t.id for s in stages for t in s.touchpoints},
        "demand": {d.id for s in stages for d in s.demands},
    }
    for kind, ident, where in refs.wanted:
        options = known.get(kind)
        if options is None:
            continue
        if ident not in options:
            hint = did_you_mean(ident, options)
            home = DEFINED_IN.get(kind, "the pack")
            problems.append(f"{where}: unknown {kind} {ident!r}{hint}; define it in {home}")
    for template, where, allowed in refs.titles:
        names, problem = expr.template_names(template)
        if problem:
            problems.append(f"{where}: {problem}")
        for name in sorted(names - allowed):
            hint = did_you_mean(name, allowed)
            problems.append(f"{where}: title {template!r} uses unknown value {name!r}{hint}")
    if questions is None:
        return
    choices = {q.id: q.choice_values() for q in questions}
    for source, where in refs.exprs:
        problems.extend(f"{where}: {p}" for p in expr.check(source, choices))
