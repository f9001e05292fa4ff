"""Word documents from our Markdown subset; the only module that imports python-docx."""

from __future__ import annotations

import io
from functools import cache
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


# Styles the documents use; the base keeps these, the defaults and what they are based on.
_STYLES = ("normal", "heading 1", "heading 2", "heading 3", "heading 4", "list bullet", "list")


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


def to_docx(markdown: str, lang: str) -> bytes:
    """The document as .docx bytes: headings, paragraphs, bulleted and numbered lists."""
    base = _base()
    base.clear()
    doc, para = base.doc, base.para
    blocks = mdlite.parse(markdown)
    doc.core_properties.title = next(
        (mdlite.plain(b.spans) for b in blocks if b.kind == "heading"), ""
    )
    doc.core_properties.language = lang
    for b in blocks:
        if b.kind == "heading":
            _runs(para(f"Heading {min(b.level, 4)}"), b.spans)
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
    base.clear()
    return out.getvalue()
