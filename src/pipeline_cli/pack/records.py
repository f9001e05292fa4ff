"""Immutable records for a pack: stages, touchpoints, demands, roles, questions, state facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_cli.pack.governance import Governance
from pipeline_cli.pack.ice import IceData
from pipeline_cli.pack.laws import Law as Law
from pipeline_cli.pack.text import Choice, Parts, Source, Text, Where
from pipeline_cli.pack.text import HelpPart as HelpPart

if TYPE_CHECKING:  # imported where used: the cached pack keeps these tables pickled till then
    from pipeline_cli.pack.cases import CaseKind
    from pipeline_cli.pack.districts import StateDistricts

# A touchpoint's status in a plan; `closed_if`-style expressions and the plan share them.
STATUSES = ("open", "closed", "unknown", "required_by_state")


@dataclass(frozen=True)
class Touchpoint:
    """A handoff point to ICE: who controls it and when it is open or closed."""

    id: str
    stage: str
    title: Text
    how: Text
    controlled_by: tuple[str, ...]
    law_codes: tuple[str, ...]
    closed_if: str
    open_if: str
    why: dict[str, Text]
    sources: tuple[str, ...]
    unverified: bool = False
    unverified_reason: Text | None = None  # why an unverified item stays in the pack
    # The handoff as a legislative finding, for ordinances; without it `how` serves, when it
    # cites a source a letter may cite.
    finding: Text | None = None
    parts: Parts = field(default_factory=dict)  # texts given as parts (see text.Parts)


@dataclass(frozen=True)
class TargetRef:
    """A role a demand goes to, where its condition holds."""

    role: str
    when: str = ""


@dataclass(frozen=True)
class Demand:
    """What organizers ask an official for, to close one or more handoffs."""

    id: str
    stage: str
    title: Text
    ask: Text
    why: Text
    targets: tuple[TargetRef, ...]
    closes: tuple[str, ...]
    sources: tuple[str, ...]
    when: str = ""
    clauses: tuple[str, ...] = ()
    unverified: bool = False
    unverified_reason: Text | None = None  # why an unverified item stays in the pack
    # For the organizers, not the official: how to prepare and carry the demand. Shown in
    # show, handouts, the plan and its JSON; never in letters or scripts to the target.
    organizing: Text | None = None
    # Another demand that asks the same body for the same thing (e.g. deportation-defense
    # funding from two stages): a letter to a target that holds both asks once, as that one.
    same_ask: str = ""
    # The ask and the reason in one role's terms, where targets differ in what they can do
    # (a board votes, a sheriff signs): role id -> text; others (and plans) get `ask`, `why`.
    ask_by_role: tuple[tuple[str, Text], ...] = ()
    why_by_role: tuple[tuple[str, Text], ...] = ()
    # The ask in a legislative voice, for a draft ordinance's "Further measures" (a demand
    # without model clauses): "The public defender's office shall be funded ...".
    direction: Text | None = None

    def ask_for(self, role: str) -> Text:
        return next((t for r, t in self.ask_by_role if r == role), self.ask)

    def why_for(self, role: str) -> Text:
        return next((t for r, t in self.why_by_role if r == role), self.why)

    parts: Parts = field(default_factory=dict)

    def notes_for_organizers(self, lang: str) -> str:
        return self.organizing(lang) if self.organizing else ""


@dataclass(frozen=True)
class Stage:
    """One stage of the pipeline, with its handoffs and demands."""

    id: str
    order: int
    title: Text
    summary: Text
    touchpoints: tuple[Touchpoint, ...]
    demands: tuple[Demand, ...]
    sources: tuple[str, ...]
    seed_name: str = ""
    where: Where = field(default_factory=lambda: Where("", 0))
    parts: Parts = field(default_factory=dict)


@dataclass(frozen=True)
class TitleVariant:
    """One way to title a role, where its condition holds."""

    text: Text
    when: str = ""
    greeting: Text | None = None  # how a letter to this office opens, where the role's differs


@dataclass(frozen=True)
class Role:
    """An official or body that decides a handoff, with its local titles."""

    id: str
    level: str
    name: Text
    controls: Text
    reach: tuple[str, ...]
    how_to_reach: Text
    titles: tuple[TitleVariant, ...]
    sources: tuple[str, ...]
    when: str = ""
    scripts: bool = True  # False: reached only in writing (a judge), so no call or comment script
    # False: never written to or called by organizers (an immigration judge decides a case;
    # only the person's lawyer files letters, through `case`). No documents outside `case`.
    contact: bool = True
    parts: Parts = field(default_factory=dict)


@dataclass(frozen=True)
class DefaultRule:
    """A question's default where its condition holds."""

    value: str
    when: str


