"""The pipeline diagram as SVG: stages in order, each stage's handoffs to ICE, who controls them.

Drawn from the pack alone (every handoff in grey), or from a plan, each handoff marked with its
status in that jurisdiction. Status shows by shape, fill pattern and line style as well as by
colour, so the diagram reads the same on a black-and-white printer. Self-contained: no fonts,
scripts or images from outside; the text uses the engine's own serif (typst's Libertinus Serif
in the PDF, the browser's Georgia or Times in HTML).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from pipeline_cli.documents.statusmarks import LEGEND_ORDER, STATUS, marker, text, tick
from pipeline_cli.pack.records import Pack, Stage
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.records import Plan

WIDTH = 540.0
GAP = 9.0  # between stage columns; the flow arrow sits in it
SIZE = 7.2  # handoff text
LINE = 8.6  # its line height
FONT = "'Libertinus Serif', Georgia, 'Times New Roman', serif"
MOST_CONTROLLERS = 3

ICE = Text("ICE: immigration detention and deportation", "ICE: detención y deportación")
CONTROLS = Text("Controlled mostly by:", "Lo controlan sobre todo:")


def _width(text: str, size: float) -> float:
    """A generous estimate of the text's width (Georgia is wider than Libertinus)."""
    return len(text) * size * 0.5


def wrap(text: str, width: float, size: float) -> list[str]:
    """Words on lines no wider than `width` (by estimate); a long word gets its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class _Card:
    """One handoff in the diagram: its lines of text and its status."""

    lines: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class _Column:
    """One stage in the diagram: its title, who controls it, its handoffs."""

    title: tuple[str, ...]
    controls: tuple[str, ...]
    cards: tuple[_Card, ...]


def _controllers(pack: Pack, stage: Stage, lang: str) -> str:
    """The roles that control most of the stage's handoffs, most often named first."""
    counts = Counter(r for t in stage.touchpoints for r in t.controlled_by)
    order = {r: i for i, r in enumerate(r for t in stage.touchpoints for r in t.controlled_by)}
    top = sorted(counts, key=lambda r: (-counts[r], order[r]))[:MOST_CONTROLLERS]
    names = [pack.roles[r].name(lang) if r in pack.roles else r for r in top]
    return ", ".join(names)


def _columns(pack: Pack, lang: str, statuses: Mapping[str, str], w: float) -> list[_Column]:
    return [
        _Column(
            tuple(wrap(f"{n}. {s.title(lang)}", w - 8, 8.6)),
            tuple(wrap(f"{CONTROLS(lang)} {_controllers(pack, s, lang)}", w - 6, 6.6)),
            tuple(
                _Card(tuple(wrap(t.title(lang), w - 19, SIZE)), statuses.get(t.id, ""))
                for t in s.touchpoints
            ),
        )
        for n, s in enumerate(pack.stages, start=1)
    ]


def _card(card: _Card, x: float, y: float, w: float) -> tuple[str, float]:
    """One handoff beside its column's rail; returns (svg, height taken)."""
    _, fill, stroke, dash, _ = STATUS[card.status]
    h = LINE * len(card.lines) + 3.5
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    weight = 1.4 if card.status == "open" else 0.8
    svg = (
        f'<rect x="{x + 9}" y="{y:.1f}" width="{w - 9:.1f}" height="{h:.1f}" rx="1.5"'
        f' fill="{fill}" stroke="{stroke}" stroke-width="{weight}"{dashed}/>'
        + tick(card.status, x + 3, y + h / 2)
        + marker(card.status, x + 14, y + h / 2)
        + "".join(
            text(x + 19, y + 2 + SIZE + i * LINE, line, SIZE) for i, line in enumerate(card.lines)
        )
    )
    return svg, h + 3


