"""Blocks for printed pages: the CommonMark parse (markdown.py) grouped the way a page lays it out.

The HTML sheets (`_blocks.html.j2`) and the PDF layout (`print.typ`) draw headings, paragraphs,
bulleted and numbered lists and rules, with bold, italic, link and line-break spans. The parse
gives list items one by one, each with its marker; here consecutive top-level items become one
list, and every span is tagged with what it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_cli.documents import markdown


@dataclass(frozen=True)
class Span:
    """A run of printed text: plain, bold, italic or a link."""

    kind: str  # text | bold | italic | link | break
    text: str
    url: str = ""


@dataclass(frozen=True)
class Block:
    """A printed block: a paragraph, heading or list."""

    kind: str  # heading | para | bullets | numbered | rule
    spans: tuple[Span, ...] = ()
    level: int = 0
    items: tuple[tuple[Span, ...], ...] = ()


def _span(s: markdown.Span) -> Span:
    if s.br:
        return Span("break", "\n")
    if s.url:
        return Span("link", s.text, s.url)
    return Span("bold" if s.bold else "italic" if s.italic else "text", s.text)


def _spans(spans: tuple[markdown.Span, ...]) -> tuple[Span, ...]:
    return tuple(_span(s) for s in spans)


def parse(text: str) -> list[Block]:
    """The document as printable blocks, in order."""
    out: list[Block] = []
    for b in markdown.parse(text):
        if b.kind == "item":
            kind = "numbered" if b.ordered else "bullets"
            spans = _spans(b.spans)
            if b.marker and b.depth > 1:  # a nested item: shown indented under its parent
                spans = (Span("text", "    " + b.marker), *spans)
            last = out[-1] if out else None
            if last is not None and last.kind == kind and (not b.marker or b.depth > 1):
                items = list(last.items)
                if b.marker:
                    items.append(spans)
                else:  # a further paragraph of the same item
                    items[-1] = (*items[-1], Span("break", "\n"), *spans)
                out[-1] = Block(kind, items=tuple(items))
            elif last is not None and last.kind == kind and b.marker and b.depth == 1:
                out[-1] = Block(kind, items=(*last.items, spans))
            else:
                out.append(Block(kind, items=(spans,)))
        elif b.kind == "heading":
            out.append(Block("heading", _spans(b.spans), level=b.level))
        elif b.kind in ("para", "code"):
            out.append(Block("para", _spans(b.spans)))
        else:
            out.append(Block("rule"))
    return out


def plain(spans: tuple[Span, ...]) -> str:
    return "".join(s.text for s in spans)
