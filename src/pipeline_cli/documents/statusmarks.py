"""How each status looks in the pipeline diagram: a symbol, a fill, a line, an arrow.

Every status differs in shape and line as well as colour, so a black-and-white print tells
them apart: open is a filled dot and a thick line, closed a hollow dot with a tick and a cut
line, unknown a dashed circle with a question mark and dashed lines, required by state law a
diamond on a hatched fill.
"""

from __future__ import annotations

from html import escape

from pipeline_cli.pack.text import Text

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


def text(x: float, y: float, s: str, size: float, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{escape(s)}</text>'


def marker(status: str, x: float, y: float) -> str:
    """The status symbol centred on (x, y): a shape that differs in black and white too."""
    stroke = STATUS[status][2]
    if status == "open":
        return f'<circle cx="{x}" cy="{y}" r="3" fill="{stroke}"/>'
    if status == "closed":
        return (
            f'<circle cx="{x}" cy="{y}" r="3" fill="#fff" stroke="{stroke}" stroke-width="1"/>'
            f'<path d="M{x - 1.7} {y} l1.3 1.5 l2.2 -3" fill="none" stroke="{stroke}"'
            ' stroke-width="1.2"/>'
        )
    if status == "unknown":
        return (
            f'<circle cx="{x}" cy="{y}" r="3" fill="#fff" stroke="{stroke}"'
            ' stroke-dasharray="1.5 1"/>'
            + text(x, y + 2, "?", 5.5, f' fill="{stroke}" font-weight="bold" text-anchor="middle"')
        )
    if status == "required_by_state":
        return f'<path d="M{x} {y - 3.5}l3.5 3.5l-3.5 3.5l-3.5 -3.5z" fill="{stroke}"/>'
    return f'<circle cx="{x}" cy="{y}" r="2" fill="{stroke}"/>'


def tick(status: str, x: float, y: float) -> str:
    """The link from the column's rail (down to ICE) to a handoff: cut where it is closed."""
    stroke, kind = STATUS[status][2], STATUS[status][4]
    width = 1.5 if status in ("open", "required_by_state") else 0.9
    dash = ' stroke-dasharray="1.5 1"' if kind == "dashed" else ""
    line = (
        f'<line x1="{x}" y1="{y:.1f}" x2="{x + 6}" y2="{y:.1f}" stroke="{stroke}"'
        f' stroke-width="{width}"{dash}/>'
    )
    if kind == "blocked":
        line += (
            f'<line x1="{x + 2.5}" y1="{y - 3:.1f}" x2="{x + 2.5}" y2="{y + 3:.1f}"'
            f' stroke="{stroke}" stroke-width="1.6"/>'
        )
    return line
