"""Build a governance file (`governance/XX.yaml`): one state's offices, with its exceptions."""

from __future__ import annotations

import re
from typing import Any

from pipeline_cli.pack import governance as g
from pipeline_cli.pack.fields import Reader, did_you_mean
from pipeline_cli.pack.refs import Refs
from pipeline_cli.pack.text import Source, Text, Where
from pipeline_cli.pack.yamlio import LDict, LList

# Each block: its record, and each field's kind ("text", "title": a template, or its choices).
SPECS: dict[str, tuple[type[g.Block], dict[str, Any]]] = {
    "county_body": (g.CountyBody, {"name": "text", "title": "title", "note": "text"}),
    "prosecutor": (
        g.Prosecutor,
        {
            "office": "text",
            "level": g.LEVEL,
            "chosen": g.CHOSEN,
            "appointed_by": "text",
            "title": "title",
            "note": "text",
        },
    ),
    "jails": (g.Jails, {"run_by": g.RUN_BY, "title": "title", "note": "text"}),
    "sheriff": (g.Sheriff, {"role": g.SHERIFF, "title": "title", "note": "text"}),
    "corrections": (g.Corrections, {"name": "title", "note": "text"}),
    "pardon": (g.Pardon, {"by": g.PARDON, "body": "title", "gatekeeper": "text", "note": "text"}),
}
REQUIRED = {
    "county_body": ("name", "title"),
    "prosecutor": ("office", "level", "chosen", "title"),
    "jails": ("run_by",),
    "sheriff": ("role",),
    "corrections": ("name",),
    "pardon": ("by",),
}
SCALARS = {"county_government": g.EXTENT, "county_executive": g.EXTENT}


def fact_of(entry: str) -> str:
    """The fact an `unverified` entry names: its first word ("places (New York City)" -> places)."""
    m = re.match(r"[a-z_]+", entry.strip())
    return m.group(0) if m else ""


def _block(
    r: Reader, d: LDict, key: str, what: str, refs: Refs, excused: set[str] | None
) -> g.Block | None:
    """One block; `excused` is None in a place (every key optional), else the unverified facts."""
    if key not in d:
        return None
    m = r.mapping(d[key], f"{what}.{key}", d.line_of(key))
    if m is None:
        return None
    cls, spec = SPECS[key]
    w = f"{what}.{key}"
    r.keys(m, w, [], [*spec, "sources"])
    values: dict[str, Any] = {}
    for name, kind in spec.items():
        if name not in m:
            if excused is not None and name in REQUIRED[key] and key not in excused:
                r.error(
                    m.line, f"{w}: missing required key {name!r} (or list {key!r} as unverified)"
                )
            continue
        if isinstance(kind, tuple):
            values[name] = r.choice(m, name, w, kind, kind[0])
            continue
        text = r.text(m, name, w)
        values[name] = text
        if text is not None and kind == "title":
            raw = m[name]
            for lang in ("en", "es"):
                line = raw.line_of(lang) if isinstance(raw, LDict) else m.line_of(name)
                refs.title(getattr(text, lang), r, line, g.GOV_TITLE_VARS)
    sources = r.strings(m, "sources", w)
    for ident in sources:
        refs.want("source", ident, r, m.line_of("sources"))
    if excused is not None and not sources and key not in excused:
        r.error(
            m.line_of("sources") if "sources" in m else m.line,
            f"{w}: needs a source, or list {key!r} as unverified with why",
        )
    return cls(**values, sources=sources)


def _rules(r: Reader, d: LDict, what: str, refs: Refs, excused: set[str] | None) -> g.Rules:
    scalars = {
        k: r.choice(d, k, what, opts, opts[0]) if k in d else "" for k, opts in SCALARS.items()
    }
    blocks = {k: _block(r, d, k, what, refs, excused) for k in SPECS}
    return g.Rules(**scalars, **blocks)  # type: ignore[arg-type]


# Offices the plan must be able to name: the fact, and what it needs where the office exists.
NEEDS = {
    "county_body": "county_body is needed where counties have governments",
    "jails": "jails.title is needed when the sheriff does not run the jails",
    "sheriff": "sheriff.title is needed when there are sheriffs",
    "pardon": "pardon.body is needed when the governor does not pardon alone",
    "prosecutor": "prosecutor.appointed_by is needed when prosecutors are appointed",
}


def _missing(rules: g.Rules) -> list[str]:
    """The NEEDS facts these merged rules leave without the title the plan needs."""
    jails, sheriff, pardon, pros = rules.jails, rules.sheriff, rules.pardon, rules.prosecutor
    found = {
        "county_body": rules.county_government in ("all", "some") and rules.county_body is None,
        "jails": jails is not None and jails.run_by not in ("sheriff", "") and not jails.title,
        "sheriff": sheriff is not None and sheriff.role not in ("none", "") and not sheriff.title,
        "pardon": pardon is not None and pardon.by not in ("governor", "") and not pardon.body,
        "prosecutor": pros is not None and pros.chosen == "appointed" and not pros.appointed_by,
    }
    return [fact for fact, missing in found.items() if missing]


