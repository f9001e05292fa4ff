"""A sample plan that touches every role, demand, clause and status of a pack.

`pipeline validate` renders every template against it, so a template naming a missing value
fails there, with its file and line, rather than in an organizer's hands.
"""

from __future__ import annotations

from pipeline_cli.pack import evaluation
from pipeline_cli.pack.records import STATUSES, Pack, Role, StateFacts
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.jurisdiction import county_es, title_values
from pipeline_cli.plan.records import (
    Jurisdiction,
    Plan,
    PlanDemand,
    PlanStage,
    PlanTarget,
    PlanTouchpoint,
    PlanWarning,
)

SIGNED = {"org_name": "Sample Org", "org_contact": "org@example.org", "signer": "Sam Ple"}


def _title(role: Role, facts: StateFacts, county: str, city: str) -> Text:
    """The role's last (catch-all) title, rendered in both languages."""
    if not role.titles:
        return role.name
    text = role.titles[-1].text
    try:
        return Text(
            evaluation.render_title(text.en, title_values(facts, county, city, "en")),
            evaluation.render_title(text.es, title_values(facts, county, city, "es")),
        )
    except evaluation.ExprError:
        return role.name  # validate reports the broken title template itself


def sample_plan(pack: Pack, *, signed: bool = False) -> Plan:
    """Every role a target owning every demand aimed at it; touchpoints cycle through statuses."""
    code = sorted(pack.states)[0] if pack.states else ""
    facts = pack.states.get(code) or StateFacts(
        code="XX", name=Text("Sample State", "Estado de ejemplo"),
        county_word=Text("county", "condado"),
        county_government="yes", county_body=Text("Board", "Junta"), sheriffs="yes",
        jails="county", pardon="governor", doc_name=Text("DOC", "DOC"),
        legislature=Text("Legislature", "Legislatura"), sources=(),
    )  # fmt: skip
    county, city = "Sample County", "Sample City"
    stages, n = [], 0
    for stage in pack.stages:
        tps = []
        for tp in stage.touchpoints:
            status = STATUSES[n % len(STATUSES)]
            n += 1
            why = tp.why.get(status) or tp.why.get("unknown") or tp.title
            laws = tuple(law for law in facts.laws if set(law.covers) & set(tp.law_codes))
            tps.append(PlanTouchpoint(tp, status, why, laws))
        pds = tuple(
            PlanDemand(d, tuple(t.role for t in d.targets if t.role in pack.roles), facts.laws[:1])
            for d in stage.demands
        )
        stages.append(PlanStage(stage, tuple(tps), pds))
    targets = tuple(
        PlanTarget(
            role,
            _title(role, facts, county, city),
            tuple(d.id for d in pack.demands().values() if role.id in {t.role for t in d.targets}),
        )
        for role in pack.roles.values()
    )
    return Plan(
        pack=pack,
        jurisdiction=Jurisdiction(facts, county, county_es(county), city, SIGNED if signed else {}),
        stages=tuple(stages),
        targets=targets,
        warnings=(PlanWarning("sample", Text("A sample warning.", "Una advertencia de ejemplo.")),),
        sources=tuple(s for s in pack.sources.values() if s.fits(facts.code)),
        created=pack.as_of,
    )
