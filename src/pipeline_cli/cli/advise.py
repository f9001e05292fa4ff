"""`pipeline advise` glue: gather answers (file, --set, saved, or interview), build, output."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline_cli.cli import invocation
from pipeline_cli.errors import UsageError
from pipeline_cli.pack.records import Pack
from pipeline_cli.pack.text import Text
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan.records import Plan

if TYPE_CHECKING:
    from pipeline_cli.interview.savefile import Saved

LETTERS = Text("Write the letters and scripts with:", "Escriba las cartas y los guiones con:")


@dataclass(frozen=True)
class AdviseOptions:
    """The `advise` command's own options, as typed."""

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
    for flag, value in (("--save", opts.save), ("--out", opts.out)):
        if value:
            words += [flag, str(value)]
    if opts.out and opts.fmt != "md":
        words += ["--format", opts.fmt]
    words += [flag for flag, on in (("--json", opts.json), ("--force", opts.force),
                                    ("--skip-existing", opts.skip_existing)) if on]  # fmt: skip
    return invocation.command(settings, *words)


def _saved(pack: Pack, saved: Saved) -> dict[str, str]:
    return ans.validate(pack, saved.answers, str(saved.path))


def _reopen(settings: Any, words: str) -> Saved:
    from pipeline_cli.interview import savefile

    found = savefile.find(words)
    if len(found) == 1:
        return found[0]
    listing = invocation.command(settings, "advise", "--list-saved", global_options=False)
    if not found:
        raise UsageError(f"no saved interview matches {words!r}; see them with: {listing}")
    names = ", ".join(s.path.stem for s in found)
    raise UsageError(f"{words!r} matches {len(found)} saved interviews ({names}); name one")


@dataclass(frozen=True)
class Gathered:
    """The answers for a plan, and where they came from."""

    answers: dict[str, str]
    interviewed: bool  # a person just answered: offer to write the letters
    file: Path | None  # a file that holds exactly these answers, for the next command


def _save_path(opts: AdviseOptions) -> Path:
    """Where this interview is kept (the user's data folder is looked up only when needed)."""
    from pipeline_cli.interview import savefile

    return opts.save or savefile.default_path()


def collect_answers(pack: Pack, settings: Any, opts: AdviseOptions) -> Gathered:
    """Answers from every source, interviewing a person when something is still needed."""
    if opts.skip_existing and opts.force:
        raise UsageError("--force and --skip-existing contradict each other; pick one")
    if opts.save is not None and not opts.resume:  # a resumed one goes on in its own file
        from pipeline_cli.interview import savefile

        savefile.refuse_existing(opts.save, opts.force)
    if opts.out is not None and opts.out.exists() and not opts.out.is_dir():
        raise UsageError(f"--out {opts.out}: exists and is not a folder; choose another")
    given = ans.gather(pack, opts.answers_file, opts.sets)
    ask = False  # interview even though nothing required is missing (review a saved one)
    file = opts.answers_file if not opts.sets else None
    if opts.reopen:
        reopened = _reopen(settings, opts.reopen)
        given = {**_saved(pack, reopened), **given}
        ask = interactive()
        file = reopened.path if not opts.sets else None
    elif opts.resume:
        save_to = _save_path(opts)
        if not save_to.is_file():
            fresh = invocation.command(settings, "advise")
            raise UsageError(f"nothing to resume: {save_to} does not exist; run {fresh}")
        saved = ans.validate(pack, ans.load_file(save_to), str(save_to))
        given = {**saved, **given}
    elif interactive() and not opts.answers_file and not opts.sets and ans.missing(pack, given):
        from pipeline_cli.interview import offer, savefile

        last = savefile.load(_save_path(opts))
        others = savefile.listing() if opts.save is None else []
        if last is not None or others:
            start = offer.ask(offer.choose_start, last, others, settings.langs[0])
            if start.saved is not None:
                given = {**_saved(pack, start.saved), **given}
                ask = start.action == offer.EDIT
                file = start.saved.path if not opts.sets else None
    if opts.resume or ask or ans.missing(pack, given):
        if not interactive():
            ans.require(pack, given)
            if opts.resume:
                raise UsageError("--resume needs a terminal to continue the interview")
        else:
            from pipeline_cli.interview.labels import LABEL
            from pipeline_cli.interview.session import run_interview

            save_to = _save_path(opts)
            hint = resume_command(settings, opts)
            lang = settings.langs[0]
            given = run_interview(pack, lang, given, save_to, hint, keep=opts.save is None)
            print(LABEL["saved"](lang).format(path=save_to), file=sys.stderr)
            return Gathered(given, True, save_to)
    if opts.save:
        from pipeline_cli.interview import savefile

        savefile.save(opts.save, given)
        file = opts.save
    return Gathered(given, False, file)


def letters_command(settings: Any, opts: AdviseOptions, gathered: Gathered, plan: Plan) -> str:
    """The command that writes this plan's letters: from the file that holds these answers,
    or with the same --answers and --set as this run."""
    from pipeline_cli.cli.outfiles import suggested_folder

    words = ["advise"]
    if gathered.file is not None:
        words += ["--answers", str(gathered.file)]
    else:
        if opts.answers_file:
            words += ["--answers", str(opts.answers_file)]
        for pair in opts.sets:
            words += ["--set", pair]
    return invocation.command(settings, *words, "--out", str(suggested_folder(plan)))


def list_saved(settings: Any) -> None:
    """--list-saved: the interviews kept by jurisdiction, and how to reopen each."""
    from pipeline_cli.interview import savefile

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
    gathered = collect_answers(pack, settings, opts)
    plan = build_plan(pack, gathered.answers)
    out, fmt, langs = opts.out, opts.fmt, settings.langs
    if gathered.interviewed and out is None and not opts.json:
        from pipeline_cli.cli.outfiles import ask_for_files

        chosen = ask_for_files(plan, langs[0])
        if chosen is not None:
            out, fmt, langs = (
                chosen.folder,
                chosen.fmt,
                ("en", "es") if chosen.lang == "both" else (chosen.lang,),
            )
    if opts.json:
        from pipeline_cli.cli.jsonout import print_json
        from pipeline_cli.documents.planjson import plan_to_dict

        print_json(plan_to_dict(plan, settings.lang))
    elif out is None:
        from pipeline_cli.cli.planview import show_plan

        show_plan(settings.console(), plan, settings.langs)
        print(f"\n{LETTERS(settings.langs[0])} {letters_command(settings, opts, gathered, plan)}")
    if out is not None:
        from pipeline_cli.cli.outfiles import write_and_summarize

        write_and_summarize(plan, settings, out, fmt, langs, opts, quiet=opts.json)
