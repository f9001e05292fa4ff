"""Records for `federal_districts.yaml`: the federal judicial district of every county.

28 U.S.C. chapter 5 (§§81-131) makes each state, DC and Puerto Rico one judicial district or
divides it into two to four, listing the counties of each. A U.S. Attorney serves each district
(28 U.S.C. §541), so the district names the U.S. Attorney a letter goes to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline_cli.pack.text import Text, Where

# The part of a state a district is named for, in English and Spanish.
PARTS: dict[str, tuple[str, str]] = {
    "northern": ("Northern", "Norte"),
    "southern": ("Southern", "Sur"),
    "eastern": ("Eastern", "Este"),
    "western": ("Western", "Oeste"),
    "central": ("Central", "Central"),
    "middle": ("Middle", "Medio"),
}


@dataclass(frozen=True)
class StateDistricts:
    """One state's districts: each Census county's part, or no parts for a one-district state."""

    state: str
    parts: Mapping[str, str] = field(default_factory=dict)  # Census county name -> part
    sources: tuple[str, ...] = ()
    where: Where = field(default_factory=lambda: Where("", 0))

    def part_for(self, county: str) -> str | None:
        """'' for the state's one district, the county's part, or None when not known here."""
        if not self.parts:
            return ""
        return self.parts.get(county) if county else None


def district_name(part: str, state: Text) -> Text:
    """ "Southern District of Texas" / "Distrito Sur de Texas"; part '': "District of Connecticut".

    The District of Columbia is named by itself: "District of Columbia", "Distrito de Columbia".
    """
    if state.en.startswith("District of"):
        return state
    if not part:
        return Text(f"District of {state.en}", f"Distrito de {state.es}")
    en, es = PARTS[part]
    return Text(f"{en} District of {state.en}", f"Distrito {es} de {state.es}")


def district_for(table: StateDistricts | None, county: str, state: Text) -> Text | None:
    """The name of the district holding `county` (any county in a one-district state)."""
    part = table.part_for(county) if table is not None else None
    return None if part is None else district_name(part, state)
