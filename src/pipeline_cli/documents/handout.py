"""The trainer handout: the whole pipeline (or one stage) from a pack, as Markdown or HTML.

No jurisdiction and no plan: every handoff and demand of the pack, whom to press by role name,
and the sources. Templates (`templates/<lang>/handout.md.j2`) hold the wording; every fact
comes from the context built here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_cli.documents.context import date_doc, pack_doc
from pipeline_cli.documents.render import Renderer
from pipeline_cli.errors import UsageError
from pipeline_cli.pack.fields import did_you_mean
from pipeline_cli.pack.records import Pack, Stage

FORMATS = ("md", "html")
KIND = "handout"
PAGE = "handout.html.j2"
# How `--lang both` starts, as organizers' own bilingual flyers do.
BOTH_NOTICE = "[Español más abajo]"


def pick_stage(pack: Pack, stage_id: str) -> Stage:
    """The stage with this id, or a usage error listing every stage id."""
    found = pack.stage(stage_id)
    if found is None:
        ids = [s.id for s in pack.stages]
        hint = did_you_mean(stage_id, ids)
        raise UsageError(f"no stage {stage_id!r}{hint}; stages are: {', '.join(ids)}")
    return found


class _Refs:
    """Numbers sources in order of first citation, so the handout can cite them as [n]."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.numbers: dict[str, int] = {}

    def __call__(self, ids: tuple[str, ...]) -> list[int]:
        for sid in ids:
            if sid in self.pack.sources and sid not in self.numbers:
                self.numbers[sid] = len(self.numbers) + 1
        return sorted({self.numbers[s] for s in ids if s in self.numbers})

    def listing(self) -> list[dict[str, Any]]:
        return [
            {"n": n, "title": self.pack.sources[sid].title, "url": self.pack.sources[sid].url}
            for sid, n in self.numbers.items()
        ]


def _role(pack: Pack, role_id: str, lang: str) -> str:
    role = pack.roles.get(role_id)
    return role.name(lang) if role is not None else role_id


def _stage(pack: Pack, stage: Stage, n: int, lang: str, cite: _Refs) -> dict[str, Any]:
    return {
        "n": n,
        "id": stage.id,
        "title": stage.title(lang),
        "summary": stage.summary(lang),
        "refs": cite(stage.sources),
        "touchpoints": [
            {
                "title": t.title(lang),
                "how": t.how(lang),
                "controlled_by": [_role(pack, r, lang) for r in t.controlled_by],
                "unverified": t.unverified,
                "refs": cite(t.sources),
            }
            for t in stage.touchpoints
        ],
        "demands": [
            {
                "title": d.title(lang),
                "ask": d.ask(lang),
                "why": d.why(lang),
                "organizing": d.notes_for_organizers(lang),
                # A target with its own `when` is pressed only in some jurisdictions.
                "targets": [
                    {"name": _role(pack, ref.role, lang), "somewhere": bool(ref.when)}
                    for ref in d.targets
                ],
                "somewhere": bool(d.when),
                "unverified": d.unverified,
                "refs": cite(d.sources),
            }
            for d in stage.demands
        ],
    }


def handout_doc(pack: Pack, lang: str, today: dt.date, stage_id: str = "") -> dict[str, Any]:
    """Context for `handout.md.j2` in one language; `stage_id` limits it to one stage."""
    chosen = pick_stage(pack, stage_id).id if stage_id else ""
    cite = _Refs(pack)
    stages = [
        _stage(pack, s, n, lang, cite)
        for n, s in enumerate(pack.stages, start=1)
        if not chosen or s.id == chosen
    ]
    return {
        "lang": lang,
        "pack": pack_doc(pack, lang),
        "date": date_doc(today),
        "flow": [
            {"n": n, "title": s.title(lang), "chosen": s.id == chosen}
            for n, s in enumerate(pack.stages, start=1)
        ],
        "stages": stages,
        "sources": cite.listing(),
    }


def render_handout(
    pack: Pack, langs: tuple[str, ...], fmt: str, today: dt.date, stage_id: str = ""
) -> str:
    """The handout in each language in turn, each with its own stamp, as `fmt` (md or html)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    renderer = Renderer(pack)
    docs = [
        renderer.document(KIND, lang, handout_doc(pack, lang, today, stage_id)) for lang in langs
    ]
    head = f"{BOTH_NOTICE}\n\n" if len(langs) > 1 and "es" in langs[1:] else ""
    markdown = head + "\n".join(docs)
    return markdown if fmt == "md" else renderer.html(markdown, langs[0], page=PAGE)
