"""`pipeline advise` glue: gather answers (file, --set, saved, or interview), build, output."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline_cli.cli import invocation
from pipeline_cli.errors import UsageError
from pipeline_cli.interview import savefile
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import answers as ans


@dataclass(frozen=True)
class AdviseOptions:
    answers_file: Path | None
    sets: tuple[str, ...]
    save: Path | None
    resume: bool
    json: bool
    out: Path | None
    fmt: str
    force: bool
    skip_existing: bool
    reopen: str = ""
    list_saved: bool = False


def interactive() -> bool:
    """A person at a terminal can answer questions (tests replace this)."""
    return sys.stdin.isatty()


def resume_command(settings: Any, opts: AdviseOptions) -> str:
    words = ["advise", "--resume"]
    if opts.save:
        words += ["--save", str(opts.save)]
    return invocation.command(settings, *words)


def _saved(pack: Pack, saved: savefile.Saved) -> dict[str, str]:
    return ans.validate(pack, saved.answers, str(saved.path))


def _reopen(settings: Any, words: str) -> savefile.Saved:
    found = savefile.find(words)
    if len(found) == 1:
        return found[0]
    listing = invocation.command(settings, "advise", "--list-saved", global_options=False)
    if not found:
        raise UsageError(f"no saved interview matches {words!r}; see them with: {listing}")
    names = ", ".join(s.path.stem for s in found)
    raise UsageError(f"{words!r} matches {len(found)} saved interviews ({names}); name one")


def collect_answers(pack: Pack, settings: Any, opts: AdviseOptions) -> tuple[dict[str, str], bool]:
    """Answers from every source, interviewing a person when something is still needed;
    also whether an interview ran (so the end can offer to write the letters)."""
    if opts.skip_existing and opts.force:
        raise UsageError("--force and --skip-existing contradict each other; pick one")
    given = ans.gather(pack, opts.answers_file, opts.sets)
    save_to = opts.save or savefile.default_path()
    ask = False  # interview even though nothing required is missing (review a saved one)
    if opts.reopen:
        given = {**_saved(pack, _reopen(settings, opts.reopen)), **given}
        ask = interactive()
    elif opts.resume:
        if not save_to.is_file():
            fresh = invocation.command(settings, "advise")
            raise UsageError(f"nothing to resume: {save_to} does not exist; run {fresh}")
        saved = ans.validate(pack, ans.load_file(save_to), str(save_to))
        given = {**saved, **given}
    elif interactive() and not opts.answers_file and ans.missing(pack, given):
        from pipeline_cli.interview import offer

        last = savefile.load(save_to)
        others = savefile.listing() if opts.save is None else []
        if last is not None or others:
            start = offer.choose_start(last, others, settings.langs[0])
            if start.saved is not None:
                given = {**_saved(pack, start.saved), **given}
                ask = start.action == offer.EDIT
    if opts.resume or ask or ans.missing(pack, given):
        if not interactive():
            ans.require(pack, given)
            if opts.resume:
                raise UsageError("--resume needs a terminal to continue the interview")
        else:
            from pipeline_cli.interview.labels import LABEL
            from pipeline_cli.interview.session import run_interview

            hint = resume_command(settings, opts)
            lang = settings.langs[0]
            given = run_interview(pack, lang, given, save_to, hint, keep=opts.save is None)
            print(LABEL["saved"](lang).format(path=save_to), file=sys.stderr)
            return given, True
    if opts.save:
        savefile.save(opts.save, given)
    return given, False


def list_saved(settings: Any) -> None:
    """--list-saved: the interviews kept by jurisdiction, and how to reopen each."""
    kept = savefile.listing()
    if not kept:
        print(f"no saved interviews in {savefile.archive_dir()}")
        return
    for s in kept:
        status = "finished" if s.finished else "not finished"
        again = invocation.command(settings, "advise", "--reopen", s.path.stem)
        print(f"{s.place()} ({status}): {again}")


def advise(settings: Any, opts: AdviseOptions) -> None:
    from pipeline_cli.plan.build import build_plan

    if opts.list_saved:
        list_saved(settings)
        return
    pack = settings.pack()
    answers, interviewed = collect_answers(pack, settings, opts)
    plan = build_plan(pack, answers)
    out, fmt, langs = opts.out, opts.fmt, settings.langs
    if interviewed and out is None and not opts.json:
        from pipeline_cli.cli.outfiles import ask_for_files

        chosen = ask_for_files(plan, langs[0])
        if chosen is not None:
            out, fmt, langs = (
                chosen.folder,
                chosen.fmt,
                ("en", "es") if chosen.lang == "both" else (chosen.lang,),
            )
    if opts.json:
        from pipeline_cli.cli.views import print_json
        from pipeline_cli.documents.planjson import plan_to_dict

        print_json(plan_to_dict(plan, settings.lang))
    elif out is None:
        from pipeline_cli.cli.planview import show_plan

        show_plan(settings.console(), plan, settings.langs)
    if out is not None:
        from pipeline_cli.cli.outfiles import write_and_summarize

        write_and_summarize(plan, settings, out, fmt, langs, opts, quiet=opts.json)
