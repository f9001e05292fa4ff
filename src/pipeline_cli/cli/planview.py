"""The plan in the terminal: stage by stage, what is open, what to demand, whom to press."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel

from pipeline_cli.pack.text import Text
from pipeline_cli.plan.records import Plan

STATUS = {
    "open": ("red", Text("OPEN", "ABIERTA")),
    "unknown": ("yellow", Text("UNKNOWN", "SIN CONFIRMAR")),
    "required_by_state": ("magenta", Text("REQUIRED BY STATE LAW", "EXIGIDA POR LEY ESTATAL")),
    "closed": ("green", Text("closed", "cerrada")),
}
L = {
    "plan": Text("Plan for", "Plan para"),
    "handoffs": Text("Handoffs to ICE", "Vías de entrega a ICE"),
    "closed": Text("closed here", "cerradas aquí"),
    "demands": Text("Demands", "Exigencias"),
    "press": Text("Press", "Presionar a"),
    "organizing": Text("For organizers", "Para quienes organizan"),
    "targets": Text("Whom to press", "A quién presionar"),
    "warnings": Text("Warnings", "Advertencias"),
    "sources": Text("Sources", "Fuentes"),
    "sources_where": Text(
        "{n} cited; the full list with links is in plan.md and plan.json, which the command "
        "below writes.",
        "{n} citadas; la lista completa con enlaces está en plan.md y plan.json, que escribe el "
        "comando de abajo.",
    ),
    "none": Text("nothing left to demand here", "nada que exigir aquí"),
    "preempted": Text("state law blocks local action", "la ley estatal impide la acción local"),
    "ice": Text("What ICE's own lists say", "Lo que dicen las listas de ICE"),
    "start": Text("Start here", "Empiece por aquí"),
    "start_none": Text(
        "No open handoff here that a local official can close; see the state-level demands below.",
        "No hay aquí vías de entrega abiertas que un funcionario local pueda cerrar; vea abajo "
        "las exigencias al estado.",
    ),
}


def show_start_here(console: Console, plan: Plan, lang: str) -> None:
    """The three to five handoffs to work on first, whom to press, and why in this order."""
    from pipeline_cli.plan.priorities import start_here

    titles = {t.role.id: t.title(lang) for t in plan.targets}
    console.print(f"\n[bold]{L['start'](lang)}[/]")
    items = start_here(plan)
    if not items:
        console.print(f"  [dim]{L['start_none'](lang)}[/]")
    for n, item in enumerate(items, 1):
        colour, label = STATUS[item.handoff.status]
        head = f"{n}. [{colour}]{label(lang)}[/] {escape(item.handoff.touchpoint.title(lang))}"
        console.print(head)
        console.print(f"   → {escape(item.demand.demand.title(lang))}")
        console.print(
            f"   {L['press'](lang)}: [bold]{escape(titles.get(item.target, item.target))}[/]"
        )
        console.print(Padding(f"[dim]{escape(item.reason(lang))}[/]", (0, 0, 0, 3)))


def _place(plan: Plan, lang: str) -> str:
    j = plan.jurisdiction
    county = j.county_es if lang == "es" else j.county
    parts = [j.city, county, j.state.name(lang)]
    return ", ".join(p for p in parts if p)


def show_plan(console: Console, plan: Plan, langs: tuple[str, ...]) -> None:
    for lang in langs:
        _one(console, plan, lang)


def _one(console: Console, plan: Plan, lang: str) -> None:
    lab = {k: v(lang) for k, v in L.items()}
    titles = {t.role.id: t.title(lang) for t in plan.targets}
    console.print(Panel(escape(plan.pack.title(lang)), title=f"{lab['plan']} {_place(plan, lang)}"))
    if plan.ice is not None:
        console.print(f"\n[bold]{lab['ice']}[/]")
        for line in plan.ice.lines():
            console.print(f"• {escape(line(lang))}")
    show_start_here(console, plan, lang)
    for ps in plan.stages:
        console.print(f"\n[bold underline]{ps.stage.order}. {escape(ps.stage.title(lang))}[/]")
        closed = [p for p in ps.touchpoints if p.status == "closed"]
        for p in ps.touchpoints:
            if p.status == "closed":
                continue
            colour, label = STATUS[p.status]
            console.print(f"  [{colour}]{label(lang)}[/] {escape(p.touchpoint.title(lang))}")
            if p.why(lang):
                console.print(f"    [dim]{escape(p.why(lang))}[/]")
        if closed:
            names = "; ".join(p.touchpoint.title(lang) for p in closed)
            console.print(f"  [green]{lab['closed']}:[/] {escape(names)}")
        if not ps.demands:
            console.print(f"  [dim]{lab['none']}[/]")
        for d in ps.demands:
            console.print(f"  [bold]→ {escape(d.demand.title(lang))}[/]")
            console.print(f"    {escape(d.demand.ask(lang))}")
            if note := d.demand.notes_for_organizers(lang):
                console.print(f"    [dim]{lab['organizing']}: {escape(note)}[/]")
            if d.preempted:
                console.print(f"    [magenta]{lab['preempted']}[/]")
            who = "; ".join(titles.get(r, r) for r in d.targets)
            console.print(f"    {lab['press']}: {escape(who)}")
    console.print(f"\n[bold]{lab['targets']}[/]")
    for t in plan.targets:
        console.print(f"• [bold]{escape(t.title(lang))}[/] ({len(t.demands)})")
        console.print(f"  [dim]{escape(t.role.how_to_reach(lang))}[/]")
    if plan.warnings:
        console.print(f"\n[bold yellow]{lab['warnings']}[/]")
        for w in plan.warnings:
            console.print(f"! {escape(w.text(lang))}")
    # Every source would bury the plan on a screen; the files and the JSON carry them all.
    where = lab["sources_where"].format(n=len(plan.sources))
    console.print(f"\n[bold]{lab['sources']}[/]: {where}")
    console.print(f"\n[dim]{escape(plan.pack.disclaimer(lang))}[/]")
