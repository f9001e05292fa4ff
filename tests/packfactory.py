"""A minimal valid pack built inline, so each test shows exactly what it breaks."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml


def t(en: str, es: str | None = None) -> dict[str, str]:
    return {"en": en, "es": es if es is not None else f"{en} (es)"}


_BASE: dict[str, Any] = {
    "pack.yaml": {
        "name": "mini",
        "version": "1.0",
        "as_of": "2026-01-01",
        "languages": ["en", "es"],
        "title": t("Mini pack", "Paquete mínimo"),
        "disclaimer": t("Not legal advice.", "No es asesoría legal."),
    },
    "sources.yaml": {
        "sources": [
            {"id": "src1", "kind": "statute", "title": "A source", "url": "https://example.org/1"},
            {"id": "src2", "kind": "research", "title": "Another source", "url": "https://example.org/2"},
        ]
    },
    "questions.yaml": {
        "choice_sets": {
            "tri": [
                {"value": "yes", "en": "Yes", "es": "Sí"},
                {"value": "no", "en": "No", "es": "No"},
                {"value": "unknown", "en": "I don't know", "es": "No sé"},
            ]
        },
        "questions": [
            {"id": "state", "type": "state", "required": True, "group": "place",
             "prompt": t("State?"), "help": t("Why"), "where": t("Where")},
            {"id": "county", "type": "county", "required": True, "group": "place",
             "prompt": t("County?"), "help": t("Why"), "where": t("Where")},
            {"id": "city", "type": "text", "group": "place",
             "prompt": t("City?"), "help": t("Why"), "where": t("Where")},
            {"id": "honors_detainers", "type": "choice", "choices": "tri", "default": "unknown",
             "prompt": t("Holds?"), "help": t("Why"), "where": t("Where")},
        ],
    },
    "roles.yaml": {
        "roles": [
            {"id": "sheriff", "level": "county", "name": t("Sheriff"), "controls": t("Jail"),
             "reach": ["letter"], "how_to_reach": t("Write"), "when": "facts.sheriffs != 'no'",
             "titles": [{"en": "Sheriff of {{ county }}", "es": "Sheriff del {{ county }}"}],
             "sources": ["src1"]},
            {"id": "state_legislature", "level": "state", "name": t("Legislature"),
             "controls": t("Laws"), "reach": ["call"], "how_to_reach": t("Call"),
             "titles": [{"en": "{{ legislature }}", "es": "{{ legislature }}"}],
             "sources": ["src1"]},
        ]
    },
    "states.yaml": {
        "states": {
            "CA": {
                "name": t("California", "California"), "county_word": t("county", "condado"),
                "county_government": "yes", "county_body": t("Board of Supervisors"),
                "sheriffs": "yes", "jails": "county", "pardon": "governor",
                "doc_name": t("CDCR"), "legislature": t("California Legislature"),
                "sources": ["src1"],
                "laws": [
                    {"id": "ca_law", "name": t("A law"), "citation": "Code 1", "year": 2017,
                     "effect": "limits", "covers": ["DET"], "summary": t("Limits holds"),
                     "confidence": "V", "verified_on": "2026-01-01", "sources": ["src1"]},
                ],
            },
        }
    },
    "clauses.yaml": {
        "clauses": [
            {"id": "no_holds", "title": t("No holds"), "text": t("The county shall not hold."),
             "status": "present", "sources": ["src2"]},
        ]
    },
    "01-jail.yaml": {
        "id": "jail",
        "title": t("Jail", "Cárcel"),
        "summary": t("Booking and jail."),
        "sources": ["src1"],
        "touchpoints": [
            {"id": "detainer_hold", "title": t("Detainer holds"), "how": t("ICE asks"),
             "controlled_by": ["sheriff"], "law_codes": ["DET"],
             "closed_if": "honors_detainers == 'no'", "open_if": "honors_detainers == 'yes'",
             "why": {"open": t("Open"), "closed": t("Closed"), "unknown": t("Unknown")},
             "sources": ["src1"]},
        ],
        "demands": [
            {"id": "no_holds", "title": t("No holds"), "ask": t("Stop holds"),
             "why": t("Holds are seizures"), "targets": ["sheriff", "state_legislature"],
             "closes": ["detainer_hold"], "clauses": ["no_holds"], "sources": ["src1", "src2"]},
        ],
    },
}  # fmt: skip


def minimal_pack() -> dict[str, Any]:
    return copy.deepcopy(_BASE)


def write_pack(root: Path, files: dict[str, Any]) -> Path:
    """Write each entry: data becomes YAML; a str is written as-is (for broken YAML)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        (root / name).write_text(text, encoding="utf-8")
    return root
