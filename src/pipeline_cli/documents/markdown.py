"""The Markdown our templates write, read by a CommonMark parser (markdown-it-py).

HTML comes straight from the parser. Plain text and Word walk the same parse, flattened into
`Block`s: headings, paragraphs, list items (each with its own marker, so "1. 2. 3." survives a
list whose items are separated by blank lines), rules and quotes. Raw HTML in a template or in
pack text is never passed through: it is shown as text.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from pipeline_cli.documents.inert import escape as escape
from pipeline_cli.documents.inert import inert as inert


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class Span:
    """A run of inline text with its emphasis, link or line break."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""
    br: bool = False  # a hard line break (a line ending in a backslash)


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item of a parsed document."""

    kind: str  # heading | para | item | rule | code
    spans: tuple[Span, ...] = ()
    level: int = 0  # heading level
    depth: int = 0  # list nesting (1 = a top-level item) or quote depth
    marker: str = ""  # "- " or "3. " on the first paragraph of a list item; "" after it
    ordered: bool = False


def html(markdown: str) -> str:
    """The document's body as HTML (links the parser finds unsafe are left as text)."""
    return str(_parser().render(markdown))


def _spans(
    node: SyntaxTreeNode, bold: bool = False, italic: bool = False, url: str = ""
) -> list[Span]:
    out: list[Span] = []
    for child in node.children:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            out.append(Span(child.content, bold, italic, url))
        elif kind == "softbreak":
            out.append(Span(" ", bold, italic, url))
        elif kind == "hardbreak":
            out.append(Span("\n", bold, italic, url, br=True))
        elif kind == "strong":
            out += _spans(child, True, italic, url)
        elif kind == "em":
            out += _spans(child, bold, True, url)
        elif kind == "link":
            out += _spans(child, bold, italic, str(child.attrs.get("href", "")))
        else:  # images and anything else: their text
            out += _spans(child, bold, italic, url)
    return out


def _inline(node: SyntaxTreeNode) -> tuple[Span, ...]:
    return tuple(_spans(node.children[0])) if node.children else ()


def _walk(node: SyntaxTreeNode, out: list[Block], depth: int, quote: int) -> None:
    for child in node.children:
        kind = child.type
        if kind == "heading":
            out.append(Block("heading", _inline(child), level=int(child.tag[1:])))
        elif kind == "paragraph":
            out.append(Block("para", _inline(child), depth=quote))
        elif kind == "hr":
            out.append(Block("rule"))
        elif kind in ("fence", "code_block"):
            out.append(Block("code", (Span(child.content.rstrip("\n")),), depth=quote))
        elif kind == "blockquote":
            _walk(child, out, depth, quote + 1)
        elif kind in ("bullet_list", "ordered_list"):
            ordered = kind == "ordered_list"
            start = int(child.attrs.get("start", 1)) if ordered else 1
            for n, item in enumerate(child.children, start=start):
                first = len(out)
                _walk(item, out, depth + 1, quote)
                marker = f"{n}. " if ordered else "- "
                for i in range(first, len(out)):
                    b = out[i]
                    if b.kind in ("para", "code") and b.depth == quote and not b.marker:
                        out[i] = Block(
                            "item", b.spans, depth=depth + 1,
                            marker=marker if i == first else "", ordered=ordered,
                        )  # fmt: skip
        else:
            _walk(child, out, depth, quote)


def parse(markdown: str) -> list[Block]:
    """The document as a flat list of blocks, in order."""
    return [b for chunk in chunks(markdown) for b in _parse_chunk(chunk)]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def chunks(markdown: str) -> list[str]:
    """The document cut at blank lines where a new block starts at the margin.

    Such a cut changes no block the flat list shows: paragraphs, headings and rules end at a
    blank line; a list item keeps its own marker (so numbering survives) and its indented
    continuation stays with it; a fenced block is never cut. Letters to every county of a
    state share most of their paragraphs, so each chunk is parsed once (parsing was most of
    the cost of a Word letter).
    """
    out: list[str] = []
    current: list[str] = []
    blank = fence = False
    for line in markdown.splitlines(keepends=True):
        if blank and not fence and line[:1] not in (" ", "\t", "\n", "\r", ""):
            out.append("".join(current))
            current = []
        current.append(line)
        if _FENCE.match(line):
            fence = not fence
        blank = not line.strip()
    out.append("".join(current))
    return out


@lru_cache(maxsize=8192)
def _parse_chunk(chunk: str) -> tuple[Block, ...]:
    out: list[Block] = []
    _walk(SyntaxTreeNode(_parser().parse(chunk)), out, 0, 0)
    return tuple(out)


def plain(spans: tuple[Span, ...]) -> str:
    """Spans as plain text; a link keeps its address in parentheses unless it is its text."""
    parts: list[str] = []
    for n, s in enumerate(spans):
        parts.append(s.text)
        last = n + 1 == len(spans) or spans[n + 1].url != s.url
        if s.url and last:
            text = "".join(x.text for x in spans[: n + 1] if x.url == s.url)
            if text.strip() != s.url:
                parts.append(f" ({s.url})")
    return "".join(parts)


def title(markdown: str) -> str:
    """The text of the first heading ("" if there is none)."""
    return next((plain(b.spans) for b in parse(markdown) if b.kind == "heading"), "")


def to_text(markdown: str, width: int = 78) -> str:
    """Plain text: underlined headings, wrapped paragraphs, numbered and dashed lists.

    Lines break only at spaces: hyphenated words and web addresses stay whole.
    """
    wrap = textwrap.TextWrapper(width, break_long_words=False, break_on_hyphens=False)
    out: list[str] = []
    blocks = parse(markdown)
    for n, b in enumerate(blocks):
        if b.kind == "heading":
            head = plain(b.spans)
            out += [head, ("=" if b.level == 1 else "-") * len(head), ""]
            continue
        if b.kind == "rule":
            out += ["-" * min(width, 40), ""]
            continue
        if b.kind == "item":
            indent = "   " * (b.depth - 1)
            rest = indent + " " * (len(b.marker) or (3 if b.ordered else 2))
            first = indent + b.marker if b.marker else rest
        else:
            first = rest = "> " * b.depth
        if b.kind == "code":
            out += [first + line for line in b.spans[0].text.splitlines()]
        else:
            for i, line in enumerate(plain(b.spans).split("\n")):
                wrap.initial_indent = first if i == 0 else rest
                wrap.subsequent_indent = rest
                out += wrap.wrap(line.strip()) or [wrap.initial_indent.rstrip()]
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        if b.kind != "item" or following is None or following.kind != "item":
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def words_text(markdown: str) -> str:
    """The words of a document, unwrapped: what to_text shows, without its layout."""
    return "\n".join(
        b.marker + plain(b.spans) for b in parse(markdown) if b.kind in ("heading", "para", "item")
    )
