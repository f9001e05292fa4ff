"""Text from users and packs is text: the characters it may not hold, and how long it may be.

Letters are Markdown and are printed on terminals: a line break in a name could start a
heading, and an escape sequence (ESC, CSI) could retitle, clear or hide a terminal. YAML strings
(packs and answers files) and every answer (--set, CSV cells, prompts) are checked here.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL, except tab and newline; plus the Unicode line and paragraph
# separators, which end a line for str.splitlines() and so for the Markdown we write.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# The longest answer accepted: a name, title or address on one line; a few pages of long text.
MAX_LINE = 1_000
MAX_LONG = 20_000


def control_problem(text: str) -> str:
    """'' when `text` is clean, else which character is wrong and where."""
    found = CONTROL.search(text)
    if found is None:
        return ""
    return f"holds a control character (U+{ord(found.group()):04X}) at position {found.start() + 1}"


def strip_controls(text: str) -> str:
    """`text` without control characters (tab and newline kept): for what we print or write."""
    return CONTROL.sub("", text)


def answer_text(raw: str, *, long: bool) -> tuple[str, str]:
    """(the answer's text, '' or the problem with it): one line unless `long`, no controls."""
    text = raw.replace("\r\n", "\n").replace("\t", " ").strip()
    if not long and "\n" in text:
        return text, "holds a line break; give it on one line"
    problem = control_problem(text)
    if problem:
        return text, f"{problem}; remove it"
    limit = MAX_LONG if long else MAX_LINE
    if len(text) > limit:
        return text, f"is {len(text)} characters long; at most {limit} are accepted"
    return text, ""
