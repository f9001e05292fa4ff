"""The sentences a plan uses for ICE's lists, in both languages. Every one names ICE, the list's
date and its ice.gov page; an agreement carries the link to its signed PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pipeline_cli.pack.ice import Agreement, Facility, ListInfo
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.jurisdiction import of_county

LEVEL = {
    "County": Text("county agency", "agencia del condado"),
    "Municipality": Text("city or town agency", "agencia municipal"),
    "State Agency": Text("state agency", "agencia estatal"),
}
MODEL_ES = {
    "JEM": "modelo de cárcel",
    "WSO": "agentes de ejecución de órdenes",
    "TFM": "modelo de fuerza de tarea",
}
FACILITY_TYPE = {
    "IGSA": Text(
        "an intergovernmental service agreement with ICE",
        "un acuerdo intergubernamental de servicios con ICE",
    ),
    "DIGSA": Text(
        "an intergovernmental service agreement dedicated to ICE",
        "un acuerdo intergubernamental de servicios dedicado a ICE",
    ),
    "USMS IGA": Text(
        "a U.S. Marshals Service agreement that ICE also uses",
        "un acuerdo con el Servicio de Alguaciles federales (U.S. Marshals) que ICE también usa",
    ),
}
ANSWER = {
    "has_287g": Text(
        "a local agency has a 287(g) agreement", "una agencia local tiene un acuerdo 287(g)"
    ),
    "jail_ice_contract": Text(
        "a jail in the county holds people for ICE under a contract",
        "una cárcel del condado retiene a personas para ICE por contrato",
    ),
}
MODEL_NAMES = {  # by answer key (plan/ice_models.py)
    "g287_jail": Text("the jail enforcement model", "el modelo de cárcel"),
    "g287_warrant": Text(
        "the warrant service officer model", "el modelo de agentes de ejecución de órdenes"
    ),
    "g287_task_force": Text("the task force model", "el modelo de fuerza de tarea"),
}
ANSWER |= {
    key: Text(
        f"a local agency has a 287(g) agreement under {name.en}",
        f"una agencia local tiene un acuerdo 287(g) con {name.es}",
    )
    for key, name in MODEL_NAMES.items()
}
VALUE = {
    "yes": Text("yes", "sí"),
    "partial": Text("partly (city or town agencies only)", "en parte (solo agencias municipales)"),
}


def in_county_es(name: str) -> str:
    """ "en el Condado de X", "en la Parroquia de X" (built on of_county's article)."""
    of = of_county(name, "es")
    for prefix, into in (("del ", "en el "), ("de la ", "en la "), ("de ", "en ")):
        if of.startswith(prefix):
            return into + of[len(prefix) :]
    return f"en {of}"


def model(a: Agreement, lang: str) -> str:
    return (
        f"{MODEL_ES[a.model]} ({a.model_name})"
        if lang == "es" and a.model in MODEL_ES
        else (a.model_name)
    )


def short(a: Agreement, lang: str) -> str:
    if lang == "es":
        return f"{a.agency} ({MODEL_ES.get(a.model, a.model_name)}, firmado el {a.signed})"
    return f"{a.agency} ({a.model_name}, signed {a.signed})"


def _one(a: Agreement, lang: str) -> str:
    es = lang == "es"
    text = f"{model(a, lang)}, {'firmado el' if es else 'signed'} {a.signed}"
    if a.url:
        text += f" ({'acuerdo firmado' if es else 'signed agreement'}: {a.url})"
    else:
        text += (
            " (ICE indica que el enlace está pendiente)"
            if es
            else " (ICE lists the link as pending)"
        )
    if a.addendum:
        text += f" ({'anexo' if es else 'addendum'}: {a.addendum})"
    return text


def _by_agency(agreements: tuple[Agreement, ...], lang: str) -> str:
    groups: dict[str, list[Agreement]] = {}
    for a in agreements:
        groups.setdefault(a.agency, []).append(a)
    parts = []
    for agency, found in groups.items():
        level = LEVEL.get(found[0].level, Text(found[0].level, found[0].level))(lang)
        parts.append(f"{agency} ({level}): " + "; ".join(_one(a, lang) for a in found))
    return " | ".join(parts)


def agreement_text(county: str, info: ListInfo, agreements: tuple[Agreement, ...]) -> Text:
    n = len(agreements)
    return Text(
        f"ICE's 287(g) list of {info.as_of} ({info.page}) shows {n} "
        f"agreement{'s' if n != 1 else ''} in {county}: {_by_agency(agreements, 'en')}.",
        f"La lista 287(g) de ICE del {info.as_of} ({info.page}) muestra {n} "
        f"acuerdo{'s' if n != 1 else ''} {in_county_es(county)}: "
        f"{_by_agency(agreements, 'es')}.",
    )


def no_agreement_text(county: str, info: ListInfo) -> Text:
    return Text(
        f"{county} is not on ICE's 287(g) list as of {info.as_of} ({info.page}): "
        "no agency there appears on it. That does not show an absence of cooperation: the list "
        "trails new agreements, and jails work with ICE without 287(g) too.",
        f"Ninguna agencia {of_county(county, 'es')} figura en la lista 287(g) de ICE al "
        f"{info.as_of} ({info.page}). Eso no demuestra que no haya cooperación: la lista va "
        "detrás de los acuerdos nuevos, y las cárceles colaboran con ICE también sin 287(g).",
    )


def _facility(f: Facility, lang: str) -> str:
    kind = FACILITY_TYPE.get(f.type)
    what = f"{f.type}: {kind(lang)}" if kind else f.type
    office = (
        f"oficina de ICE en {f.field_office}" if lang == "es" else f"{f.field_office} field office"
    )
    return f"{f.name} ({f.city}; {what}; {office})"


def facility_text(county: str, info: ListInfo, found: tuple[Facility, ...]) -> Text:
    return Text(
        f"ICE's detention statistics (data pull of {info.as_of}; {info.page}) list "
        f"{'; '.join(_facility(f, 'en') for f in found)} in {county} as holding people for ICE "
        "that day.",
        f"Según las estadísticas de detención de ICE (datos del {info.as_of}; {info.page}), "
        f"{in_county_es(county)} retenían personas para ICE ese día: "
        f"{'; '.join(_facility(f, 'es') for f in found)}.",
    )


def no_contract_text(county: str, info: ListInfo) -> Text:
    return Text(
        f"No jail in {county} is on ICE's detention statistics of {info.as_of} ("
        f"{info.page}). That proves nothing: the sheet names only the places holding someone for "
        "ICE that day, so a contract may still exist.",
        f"Ninguna cárcel {of_county(county, 'es')} figura en las estadísticas de detención de ICE "
        f"del {info.as_of} ({info.page}). Eso no prueba nada: la hoja solo nombra los lugares "
        "que retenían a alguien para ICE ese día, así que puede haber un contrato de todos modos.",
    )


def filled_text(filled: Mapping[str, str], agreements: ListInfo, facilities: ListInfo) -> Text:
    said = ANSWER
    dates = {"jail_ice_contract": facilities.as_of}  # every other key: the 287(g) list
    parts = {
        lang: "; ".join(
            f"{said[k](lang)}: {VALUE.get(v, Text(v, v))(lang)} "
            + f"(ICE, {dates.get(k, agreements.as_of)})"
            for k, v in filled.items()
            if k in said
        )
        for lang in ("en", "es")
    }
    return Text(
        f"Taken from ICE's lists because your answers left them out: {parts['en']}. If they are "
        "out of date, answer them yourself (--set or an answers file).",
        f"Tomado de las listas de ICE porque sus respuestas no lo indicaban: {parts['es']}. Si "
        "ya no es así, respóndalo usted (--set o un archivo de respuestas).",
    )


PLAN = Text("this plan", "este plan")


def stale_text(key: str, info: ListInfo, today: dt.date, against: Text = PLAN) -> Text:
    """`against`: what the list is older than ("this plan"; "today" for `pipeline facts`)."""
    day = today.isoformat()
    if key == "agreements":
        es = (
            f"La lista 287(g) de ICE que se usa aquí es del {info.as_of}, más de seis meses antes "
            f"de {against.es} ({day}). ICE la actualiza a menudo: consulte la versión actual en "
        )
        what = "287(g) list"
    else:
        es = (
            f"Las estadísticas de detención de ICE que se usan aquí son del {info.as_of}, más de "
            f"seis meses antes de {against.es} ({day}). ICE las actualiza a menudo: consulte la "
            "versión actual en "
        )
        what = "detention statistics"
    return Text(
        f"ICE's {what} used here date{'s' if key == 'agreements' else ''} from {info.as_of}, "
        f"more than six months before {against.en} ({day}). ICE updates "
        f"{'it' if key == 'agreements' else 'them'} often: check the current version at "
        f"{info.page} before you rely on it.",
        f"{es}{info.page} antes de basarse en ella{'s' if key != 'agreements' else ''}.",
    )
