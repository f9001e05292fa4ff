"""The small Markdown subset our templates write, parsed into blocks for txt, html and docx.

Supported: `#` headings, paragraphs (a line ending in a backslash breaks the line), `- `
bullets, `1. ` numbered items, `---` rules, `**bold**` and `[text](url)` links. That is all
a letter or script needs, and keeping it this small means every output format renders the
same document the same way.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")


@dataclass(frozen=True)
class Span:
    kind: str  # text | bold | link | break
    text: str
    url: str = ""


@dataclass(frozen=True)
class Block:
    kind: str  # heading | para | bullets | numbered | rule
    spans: tuple[Span, ...] = ()
    level: int = 0
    items: tuple[tuple[Span, ...], ...] = ()


def inline(text: str) -> tuple[Span, ...]:
    """Split a line of text into plain, bold, link and line-break spans."""
    spans: list[Span] = []
    for n, piece in enumerate(text.split("\\\n")):
        if n:
            spans.append(Span("break", "\n"))
        pos = 0
        for m in _INLINE.finditer(piece):
            if m.start() > pos:
                spans.append(Span("text", piece[pos : m.start()]))
            if m.group("bold") is not None:
                spans.append(Span("bold", m.group("bold")))
            else:
                spans.append(Span("link", m.group("text"), m.group("url")))
            pos = m.end()
        if pos < len(piece):
            spans.append(Span("text", piece[pos:]))
    return tuple(spans)


def parse(markdown: str) -> list[Block]:
    """Blocks of `markdown`, in order."""
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []
    list_kind = ""

    def flush() -> None:
        nonlocal list_kind
        if para:
            # A line ending in a backslash keeps its break; other lines join with a space.
            text = "".join(
                line[:-1] + "\\\n" if line.endswith("\\") else line + " " for line in para
            )
            blocks.append(Block("para", inline(text.rstrip(" \\\n"))))
            para.clear()
        if items:
            blocks.append(Block(list_kind, items=tuple(inline(i) for i in items)))
            items.clear()
            list_kind = ""

    for raw in markdown.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        heading, bullet, numbered = (
            _HEADING.match(stripped),
            _BULLET.match(stripped),
            _NUMBERED.match(stripped),
        )
        if not stripped:
            flush()
        elif stripped == "---":
            flush()
            blocks.append(Block("rule"))
        elif heading:
            flush()
            blocks.append(Block("heading", inline(heading.group(2)), level=len(heading.group(1))))
        elif bullet or numbered:
            kind = "bullets" if bullet else "numbered"
            if para or (items and list_kind != kind):
                flush()
            list_kind = kind
            items.append((bullet or numbered).group(1))  # type: ignore[union-attr]
        elif items and raw.startswith("  "):
            items[-1] += " " + stripped  # a continuation line of the last item
        else:
            if items:
                flush()
            para.append(stripped)
    flush()
    return blocks


def plain(spans: tuple[Span, ...]) -> str:
    """Spans as plain text: links keep their address in parentheses."""
    parts = []
    for s in spans:
        if s.kind == "link":
            parts.append(s.text if s.text == s.url else f"{s.text} ({s.url})")
        else:
            parts.append(s.text)
    return "".join(parts)


def _mark(kind: str, n: int) -> str:
    return "- " if kind == "bullets" else f"{n}. "


def to_text(markdown: str, width: int = 78) -> str:
    """Markdown as plain text: underlined headings, wrapped paragraphs, dashed lists.

    Lines break only at spaces: hyphenated words and web addresses stay whole.
    """
    wrap = textwrap.TextWrapper(width, break_long_words=False, break_on_hyphens=False)
    out: list[str] = []
    for b in parse(markdown):
        if b.kind == "heading":
            title = plain(b.spans)
            out += [title, ("=" if b.level == 1 else "-") * len(title), ""]
        elif b.kind == "para":
            for line in plain(b.spans).split("\n"):
                out += wrap.wrap(line.strip()) or [""]
            out.append("")
        elif b.kind in ("bullets", "numbered"):
            for n, item in enumerate(b.items, start=1):
                wrap.initial_indent = _mark(b.kind, n)
                wrap.subsequent_indent = " " * len(wrap.initial_indent)
                out += wrap.wrap(plain(item))
            wrap.initial_indent = wrap.subsequent_indent = ""
            out.append("")
        else:
            out += ["-" * min(width, 40), ""]
    return "\n".join(out).rstrip() + "\n"


def words_text(markdown: str) -> str:
    """The words of a document, unwrapped: what to_text shows, without its layout.

    Counting words in this is the same as counting them in to_text, at a fraction of the cost
    (the public-comment fitter counts every draft).
    """
    out: list[str] = []
    for b in parse(markdown):
        if b.kind in ("heading", "para"):
            out.append(plain(b.spans))
        elif b.kind in ("bullets", "numbered"):
            out += [_mark(b.kind, n) + plain(item) for n, item in enumerate(b.items, start=1)]
    return "\n".join(out)
