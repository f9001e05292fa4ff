"""Plans for output tests: the advise pack plus the questions that sign letters."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan
from pipeline_cli.plan.records import Plan
from tests.advisepack import advise_pack
from tests.packfactory import t, write_pack

TODAY = dt.date(2026, 3, 1)
# Jurisdictions with different governance: county board + city, no county government, a
# state law that requires cooperation, and a county with no city.
PLACES: dict[str, dict[str, str]] = {
    "ca_city": {"state": "CA", "county": "Los Angeles County", "city": "Pasadena"},
    "ct_town": {"state": "CT", "county": "Hartford County", "city": "Hartford"},
    "tx_county": {"state": "TX", "county": "Harris County"},
}
SIGNED = {"org_name": "Pasadenans Organizing", "org_contact": "pop@example.org", "signer": "Ana"}


def letters_pack() -> dict[str, Any]:
    """advise_pack with the optional answers that sign letters."""
    files = advise_pack()
    for ident in ("org_name", "org_contact", "signer"):
        files["questions.yaml"]["questions"].append(
            {"id": ident, "type": "text", "group": "letters", "prompt": t(f"{ident}?"),
             "help": t("Signs letters"), "where": t("You know it")}
        )  # fmt: skip
    return files


def long_pack(demands: int = 8, words: int = 45) -> dict[str, Any]:
    """Many long demands on one sheriff, to force the public comment to be trimmed."""
    files = letters_pack()
    stage = files["01-jail.yaml"]
    for n in range(demands):
        stage["demands"].append({
            "id": f"long_{n}", "title": t(f"Long demand {n}"),
            "ask": t(" ".join(["ask"] * words) + "."), "why": t(" ".join(["why"] * words) + "."),
            "targets": ["sheriff"], "closes": ["detainer_hold"], "sources": ["src1"],
        })  # fmt: skip
    return files


def make_plan(root: Path, files: dict[str, Any], answers: dict[str, str]) -> Plan:
    return build_plan(load_pack(write_pack(root, files)), answers, TODAY)


def body(markdown: str) -> str:
    """A document without its stamp (everything before the last rule)."""
    return markdown.rsplit("\n---\n", 1)[0]


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’.-]\w+)*", text))
