"""Files from a plan: `advise --out DIR`, or the folder chosen at the end of an interview.

What is printed is a short summary (where to start, where each kind of file went), not the
plan itself: the plan is in plan.md, and scripts read plan.json.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pipeline_cli.pack.text import Text
from pipeline_cli.plan.records import Plan

L = {
    "wrote": Text("Wrote {n} file(s) to {out}:", "Se escribieron {n} archivo(s) en {out}:"),
    "plan": Text("the plan", "el plan"),
    "letters": Text(
        "letters, call scripts and public comments, one folder per official",
        "cartas, guiones de llamada y comentarios públicos, una carpeta por funcionario",
    ),
    "index": Text("the list of every file", "la lista de todos los archivos"),
    "fill": Text(
        "Before sending, read each letter and fill in anything in [BRACKETS].",
        "Antes de enviar, lea cada carta y complete todo lo que esté entre [CORCHETES].",
    ),
}


def suggested_folder(plan: Plan) -> Path:
    from pipeline_cli.interview.savefile import slug

    j = plan.jurisdiction
    words = " ".join(w for w in (j.state.code, j.county, j.city) if w)
    base = Path(f"letters-{slug(words)}")
    n = 2
    candidate = base
    while candidate.exists():
        candidate = Path(f"{base}-{n}")
        n += 1
    return candidate


def ask_for_files(plan: Plan, lang: str) -> Any:
    """At the end of an interview: where to write the letters, or None."""
    from pipeline_cli.interview.offer import choose_files

    try:
        return choose_files(lang, suggested_folder(plan))
    except (KeyboardInterrupt, EOFError):
        return None  # the answers are saved; show the plan


def write_and_summarize(
    plan: Plan,
    settings: Any,
    out: Path,
    fmt: str,
    langs: tuple[str, ...],
    opts: Any,
    quiet: bool = False,
) -> list[Path]:
    from pipeline_cli.documents.outputs import write_outputs

    written = write_outputs(
        plan, out, langs=langs, fmt=fmt, force=opts.force, skip_existing=opts.skip_existing
    )
    lang = langs[0]
    if quiet:  # --json on stdout: the summary is one line on stderr
        print(f"wrote {len(written)} file(s) to {out}", file=sys.stderr)
        return written
    from pipeline_cli.cli.planview import show_start_here

    console = settings.console()
    show_start_here(console, plan, lang)
    lines = [
        "",
        L["wrote"](lang).format(n=len(written), out=out),
        *(f"  {out / x / 'plan.md'}  ({L['plan'](lang)})" for x in langs),
        *(f"  {out / x}/  ({L['letters'](lang)})" for x in langs),
        f"  {out / 'index.md'}  ({L['index'](lang)})",
        L["fill"](lang),
    ]
    console.print("\n".join(lines), markup=False, highlight=False)
    return written
