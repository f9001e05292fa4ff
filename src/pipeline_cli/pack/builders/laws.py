"""Build one state law from states.yaml: what it does, its standing and the dates that move it."""

from __future__ import annotations

from pipeline_cli.pack.builders.shared import EMPTY, check_law_codes, sources_of, unverified_reason
from pipeline_cli.pack.fields import Reader
from pipeline_cli.pack.laws import LAW_STATUSES, Law
from pipeline_cli.pack.refs import Refs
from pipeline_cli.pack.yamlio import LDict

CONFIDENCE = ("V", "S", "1S")
REQUIRED = ["id", "name", "citation", "year", "effect", "covers", "summary", "status"]
OPTIONAL = [
    "confidence", "verified_on", "status_checked", "sources", "status_note", "status_since",
    "effective", "expires", "unverified", "unverified_reason",
]  # fmt: skip


def law(r: Reader, d: LDict, code: str, refs: Refs) -> Law:
    what = f"law {d.get('id', '?')} ({code})"
    r.keys(d, what, REQUIRED, OPTIONAL)
    ident = r.ident(d, "id", what)
    refs.define("law", ident, r, d.line)
    covers = r.strings(d, "covers", what)
    check_law_codes(r, d, "covers", what, covers)
    verified_on = r.date(d, "verified_on", what)
    if verified_on is None:
        r.error(d.line, f"{what}: needs verified_on (the date it was checked against sources)")
    status = r.choice(d, "status", what, LAW_STATUSES, "in_force")
    note = r.text(d, "status_note", what, required=False)
    if status != "in_force" and note is None:
        r.error(d.line_of("status"), f"{what}: status {status} needs a status_note (court, date)")
    checked = r.date(d, "status_checked", what)
    if checked is None:
        r.error(d.line, f"{what}: needs status_checked (the date its status was checked)")
    effective, expires = r.date(d, "effective", what), r.date(d, "expires", what)
    if effective is not None and expires is not None and expires <= effective:
        r.error(d.line_of("expires"), f"{what}: expires ({expires}) is not after effective")
    unverified = r.flag(d, "unverified", what)
    return Law(
        id=ident,
        name=r.text(d, "name", what) or EMPTY,
        citation=r.string(d, "citation", what),
        year=r.string(d, "year", what),
        effect=r.choice(d, "effect", what, ("limits", "requires"), "limits"),
        covers=covers,
        summary=r.text(d, "summary", what) or EMPTY,
        confidence=r.choice(d, "confidence", what, CONFIDENCE, "S"),
        verified_on=verified_on,
        sources=sources_of(r, d, what, refs),
        unverified=unverified,
        status=status,
        status_note=note,
        status_since=r.date(d, "status_since", what),
        effective=effective,
        expires=expires,
        status_checked=checked,
        unverified_reason=unverified_reason(r, d, what, unverified),
    )
