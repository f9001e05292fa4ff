"""`pipeline batch` input: CSV rows -> validated jurisdictions, every problem as `FILE:LINE:`.

Each cell goes through answers.validate, the path --answers and --set use; this module only
splits the CSV, expands `county=*` to the Census list and names each jurisdiction's folder.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline_cli.errors import PipelineError
from pipeline_cli.pack.records import Pack
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan import jurisdiction

EVERY_COUNTY = ("*", "all")


class BadRows(PipelineError):
    """Rows that do not validate; `problems` holds one `FILE:LINE: ...` line per bad row."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in {name}; fix them and run again (nothing was written)"
        )


@dataclass(frozen=True)
class Item:
    """One jurisdiction to write: the CSV line it came from, its answers and its folder."""

    line: int
    answers: dict[str, str]
    folder: str  # relative to --out, e.g. "CA/los-angeles-county/pasadena"


MAX_SLUG = 80
# Names Windows keeps for devices: a folder cannot take them, whatever follows the dot.
_RESERVED = {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}


def slug(text: str) -> str:
    """Folder name: ASCII, lower case, words joined by "-" ("Doña Ana County": dona-ana-county).

    A name whose letters do not all have an ASCII form ("東京", a Cyrillic "Раsаdеnа") keeps
    what does, plus a short fingerprint of the whole name, so two such names never share a
    folder; a long name is cut at MAX_SLUG characters; a Windows device name gets "-place".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = decomposed.encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:MAX_SLUG].strip("-")
    lost = any(c.isalnum() and not c.isascii() for c in decomposed)
    if lost:
        tag = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        out = f"{out}-{tag}" if out else tag
    return f"{out}-place" if out in _RESERVED else out


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")  # spreadsheets often start UTF-8 files with a BOM
    except UnicodeDecodeError as exc:
        raise PipelineError(
            f"{name}: not UTF-8 text (byte {exc.start}); save the CSV as UTF-8 and run again"
        ) from None


def records(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, stripped cells) of each non-blank CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""))
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            cells = [c.strip() for c in cells]
            if any(cells):  # blank lines and lines of bare commas carry nothing
                yield start, cells
    except csv.Error as exc:
        raise BadRows(name, [f"{name}:{reader.line_num}: {exc}; check the quotes"]) from None


def _header(pack: Pack, name: str, line: int, cells: list[str], problems: list[str]) -> list[str]:
    """Column keys; an unknown, duplicate or unnamed column becomes '' (ignored) + a problem."""
    keys: list[str] = []
    ids = {q.id for q in pack.questions}
    for n, cell in enumerate(cells, 1):
        key = cell.lower()
        if not key:
            problems.append(f"{name}:{line}: column {n} has no name; name it with an answer key")
        elif key in keys:
            problems.append(f"{name}:{line}: column {key!r} appears twice; keep one")
        elif key not in ids:
            try:  # the same message --set gives for an unknown key, did-you-mean included
                ans.validate(pack, {key: ""}, f"{name}:{line}")
            except ans.AnswerError as exc:
                problems += exc.problems
        keys.append(key if key in ids and key not in keys else "")
    absent = [k for k in ("state", "county") if k not in keys]
    if absent:  # every row would fail the same way: report the header alone
        problems += [
            f"{name}:{line}: no {k!r} column; the first line names the columns, "
            "e.g. state,county,city"
            for k in absent
        ]
        raise BadRows(name, problems)
    return keys


def _row(pack: Pack, origin: str, keys: list[str], cells: list[str]) -> list[dict[str, str]]:
    """The validated answers of one row: one mapping, or one per county for `county=*`."""
    if len(cells) > len(keys):
        raise ans.AnswerError(
            f"{origin}: {len(cells)} cells but {len(keys)} columns; remove the extra cells, "
            'or quote a value that holds a comma ("Anytown, CA")'
        )
    # Short rows are allowed: missing trailing cells are blank, and blank means "not given".
    raw = {k: v for k, v in zip(keys, cells, strict=False) if k and v}
    every = raw.get("county", "").lower() in EVERY_COUNTY
    if every:
        del raw["county"]
    given = ans.validate(pack, raw, origin)
    gaps = [q.id for q in ans.missing(pack, given) if not (every and q.id == "county")]
    if gaps:
        key = gaps[0]
        how = "a Census county name, or * for every county" if key == "county" else "a value"
        raise ans.AnswerError(f"{origin}: {key}: missing; give {how}")
    ans.facts_for(pack, given)  # a state this pack has facts for
    if not every:
        return [given]
    if given.get("city"):
        raise ans.AnswerError(
            f"{origin}: city: a city needs one county, not county={cells[keys.index('county')]}; "
            "give the county, or leave the city blank"
        )
    return [{**given, "county": c} for c in jurisdiction.counties(given["state"])]


def _folder(answers: dict[str, str]) -> str:
    parts = [answers["state"], slug(answers["county"])]
    if answers.get("city"):
        parts.append(slug(answers["city"]) or "city")
    return "/".join(parts)


def read_items(pack: Pack, data: bytes, name: str) -> list[Item]:
    """Every jurisdiction of the CSV, validated; raises BadRows listing every bad row."""
    rows = records(decode(data, name), name)
    problems: list[str] = []
    first = next(rows, None)
    if first is None:
        raise PipelineError(
            f"{name}: no rows; the first line names the columns (state,county,city), "
            "then one jurisdiction per line"
        )
    keys = _header(pack, name, first[0], first[1], problems)
    items: list[Item] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        origin = f"{name}:{line}"
        try:
            found = _row(pack, origin, keys, cells)
        except ans.AnswerError as exc:
            problems += exc.problems
            continue
        for given in found:
            folder = _folder(given)
            if folder in seen:
                key = "city" if given.get("city") else "county"
                problems.append(
                    f"{origin}: {key}: {given[key]} makes the same folder ({folder}) as "
                    f"line {seen[folder]}; remove one of the two, or spell one differently"
                )
                break
            seen[folder] = line
            items.append(Item(line, given, folder))
    if problems:
        raise BadRows(name, problems)
    if not items:
        raise PipelineError(f"{name}: no rows after the header; add one jurisdiction per line")
    return items
