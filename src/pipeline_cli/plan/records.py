"""Immutable records for the plan that `advise` computes for one jurisdiction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline_cli.pack.governance import Local
from pipeline_cli.pack.records import (
    Demand,
    Law,
    Pack,
    Role,
    Stage,
    StateFacts,
    Touchpoint,
)
from pipeline_cli.pack.text import Source, Text
from pipeline_cli.plan.ice_facts import IceFacts


@dataclass(frozen=True)
class Jurisdiction:
    """The place a plan is for: state, county, city and the answers given."""

    state: StateFacts
    county: str  # Census name, e.g. "Los Angeles County"
    county_es: str  # e.g. "Condado de Los Ángeles"
    city: str
    answers: dict[str, str]
    gov: Local | None = None  # the county's governance, where the pack has a file for the state
    district: Text | None = None  # its federal judicial district, where the pack knows it


@dataclass(frozen=True)
class PlanTouchpoint:
    """A handoff's status in this place, and why."""

    touchpoint: Touchpoint
    status: str
    why: Text
    laws: tuple[Law, ...] = ()


@dataclass(frozen=True)
class PlanDemand:
    """A demand that applies here, with the targets it goes to."""

    demand: Demand
    targets: tuple[str, ...]  # role ids that exist here, in order
    preempted: tuple[Law, ...] = ()  # state laws that bar local action on it


@dataclass(frozen=True)
class PlanStage:
    """One stage as it stands in this place."""

    stage: Stage
    touchpoints: tuple[PlanTouchpoint, ...]
    demands: tuple[PlanDemand, ...]


@dataclass(frozen=True)
class PlanTarget:
    """An official to press here: role, local title and the demands for them."""

    role: Role
    title: Text
    demands: tuple[str, ...]
    kind: Text | None = None  # what the target is here, when not the role's usual office
    greeting: Text | None = None  # how a letter opens here, when the title's variant says

    @property
    def name(self) -> Text:
        """A generic name for what the target is (no place name): the role's, unless `kind`."""
        return self.kind or self.role.name


@dataclass(frozen=True)
class PlanWarning:
    """Something the plan's reader must know before acting."""

    id: str
    text: Text


@dataclass(frozen=True)
class Plan:
    """The plan for one jurisdiction: statuses, demands, targets, warnings and sources."""

    pack: Pack
    jurisdiction: Jurisdiction
    stages: tuple[PlanStage, ...]
    targets: tuple[PlanTarget, ...]
    warnings: tuple[PlanWarning, ...]
    sources: tuple[Source, ...]
    created: dt.date
    ice: IceFacts | None = None  # what ICE's lists say about the county (pack/ice.py)

    def target(self, role_id: str) -> PlanTarget | None:
        return next((t for t in self.targets if t.role.id == role_id), None)
