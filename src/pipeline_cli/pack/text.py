"""Bilingual text and the small records every pack file shares (sources, choices, places)."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("en", "es")


@dataclass(frozen=True)
class Text:
    """A user-facing string in every language the tool speaks."""

    en: str
    es: str

    def __call__(self, lang: str) -> str:
        return self.es if lang == "es" else self.en

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "es": self.es}


@dataclass(frozen=True)
class HelpPart:
    """One paragraph of a text given as parts, shown where its `when` holds (always if blank)."""

    text: Text
    when: str = ""


# A record's texts given as parts, by field ("how", "why.open", "organizing", ...): the plan
# shows the parts whose `when` holds in its place; the field itself holds those without `when`.
Parts = dict[str, tuple[HelpPart, ...]]


@dataclass(frozen=True)
class Where:
    """Where a record was read from, for error messages."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


# What a source is. Letters, public comments and ordinance findings go to officials whose
# lawyers read them, so they cite only the first four; news and campaign pages back organizer
# notes.
SOURCE_KINDS = ("statute", "court", "government", "research", "news", "campaign")
LETTER_KINDS = frozenset(SOURCE_KINDS[:4])


@dataclass(frozen=True)
class Source:
    """A source cited by the pack: its kind, title, address and the states it is about."""

    id: str
    title: str
    url: str
    note: str = ""
    kind: str = "research"
    # The states whose law, policy, office or case the source is about; empty for federal,
    # national and multi-state sources. A plan elsewhere does not cite it.
    states: tuple[str, ...] = ()

    @property
    def for_letters(self) -> bool:
        """Whether a letter, public comment or ordinance finding may cite this source."""
        return self.kind in LETTER_KINDS

    def fits(self, state: str) -> bool:
        """Whether a plan for a place in `state` may cite this source."""
        return not self.states or state in self.states


@dataclass(frozen=True)
class Choice:
    """One choice of a question: its value and its label."""

    value: str
    label: Text
