"""What `stages`, `show` and `questions` print: rich for people, plain dicts for JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from pipeline_cli.pack.records import Pack, Question, Stage
from pipeline_cli.pack.text import Text

LABELS = {
    "touchpoints": Text("Handoff points to ICE", "Vías de entrega a ICE"),
    "demands": Text("Demands", "Exigencias"),
    "controlled_by": Text("Controlled by", "Lo controla"),
    "targets": Text("Press", "A quién presionar"),
    "closes": Text("Closes", "Cierra"),
    "why": Text("Why", "Por qué"),
    "organizing": Text("For organizers", "Para quienes organizan"),
    "sources": Text("Sources", "Fuentes"),
    "stage": Text("Stage", "Etapa"),
    "unverified": Text("unverified", "sin verificar"),
    "question": Text("Question", "Pregunta"),
    "answer": Text("Answer", "Respuesta"),
    "where": Text("Where to find it", "Dónde encontrarlo"),
    "worksheet": Text("Jurisdiction worksheet", "Hoja de trabajo de la jurisdicción"),
    "choices": Text("Choices", "Opciones"),
}


def role_names(pack: Pack, ids: tuple[str, ...], lang: str) -> str:
    return ", ".join(pack.roles[i].name(lang) if i in pack.roles else i for i in ids)


def source_refs(pack: Pack, ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [
        {"id": i, "title": pack.sources[i].title, "url": pack.sources[i].url}
        for i in ids
        if i in pack.sources
    ]


def stages_json(pack: Pack, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "order": s.order,
            "title": s.title(lang),
            "summary": s.summary(lang),
            "touchpoints": [t.id for t in s.touchpoints],
            "demands": [d.id for d in s.demands],
        }
        for s in pack.stages
    ]


def stages_table(console: Console, pack: Pack, langs: tuple[str, ...]) -> None:
    for lang in langs:
        table = Table(title=pack.title(lang), show_lines=False)
        table.add_column("#", justify="right")
        table.add_column("id", no_wrap=True)  # the id is typed: never cut it
        table.add_column(LABELS["stage"](lang))
        table.add_column(LABELS["touchpoints"](lang), justify="right")
        table.add_column(LABELS["demands"](lang), justify="right")
        for s in pack.stages:
            table.add_row(
                str(s.order), s.id, s.title(lang), str(len(s.touchpoints)), str(len(s.demands))
            )
        console.print(table)


def stage_json(pack: Pack, stage: Stage, lang: str) -> dict[str, Any]:
    used = list(stage.sources)
    for ids in [t.sources for t in stage.touchpoints] + [d.sources for d in stage.demands]:
        used.extend(i for i in ids if i not in used)
    return {
        "id": stage.id,
        "order": stage.order,
        "title": stage.title(lang),
        "summary": stage.summary(lang),
        "touchpoints": [
            {
                "id": t.id,
                "title": t.title(lang),
                "how": t.how(lang),
                "controlled_by": list(t.controlled_by),
                "law_codes": list(t.law_codes),
                "sources": list(t.sources),
                "unverified": t.unverified,
            }
            for t in stage.touchpoints
        ],
        "demands": [
            {
                "id": d.id,
                "title": d.title(lang),
                "ask": d.ask(lang),
                "why": d.why(lang),
                "organizing": d.notes_for_organizers(lang),
                "targets": list(dict.fromkeys(t.role for t in d.targets)),
                "closes": list(d.closes),
                "when": d.when,
                "clauses": list(d.clauses),
                "sources": list(d.sources),
                "unverified": d.unverified,
            }
            for d in stage.demands
        ],
        "sources": source_refs(pack, tuple(used)),
    }


def _mark(unverified: bool, lang: str) -> str:
    return f" [yellow]({LABELS['unverified'](lang)})[/]" if unverified else ""


def stage_text(console: Console, pack: Pack, stage: Stage, langs: tuple[str, ...]) -> None:
    for lang in langs:
        L = {k: v(lang) for k, v in LABELS.items()}
        console.print(
            Panel(escape(stage.summary(lang)), title=f"{stage.order}. {escape(stage.title(lang))}")
        )
        console.print(f"[bold]{L['touchpoints']}[/]")
        for t in stage.touchpoints:
            console.print(f"• [bold]{escape(t.title(lang))}[/]{_mark(t.unverified, lang)}")
            console.print(f"  {escape(t.how(lang))}")
            who = escape(role_names(pack, t.controlled_by, lang))
            console.print(f"  {L['controlled_by']}: {who}  [dim]\\[{', '.join(t.sources)}][/]")
        console.print(f"\n[bold]{L['demands']}[/]")
        for d in stage.demands:
            console.print(f"• [bold]{escape(d.title(lang))}[/]{_mark(d.unverified, lang)}")
            console.print(f"  {escape(d.ask(lang))}")
            console.print(f"  {L['why']}: {escape(d.why(lang))}")
            if note := d.notes_for_organizers(lang):
                console.print(f"  {L['organizing']}: {escape(note)}")
            roles = tuple(dict.fromkeys(t.role for t in d.targets))
            console.print(f"  {L['targets']}: {escape(role_names(pack, roles, lang))}")
            console.print(f"  [dim]{L['sources']}: {', '.join(d.sources)}[/]")
        console.print()


def _question_row(q: Question, lang: str) -> dict[str, Any]:
    return {
        "id": q.id,
        "type": q.type,
        "group": q.group,
        "prompt": q.prompt(lang),
        "help": q.help(lang),
        "where": q.where(lang),
        "choices": [{"value": c.value, "label": c.label(lang)} for c in q.choices],
        "default": q.default,
        "when": q.when,
        "required": q.required,
    }


def questions_json(pack: Pack, lang: str) -> list[dict[str, Any]]:
    return [_question_row(q, lang) for q in pack.questions]


def questions_table(console: Console, pack: Pack, langs: tuple[str, ...]) -> None:
    for lang in langs:
        table = Table(show_lines=True)
        table.add_column("id")
        table.add_column(LABELS["question"](lang))
        table.add_column(LABELS["choices"](lang))
        table.add_column(LABELS["where"](lang))
        for q in pack.questions:
            choices = " | ".join(c.value for c in q.choices) or q.type
            table.add_row(q.id, escape(q.prompt(lang)), choices, escape(q.where(lang)))
        console.print(table)


def questions_md(pack: Pack, langs: tuple[str, ...]) -> str:
    """A blank worksheet to print and fill in by hand, then type into an answers file."""
    out: list[str] = []
    for lang in langs:
        out.append(f"# {LABELS['worksheet'](lang)}: {pack.title(lang)}\n")
        for q in pack.questions:
            out.append(f"## {q.prompt(lang)}  (`{q.id}`)\n")
            out.append(f"{q.help(lang)}\n")
            out.append(f"*{LABELS['where'](lang)}:* {q.where(lang)}\n")
            if q.choices:
                out.extend(f"- [ ] `{c.value}`: {c.label(lang)}" for c in q.choices)
                out.append("")
            else:
                out.append(f"{LABELS['answer'](lang)}: ______________________________\n")
    return "\n".join(out)
