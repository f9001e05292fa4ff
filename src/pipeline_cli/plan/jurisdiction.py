"""States and counties (the Census lists of the `us` package), and local title values."""

from __future__ import annotations

import difflib
from functools import cache

from pipeline_cli.pack import census, districts
from pipeline_cli.pack.governance import Local
from pipeline_cli.pack.records import Pack, StateFacts
from pipeline_cli.pack.text import Text
from pipeline_cli.plan import governance

_key = census.key
counties = census.counties  # the Census county-equivalent names of a state, in Census order

# Spanish form of each county-equivalent kind, longest suffixes first, with the word "of"
# that goes before it ("del Condado", "de la Parroquia").
_ES_KINDS = (
    (" City and Borough", "Ciudad y municipio de {}", "de la"),
    (" Census Area", "Área censal de {}", "del"),
    (" Municipality", "Municipio de {}", "del"),
    (" Municipio", "Municipio de {}", "del"),
    (" Borough", "Municipio de {}", "del"),
    (" County", "Condado de {}", "del"),
    (" Parish", "Parroquia de {}", "de la"),
    (" city", "Ciudad de {}", "de la"),
)
_ES_WHOLE = {"District of Columbia": ("Distrito de Columbia", "del")}
# Names Spanish-language media write with their Spanish spelling ("Condado de Los Ángeles").
_EXONYMS = {"Los Angeles": "Los Ángeles", "Rio Arriba": "Río Arriba", "Bexar": "Béxar"}
# Places whose name takes an article: "the District of Columbia", "del Distrito de Columbia".
_WITH_ARTICLE = {"District of Columbia"}


@cache
def states() -> dict[str, str]:
    """USPS code -> English name, for the 50 states, DC and PR, sorted by name."""
    return {code: entry["name"] for code, entry in census.table().items()}


def resolve_state(text: str) -> str | None:
    """USPS code for a code or a name ("ca", "California", "Puerto Rico"), else None."""
    wanted = _key(text)
    for code, name in states().items():
        if wanted in (code.lower(), _key(name)):
            return code
    return None


def close_states(text: str) -> list[str]:
    names = {_key(n): n for n in states().values()}
    return [names[k] for k in difflib.get_close_matches(_key(text), list(names), n=3)]


@cache
def county_fips(code: str) -> dict[str, str]:
    """Census county name -> 5-digit FIPS code, for one state."""
    entry = census.table().get(code.upper())
    return {name: fips for name, fips in entry["counties"]} if entry else {}


def resolve_county(code: str, text: str) -> str | None:
    """The Census name for `text` in state `code` ("orleans" -> "Orleans Parish"), else None."""
    found = census.matches(code, text)
    return found[0] if found else None


def close_counties(code: str, text: str, n: int = 3) -> list[str]:
    names = counties(code)
    table = {_key(name): name for name in names}
    wanted = _key(text)
    keys = difflib.get_close_matches(wanted, list(table), n=n, cutoff=0.5)
    if not keys:  # compare against the short names too ("Los Angles" vs "Los Angeles County")
        short = {_key(_short(name)): name for name in names}
        return [short[k] for k in difflib.get_close_matches(wanted, list(short), n=n, cutoff=0.5)]
    return [table[k] for k in keys]


def _short(name: str) -> str:
    for suffix in sorted(census.SUFFIXES, key=len, reverse=True):
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


def county_short(name: str, lang: str) -> str:
    """The county's name without "County": "Los Angeles", in Spanish "Los Ángeles"."""
    short = _short(name)
    return _EXONYMS.get(short, short) if lang == "es" else short


def _county_es(name: str) -> tuple[str, str]:
    """Spanish form of a Census county name and the "of" that goes before it."""
    if name in _ES_WHOLE:
        return _ES_WHOLE[name]
    for suffix, pattern, of in _ES_KINDS:
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            return pattern.format(_EXONYMS.get(base, base)), of
    return name, "de"


def county_es(name: str) -> str:
    """Spanish form of a Census county name: "Orleans Parish" -> "Parroquia de Orleans"."""
    return _county_es(name)[0]


def county_in(name: str, lang: str) -> str:
    return county_es(name) if lang == "es" else name


def of_county(name: str, lang: str) -> str:
    """ "of" and the county, agreeing in Spanish: "de la Ciudad de Richmond", "del Condado de X"."""
    if not name:
        return ""
    if lang == "es":
        local, of = _county_es(name)
        return f"{of} {local}"
    return _with_prep("of", name, name, "en")


# A preposition before a place name: (plain, before an article) in each language.
_PREPS = {
    "of": {"en": ("of", "of the"), "es": ("de", "del")},
    "in": {"en": ("in", "in the"), "es": ("en", "en el")},
}


def _with_prep(prep: str, name_en: str, name: str, lang: str) -> str:
    plain, with_article = _PREPS[prep]["es" if lang == "es" else "en"]
    return f"{with_article if name_en in _WITH_ARTICLE else plain} {name}"


def of_state(name_en: str, name: str, lang: str) -> str:
    """ "of" and the state's name: "de California", "del Distrito de Columbia"."""
    return _with_prep("of", name_en, name, lang)


def in_state(name_en: str, name: str, lang: str) -> str:
    """ "in" and the state's name: "in California", "en el Distrito de Columbia"."""
    return _with_prep("in", name_en, name, lang)


# Values that are '' where the pack does not know them; a title naming one is then skipped.
GIVEN_ONLY = frozenset({"federal_district"})


def title_values(
    facts: StateFacts,
    county: str,
    city: str,
    lang: str,
    local: Local | None = None,
    district: Text | None = None,
) -> dict[str, str]:
    """The values a role title template may use, in `lang` (`local`: the county's governance,
    `district`: the federal judicial district holding the county)."""
    board = facts.pardon_board(lang) if facts.pardon_board else ""
    base = {
        "county": county_in(county, lang),
        "county_short": county_short(county, lang),
        "of_county": of_county(county, lang),
        "city": city,
        "state_name": facts.name(lang),
        "of_state": of_state(facts.name("en"), facts.name(lang), lang),
        "county_body": facts.county_body(lang),
        "county_word": facts.county_word(lang),
        "doc_name": facts.doc_name(lang),
        "pardon_board": board,
        "legislature": facts.legislature(lang),
        "federal_district": district(lang) if district is not None else "",
    }
    return {**base, **governance.titles(local, base, lang)}


def district_of(pack: Pack, facts: StateFacts, county: str) -> Text | None:
    """The federal judicial district holding `county` (any county of a one-district state)."""
    return districts.district_for(pack.districts.get(facts.code), county, facts.name)