def _header(col: _Column, x: float, w: float, h: float) -> str:
    return (
        f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{h:.1f}" rx="2" fill="#fff"'
        ' stroke="#222" stroke-width="1.2"/>'
        + "".join(
            text(x + 4, 11 + i * 10.2, line, 8.6, ' font-weight="bold"')
            for i, line in enumerate(col.title)
        )
        + "".join(
            text(x + 4, 14 + 10.2 * len(col.title) + i * 7.6, line, 6.6, ' font-style="italic"')
            for i, line in enumerate(col.controls)
        )
    )


def _legend(lang: str, statuses: tuple[str, ...], y: float) -> tuple[str, float]:
    parts = []
    for n, status in enumerate(statuses):
        label, fill, stroke, dash, _ = STATUS[status]
        x = (n % 2) * WIDTH / 2
        y += 14 if n and not n % 2 else 0
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts += [
            f'<rect x="{x}" y="{y}" width="18" height="10" rx="1.5" fill="{fill}"'
            f' stroke="{stroke}"{dashed}/>',
            marker(status, x + 9, y + 5),
            text(x + 24, y + 8, label(lang), 8.2),
        ]
    return "".join(parts), y + 12


def pipeline_svg(pack: Pack, lang: str, statuses: Mapping[str, str] | None = None) -> str:
    """The diagram; `statuses` (touchpoint id -> status) marks each handoff and adds a legend."""
    statuses = statuses or {}
    n = max(len(pack.stages), 1)
    w = (WIDTH - GAP * (n - 1)) / n
    cols = _columns(pack, lang, statuses, w)
    head = max((10.2 * len(c.title) + 7.6 * len(c.controls) + 9 for c in cols), default=20)
    parts, bottom = [], head
    for i, col in enumerate(cols):
        x, y = i * (w + GAP), head + 6
        parts.append(_header(col, x, w, head))
        if i < n - 1:  # the flow from one stage to the next
            ax, ay = x + w + 1.5, head / 2
            parts.append(f'<path d="M{ax:.1f} {ay - 3.5:.1f}l6 3.5l-6 3.5z" fill="#222"/>')
        for card in col.cards:
            svg, h = _card(card, x, y, w)
            parts.append(svg)
            y += h
        bottom = max(bottom, y)
    ice = bottom + 8
    for i in range(n):  # each column's rail runs down into ICE
        rx = i * (w + GAP) + 3
        parts.append(
            f'<line x1="{rx:.1f}" y1="{head:.1f}" x2="{rx:.1f}" y2="{ice - 3:.1f}" stroke="#222"'
            f' stroke-width="1.2"/><path d="M{rx - 3:.1f} {ice - 4:.1f}l3 4l3 -4z" fill="#222"/>'
        )
    bold = ' font-weight="bold" fill="#fff" text-anchor="middle"'
    parts.append(
        f'<rect x="0" y="{ice:.1f}" width="{WIDTH}" height="18" rx="2" fill="#222"/>'
        + text(WIDTH / 2, ice + 12.5, ICE(lang), 9.5, bold)
    )
    shown = tuple(s for s in LEGEND_ORDER if s in statuses.values()) if statuses else ("",)
    legend, y = _legend(lang, shown, ice + 28)
    parts.append(legend)
    title = escape(pack.title(lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y:.1f}"'
        f' width="{WIDTH}pt" height="{y:.1f}pt" role="img" aria-label="{title}"'
        f' font-family="{FONT}" fill="#111">'
        f"<title>{title}</title>"
        '<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="4" height="4" fill="#f3eaf7"/>'
        '<line x1="0" y1="0" x2="0" y2="4" stroke="#b48ac9" stroke-width="0.9"/></pattern></defs>'
        + "".join(parts)
        + "</svg>"
    )


def plan_svg(plan: Plan, lang: str) -> str:
    """The plan's pipeline: each handoff marked open, closed, unknown or required by state law."""
    statuses = {pt.touchpoint.id: pt.status for ps in plan.stages for pt in ps.touchpoints}
    return pipeline_svg(plan.pack, lang, statuses)
