"""The small Markdown subset our templates write, parsed into blocks for txt, html and docx.

Supported: `#` headings, paragraphs (a line ending in a backslash breaks the line), `- `
bullets, `1. ` numbered items, `---` rules, `**bold**` and `[text](url)` links, and a backslash
before a mark (`\\*`, `\\[`, `\\#`) to write the mark itself. That is all a letter or script
needs, and keeping it this small means every output format renders the same document the same
way.

Text from answers and packs is made inert by `escape` before a template sees it (`inert`), so
a name can never become a heading, a list, bold type or a link.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Any

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
_MARKS = "\\*[]#-+.()"
_ESCAPED = re.compile(r"\\([" + re.escape(_MARKS) + "])")
_HOLD = 0xE000  # private-use code points stand in for escaped marks while spans are found
_SPECIAL = re.compile(r"[\\*\[\]]")
_LINE_END = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
_LEADING = re.compile(r"^(?:(#(?=#*(?:\s|$))|-(?=\s|-|$))|\d+(?=[.)](?:\s|$)))")


def escape(text: str) -> str:
    """`text` as inert Markdown: one line, its marks escaped; shown as is in every format."""
    text = _LINE_END.sub(" ", text)
    text = _SPECIAL.sub(lambda m: "\\" + m.group(), text)
    lead = _LEADING.match(text)
    if lead is None:
        return text
    if lead.group(1):  # "# x", "- x", "---": a heading, bullet or rule at the start of a line
        return "\\" + text
    return f"{text[: lead.end()]}\\{text[lead.end() :]}"  # "1. x": a numbered item


def inert(value: Any) -> Any:
    """Every string in a template context (dicts and lists within) passed through `escape`."""
    if isinstance(value, str):
        return (
            escape(value)
            if _SPECIAL.search(value) or _LEADING.match(value) or (_LINE_END.search(value))
            else value
        )
    if isinstance(value, dict):
        return {k: inert(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(inert(v) for v in value)
    return value


def _hold(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(_HOLD + _MARKS.index(m.group(1))), text)


def _release(text: str) -> str:
    return "".join(
        _MARKS[ord(c) - _HOLD] if _HOLD <= ord(c) < _HOLD + len(_MARKS) else c for c in text
    )


def _breaks(line: str) -> bool:
    """A line ending in a backslash that is not itself escaped breaks the line."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


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
    for n, piece in enumerate(_hold(text).split("\\\n")):
        if n:
            spans.append(Span("break", "\n"))
        pos = 0
        for m in _INLINE.finditer(piece):
            if m.start() > pos:
                spans.append(Span("text", _release(piece[pos : m.start()])))
            if m.group("bold") is not None:
                spans.append(Span("bold", _release(m.group("bold"))))
            else:
                spans.append(Span("link", _release(m.group("text")), _release(m.group("url"))))
            pos = m.end()
        if pos < len(piece):
            spans.append(Span("text", _release(piece[pos:])))
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
            text = "".join(line[:-1] + "\\\n" if _breaks(line) else line + " " for line in para)
            text = text.rstrip(" ")
            blocks.append(Block("para", inline(text[:-2] if text.endswith("\\\n") else text)))
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
