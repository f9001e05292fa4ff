"""Where interview answers are kept between runs: owner-only, written atomically.

Saved answers may hold a person's details (a case letter's A-number): a file is never replaced
without --force, and every folder made for one is owner-only, parents included.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pipeline_cli.errors import PipelineError
from pipeline_cli.pack import yamlio


def default_path() -> Path:
    """$XDG_DATA_HOME/pipeline-cli/interview.yaml (default ~/.local/share/...)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pipeline-cli" / "interview.yaml"


def case_path(kind: str) -> Path:
    """Where a case-letter interview keeps its answers until the letter is made."""
    return default_path().parent / f"case-{kind}.yaml"


def refuse_existing(path: Path | None, force: bool) -> None:
    """--save FILE: an existing file is kept unless --force says to replace it."""
    if path is not None and not force and (path.exists() or path.is_symlink()):
        raise PipelineError(
            f"{path}: already exists; nothing was written. --save replaces a file only with "
            "--force; choose another file, or add --force"
        )


def _make_dirs(folder: Path) -> None:
    missing = [p for p in (folder, *folder.parents) if not p.is_dir()]
    for p in reversed(missing):  # each one owner-only, whatever the umask
        p.mkdir(mode=0o700)


def save(path: Path, answers: Mapping[str, str]) -> None:
    """Replace `path` with the answers, never leaving a half-written or world-readable file."""
    header = "# pipeline answers (owner-only); reuse with: --answers THIS_FILE\n"
    try:
        _make_dirs(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:200]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:  # mkstemp creates it 0600
                f.write(header + yamlio.dumps(dict(answers)))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise PipelineError(f"{path}: cannot save the answers: {exc.strerror}") from None
