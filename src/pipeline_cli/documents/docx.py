"""Word documents from our Markdown; the only module that imports python-docx."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline_cli.documents import markdown

# Word's built-in list styles by nesting depth (python-docx's default template has these).
_BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
_NUMBERS = ("List", "List 2", "List 3")
_CONTINUE = ("List Continue", "List Continue 2", "List Continue 3")


def _runs(paragraph: Any, spans: tuple[markdown.Span, ...]) -> None:
    """Runs for the spans; a link's address follows its text, as on paper."""
    for n, s in enumerate(spans):
        if s.br:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(s.text)
        run.bold = s.bold or None
        run.italic = s.italic or None
        last = n + 1 == len(spans) or spans[n + 1].url != s.url
        if s.url and last:
            text = "".join(x.text for x in spans[: n + 1] if x.url == s.url)
            if text.strip() != s.url:
                paragraph.add_run(f" ({s.url})")


def _rule(paragraph: Any) -> None:
    """A bottom border on an empty paragraph: Word's own horizontal line."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "999999")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _list_style(b: markdown.Block) -> str:
    depth = min(max(b.depth, 1), 3) - 1
    if not b.marker:
        return _CONTINUE[depth]
    return _NUMBERS[depth] if b.ordered else _BULLETS[depth]


def to_docx(markdown_text: str, lang: str) -> bytes:
    """The document as .docx bytes: headings, paragraphs, bulleted and numbered lists."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    blocks = markdown.parse(markdown_text)
    doc.core_properties.title = next(
        (markdown.plain(b.spans) for b in blocks if b.kind == "heading"), ""
    )
    doc.core_properties.language = lang
    doc.core_properties.author = ""
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
        elif b.kind == "item":
            p = para(_list_style(b))
            if b.ordered and b.marker:
                # Word's "List Number" keeps counting across lists; explicit numbers stay right.
                p.add_run(b.marker)
            _runs(p, b.spans)
        elif b.kind == "rule":
            _rule(para())
        elif b.kind == "code":
            p = para()
            p.add_run(b.spans[0].text).font.name = "Courier New"
        else:
            _runs(para("Quote" if b.depth else ""), b.spans)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
