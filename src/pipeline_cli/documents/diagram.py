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

from pipeline_cli.pack.records import Pack, Stage
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.records import Plan

WIDTH = 540.0
STAGE_W = 168.0  # the stage column
ROW_X = 180.0  # handoff rows start here ...
ROW_W = 290.0  # ... and run this wide
ICE_X = 492.0  # the ICE bar: every handoff arrow ends on it
ROW_H = 12.5
FONT = "'Libertinus Serif', Georgia, 'Times New Roman', serif"
MOST_CONTROLLERS = 4

ICE = Text("ICE", "ICE")
CONTROLS = Text("Controlled mostly by:", "Lo controlan sobre todo:")
# status -> (legend label, fill, stroke, dash, arrow)
STATUS: dict[str, tuple[Text, str, str, str, str]] = {
    "open": (
        Text("Open: ICE gets people here", "Abierta: por aquí ICE se lleva a la gente"),
        "#f9d5cf",
        "#b3261e",
        "",
        "through",
    ),
    "closed": (
        Text("Closed here", "Cerrada aquí"),
        "#ffffff",
        "#2e6b30",
        "",
        "blocked",
    ),
    "unknown": (
        Text("Not known yet: find out", "Aún no se sabe: averígüelo"),
        "#ffffff",
        "#666666",
        "3 2",
        "dashed",
    ),
    "required_by_state": (
        Text("Required by state law", "Exigida por ley estatal"),
        "url(#hatch)",
        "#6a1b9a",
        "",
        "through",
    ),
    "": (Text("A handoff to ICE", "Una vía de entrega a ICE"), "#eeeeee", "#777777", "", "through"),
}
LEGEND_ORDER = ("open", "required_by_state", "unknown", "closed")


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
class _Row:
    lines: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class _Box:
    title: tuple[str, ...]
    controls: tuple[str, ...]
    rows: tuple[_Row, ...]


def _controllers(pack: Pack, stage: Stage, lang: str) -> str:
    """The roles that control most of the stage's handoffs, most often named first."""
    counts = Counter(r for t in stage.touchpoints for r in t.controlled_by)
    order = {r: i for i, r in enumerate(r for t in stage.touchpoints for r in t.controlled_by)}
    top = sorted(counts, key=lambda r: (-counts[r], order[r]))[:MOST_CONTROLLERS]
    names = [pack.roles[r].name(lang) if r in pack.roles else r for r in top]
    return ", ".join(names)


def _boxes(pack: Pack, lang: str, statuses: Mapping[str, str]) -> list[_Box]:
    return [
        _Box(
            tuple(wrap(f"{n}. {s.title(lang)}", STAGE_W - 12, 10)),
            tuple(wrap(f"{CONTROLS(lang)} {_controllers(pack, s, lang)}", STAGE_W - 12, 7.5)),
            tuple(
                _Row(tuple(wrap(t.title(lang), ROW_W - 24, 8.5)), statuses.get(t.id, ""))
                for t in s.touchpoints
            ),
        )
        for n, s in enumerate(pack.stages, start=1)
    ]


