"""Text from answers and packs is text: escaped so CommonMark shows it as typed.

A name typed into an answer, a CSV cell or a pack's text may hold Markdown's marks; escaped
here before a template sees it, it can never become a heading, a list, bold type or a link.
"""

from __future__ import annotations

import re
from typing import Any

# Inline marks CommonMark acts on, escaped wherever they stand (a backslash before ASCII
# punctuation always means the character itself). `_` only at a word's edge (inside a word,
# as in an id like `public_comment`, it is no mark, and ids are looked up by templates); `<`
# only where it would open an autolink (raw HTML is never passed through anyway); `&` only
# where it would start an entity.
_INLINE_MARKS = re.compile(
    r"([\\`*\[\]]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])"
    r"|<(?=[A-Za-z][A-Za-z0-9+.\-]{1,31}:|[^\s<>@]+@))|&(?=#?\w+;)"
)
# Marks that act only at the start of a line: a heading, a quote, a list item, a rule or a
# setext underline; "1.0" or "#5" start nothing.
_LEADING = re.compile(
    r"^(?:(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|(?:-\s*){3,}$|=+\s*$)|(\d{1,9})([.)])(?=\s|$))"
)
_LINE_END = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
_NEEDS = re.compile(r"[\\`*_\[\]<&\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


# Strings already made inert: a batch meets the same pack texts in every county's documents.
_DONE: dict[str, str] = {}
_DONE_MAX = 50_000


def escape(text: str) -> str:
    """`text` as inert Markdown: one line, every mark escaped; every format shows it as is."""
    text = _LINE_END.sub(" ", text).strip()
    text = _INLINE_MARKS.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    lead = _LEADING.match(text)
    if lead is None:
        return text
    if lead.group(1):
        return "\\" + text
    return f"{lead.group(2)}\\{text[lead.end(2) :]}"  # "1. x" would start a numbered item


def _text(value: str) -> str:
    done = _DONE.get(value)
    if done is None:
        done = escape(value) if _NEEDS.search(value) or _LEADING.match(value) else value
        if len(_DONE) >= _DONE_MAX:
            _DONE.clear()
        _DONE[value] = done
    return done


def inert(value: Any, memo: dict[int, tuple[Any, Any]] | None = None) -> Any:
    """Every string in a template context (dicts and lists within) passed through `escape`.

    `memo` keeps what was made of each dict and list (with the object itself, so its id stays
    its own): a context shared by a target's letter, comment and script is escaped once.
    """
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is not dict and kind is not list and kind is not tuple:
        if isinstance(value, str):  # a str subclass (Markup) is text too
            return _text(value)
        if not isinstance(value, (dict, list, tuple)):
            return value
    if memo is not None:
        hit = memo.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
    if isinstance(value, dict):
        out: Any = {
            k: _text(v) if type(v) is str else inert(v, memo) if _nests(v) else v
            for k, v in value.items()
        }
    else:
        items = (_text(v) if type(v) is str else inert(v, memo) if _nests(v) else v for v in value)
        out = type(value)(items)
    if memo is not None:
        memo[id(value)] = (value, out)
    return out


def _nests(value: Any) -> bool:
    return isinstance(value, (dict, list, tuple, str))
