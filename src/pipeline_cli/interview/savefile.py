"""Where interview answers are kept between runs: owner-only, written atomically.

`interview.yaml` in the user's data folder holds the latest interview (what --resume reads).
A finished interview is also kept under `interviews/`, one file per jurisdiction, so an earlier
place is never lost when a new interview starts; an unfinished one is kept there too when it is
stopped, unless that place already has a finished interview.

Saved answers may hold a person's details (a case letter's A-number): a file is never replaced
without --force, and every folder made for one is owner-only, parents included.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline_cli.errors import PipelineError

FINISHED = "# status: finished\n"
UNFINISHED = "# status: not finished\n"


def data_dir() -> Path:
    """The user's data folder for this program ($XDG_DATA_HOME/pipeline-cli on Linux)."""
    from platformdirs import user_data_path

    return Path(user_data_path("pipeline-cli", appauthor=False))


def default_path() -> Path:
    return data_dir() / "interview.yaml"


def archive_dir() -> Path:
    return data_dir() / "interviews"


@dataclass(frozen=True)
class Saved:
    """One saved interview: its answers as written (not yet validated) and its status."""

    path: Path
    answers: dict[str, Any]
    finished: bool

    def place(self) -> str:
        """'Pasadena, Los Angeles County, CA' (as much as is known)."""
        parts = [str(self.answers.get(k, "")) for k in ("city", "county", "state")]
        return ", ".join(p for p in parts if p) or "?"


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


def save(path: Path, answers: Mapping[str, str], finished: bool = False) -> None:
    """Replace `path` with the answers, never leaving a half-written or world-readable file."""
    from pipeline_cli.pack import yamlio  # not needed by runs that save nothing

    header = "# pipeline answers (owner-only); reuse with: --answers THIS_FILE\n"
    header += FINISHED if finished else UNFINISHED
    try:
        _make_dirs(path.parent)
        import tempfile  # only when saving: a plan that saves nothing need not load it

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


def load(path: Path) -> Saved | None:
    """The interview saved in `path`, or None when there is none (or it cannot be read)."""
    from pipeline_cli.pack import yamlio

    try:
        text = path.read_text(encoding="utf-8")
        data = yamlio.loads(text, str(path))
    except (OSError, UnicodeDecodeError, PipelineError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    return Saved(path, dict(data), FINISHED in text)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def archive_path(answers: Mapping[str, str]) -> Path | None:
    """interviews/ca-los-angeles-county-pasadena.yaml; None until state and county are known."""
    if not answers.get("state") or not answers.get("county"):
        return None
    words = [answers["state"], answers["county"], answers.get("city", "")]
    return archive_dir() / f"{slug(' '.join(w for w in words if w))}.yaml"


def archive(answers: Mapping[str, str], finished: bool) -> Path | None:
    """Keep this interview under its jurisdiction; an unfinished one never replaces a
    finished one of the same place."""
    path = archive_path(answers)
    if path is None:
        return None
    if not finished:
        earlier = load(path)
        if earlier is not None and earlier.finished:
            return None
    save(path, answers, finished)
    return path


def listing() -> list[Saved]:
    """Interviews kept by jurisdiction, the most recent first."""
    folder = archive_dir()
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime, reverse=True)
    return [s for s in (load(p) for p in paths) if s is not None]


def find(words: str) -> list[Saved]:
    """Kept interviews whose place matches `words` ('pasadena', 'CA harris', a file name)."""
    wanted = slug(words).split("-")
    return [s for s in listing() if all(w in s.path.stem.split("-") for w in wanted if w)]
