"""Options that several commands share, defined once so their names and help stay the same."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class LetterFormat(str, Enum):
    md = "md"
    txt = "txt"
    html = "html"
    docx = "docx"


FormatOpt = Annotated[LetterFormat, typer.Option("--format", help="Format of letters and scripts.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite files in --out.")]
SkipExistingOpt = Annotated[
    bool, typer.Option("--skip-existing", help="Keep files already in --out.")
]
