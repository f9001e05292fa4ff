"""PDF from printed sheets, typeset by typst; the only module that imports typst.

typst's Python wheel carries its compiler and its fonts (Libertinus Serif covers every Spanish
letter and mark), so a PDF needs no browser and no system library. The layout is
`print.typ`; the text goes in as JSON data, never as Typst markup, so nothing in a pack or an
answer can change the layout. System fonts are ignored: the same input gives the same PDF on
every machine.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

import typst

from pipeline_cli.documents import pages
from pipeline_cli.errors import PipelineError

AUTHOR = "pipeline-cli"
BODY_PT = 10.5  # body text on a Letter page


@cache
def _compiler() -> tuple[typst.Compiler, bytes]:
    layout = resources.files("pipeline_cli.documents").joinpath("print.typ").read_bytes()
    return typst.Compiler(ignore_system_fonts=True), layout


def _item(item: pages.Item) -> dict[str, Any]:
    if isinstance(item, pages.Figure):
        return {"kind": "figure", "svg": item.svg, "height": item.height}
    data = asdict(item)
    data["items"] = [[asdict(s) for s in spans] for spans in item.items]
    return data


def to_pdf(sheets: list[pages.Sheet], lang: str, *, size: float = BODY_PT) -> bytes:
    """The sheets as a Letter PDF (landscape when languages sit side by side)."""
    title = pages.title(sheets)
    doc = {
        "lang": lang,
        "title": title,
        "author": AUTHOR,
        "size": size,
        "sheets": [
            [{"lang": c.lang, "items": [_item(i) for i in c.items]} for c in sheet]
            for sheet in sheets
        ],
    }
    compiler, layout = _compiler()
    try:
        pdf = compiler.compile(
            input=layout, format="pdf", sys_inputs={"doc": json.dumps(doc, ensure_ascii=False)}
        )
    except typst.TypstError as exc:  # a bug in print.typ, not in the user's input
        raise PipelineError(f"cannot typeset the PDF: {exc.message}") from None
    assert isinstance(pdf, bytes)
    return pdf


def markdown_pdf(markdown: str, lang: str) -> bytes:
    """A letter, script or plan as a PDF: one column, as many pages as it needs."""
    return to_pdf(pages.flowing(markdown, lang), lang)
