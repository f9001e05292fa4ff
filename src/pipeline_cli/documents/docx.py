"""Word documents from our Markdown; the only module that imports python-docx."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml.etree import SubElement

from pipeline_cli.documents import markdown

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Tag names, spelled out once: a state's batch builds millions of elements.
_R, _RPR, _T, _B, _I, _BR = (qn(t) for t in ("w:r", "w:rPr", "w:t", "w:b", "w:i", "w:br"))
_P, _PPR, _PSTYLE, _VAL = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:val"))
_RFONTS = qn("w:rFonts")
_FONT_ATTRS = tuple(qn(a) for a in ("w:ascii", "w:hAnsi", "w:cs"))


def _run(p: Any, text: str, bold: bool = False, italic: bool = False, mono: bool = False) -> Any:
    """A run of text, its formatting in the schema's order (fonts, bold, italic)."""
    r = SubElement(p, _R)
    if bold or italic or mono:
        props = SubElement(r, _RPR)
        if mono:
            fonts = SubElement(props, _RFONTS)
            for attr in _FONT_ATTRS:
                fonts.set(attr, "Courier New")
        if bold:
            SubElement(props, _B)
        if italic:
            SubElement(props, _I)
    if text:
        node = SubElement(r, _T)
        node.text = text
        node.set(_XML_SPACE, "preserve")
    return r


def _runs(p: Any, spans: tuple[markdown.Span, ...]) -> None:
    """Runs for the spans; a link's address follows its text, as on paper."""
    for n, s in enumerate(spans):
        if s.br:
            SubElement(_run(p, ""), _BR)
            continue
        _run(p, s.text, s.bold, s.italic)
        last = n + 1 == len(spans) or spans[n + 1].url != s.url
        if s.url and last:
            text = "".join(x.text for x in spans[: n + 1] if x.url == s.url)
            if text.strip() != s.url:
                _run(p, f" ({s.url})")


def _rule(p: Any) -> None:
    """A bottom border on an empty paragraph: Word's own horizontal line."""
    props = p.find(qn("w:pPr"))
    if props is None:
        props = SubElement(p, qn("w:pPr"))
    border = SubElement(props, qn("w:pBdr"))
    bottom = SubElement(border, qn("w:bottom"))
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "999999")):
        bottom.set(qn(key), value)


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
    """One parsed, trimmed document reused for every file, so no file parses the template
    again and memory stays flat over a batch. Each file clears the body and fills it with
    WordprocessingML built directly (python-docx's paragraph API searches the body on every
    call); the package's other parts are the same in every file, so their bytes are kept and
    only the body and the core properties (title, language) are written anew."""

    def __init__(self) -> None:
        self.doc = Document()
        self.doc.styles["Normal"].font.size = Pt(11)
        _prune_styles(self.doc)
        _drop_parts(self.doc)
        self.body = self.doc.element.body
        self.end = self.body.find(qn("w:sectPr"))  # paragraphs go before the section's setup
        self.style_ids = {_style_name(s.element): s.style_id for s in self.doc.styles}
        saved = io.BytesIO()
        self.doc.save(saved)
        with zipfile.ZipFile(saved) as z:
            self.parts = [(info.filename, z.read(info)) for info in z.infolist()]

    def clear(self) -> None:
        for child in list(self.body):
            if child is not self.end:
                self.body.remove(child)

    def para(self, style: str = "") -> Any:
        p = self.body.makeelement(_P, {})
        if style:
            props = SubElement(p, _PPR)
            SubElement(props, _PSTYLE).set(_VAL, self.style_ids[style.lower()])
        self.end.addprevious(p)
        return p

    def save(self) -> bytes:
        """The package: the same parts as the base (stored as they are: compressing the same
        30 kB again for every file cost more than the letter), with a new body and title."""
        fresh = {
            "word/document.xml": self.doc.part.blob,
            "docProps/core.xml": self.doc.part.package._core_properties_part.blob,
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
            for name, data in self.parts:
                if name in fresh:
                    # The fastest deflate: about 10% larger, in half the time.
                    z.writestr(name, fresh[name], zipfile.ZIP_DEFLATED, compresslevel=1)
                else:
                    z.writestr(name, data)
        return out.getvalue()


@cache
def _base() -> _Base:
    return _Base()


def prepare() -> None:
    """Parse the base document now (a batch's workers then start with it)."""
    _base()


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
                _run(p, b.marker)
            _runs(p, b.spans)
        elif b.kind == "rule":
            _rule(para())
        elif b.kind == "code":
            _run(para(), b.spans[0].text, mono=True)
        else:
            _runs(para("Quote" if b.depth else ""), b.spans)
    data = base.save()
    base.clear()
    return data
