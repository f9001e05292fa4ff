"""An inline pack with enough governance variety to exercise `advise`.

Built on packfactory.minimal_pack: adds Connecticut (no county government or sheriffs, state
jails), Texas (a law that requires cooperation), city roles that depend on the city's form,
a question that only applies when a city is given, and a second stage.
"""

from __future__ import annotations

from typing import Any

from tests.packfactory import minimal_pack, t


def _role(ident: str, level: str, title: str, when: str = "", **extra: Any) -> dict[str, Any]:
    role = {
        "id": ident, "level": level, "name": t(ident.replace("_", " ").title()),
        "controls": t("Things"), "reach": ["letter"], "how_to_reach": t(f"Write to {ident}"),
        "titles": [{"en": title, "es": title + " (es)"}], "sources": ["src2"], **extra,
    }  # fmt: skip
    if when:
        role["when"] = when
    return role


def _state(name: str, **facts: Any) -> dict[str, Any]:
    base = {
        "name": t(name, name), "county_word": t("county", "condado"),
        "county_government": "yes", "county_body": t("Board of Commissioners"),
        "sheriffs": "yes", "jails": "county", "pardon": "governor",
        "doc_name": t(f"{name} Department of Correction"),
        "legislature": t(f"{name} General Assembly"), "sources": ["src1"],
    }  # fmt: skip
    return {**base, **facts}


def advise_pack() -> dict[str, Any]:
    files = minimal_pack()
    q = files["questions.yaml"]
    q["choice_sets"]["forms"] = [
        {"value": "council_manager", "en": "Council-manager", "es": "Concejo-administrador"},
        {"value": "strong_mayor", "en": "Strong mayor", "es": "Alcalde fuerte"},
        {"value": "unknown", "en": "I don't know", "es": "No sé"},
    ]
    q["questions"].insert(3, {
        "id": "city_form", "type": "choice", "choices": "forms", "default": "unknown",
        "when": "city != ''", "prompt": t("City form?"), "help": t("Who runs the city"),
        "where": t("Charter"),
    })  # fmt: skip
    q["questions"].append({
        "id": "jail_operator", "type": "choice", "choices": "tri", "default": "unknown",
        "defaults": [{"when": "facts.jails == 'state'", "value": "no"}],
        "prompt": t("Sheriff runs jail?"), "help": t("Why"), "where": t("Where"),
    })  # fmt: skip
    roles = files["roles.yaml"]["roles"]
    roles += [
        _role("city_council", "city", "{{ city }} City Council", "city != ''"),
        _role("city_manager", "city", "{{ city }} City Manager",
              "city != '' and city_form == 'council_manager'"),
        _role("county_board", "county", "{{ county }} {{ county_body }}",
              "facts.county_government != 'no'"),
        _role("state_doc", "state", "{{ doc_name }}"),
        _role("governor", "state", "Governor of {{ state_name }}", "facts.pardon != 'board'"),
        _role("pardon_board", "state", "{{ pardon_board }}",
              "facts.pardon in ('board', 'governor_with_board')"),
    ]  # fmt: skip
    states = files["states.yaml"]["states"]
    states["CT"] = _state(
        "Connecticut", county_government="no", sheriffs="no", jails="state", pardon="board",
        pardon_board=t("Board of Pardons and Paroles"),
    )  # fmt: skip
    states["TX"] = _state("Texas", laws=[{
        "id": "tx_sb4", "name": t("SB 4"), "citation": "Gov. Code 752", "year": 2017,
        "effect": "requires", "covers": ["DET"], "summary": t("Jails must honor detainers."),
        "confidence": "V", "verified_on": "2026-01-01", "sources": ["src2"],
        "status": "in_force", "status_checked": "2026-01-01",
    }])  # fmt: skip
    stage = files["01-jail.yaml"]
    stage["demands"][0]["targets"] = [
        "sheriff", "county_board", "state_legislature",
        {"role": "state_doc", "when": "facts.jails == 'state'"},
    ]  # fmt: skip
    stage["demands"].append({
        "id": "manager_void", "title": t("Void the MOU"), "ask": t("Refuse to sign"),
        "why": t("Contracts need the manager"), "targets": ["city_manager", "city_council"],
        "closes": [], "when": "city != ''", "sources": ["src2"],
    })  # fmt: skip
    files["02-clemency.yaml"] = {
        "id": "clemency", "title": t("Clemency"), "summary": t("Pardons."), "sources": ["src2"],
        "touchpoints": [{
            "id": "old_conviction", "title": t("Old conviction"), "how": t("Removal ground"),
            "controlled_by": ["governor", "pardon_board"], "closed_if": "false",
            "why": {"open": t("Open"), "closed": t("Closed"), "unknown": t("Ask a lawyer")},
            "sources": ["src2"], "unverified": True,
            "unverified_reason": t("One source only"),
        }],
        "demands": [{
            "id": "pardon", "title": t("Pardon"), "ask": t("Grant pardons"),
            "why": t("Pardons end removal grounds"), "targets": ["governor", "pardon_board"],
            "closes": ["old_conviction"], "sources": ["src2"],
        }],
    }  # fmt: skip
    return files
