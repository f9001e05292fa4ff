"""One capitalization style for Spanish titles (bilingual review, item 39): a title is capitalized
as a title (address line, salutation) or with its jurisdiction; in running text it is a common
noun ("nombrado por el presidente", "el fiscal general del estado")."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pipeline_cli.documents import context as docdata
from pipeline_cli.documents.render import Renderer
from pipeline_cli.pack.load import load_pack
from pipeline_cli.plan.build import build_plan

STAGES = Path(__file__).resolve().parent.parent / "stages"
# A Spanish article, then a capitalized title; allowed only before its jurisdiction ("de Texas").
RUNNING = re.compile(
    r"\b(?:el|la|un|una|al|del|su|sus|los|las)\s+(?:Fiscal(?:es)?|Presidente|Gobernadora?)\b"
    r"(?:\s+(?:General|Jefe|Penal|Auxiliares|de\s+Distrito|del\s+Condado|del\s+Estado)\b)*"
)
JURISDICTION = re.compile(r"\s+(?:de|del)\s+(?:[A-ZÁÉÍÓÚ]|los Estados)")


def test_the_president_is_a_common_noun_in_running_text() -> None:
    pack = load_pack()
    role = pack.roles["us_attorney"].controls.es
    assert "nombra el presidente" in " ".join(role.split())
    federal = " ".join(pack.stage("federal_conviction").summary.es.split())  # type: ignore[union-attr]
    texts = " ".join(
        " ".join((d.why.es + " " + d.ask.es).split())
        for d in pack.stage("federal_conviction").demands  # type: ignore[union-attr]
    )
    assert "el Presidente" not in federal + texts
    raw = (STAGES / "04-federal_conviction.yaml").read_text(encoding="utf-8")
    assert "nombrado por el presidente" in " ".join(raw.split())


def test_no_title_is_capitalized_in_running_spanish() -> None:
    files = [*STAGES.glob("*.yaml"), *(STAGES / "governance").glob("*.yaml")]
    found = []
    for path in files:
        if path.name in ("sources.yaml", "glossary.yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.name}: {m.group(0)}"
            for m in RUNNING.finditer(text)
            if not JURISDICTION.match(text, m.end())
        ]
    assert not found, found


def test_titles_are_capitalized_as_titles() -> None:
    pack = load_pack()
    plan = build_plan(pack, {"state": "CT", "county": "Hartford County"}, dt.date(2026, 12, 1))
    titles = {t.role.id: t.title("es") for t in plan.targets}
    assert titles["governor"] == "Gobernador o Gobernadora de Connecticut"
    assert titles["us_attorney"].startswith("Fiscal Federal (U.S. Attorney)")
    governor = plan.target("governor")
    assert governor is not None
    letter = Renderer(pack).document("letter", "es", docdata.target_doc(plan, governor, "es"))
    assert "Honorable Gobernador o Gobernadora" in letter
