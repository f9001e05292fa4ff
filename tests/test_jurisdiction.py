"""States and counties from the Census lists, and their Spanish names."""

from __future__ import annotations

import pytest

from pipeline_cli.plan import jurisdiction as j


@pytest.mark.parametrize(
    ("text", "code"),
    [("ca", "CA"), ("California", "CA"), (" new york ", "NY"), ("DC", "DC"),
     ("District of Columbia", "DC"), ("puerto rico", "PR"), ("PR", "PR")],
)  # fmt: skip
def test_resolve_state_from_code_or_name(text: str, code: str) -> None:
    assert j.resolve_state(text) == code


def test_unknown_state_has_close_matches() -> None:
    assert j.resolve_state("Californa") is None
    assert j.close_states("Californa") == ["California"]


def test_states_cover_50_states_dc_and_pr() -> None:
    assert len(j.states()) == 52
    assert {"DC", "PR"} <= set(j.states())


@pytest.mark.parametrize(
    ("state", "text", "name"),
    [("CA", "Los Angeles", "Los Angeles County"),
     ("CA", "los angeles county", "Los Angeles County"),
     ("LA", "orleans", "Orleans Parish"), ("NM", "Dona Ana", "Doña Ana County"),
     ("MO", "Saint Louis", "St. Louis County"), ("MO", "st. louis city", "St. Louis city"),
     ("AK", "Juneau", "Juneau City and Borough"), ("AK", "bethel", "Bethel Census Area"),
     ("PR", "bayamon", "Bayamón Municipio"), ("VA", "Norfolk", "Norfolk city"),
     ("DC", "district of columbia", "District of Columbia")],
)  # fmt: skip
def test_resolve_county_natural_forms(state: str, text: str, name: str) -> None:
    assert j.resolve_county(state, text) == name


def test_county_of_another_state_is_not_found_but_close_ones_are_named() -> None:
    assert j.resolve_county("TX", "Los Angeles") is None
    assert j.close_counties("CA", "Los Angles") == ["Los Angeles County"]


@pytest.mark.parametrize(
    ("name", "es"),
    [("Los Angeles County", "Condado de Los Ángeles"), ("Orleans Parish", "Parroquia de Orleans"),
     ("Denali Borough", "Municipio de Denali"), ("Bethel Census Area", "Área censal de Bethel"),
     ("Adjuntas Municipio", "Municipio de Adjuntas"), ("Suffolk city", "Ciudad de Suffolk"),
     ("District of Columbia", "Distrito de Columbia"),
     ("Juneau City and Borough", "Ciudad y municipio de Juneau")],
)  # fmt: skip
def test_county_in_spanish(name: str, es: str) -> None:
    assert j.county_es(name) == es


def test_every_census_county_resolves_to_itself_and_has_a_spanish_name() -> None:
    for code in j.states():
        for name in j.counties(code):
            assert j.resolve_county(code, name) == name
            assert j.county_es(name)


@pytest.mark.parametrize(
    ("name", "lang", "of"),
    [("Orleans Parish", "es", "de la Parroquia de Orleans"),
     ("Suffolk city", "es", "de la Ciudad de Suffolk"),
     ("Juneau City and Borough", "es", "de la Ciudad y municipio de Juneau"),
     ("Bethel Census Area", "es", "del Área censal de Bethel"),
     ("Harris County", "es", "del Condado de Harris"),
     ("District of Columbia", "es", "del Distrito de Columbia"),
     ("District of Columbia", "en", "of the District of Columbia"),
     ("Harris County", "en", "of Harris County"), ("", "es", "")],
)  # fmt: skip
def test_of_county_agrees_with_the_kind_of_place(name: str, lang: str, of: str) -> None:
    assert j.of_county(name, lang) == of


def test_in_and_of_a_state() -> None:
    assert j.in_state("California", "California", "es") == "en California"
    assert j.in_state("District of Columbia", "Distrito de Columbia", "es") == (
        "en el Distrito de Columbia"
    )
    assert j.of_state("District of Columbia", "District of Columbia", "en") == (
        "of the District of Columbia"
    )