def _text(x: float, y: float, s: str, size: float, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{escape(s)}</text>'


def marker(status: str, x: float, y: float) -> str:
    """The status symbol centred on (x, y): a shape that differs in black and white too."""
    _, fill, stroke, _, _ = STATUS[status]
    if status == "open":
        return f'<circle cx="{x}" cy="{y}" r="3.6" fill="{stroke}"/>'
    if status == "closed":
        return (
            f'<circle cx="{x}" cy="{y}" r="3.6" fill="#fff" stroke="{stroke}" stroke-width="1"/>'
            f'<path d="M{x - 2} {y} l1.5 1.7 l2.6 -3.4" fill="none" stroke="{stroke}"'
            ' stroke-width="1.2"/>'
        )
    if status == "unknown":
        return (
            f'<circle cx="{x}" cy="{y}" r="3.6" fill="#fff" stroke="{stroke}"'
            ' stroke-dasharray="1.5 1"/>'
            + _text(x, y + 2.4, "?", 7, f' fill="{stroke}" font-weight="bold" text-anchor="middle"')
        )
    if status == "required_by_state":
        return f'<path d="M{x} {y - 4}l4 4l-4 4l-4 -4z" fill="{stroke}"/>'
    return f'<circle cx="{x}" cy="{y}" r="2" fill="{stroke}"/>'


def _arrow(status: str, y: float) -> str:
    _, _, stroke, _, kind = STATUS[status]
    x0, x1 = ROW_X + ROW_W, ICE_X
    if kind == "blocked":  # stops short, at a bar
        mid = (x0 + x1) / 2
        return (
            f'<line x1="{x0}" y1="{y}" x2="{mid}" y2="{y}" stroke="{stroke}" stroke-width="1"/>'
            f'<line x1="{mid}" y1="{y - 4}" x2="{mid}" y2="{y + 4}" stroke="{stroke}"'
            ' stroke-width="2"/>'
        )
    dash = ' stroke-dasharray="2 1.5"' if kind == "dashed" else ""
    width = 1.6 if status in ("open", "required_by_state") else 1
    return (
        f'<line x1="{x0}" y1="{y}" x2="{x1 - 4}" y2="{y}" stroke="{stroke}"'
        f' stroke-width="{width}"{dash}/>'
        f'<path d="M{x1 - 5} {y - 3}L{x1} {y}L{x1 - 5} {y + 3}z" fill="{stroke}"/>'
    )


def _row(row: _Row, y: float) -> tuple[str, float]:
    """One handoff: its box, symbol, title and arrow to ICE; returns (svg, height)."""
    _, fill, stroke, dash, _ = STATUS[row.status]
    h = ROW_H * len(row.lines) - 2
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    weight = 1.4 if row.status == "open" else 0.8
    parts = [
        f'<rect x="{ROW_X}" y="{y:.1f}" width="{ROW_W}" height="{h:.1f}" rx="2" fill="{fill}"'
        f' stroke="{stroke}" stroke-width="{weight}"{dashed}/>',
        marker(row.status, ROW_X + 8, y + h / 2),
        *(
            _text(ROW_X + 16, y + 8.8 + i * ROW_H, line, 8.5)
            for i, line in enumerate(row.lines)
        ),
        _arrow(row.status, y + h / 2),
    ]
    return "".join(parts), h + 2


def _stage(box: _Box, y: float) -> tuple[str, float]:
    """A stage box beside its handoff rows; returns (svg, height)."""
    rows, ry = [], y
    for r in box.rows:
        svg, h = _row(r, ry)
        rows.append(svg)
        ry += h
    text_h = 13 * len(box.title) + 9.5 * len(box.controls) + 10
    h = max(ry - y - 2, text_h)
    parts = [
        f'<rect x="0" y="{y:.1f}" width="{STAGE_W}" height="{h:.1f}" rx="3" fill="#ffffff"'
        ' stroke="#222" stroke-width="1.2"/>',
        *(
            _text(6, y + 12 + i * 13, line, 10, ' font-weight="bold"')
            for i, line in enumerate(box.title)
        ),
        *(
            _text(6, y + 14 + 13 * len(box.title) + i * 9.5, line, 7.5, ' font-style="italic"')
            for i, line in enumerate(box.controls)
        ),
        *rows,
    ]
    return "".join(parts), h


def _legend(lang: str, statuses: tuple[str, ...], y: float) -> tuple[str, float]:
    parts = []
    for n, status in enumerate(statuses):
        label = STATUS[status][0](lang)
        x = (n % 2) * WIDTH / 2
        if n and not n % 2:
            y += 16
        _, fill, stroke, dash, _ = STATUS[status]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts += [
            f'<rect x="{x}" y="{y}" width="18" height="10.5" rx="2" fill="{fill}"'
            f' stroke="{stroke}"{dashed}/>',
            marker(status, x + 9, y + 5.25),
            _text(x + 24, y + 8.5, label, 8.5),
        ]
    return "".join(parts), y + 14


def pipeline_svg(pack: Pack, lang: str, statuses: Mapping[str, str] | None = None) -> str:
    """The diagram; `statuses` (touchpoint id -> status) marks each handoff and adds a legend."""
    statuses = statuses or {}
    parts, y = [], 0.0
    for n, box in enumerate(_boxes(pack, lang, statuses)):
        if n:  # the arrow from one stage down to the next
            x = STAGE_W / 2
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 8}" stroke="#222" stroke-width="1.6"/>'
                f'<path d="M{x - 4} {y + 7}L{x} {y + 12}L{x + 4} {y + 7}z" fill="#222"/>'
            )
            y += 12
        svg, h = _stage(box, y)
        parts.append(svg)
        y += h
    parts.insert(
        0,
        f'<rect x="{ICE_X}" y="0" width="{WIDTH - ICE_X}" height="{y:.1f}" rx="3" fill="#222"/>'
        + _text(ICE_X + 8, 16, ICE(lang), 12, ' font-weight="bold" fill="#fff"'),
    )
    shown = tuple(s for s in LEGEND_ORDER if s in statuses.values()) if statuses else ("",)
    legend, y = _legend(lang, shown, y + 10)
    parts.append(legend)
    title = escape(pack.title(lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y:.1f}"'
        f' width="{WIDTH}pt" height="{y:.1f}pt" role="img" aria-label="{title}"'
        f' font-family="{FONT}" fill="#111">'
        f"<title>{title}</title>"
        '<defs><pattern id="hatch" width="5" height="5" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="5" height="5" fill="#f3eaf7"/>'
        '<line x1="0" y1="0" x2="0" y2="5" stroke="#b48ac9" stroke-width="1"/></pattern></defs>'
        + "".join(parts)
        + "</svg>"
    )


def plan_svg(plan: Plan, lang: str) -> str:
    """The plan's pipeline: each handoff marked open, closed, unknown or required by state law."""
    statuses = {pt.touchpoint.id: pt.status for ps in plan.stages for pt in ps.touchpoints}
    return pipeline_svg(plan.pack, lang, statuses)
