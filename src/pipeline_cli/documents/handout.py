"""The trainer handout: the whole pipeline (or one stage) from a pack, as Markdown, HTML or PDF.

No jurisdiction and no plan. Two styles: "workshop" (the default, `workshop.md.j2`) hands out
as is: a cover with the pipeline diagram, one page a stage (what happens, the handoffs and who
controls them, the demands and who decides), short numbered notes. "study" (`handout.md.j2`)
keeps every handoff's and demand's text, reasons and sources. Templates hold the wording; every
fact comes from the context built here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline_cli.documents import diagram, pages
from pipeline_cli.documents.context import date_doc, pack_doc
from pipeline_cli.documents.render import Renderer
from pipeline_cli.errors import UsageError
from pipeline_cli.pack.records import Pack, Stage
from pipeline_cli.pack.suggest import did_you_mean

FORMATS = ("md", "html", "pdf")
# style -> template kind; the first is the default.
STYLES = {"workshop": "workshop", "study": "handout"}
KIND = "handout"
PAGE = "print.html.j2"
COVER_FIGURE_IN = 5.7  # the diagram's most height on the cover, beside the title and key
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


class _Frozen(_Refs):
    """The numbers already given, and no new ones: the workshop cites only these."""

    def __init__(self, refs: _Refs) -> None:
        super().__init__(refs.pack)
        self.numbers = refs.numbers

    def __call__(self, ids: tuple[str, ...]) -> list[int]:
        return sorted({self.numbers[s] for s in ids if s in self.numbers})


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
                # Workshop: every office that may decide, said once on the cover that some
                # apply only in some places.
                "decides": [_role(pack, ref.role, lang) for ref in d.targets],
                "unverified": d.unverified,
                "refs": cite(d.sources),
            }
            for d in stage.demands
        ],
    }


def handout_doc(
    pack: Pack, lang: str, today: dt.date, stage_id: str = "", style: str = "study"
) -> dict[str, Any]:
    """Context for the handout in one language; `stage_id` limits it to one stage.

    The workshop style numbers only the stages' own sources (its short notes); the study style
    every source cited.
    """
    chosen = pick_stage(pack, stage_id).id if stage_id else ""
    cite = _Refs(pack)
    if style == "workshop":
        for s in pack.stages:
            if not chosen or s.id == chosen:
                cite(s.sources)
        cite = _Frozen(cite)
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
        "unverified": any(t["unverified"] for s in stages for t in s["touchpoints"] + s["demands"]),
    }


def render_handout(
    pack: Pack,
    langs: tuple[str, ...],
    fmt: str,
    today: dt.date,
    stage_id: str = "",
    *,
    style: str = "workshop",
    bilingual: str = "back",
) -> bytes:
    """The handout in each language, each with its own stamp, as `fmt` (md, html or pdf).

    Printed (html, pdf), the cover carries the diagram, each stage starts a page, and two
    languages go side by side or on the two sides of each sheet (`bilingual`).
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if style not in STYLES:
        raise UsageError(f"unknown style {style!r}; use one of: {', '.join(STYLES)}")
    renderer = Renderer(pack)
    docs = {
        lang: renderer.document(
            STYLES[style], lang, handout_doc(pack, lang, today, stage_id, style)
        )
        for lang in langs
    }
    if fmt == "md":
        head = f"{BOTH_NOTICE}\n\n" if len(langs) > 1 and "es" in langs[1:] else ""
        return (head + "\n".join(docs.values())).encode("utf-8")
    figures = {
        lang: None if stage_id else pages.Figure(diagram.pipeline_svg(pack, lang), COVER_FIGURE_IN)
        for lang in langs
    }
    sheets = pages.sheets(docs, figures, every_section=True, bilingual=bilingual)
    if fmt == "html":
        return renderer.sheets_html(sheets, langs[0], page=PAGE).encode("utf-8")
    from pipeline_cli.documents import pdf

    return pdf.to_pdf(sheets, langs[0])