def _check_local(r: Reader, local: g.Local, line: int, what: str, excused: set[str]) -> None:
    for fact in _missing(local.rules):
        if fact not in excused:
            r.error(line, f"{what}: {NEEDS[fact]} (or list {fact!r} as unverified with why)")


def _unverified(r: Reader, top: LDict) -> list[g.Unverified]:
    out = []
    for item, line in r.items(top, "unverified", "unverified"):
        m = r.mapping(item, "unverified item", line)
        if m is None:
            continue
        r.keys(m, "unverified item", ["fact", "why"], [])
        fact = r.string(m, "fact", "unverified")
        why = r.text(m, "why", "unverified")  # {en, es}: the plan shows it in both languages
        if fact_of(fact) not in (*g.FACTS, "places"):
            hint = did_you_mean(fact_of(fact), (*g.FACTS, "places"))
            r.error(m.line_of("fact"), f"unverified: {fact!r} names no governance fact{hint}")
        if why is None:
            r.error(m.line_of("why"), "unverified: say why no source settles it, in en and es")
        out.append(g.Unverified(fact, why or Text("", "")))
    return out


def _place(r: Reader, m: LDict, refs: Refs, excused: set[str]) -> g.Place:
    what = "place"
    r.keys(m, what, ["counties", "kind"], ["note", "sources", *SCALARS, *SPECS])
    counties = r.strings(m, "counties", what)
    raw = m.get("counties")
    lines = tuple(raw.item_lines) if isinstance(raw, LList) else ()
    sources = r.strings(m, "sources", what)
    for ident in sources:
        refs.want("source", ident, r, m.line_of("sources"))
    if not sources and "places" not in excused:
        r.error(m.line, "place: needs sources, or list 'places' as unverified with why")
    return g.Place(
        counties=counties,
        kind=r.choice(m, "kind", what, g.PLACE_KINDS, "other"),
        rules=_rules(r, m, what, refs, None),
        note=r.text(m, "note", what, required=False),
        sources=sources,
        where=Where(r.file, m.line),
        county_lines=lines if len(lines) == len(counties) else (m.line,) * len(counties),
    )


def _sources(r: Reader, top: LDict, code: str) -> list[tuple[Source, int]]:
    out = []
    prefix = f"gov-{code.lower()}-"
    for item, line in r.items(top, "sources", "sources"):
        m = r.mapping(item, "source", line)
        if m is None:
            continue
        r.keys(m, "source", ["id", "title", "url", "kind"], ["note"])
        ident = r.string(m, "id", "source")
        if code and not ident.startswith(prefix):
            r.error(m.line_of("id"), f"source {ident!r}: ids of new sources start with {prefix!r}")
        title = r.string(m, "title", "source")
        if not title.strip():
            r.error(m.line_of("title"), f"source {ident!r}: needs a real title")
        kind = r.choice(m, "kind", f"source {ident}", g.SOURCE_KINDS, "government")
        url, note = r.string(m, "url", "source"), r.string(m, "note", "source")
        # A state's governance file sources that state's offices: its plans alone cite them.
        source = Source(ident, title, url, note, kind, (code,) if code else ())
        out.append((source, m.line))
    return out


def governance(
    r: Reader, raw: Any, code: str, refs: Refs
) -> tuple[g.Governance | None, list[tuple[Source, int]]]:
    """The file's record and the sources it declares (with their lines)."""
    top = r.mapping(raw, r.file) if raw is not None else None
    if top is None:
        return None, []
    optional = ["county_body", "places", "unverified", "sources"]
    r.keys(top, r.file, ["state"], [f for f in g.FACTS if f not in optional] + optional)
    state = r.string(top, "state", "governance")
    if state and state != code:
        r.error(top.line_of("state"), f"state: {state!r} does not match the file name ({code})")
    unverified = _unverified(r, top)
    excused = {fact_of(u.fact) for u in unverified}
    for fact in g.FACTS:
        if fact not in top and fact != "county_body" and fact not in excused:
            r.error(top.line, f"missing {fact!r} (or list it as unverified with why)")
    rules = _rules(r, top, "governance", refs, excused)
    places = []
    seen: dict[str, int] = {}
    for item, line in r.items(top, "places", "places"):
        m = r.mapping(item, "place", line)
        if m is None:
            continue
        place = _place(r, m, refs, excused)
        for county, c_line in zip(place.counties, place.county_lines, strict=True):
            if county in seen:
                r.error(c_line, f"place: {county!r} is already listed at line {seen[county]}")
            seen.setdefault(county, c_line)
        places.append(place)
    sources = _sources(r, top, code)
    gov = g.Governance(
        state=code,
        rules=rules,
        places=tuple(places),
        unverified=tuple(unverified),
        sources=tuple(s.id for s, _ in sources),
        where=Where(r.file, top.line),
    )
    _check_local(r, gov.local(""), top.line, "governance", excused)
    for place in gov.places:
        if place.counties:
            _check_local(r, gov.local(place.counties[0]), place.where.line, "place", excused)
    return gov, sources