@dataclass(frozen=True)
class Question:
    """One interview question: its answer key, choices, help and default."""

    id: str
    type: str  # state | county | text | choice
    prompt: Text
    help: Text
    where: Text
    group: str = "practice"
    choices: tuple[Choice, ...] = ()
    default: str = ""
    defaults: tuple[DefaultRule, ...] = ()
    when: str = ""
    required: bool = False
    sources: tuple[str, ...] = ()
    # Every paragraph of help / where, in order, with its condition; `help` and `where` above
    # hold only the paragraphs that apply everywhere (what a list of questions shows).
    help_parts: tuple[HelpPart, ...] = ()
    where_parts: tuple[HelpPart, ...] = ()

    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


@dataclass(frozen=True)
class StateFacts:
    """What the pack knows of one state: its governments, offices and laws."""

    code: str
    name: Text
    county_word: Text
    county_government: str
    county_body: Text
    sheriffs: str
    jails: str
    pardon: str
    doc_name: Text
    legislature: Text
    sources: tuple[str, ...]
    laws: tuple[Law, ...] = ()
    pardon_board: Text | None = None
    consolidated: tuple[str, ...] = ()
    notes: Text | None = None
    legislature_sources: tuple[str, ...] = ()  # where the legislature's official name comes from

    def laws_covering(self, code: str, effect: str, day: dt.date | None = None) -> tuple[Law, ...]:
        """Laws with this effect that cover `code` and bind on `day` (by status alone if None)."""
        return tuple(
            law
            for law in self.laws
            if law.effect == effect and code in law.covers and law.binds_on(day)
        )


@dataclass(frozen=True)
class Clause:
    """A model ordinance clause that demands draw on."""

    id: str
    title: Text
    text: Text
    status: str
    sources: tuple[str, ...]
    unverified: bool = False
    unverified_reason: Text | None = None  # why an unverified item stays in the pack


@dataclass(frozen=True)
class Pack:
    """A whole checked pack: stages, roles, questions, states and their sources."""

    name: str
    version: str
    as_of: dt.date
    languages: tuple[str, ...]
    title: Text
    disclaimer: Text
    root: Path
    sources: Mapping[str, Source] = field(default_factory=dict)
    stages: tuple[Stage, ...] = ()
    roles: dict[str, Role] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()
    states: Mapping[str, StateFacts] = field(default_factory=dict)
    clauses: dict[str, Clause] = field(default_factory=dict)
    cases: Mapping[str, CaseKind] = field(default_factory=dict)  # optional cases.yaml
    governance: Mapping[str, Governance] = field(default_factory=dict)  # optional governance/
    districts: Mapping[str, StateDistricts] = field(default_factory=dict)  # federal_districts
    ice: IceData | None = None  # ICE's lists in ice/ (optional; see pack/ice.py)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def touchpoints(self) -> dict[str, Touchpoint]:
        return {t.id: t for s in self.stages for t in s.touchpoints}

    def demands(self) -> dict[str, Demand]:
        return {d.id: d for s in self.stages for d in s.demands}
