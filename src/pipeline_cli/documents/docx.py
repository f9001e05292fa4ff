"""Word documents from our Markdown subset; the only module that imports python-docx."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline_cli.documents import mdlite


def _runs(paragraph: Any, spans: tuple[mdlite.Span, ...]) -> None:
    for s in spans:
        if s.kind == "break":
            paragraph.add_run().add_break()
        elif s.kind == "bold":
            paragraph.add_run(s.text).bold = True
        else:
            paragraph.add_run(mdlite.plain((s,)))


def _rule(paragraph: Any) -> None:
    """A bottom border on an empty paragraph: Word's own horizontal line."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "999999")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def to_docx(markdown: str, lang: str) -> bytes:
    """The document as .docx bytes: headings, paragraphs, bulleted and numbered lists."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    blocks = mdlite.parse(markdown)
    doc.core_properties.title = next(
        (mdlite.plain(b.spans) for b in blocks if b.kind == "heading"), ""
    )
    doc.core_properties.language = lang
    # python-docx looks a style name up by scanning every style, for every paragraph (most of
    # the time a letter took); look each up once and set the paragraph's style id directly.
    style_ids: dict[str, str] = {}

    def para(style: str = "") -> Any:
        p = doc.add_paragraph()
        if style:
            if style not in style_ids:
                style_ids[style] = doc.styles[style].style_id
            p._p.style = style_ids[style]
        return p

    for b in blocks:
        if b.kind == "heading":
            _runs(para(f"Heading {min(b.level, 9)}"), b.spans)
        elif b.kind == "para":
            _runs(para(), b.spans)
        elif b.kind == "bullets":
            for item in b.items:
                _runs(para("List Bullet"), item)
        elif b.kind == "numbered":
            # Word's "List Number" keeps counting across lists; explicit numbers stay right.
            for n, item in enumerate(b.items, start=1):
                p = para("List")
                p.add_run(f"{n}. ")
                _runs(p, item)
        else:
            _rule(para())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
