"""Writing output files: formats, overwrite rules, atomic owner-only writes.

Outputs may hold case details (names, contacts), so every file is created 0600 and every
folder we create 0700; each file is written to a temp file in its own folder and moved into
place with os.replace, so a reader never sees half a letter.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path

from pipeline_cli.documents import markdown
from pipeline_cli.errors import PipelineError, UsageError

FORMATS = ("md", "txt", "html", "docx", "pdf")
_LIST_AT_MOST = 20
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_SYNC_EACH = ContextVar("sync_each_file", default=True)
# Folders known to exist in one batch (one_sync): checking each file's parents cost a tenth of it.
_MADE: ContextVar[set[Path] | None] = ContextVar("folders_made", default=None)


def refuse_existing(
    paths: Iterable[Path], *, force: bool = False, skip_existing: bool = False
) -> set[Path]:
    """Check every destination before anything is written.

    Returns the existing files to leave alone (with skip_existing); raises when files exist
    and neither flag allows it.
    """
    if force and skip_existing:
        raise UsageError("use either --force or --skip-existing, not both")
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    if not existing or force:
        return set()
    if skip_existing:
        return set(existing)
    shown = "\n".join(f"  {p}" for p in existing[:_LIST_AT_MOST])
    more = len(existing) - _LIST_AT_MOST
    tail = f"\n  ... and {more} more" if more > 0 else ""
    raise PipelineError(
        f"{len(existing)} output file(s) already exist; nothing was written:\n{shown}{tail}\n"
        "use --force to overwrite them, or --skip-existing to keep them and write the rest"
    )


def make_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents, owner-only; existing folders are untouched."""
    made = _MADE.get()
    if made is not None and folder in made:
        return
    missing = []
    for p in (folder, *folder.parents):
        if p.is_dir():
            break
        missing.append(p)
    try:
        for p in reversed(missing):
            try:
                p.mkdir(mode=0o700)
            except FileExistsError:
                if not p.is_dir():  # a batch's other worker may have just made it
                    raise
    except FileExistsError:
        raise PipelineError(f"{p}: exists and is not a folder; choose another --out") from None
    except OSError as exc:
        raise PipelineError(f"{p}: cannot create folder: {exc.strerror}") from None
    if made is not None:
        made.add(folder)


def _temp_stem(name: str) -> str:
    """The start of a temp file's name: `.{name}`, cut so the whole name fits in 255 bytes."""
    return "." + os.fsencode(name)[:200].decode(errors="ignore")


_TEMP = re.compile(r"^(\..*)\.[0-9a-f]{12}\.tmp$")


def remove_stale_temps(paths: Iterable[Path]) -> None:
    """Remove temp files an earlier, killed run left beside these destinations (only ours:
    `.{name}.{12 hex digits}.tmp` for a name we are about to write)."""
    folders: dict[Path, set[str]] = {}
    for p in paths:
        folders.setdefault(p.parent, set()).add(_temp_stem(p.name))
    for folder, stems in folders.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # not there yet: nothing stale
        for entry in entries:
            m = _TEMP.match(entry.name)
            if m and m.group(1) in stems and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temp file in the same folder; the file ends up 0600."""
    make_dirs(path.parent)
    # The temp name is known before the file exists, so a Ctrl-C at any point (even between
    # open() and its return) is cleaned up below; mkstemp would leave that window open.
    tmp = str(path.parent / f"{_temp_stem(path.name)}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if _SYNC_EACH.get():
                os.fsync(fh.fileno())
        os.replace(tmp, path)  # created 0600 above; a umask can only take bits away
    except BaseException as exc:
        if not isinstance(exc, FileExistsError):  # that temp file is not ours
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise PipelineError(f"{path}: cannot write: {exc.strerror}") from None
        raise


@contextlib.contextmanager
def one_sync() -> Iterator[None]:
    """Many files, one flush to disk at the end (also on Ctrl-C) instead of one per file.

    A batch over every county of a state spent most of its time in per-file fsync. Each
    file still appears whole (temp file + os.replace); only durability across a power cut
    waits for the end of the block.
    """
    try:
        with many_files():
            yield
    finally:
        sync = getattr(os, "sync", None)  # not on Windows, where files are flushed on close
        if sync is not None:
            sync()


@contextlib.contextmanager
def many_files() -> Iterator[None]:
    """No flush per file, folders made remembered; whoever opened one_sync flushes at its end
    (a batch's worker processes write inside this, the main process syncs once)."""
    token = _SYNC_EACH.set(False)
    made = _MADE.set(set())
    try:
        yield
    finally:
        _MADE.reset(made)
        _SYNC_EACH.reset(token)


def encode(text: str, fmt: str, lang: str, html: Callable[[str, str], str]) -> bytes:
    """A rendered Markdown document in `fmt`; `html(markdown, lang)` makes the HTML page."""
    if fmt == "md":
        return text.encode("utf-8")
    if fmt == "txt":
        return markdown.to_text(text).encode("utf-8")
    if fmt == "html":
        return html(text, lang).encode("utf-8")
    if fmt == "docx":
        from pipeline_cli.documents import docx as docx_writer

        return docx_writer.to_docx(text, lang)
    if fmt == "pdf":
        from pipeline_cli.documents import pdf

        return pdf.markdown_pdf(text, lang)
    raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
