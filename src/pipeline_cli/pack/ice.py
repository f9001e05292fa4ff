"""ICE's own lists shipped with a pack (`stages/ice/`): 287(g) agreements and detention facilities.

Built from ICE's spreadsheets by tools/build_ice_data.py; see data/ice/PROVENANCE.md. A pack
may lack the folder (a user's own pack): then nothing is known. The files are read on first use
only, so commands that never look at a county pay nothing for them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

FOLDER = "ice"
# Facility types that mean a local jail (or a contractor for a local government) holds people
# for ICE: an intergovernmental service agreement with ICE (IGSA), a dedicated one (DIGSA), or
# a U.S. Marshals agreement ICE also uses (USMS IGA).
CONTRACT_TYPES = ("IGSA", "DIGSA", "USMS IGA")
STATE_AGENCY = "State Agency"  # ICE's TYPE for an agency of the state


@dataclass(frozen=True)
class ListInfo:
    """One of ICE's lists: its title, date and ice.gov page."""

    title: str
    as_of: str  # YYYY-MM-DD
    page: str
    file: str


@dataclass(frozen=True)
class Agreement:
    """One 287(g) agreement on ICE's list."""

    state: str
    counties: tuple[str, ...]  # Census names; empty for a state agency (statewide)
    agency: str
    level: str  # ICE's TYPE: County, Municipality or State Agency
    model: str  # JEM, WSO or TFM
    model_name: str  # ICE's name for the model
    signed: str  # YYYY-MM-DD
    url: str  # the signed agreement (PDF); "" when ICE lists the link as pending
    addendum: str


@dataclass(frozen=True)
class Facility:
    """One detention facility on ICE's list."""

    name: str
    city: str
    state: str
    counties: tuple[str, ...]
    type: str  # ICE's "Type Detailed"
    field_office: str

    @property
    def is_contract(self) -> bool:
        return self.type in CONTRACT_TYPES


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split(";")) if text else ()


def _link(doclib: str, url: str) -> str:
    """Links are shipped relative to ICE's document library (meta.json's "doclib")."""
    return url if not url or url.startswith("http") else doclib + url


def _agreement(r: dict[str, str], names: dict[str, str], doclib: str) -> Agreement:
    return Agreement(
        r["state"], _split(r["county"]), r["agency"], r["level"], r["model"],
        names.get(r["model"], r["model"]), r["signed"], _link(doclib, r["moa"]),
        _link(doclib, r["addendum"]),
    )  # fmt: skip


class IceData:
    """The lists in one pack folder, read lazily and indexed by state."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: dict[str, list[Agreement]] = {}

    def __eq__(self, other: object) -> bool:  # the same folder holds the same lists
        return isinstance(other, IceData) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)

    def for_cache(self) -> IceData:
        """A copy that holds its lists by state, each state's unpickled when first read: the
        pack cache stores this, so a cached plan parses no JSON and reads one state's rows."""
        from pipeline_cli.pack.lazymap import LazyMap

        copy = IceData(self.folder)
        copy.__dict__["_meta"] = self._meta  # what cached_property would have kept
        copy.__dict__["_agreement_rows"] = LazyMap.of(self._agreement_rows)
        copy.__dict__["_facilities"] = LazyMap.of(self._facilities)
        return copy

    def _read(self, name: str) -> Any:
        return json.loads((self.folder / name).read_text(encoding="utf-8"))

    @cached_property
    def _meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = self._read("meta.json")
        return meta

    @property
    def source(self) -> str:
        return str(self._meta.get("source", "ICE"))

    def info(self, key: str) -> ListInfo:
        part = self._meta[key]
        return ListInfo(part["title"], part["as_of"], part["page"], part["file"])

    @property
    def agreements_info(self) -> ListInfo:
        return self.info("agreements")

    @property
    def facilities_info(self) -> ListInfo:
        return self.info("facilities")

    @cached_property
    def _agreement_rows(self) -> Mapping[str, list[dict[str, str]]]:
        """The agreements' rows by state, made into records only for a state that is asked."""
        data = self._read("agreements.json")
        at = data["fields"].index("state")
        by_state: dict[str, list[dict[str, str]]] = {}
        for row in data["rows"]:
            by_state.setdefault(row[at], []).append(dict(zip(data["fields"], row, strict=True)))
        return by_state

    def _agreements(self, state: str) -> list[Agreement]:
        made = self._made.get(state)
        if made is None:
            names = self._meta["agreements"].get("models", {})
            doclib = self._meta["agreements"].get("doclib", "")
            rows = self._agreement_rows.get(state, [])
            made = self._made[state] = [_agreement(r, names, doclib) for r in rows]
        return made

    @cached_property
    def _facilities(self) -> Mapping[str, list[Facility]]:
        data = self._read("facilities.json")
        by_state: dict[str, list[Facility]] = {}
        for row in data["rows"]:
            r = dict(zip(data["fields"], row, strict=True))
            f = Facility(
                r["name"], r["city"], r["state"], _split(r["county"]), r["type"],
                r["field_office"],
            )  # fmt: skip
            by_state.setdefault(f.state, []).append(f)
        return by_state

    def agreements(self, state: str, county: str | None = None) -> tuple[Agreement, ...]:
        """A state's agreements; with `county`, those placed in that county."""
        found = self._agreements(state)
        if county is None:
            return tuple(found)
        return tuple(a for a in found if county in a.counties)

    def statewide(self, state: str) -> tuple[Agreement, ...]:
        """Agreements of state agencies (they reach every county of the state)."""
        return tuple(a for a in self._agreements(state) if a.level == STATE_AGENCY)

    def facilities(self, state: str, county: str | None = None) -> tuple[Facility, ...]:
        found = self._facilities.get(state, [])
        if county is None:
            return tuple(found)
        return tuple(f for f in found if county in f.counties)


def find(root: Path) -> IceData | None:
    """The ICE data of the pack at `root`, or None when the pack has none."""
    folder = root / FOLDER
    return IceData(folder) if (folder / "meta.json").is_file() else None
