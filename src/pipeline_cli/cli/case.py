"""`pipeline case KIND` glue: fields from a file, --set or an interview; render; print or write.

Case letters hold a person's details: files are written owner-only and atomically, never
over an existing file without --force; the interview's autosave is owner-only and is removed
once the letter is made.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline_cli.cli import advise as advising
from pipeline_cli.cli import invocation
from pipeline_cli.documents import casedoc, pathcheck, writers
from pipeline_cli.errors import UsageError
from pipeline_cli.interview import savefile
from pipeline_cli.pack.cases import CaseKind
from pipeline_cli.pack.records import Pack, StateFacts
from pipeline_cli.pack.suggest import did_you_mean
from pipeline_cli.pack.text import Text
from pipeline_cli.plan import answers as ans

DONE = Text("Write the letter", "Redactar la carta")
OTHER_FORMATS = ("doc", "odt", "rtf", "pages")  # -o x.odt would hold Markdown
NOT_IN_PROCEEDINGS = (
    "warning: do not ask ICE for prosecutorial discretion for someone who is not in removal "
    "proceedings; talk to an immigration lawyer first"
)


@dataclass(frozen=True)
class CaseOptions:
    """The `case` command's own options, as typed."""

    kind: str
    answers_file: Path | None
    sets: tuple[str, ...]
    state: str
    output: Path | None
    out: Path | None
    fmt: str  # "" = from -o's suffix, else md
    save: Path | None
    force: bool


def find_kind(pack: Pack, kind: str) -> CaseKind:
    found = pack.cases.get(kind)
    if found is None:
        ids = list(pack.cases)
        if not ids:
            raise UsageError("this pack has no case letters (add cases.yaml to it)")
        raise UsageError(f"no case kind {kind!r}{did_you_mean(kind, ids)}; kinds: {', '.join(ids)}")
    return found


def output_format(opts: CaseOptions) -> str:
    """--format, else -o's suffix when it names a format, else md."""
    suffix = opts.output.suffix.lstrip(".").lower() if opts.output else ""
    if suffix in OTHER_FORMATS:
        raise UsageError(
            f"-o {opts.output}: .{suffix} is not a format this tool writes; "
            f"use .{', .'.join(writers.FORMATS)}"
        )
    if opts.fmt and suffix in writers.FORMATS and suffix != opts.fmt:
        raise UsageError(f"-o {opts.output} ends in .{suffix} but --format is {opts.fmt}")
    return opts.fmt or (suffix if suffix in writers.FORMATS else "md")


def check_options(opts: CaseOptions, langs: tuple[str, ...], fmt: str) -> None:
    if opts.output and opts.out:
        raise UsageError("use -o FILE (one letter) or --out DIR, not both")
    if opts.output and len(langs) > 1:
        raise UsageError("-o writes one language; use --out DIR with --lang both")
    if not (opts.output or opts.out) and fmt in ("docx", "html", "pdf") and len(langs) > 1:
        raise UsageError(f"--format {fmt} with --lang both needs --out DIR")
    if not (opts.output or opts.out) and fmt in ("docx", "pdf"):
        raise UsageError(f"--format {fmt} writes a file: add -o FILE.{fmt} or --out DIR")


def _warn_exposed(kind: CaseKind, opts: CaseOptions, given_keys: set[str]) -> None:
    """Sensitive fields in shell history or a file others can read deserve a warning."""
    sensitive = [f.id for f in kind.fields if f.sensitive]
    in_sets = [k for k in ans.parse_sets(opts.sets) if k in sensitive]
    if in_sets:
        print(
            f"warning: --set {', '.join(in_sets)} stays in your shell history; "
            "prefer --answers FILE (readable only by you)",
            file=sys.stderr,
        )
    f = opts.answers_file
    if f and f.is_file() and f.stat().st_mode & 0o077 and given_keys & set(sensitive):
        print(
            f"warning: {f} holds sensitive details others can read; chmod 600 it", file=sys.stderr
        )


def resume_hint(settings: Any, opts: CaseOptions, autosave: Path) -> str:
    """The command that goes on from the autosave, with the user's own options."""
    words = ["case", opts.kind, "--answers", str(autosave)]
    for flag, value in (("-o", opts.output), ("--out", opts.out), ("--format", opts.fmt),
                        ("--state", opts.state), ("--save", opts.save)):  # fmt: skip
        if value:
            words += [flag, str(value)]
    return invocation.command(settings, *words, *(["--force"] if opts.force else []))


def from_autosave(kind: CaseKind, opts: CaseOptions) -> bool:
    """Is --answers the interview's own autosave (the command a stopped interview gives)?"""
    f = opts.answers_file
    return f is not None and f.resolve() == savefile.case_path(kind.id).resolve()


