"""Where interview answers are kept between runs: owner-only, written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pipeline_cli.errors import PipelineError


def default_path() -> Path:
    """$XDG_DATA_HOME/pipeline-cli/interview.yaml (default ~/.local/share/...)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pipeline-cli" / "interview.yaml"


def save(path: Path, answers: Mapping[str, str]) -> None:
    """Replace `path` with the answers, never leaving a half-written or world-readable file."""
    from pipeline_cli.pack import yamlio  # not needed by runs that save nothing

    header = "# pipeline answers (owner-only); reuse with: --answers THIS_FILE\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:  # mkstemp creates it 0600
                f.write(header + yamlio.dumps(dict(answers)))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise PipelineError(f"{path}: cannot save the answers: {exc.strerror}") from None
