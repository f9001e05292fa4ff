"""One county's governance: the state's rules and its place's overrides, as the plan uses them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipeline_cli.pack import evaluation
from pipeline_cli.pack.governance import GovVars, Local, Unverified, gov_vars
from pipeline_cli.pack.records import Pack, StateFacts
from pipeline_cli.pack.text import Text

# The governance block behind each role's title and existence, for the plan's sources.
ROLE_FACTS = {
    "county_board": ("county_body",),
    "county_executive": ("jails",),
    "district_attorney": ("prosecutor",),
    "sheriff": ("sheriff", "jails"),
    "state_doc": ("corrections", "jails"),
    "governor": ("pardon",),
    "pardon_board": ("pardon",),
}
# Where the prosecutor is a state office (the Attorney General in DE and RI, the Secretary of
# Justice in PR) or the U.S. Attorney (DC), that office is one target: the local prosecutor's
# demands go to it instead of to a second target with nearly the same title.
PROSECUTOR_IS = {"state": "attorney_general", "federal": "us_attorney"}


# What a target is where a role holds another office: generic names, without a place.
JAIL_DEPARTMENT = Text(
    "Corrections department that runs the jail",
    "Departamento de correcciones que administra la cárcel",
)
PROSECUTING_AG = Text(
    "Attorney General (the prosecutor here)", "Fiscal General (quien presenta los cargos aquí)"
)


def target_kind(role: str, gov: GovVars, answers: Mapping[str, str]) -> Text | None:
    """What the target is here when it is not the role's usual office, else None."""
    if role == "county_executive" and answers.get("jail_operator") == "county":
        return JAIL_DEPARTMENT  # reached as the department that runs the jail, by its name
    if role == "attorney_general" and stand_ins(gov).get("district_attorney") == role:
        return PROSECUTING_AG
    return None


def stand_ins(gov: GovVars) -> dict[str, str]:
    """Roles that are another role's office here: {role: the role that holds its demands}."""
    role = PROSECUTOR_IS.get(gov.prosecutor_level)
    return {"district_attorney": role} if role else {}


def local_for(pack: Pack, code: str, county: str) -> Local | None:
    """The governance of `county` in state `code`, or None where the pack has no file for it."""
    gov = pack.governance.get(code)
    return gov.local(county) if gov is not None else None


def gov_for(pack: Pack, facts: StateFacts, county: str) -> GovVars:
    """What expressions see as `gov` in this county."""
    local = local_for(pack, facts.code, county)
    return gov_vars(local) if local is not None else evaluation.facts_gov(facts)


def _render(text: Text | None, base: Mapping[str, str], lang: str) -> str:
    return evaluation.render_title(text(lang), base) if text is not None else ""


def titles(local: Local | None, base: Mapping[str, str], lang: str) -> dict[str, str]:
    """Title values from the governance files, rendered with `base` (county, of_county, ...).

    Values the files do not give are left out, so the state's facts keep filling them; the
    governance-only ones are '' (a role title using one then falls through to the next).
    """
    keys = ("county_body_title", "prosecutor_title", "prosecutor_office", "sheriff_title")
    out = dict.fromkeys((*keys, "jail_title"), "")
    if local is None:
        return out
    r = local.rules
    if r.county_body is not None:
        out["county_body_title"] = _render(r.county_body.title, base, lang)
        if r.county_body.name is not None:
            out["county_body"] = r.county_body.name(lang)
    if r.prosecutor is not None:
        out["prosecutor_title"] = _render(r.prosecutor.title, base, lang)
        out["prosecutor_office"] = r.prosecutor.office(lang) if r.prosecutor.office else ""
    if r.sheriff is not None and r.sheriff.role != "none":
        out["sheriff_title"] = _render(r.sheriff.title, base, lang)
    if r.jails is not None:
        out["jail_title"] = _render(r.jails.title, base, lang)
    if r.corrections is not None and r.corrections.name is not None:
        out["doc_name"] = _render(r.corrections.name, base, lang)
    if r.pardon is not None and r.pardon.body is not None:
        out["pardon_board"] = _render(r.pardon.body, base, lang)
    return {k: v for k, v in out.items() if v or k not in base}


def sources(local: Local | None, role_ids: list[str]) -> list[str]:
    """Governance sources behind the targets named: each role's block, then the place's."""
    if local is None:
        return []
    ids: list[str] = []
    holders = {held: role for role, held in stand_ins(gov_vars(local)).items()}
    for role in role_ids:
        for fact in ROLE_FACTS.get(holders.get(role, role), ()):
            block = getattr(local.rules, fact)
            if block is not None:
                ids.extend(block.sources)
    if local.place is not None:
        ids.extend(local.place.sources)
    return ids


def gatekeeper(local: Local | None) -> Text | None:
    """A second gate on pardons (a court's or the governor's approval), if the state has one."""
    if local is None or local.rules.pardon is None:
        return None
    return local.rules.pardon.gatekeeper


# How the plan's warning names each governance fact an `unverified` entry names.
FACT_LABELS = {
    "county_government": Text("County government", "Gobierno del condado"),
    "county_body": Text("County governing body", "Órgano de gobierno del condado"),
    "county_executive": Text("County executive", "Ejecutivo del condado"),
    "prosecutor": Text("Prosecutor", "Fiscalía"),
    "jails": Text("Jails", "Cárceles"),
    "sheriff": Text("Sheriff", "Sheriff"),
    "corrections": Text("Corrections department", "Departamento de correcciones"),
    "pardon": Text("Pardons", "Indultos"),
    "places": Text("Local exceptions", "Excepciones locales"),
}
_KIND = re.compile(r"\s+(County|Parish|Borough|City and Borough|Municipality|Municipio|city)$")


def _applies(u: Unverified, local: Local, county: str) -> bool:
    """An entry naming a place ("sheriff (Baltimore City)") applies only there; "places" only
    in a county that is one of the file's places; any other entry applies everywhere."""
    fact = re.match(r"[a-z_]*", u.fact.strip())
    named = re.search(r"\((.*)\)", u.fact)
    if named:
        short = _KIND.sub("", county).lower()
        return bool(short) and short in named.group(1).lower()
    return not (fact and fact.group(0) == "places") or local.place is not None


def unverified_text(local: Local | None, county: str) -> Text | None:
    """The governance facts no source settled here, with why, in both languages (or None)."""
    if local is None:
        return None
    items = [u for u in local.unverified if _applies(u, local, county)]
    if not items:
        return None

    def line(u: Unverified, lang: str) -> str:
        key = re.match(r"[a-z_]*", u.fact.strip())
        label = FACT_LABELS.get(key.group(0) if key else "", Text(u.fact, u.fact))
        return f"{label(lang)}: {u.why(lang)}"

    return Text(
        "Not confirmed by our sources about who holds these offices here; check before you "
        "write. " + " ".join(line(u, "en") for u in items),
        "Sin confirmar en nuestras fuentes sobre quién ocupa estos cargos aquí; verifíquelo "
        "antes de escribir. " + " ".join(line(u, "es") for u in items),
    )