def collect(
    pack: Pack, kind: CaseKind, settings: Any, opts: CaseOptions
) -> tuple[dict[str, str], bool]:
    """Fields from --answers, --set and --state; interview for the rest at a terminal.

    Also says whether the autosave was used (an interview ran, or --answers named it).
    Resuming from the autosave shows the review screen again before the letter is made.
    """
    fpack = casedoc.field_pack(pack, kind)
    raw: dict[str, Any] = ans.load_file(opts.answers_file) if opts.answers_file else {}
    sets = ans.parse_sets(opts.sets)
    # The state is not a field: it picks the addressee (pardon) or fills titles (the rest).
    state = opts.state or sets.pop("state", "") or raw.pop("state", "")
    given = ans.validate(fpack, raw, str(opts.answers_file)) if raw else {}
    given.update(ans.validate(fpack, sets, "--set"))
    if state:
        given["state"] = ans.coerce(casedoc.STATE_QUESTION, state, origin="--state")
    _warn_exposed(kind, opts, set(given))
    used = from_autosave(kind, opts)
    at_terminal = advising.interactive()
    if ans.missing(fpack, given) and not at_terminal:
        ans.require(fpack, given)
    elif at_terminal and (ans.missing(fpack, given) or used):
        used = True
        from pipeline_cli.interview.session import run_interview

        autosave = savefile.case_path(kind.id)
        hint = resume_hint(settings, opts, autosave)
        given = run_interview(fpack, settings.langs[0], given, autosave, hint, DONE)
    if opts.save:
        savefile.save(opts.save, given)
    return given, used


def facts_of(pack: Pack, kind: CaseKind, given: dict[str, str]) -> StateFacts | None:
    code = given.get("state", "")
    if not code:
        return None
    return ans.facts_for(pack, given)


def run_case(settings: Any, opts: CaseOptions, today: dt.date | None = None) -> None:
    pack = settings.pack()
    kind = find_kind(pack, opts.kind)
    langs: tuple[str, ...] = settings.langs
    fmt = output_format(opts)
    check_options(opts, langs, fmt)
    targets = _targets(kind, opts, langs, fmt)
    for path in targets.values():
        pathcheck.check_paths(path.parent, [path])
    writers.refuse_existing(targets.values(), force=opts.force)
    savefile.refuse_existing(opts.save, opts.force)
    writers.remove_stale_temps(targets.values())
    autosave = savefile.case_path(kind.id)
    try:
        used_autosave = _make_letter(pack, kind, settings, opts, targets, fmt, today)
    except BaseException as exc:
        if autosave.is_file() and str(autosave) not in str(exc):  # else the message says it
            print(f"note: your answers are still saved in {autosave} (readable only by you); "
                  "delete it when you no longer need it", file=sys.stderr)  # fmt: skip
        raise
    if used_autosave and autosave.is_file():
        autosave.unlink()  # the details live on only where the user puts them
        print(f"removed the saved answers {autosave}; the letter holds them now", file=sys.stderr)
    elif autosave.is_file():
        print(f"note: answers from a stopped interview remain in {autosave}", file=sys.stderr)


def _make_letter(
    pack: Pack,
    kind: CaseKind,
    settings: Any,
    opts: CaseOptions,
    targets: dict[str, Path],
    fmt: str,
    today: dt.date | None,
) -> bool:
    """Collect, render and print or write the letter; True if it came from the autosave."""
    from pipeline_cli.documents.render import Renderer

    langs: tuple[str, ...] = settings.langs
    given, used_autosave = collect(pack, kind, settings, opts)
    facts = facts_of(pack, kind, given)
    renderer = Renderer(pack)
    docs = {}
    for lang in langs:
        ctx = casedoc.case_doc(pack, kind, given, facts, lang, today or dt.date.today())
        docs[lang] = renderer.document(f"case_{kind.id}", lang, ctx)
    if given.get("case_stage") == "not_in_proceedings":
        print(NOT_IN_PROCEEDINGS, file=sys.stderr)
    if not targets:
        sep = "\n---\n\n"
        text = sep.join(
            writers.encode(docs[lang], fmt, lang, renderer.html).decode("utf-8") for lang in langs
        )
        sys.stdout.write(text)
        return used_autosave
    for lang, path in targets.items():
        writers.write_atomic(path, writers.encode(docs[lang], fmt, lang, renderer.html))
        print(f"wrote {path} (readable only by you)", file=sys.stderr)
    return used_autosave


def _targets(
    kind: CaseKind, opts: CaseOptions, langs: tuple[str, ...], fmt: str
) -> dict[str, Path]:
    """Where each language's letter goes; empty means standard output."""
    if opts.output:
        return {langs[0]: opts.output}
    if opts.out:
        return {lang: opts.out / lang / f"case_{kind.id}.{fmt}" for lang in langs}
    return {}
