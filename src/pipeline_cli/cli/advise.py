"""`pipeline advise` glue: gather answers (file, --set, saved, or interview), build, output."""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline_cli.errors import UsageError
from pipeline_cli.interview import savefile
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan.records import Plan


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


def interactive() -> bool:
    """A person at a terminal can answer questions (tests replace this)."""
    return sys.stdin.isatty()


def resume_command(settings: Any, opts: AdviseOptions) -> str:
    words = ["pipeline"]
    if settings.pack_dir:
        words += ["--pack", str(settings.pack_dir)]
    if settings.lang != "en":
        words += ["--lang", settings.lang]
    words += ["advise", "--resume"]
    for flag, value in (("--save", opts.save), ("--out", opts.out)):
        if value:
            words += [flag, str(value)]
    if opts.out and opts.fmt != "md":
        words += ["--format", opts.fmt]
    words += [flag for flag, on in (("--json", opts.json), ("--force", opts.force),
                                    ("--skip-existing", opts.skip_existing)) if on]  # fmt: skip
    return shlex.join(words)


def collect_answers(pack: Pack, settings: Any, opts: AdviseOptions) -> dict[str, str]:
    """Answers from every source; interview a person when something is still needed."""
    if opts.skip_existing and opts.force:
        raise UsageError("--force and --skip-existing contradict each other; pick one")
    if not opts.resume:  # a resumed interview goes on in its own save file
        savefile.refuse_existing(opts.save, opts.force)
    if opts.out is not None and opts.out.exists() and not opts.out.is_dir():
        raise UsageError(f"--out {opts.out}: exists and is not a folder; choose another")
    given = ans.gather(pack, opts.answers_file, opts.sets)
    save_to = opts.save or savefile.default_path()
    if opts.resume:
        if not save_to.is_file():
            raise UsageError(f"nothing to resume: {save_to} does not exist; run pipeline advise")
        saved = ans.validate(pack, ans.load_file(save_to), str(save_to))
        given = {**saved, **given}
    if opts.resume or ans.missing(pack, given):
        if not interactive():
            ans.require(pack, given)
            if opts.resume:
                raise UsageError("--resume needs a terminal to continue the interview")
        else:
            from pipeline_cli.interview.prompts import run_interview

            hint = resume_command(settings, opts)
            given = run_interview(pack, settings.langs[0], given, save_to, hint)
            print(f"answers saved in {save_to}", file=sys.stderr)
            return given
    if opts.save:
        savefile.save(opts.save, given)
    return given


def write_files(plan: Plan, settings: Any, opts: AdviseOptions) -> list[Path]:
    """--out DIR: plan, letters and scripts, written by outputs.write_outputs."""
    from pipeline_cli.documents.outputs import write_outputs

    assert opts.out is not None
    return write_outputs(
        plan,
        opts.out,
        langs=settings.langs,
        fmt=opts.fmt,
        force=opts.force,
        skip_existing=opts.skip_existing,
    )


def advise(settings: Any, opts: AdviseOptions) -> None:
    from pipeline_cli.plan.build import build_plan

    pack = settings.pack()
    plan = build_plan(pack, collect_answers(pack, settings, opts))
    if opts.json:
        from pipeline_cli.cli.views import print_json
        from pipeline_cli.documents.planjson import plan_to_dict

        print_json(plan_to_dict(plan, settings.lang))
    else:
        from pipeline_cli.cli.planview import show_plan

        show_plan(settings.console(), plan, settings.langs)
    if opts.out is not None:
        written = write_files(plan, settings, opts)
        print(f"wrote {len(written)} file(s) to {opts.out}", file=sys.stderr)
