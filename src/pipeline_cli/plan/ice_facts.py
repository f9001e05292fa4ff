"""What ICE's lists show for one county (a plan record), in sentences for every output."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_cli.pack.ice import Agreement, Facility, ListInfo
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.ice_text import (
    agreement_text,
    facility_text,
    filled_text,
    no_agreement_text,
    no_contract_text,
    short,
)


@dataclass(frozen=True)
class IceFacts:
    """ICE's lists for one county: what they show and which answers they supplied."""

    source: str
    state: str
    county: str
    agreements_info: ListInfo
    facilities_info: ListInfo
    agreements: tuple[Agreement, ...]  # agencies placed in the county (county and city)
    statewide: tuple[Agreement, ...]  # state agencies: they reach every county
    contract_jails: tuple[Facility, ...]  # IGSA, DIGSA, USMS IGA in the county
    other_facilities: tuple[Facility, ...]  # ICE's own or federal sites in the county
    filled: dict[str, str]  # answer key -> value taken from the lists

    def agreement_note(self) -> Text:
        """The 287(g) sentence: who signed what, or "not on ICE's list as of DATE"."""
        if not self.agreements:
            return no_agreement_text(self.county, self.agreements_info)
        return agreement_text(self.county, self.agreements_info, self.agreements)

    def contract_note(self) -> Text:
        if not self.contract_jails:
            return no_contract_text(self.county, self.facilities_info)
        return facility_text(self.county, self.facilities_info, self.contract_jails)

    def lines(self) -> list[Text]:
        """Everything the plan shows from the lists, one paragraph a line."""
        out = [self.agreement_note()]
        if self.statewide:
            out.append(
                Text(
                    "State agencies with agreements (they reach every county): "
                    + "; ".join(short(a, "en") for a in self.statewide)
                    + ".",
                    "Agencias estatales con acuerdos (llegan a todos los condados): "
                    + "; ".join(short(a, "es") for a in self.statewide)
                    + ".",
                )
            )
        out.append(self.contract_note())
        if self.other_facilities:
            names = "; ".join(f"{f.name} ({f.type})" for f in self.other_facilities)
            out.append(
                Text(
                    f"Other ICE detention sites in the county on the same sheet: {names}.",
                    f"Otros centros de detención de ICE en el condado, en la misma hoja: {names}.",
                )
            )
        if self.filled:
            out.append(filled_text(self.filled, self.agreements_info, self.facilities_info))
        return out
