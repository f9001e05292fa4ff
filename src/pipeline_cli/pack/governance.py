"""Records for governance files (`governance/XX.yaml`): who governs, prosecutes, jails, pardons.

A state's `Rules` hold its facts; a `Place` holds partial `Rules` that override the state's for
the counties it lists. `Governance.local(county)` merges them into the rules for one county, and
`GovVars` is what `when` expressions see of it as `gov`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from pipeline_cli.pack.text import Text, Where

# The facts a governance file settles, in file order; `unverified` entries name one of them.
FACTS = (
    "county_government", "county_body", "county_executive", "prosecutor", "jails", "sheriff",
    "corrections", "pardon",
)  # fmt: skip
EXTENT = ("all", "some", "none")
LEVEL = ("county", "district", "state", "federal")  # federal: the U.S. Attorney (DC)
CHOSEN = ("elected", "appointed")
RUN_BY = ("sheriff", "county_corrections", "regional", "state", "mixed")
# patrol_only: the sheriff polices (and may serve the courts) but runs no jail.
SHERIFF = ("jail_and_patrol", "jail_only", "patrol_only", "courts_only", "state_division", "none")
PARDON = (
    "governor", "board", "governor_with_board", "governor_on_board", "governor_with_council",
    "president", "other",
)  # fmt: skip
PLACE_KINDS = ("consolidated", "independent_city", "state_jail", "other")
SOURCE_KINDS = ("statute", "court", "government", "research", "news", "campaign")
# Values a title template in a governance file may use.
GOV_TITLE_VARS = frozenset(
    {"county", "county_short", "of_county", "state_name", "of_state", "city"}
)


@dataclass(frozen=True)
class CountyBody:
    """The county's governing body: its name and its members' title."""

    name: Text | None = None
    title: Text | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prosecutor:
    """Who prosecutes state crimes in a county, at what level, and how they are chosen."""

    office: Text | None = None
    level: str = ""
    chosen: str = ""
    appointed_by: Text | None = None
    title: Text | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Jails:
    """Who runs the jails that hold people after arrest."""

    run_by: str = ""
    title: Text | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheriff:
    """What the sheriff does here, if the office exists."""

    role: str = ""
    title: Text | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Corrections:
    """The state's prisons department."""

    name: Text | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pardon:
    """Who pardons, and who else must agree."""

    by: str = ""
    body: Text | None = None
    gatekeeper: Text | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()


Block = CountyBody | Prosecutor | Jails | Sheriff | Corrections | Pardon


@dataclass(frozen=True)
class Rules:
    """A state's governance facts, or a place's overrides of them (empty means not given)."""

    county_government: str = ""
    county_executive: str = ""
    county_body: CountyBody | None = None
    prosecutor: Prosecutor | None = None
    jails: Jails | None = None
    sheriff: Sheriff | None = None
    corrections: Corrections | None = None
    pardon: Pardon | None = None


@dataclass(frozen=True)
class Place:
    """Counties that break the state's rule (a consolidated city, an independent city)."""

    counties: tuple[str, ...]
    kind: str
    rules: Rules
    note: Text | None
    sources: tuple[str, ...]
    where: Where = field(default_factory=lambda: Where("", 0))
    county_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Unverified:
    """A governance fact still to be verified, and why it is kept."""

    fact: str  # the fact's key, optionally with the place: "sheriff (Baltimore City)"
    why: Text


@dataclass(frozen=True)
class Local:
    """The governance of one county: the state's rules with its place's overrides applied."""

    state: str
    rules: Rules
    place: Place | None
    unverified: tuple[Unverified, ...]


def _merge(base: Block | None, over: Block | None, place_sources: tuple[str, ...]) -> Block | None:
    if over is None:
        return base
    given = {
        f.name: getattr(over, f.name)
        for f in dataclasses.fields(over)
        if getattr(over, f.name) not in (None, "", ())
    }
    given.setdefault("sources", place_sources)
    given.setdefault("note", None)  # the state's note speaks of the state's rule, not the place
    return dataclasses.replace(base if base is not None else over, **given)


