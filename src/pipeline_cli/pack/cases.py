"""Immutable records for individual-case letters (`stages/cases.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_cli.pack.text import Choice, Text

FIELD_TYPES = ("text", "date", "choice", "long_text")


@dataclass(frozen=True)
class CaseField:
    """One fact the letter needs, asked in the interview or given in an answers file."""

    id: str
    type: str  # text | date | choice | long_text
    prompt: Text
    help: Text
    required: bool = False
    sensitive: bool = False  # e.g. an A-number: warn before it lands in shell history
    choices: tuple[Choice, ...] = ()
    default: str = ""


@dataclass(frozen=True)
class CaseNote:
    """A fact about the legal frame the writer should know, with its sources."""

    text: Text
    sources: tuple[str, ...]
    when: str = ""  # e.g. "facts.code == 'CA'": a note about one state's procedure


@dataclass(frozen=True)
class Addressee:
    """A role the letter goes to when `when` holds (it may name `facts` and field ids)."""

    role: str
    when: str = ""


@dataclass(frozen=True)
class CaseKind:
    """One kind of individual-case letter (cases.yaml): to whom, what it asks, its fields."""

    id: str
    title: Text
    summary: Text
    deliver: Text  # how to use the letter: who files or sends it
    addressees: tuple[Addressee, ...]
    fields: tuple[CaseField, ...]
    notes: tuple[CaseNote, ...]
    sources: tuple[str, ...]
    needs_state: bool = False  # the addressee depends on the state's facts

    def field(self, fid: str) -> CaseField | None:
        return next((f for f in self.fields if f.id == fid), None)
