"""Printed pages: a rendered document cut into sheets, in one language or two.

The HTML page and the PDF share this layout, so a browser's print and `--format pdf` give the
same pages. A sheet is one printed page (more if its text runs over) holding one column, or
two languages side by side.

    blocks (printblocks) -> with_figure -> split -> arrange -> sheets of columns
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from pipeline_cli.documents import printblocks
from pipeline_cli.errors import UsageError

# How `--lang both` prints: both languages on each sheet, or one on each side of the paper.
BILINGUAL = ("side", "back")


@dataclass(frozen=True)
class Figure:
    """An SVG drawing (the pipeline diagram), placed among the text blocks; on paper it is
    scaled to fit the page's width and at most `height` inches."""

    svg: str
    height: float = 7.0
    kind: str = "figure"


Item = Union[printblocks.Block, Figure]  # noqa: UP007 - a runtime alias, kept readable on 3.10


@dataclass(frozen=True)
class Column:
    """What one language's column of a printed page holds."""

    lang: str
    items: tuple[Item, ...]


Sheet = tuple[Column, ...]


def with_figure(blocks: list[printblocks.Block], figure: Figure | None) -> list[Item]:
    """`blocks` with the figure after the title and the paragraphs just below it."""
    items: list[Item] = list(blocks)
    if figure is None:
        return items
    at = 1 if items and items[0].kind == "heading" else 0
    while at < len(items) and items[at].kind == "para":
        at += 1
    items.insert(at, figure)
    return items


def split(items: list[Item], every_section: bool) -> list[tuple[Item, ...]]:
    """Cut at second-level headings: at every one (a handout, one stage a page), or only at
    the first (a plan, whose cover holds the title and the diagram). A further title (the next
    language's) also starts a page."""
    units: list[list[Item]] = [[]]
    cuts = 0
    for item in items:
        level = item.level if isinstance(item, printblocks.Block) and item.kind == "heading" else 0
        starts = (level == 2 and (every_section or cuts == 0)) or (level == 1 and units[-1])
        if starts and units[-1]:
            units.append([])
            cuts += level == 2
        units[-1].append(item)
    return [tuple(u) for u in units if u]


def arrange(units: dict[str, list[tuple[Item, ...]]], bilingual: str = "back") -> list[Sheet]:
    """Sheets from each language's page units, in the order of `units`.

    One language: a sheet per unit. Two, "side": each sheet holds the same unit in both
    languages, side by side. Two, "back": the units alternate, so a double-sided print has one
    language on each side of every sheet. Languages with different numbers of units (a pack's
    own templates may differ) print one after the other.
    """
    if bilingual not in BILINGUAL:
        raise UsageError(f"unknown layout {bilingual!r}; use one of: {', '.join(BILINGUAL)}")
    langs = list(units)
    if len(langs) == 1 or len({len(u) for u in units.values()}) > 1:
        return [(Column(lang, u),) for lang in langs for u in units[lang]]
    pairs = zip(*(units[lang] for lang in langs), strict=True)
    if bilingual == "side":
        return [tuple(Column(lang, u) for lang, u in zip(langs, row, strict=True)) for row in pairs]
    return [(Column(lang, u),) for row in pairs for lang, u in zip(langs, row, strict=True)]


def sheets(
    docs: dict[str, str],
    figures: dict[str, Figure | None],
    *,
    every_section: bool,
    bilingual: str = "back",
) -> list[Sheet]:
    """Each language's rendered Markdown (and figure) as printed sheets."""
    units = {
        lang: split(with_figure(printblocks.parse(md), figures.get(lang)), every_section)
        for lang, md in docs.items()
    }
    return arrange(units, bilingual)


def flowing(markdown: str, lang: str) -> list[Sheet]:
    """A letter or script: one column that runs onto as many pages as it needs."""
    return [(Column(lang, tuple(printblocks.parse(markdown))),)]


def title(sheets: list[Sheet]) -> str:
    """The first heading's text, the document's title."""
    first = next((i for s in sheets for c in s for i in c.items), None)
    if isinstance(first, printblocks.Block) and first.kind == "heading":
        return printblocks.plain(first.spans)
    return ""