@dataclass(frozen=True)
class Governance:
    """One state's governance file: its rules and the places that differ."""

    state: str
    rules: Rules
    places: tuple[Place, ...] = ()
    unverified: tuple[Unverified, ...] = ()
    sources: tuple[str, ...] = ()  # ids this file declares
    where: Where = field(default_factory=lambda: Where("", 0))

    def place_for(self, county: str) -> Place | None:
        return next((p for p in self.places if county in p.counties), None)

    def local(self, county: str) -> Local:
        place = self.place_for(county) if county else None
        if place is None:
            return Local(self.state, self.rules, None, self.unverified)
        over, base = place.rules, self.rules
        merged: dict[str, object] = {}
        for name in ("county_body", "prosecutor", "jails", "sheriff", "corrections", "pardon"):
            merged[name] = _merge(getattr(base, name), getattr(over, name), place.sources)
        government = over.county_government or base.county_government
        if over.county_government == "none" and over.county_body is None:
            merged["county_body"] = None  # abolished here: the state's body does not apply
        rules = Rules(
            county_government=government,
            county_executive=over.county_executive or base.county_executive,
            **merged,  # type: ignore[arg-type]
        )
        return Local(self.state, rules, place, self.unverified)


@dataclass(frozen=True)
class GovVars:
    """What expressions see as `gov`: settled values, or 'unknown'."""

    known: str = "no"  # yes: a governance file settles these for the state
    county_government: str = "unknown"  # all | some | none
    county_body: str = "unknown"  # yes | no: a county governing body to address
    county_executive: str = "unknown"  # all | some | none
    prosecutor_level: str = "unknown"  # county | district | state | federal
    prosecutor_chosen: str = "unknown"  # elected | appointed
    jails: str = "unknown"  # sheriff | county_corrections | regional | state | mixed
    sheriff: str = "unknown"  # jail_and_patrol | jail_only | patrol_only | courts_only | ...
    pardon: str = "unknown"  # governor | board | governor_with_board | ...
    pardon_gatekeeper: str = "unknown"  # yes | no
    place: str = ""  # the kind of place that breaks the state's rule here, else ''


_YN = ("yes", "no", "unknown")
GOV_VALUES: dict[str, tuple[str, ...]] = {
    "known": ("yes", "no"),
    "county_government": (*EXTENT, "unknown"),
    "county_body": _YN,
    "county_executive": (*EXTENT, "unknown"),
    "prosecutor_level": (*LEVEL, "unknown"),
    "prosecutor_chosen": (*CHOSEN, "unknown"),
    "jails": (*RUN_BY, "unknown"),
    "sheriff": (*SHERIFF, "unknown"),
    "pardon": (*PARDON, "unknown"),
    "pardon_gatekeeper": _YN,
    "place": ("", *PLACE_KINDS),
}


def gov_vars(local: Local) -> GovVars:
    r = local.rules
    has_body = r.county_body is not None and r.county_body.title is not None
    return GovVars(
        known="yes",
        county_government=r.county_government or "unknown",
        county_body="yes" if has_body else "no",
        county_executive=r.county_executive or "unknown",
        prosecutor_level=(r.prosecutor.level if r.prosecutor else "") or "unknown",
        prosecutor_chosen=(r.prosecutor.chosen if r.prosecutor else "") or "unknown",
        jails=(r.jails.run_by if r.jails else "") or "unknown",
        sheriff=(r.sheriff.role if r.sheriff else "") or "unknown",
        pardon=(r.pardon.by if r.pardon else "") or "unknown",
        pardon_gatekeeper="yes" if r.pardon and r.pardon.gatekeeper else "no",
        place=local.place.kind if local.place else "",
    )
