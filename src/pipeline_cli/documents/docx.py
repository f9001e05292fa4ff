"""Word documents from our Markdown; the only module that imports python-docx."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline_cli.documents import markdown


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


# Styles the documents use; the base keeps these, the defaults and what they are based on.
_STYLES = (
    "normal", "heading 1", "heading 2", "heading 3", "heading 4", "quote",
    "list bullet", "list bullet 2", "list bullet 3", "list", "list 2", "list 3",
    "list continue", "list continue 2", "list continue 3",
)  # fmt: skip
_BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
_NUMBERS = ("List", "List 2", "List 3")
_CONTINUE = ("List Continue", "List Continue 2", "List Continue 3")


def _list_style(b: markdown.Block) -> str:
    depth = min(max(b.depth, 1), 3) - 1
    if not b.marker:
        return _CONTINUE[depth]
    return _NUMBERS[depth] if b.ordered else _BULLETS[depth]


def _style_name(style: Any) -> str:
    name = style.find(qn("w:name"))
    return str(name.get(qn("w:val"))).lower() if name is not None else ""


def _prune_styles(doc: Any) -> None:
    """Drop the styles no document uses: python-docx's template carries about 800 kB of them."""
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    todo = [
        sid
        for sid, s in by_id.items()
        if _style_name(s) in _STYLES or s.get(qn("w:default")) in ("1", "true")
    ]
    keep: set[str] = set()
    while todo:
        sid = todo.pop()
        if sid in keep or sid not in by_id:
            continue
        keep.add(sid)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[sid].find(qn(tag))
            if ref is not None:
                todo.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def _drop_parts(doc: Any) -> None:
    """Parts Word does not need and every file would repeat: Word 2010 style effects, the
    template's thumbnail and its custom XML."""
    for owner in (doc.part, doc.part.package):
        for rid, rel in list(owner.rels.items()):
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind in ("stylesWithEffects", "thumbnail", "customXml"):
                del owner.rels[rid]


class _Base:
    """One parsed, trimmed document reused for every file: each file clears its body, fills it
    and saves, so no file parses the template again and memory stays flat over a batch."""

    def __init__(self) -> None:
        self.doc = Document()
        self.doc.styles["Normal"].font.size = Pt(11)
        _prune_styles(self.doc)
        _drop_parts(self.doc)
        self.body = self.doc.element.body
        self.style_ids = {_style_name(s.element): s.style_id for s in self.doc.styles}

    def clear(self) -> None:
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)

    def para(self, style: str = "") -> Any:
        p = self.doc.add_paragraph()
        if style:
            p._p.style = self.style_ids[style.lower()]
        return p


@cache
def _base() -> _Base:
    return _Base()


def to_docx(markdown_text: str, lang: str) -> bytes:
    """The document as .docx bytes: headings, paragraphs, bulleted and numbered lists."""
    base = _base()
    base.clear()
    doc, para = base.doc, base.para
    blocks = markdown.parse(markdown_text)
    doc.core_properties.title = next(
        (markdown.plain(b.spans) for b in blocks if b.kind == "heading"), ""
    )
    doc.core_properties.language = lang
    for b in blocks:
        if b.kind == "heading":
            _runs(para(f"Heading {min(b.level, 4)}"), b.spans)
        elif b.kind == "item":
            p = para(_list_style(b))
            if b.ordered and b.marker:
                # Word's "List Number" keeps counting across lists; explicit numbers stay right.
                p.add_run(b.marker)
            _runs(p, b.spans)
        elif b.kind == "rule":
            _rule(para())
        elif b.kind == "code":
            para().add_run(b.spans[0].text).font.name = "Courier New"
        else:
            _runs(para("Quote" if b.depth else ""), b.spans)
    out = io.BytesIO()
    doc.save(out)
    base.clear()
    return out.getvalue()
