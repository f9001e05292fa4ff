"""The three 287(g) models, each with its own answer key, and what ICE's list says of them.

`has_287g` means any agreement; `g287_jail`, `g287_warrant` and `g287_task_force` say which
models. The list fills a model it shows; a model missing from it stays unknown (the list trails
new agreements), so a county with only a task force agreement does not open the jail handoff.
"""

from __future__ import annotations

from pipeline_cli.pack.ice import Agreement, ListInfo
from pipeline_cli.pack.text import Text
from pipeline_cli.plan.ice_text import MODEL_NAMES as NAMES
from pipeline_cli.plan.ice_text import in_county_es, short

# ICE's model code -> the answer key for it.
MODEL_KEYS = {"JEM": "g287_jail", "WSO": "g287_warrant", "TFM": "g287_task_force"}
CODES = {key: code for code, key in MODEL_KEYS.items()}


def models_of(open_if: str) -> list[str]:
    """The model keys a handoff opens on (`g287_jail == 'yes'`): the models it is about."""
    return [k for k in MODEL_KEYS.values() if f"{k} == 'yes'" in open_if]


def model_gap_text(county: str, models: list[str], info: ListInfo) -> Text:
    """On the list, but not under the models a handoff turns on."""
    en = " or ".join(NAMES[m].en for m in models)
    es = " ni con ".join(NAMES[m].es for m in models)
    return Text(
        f"ICE's 287(g) list of {info.as_of} shows agreements in {county}, but none under {en}. "
        "That does not prove there is none: the list trails new agreements, so ask the agency "
        "which models it has signed.",
        f"La lista 287(g) de ICE del {info.as_of} muestra acuerdos {in_county_es(county)}, pero "
        f"ninguno con {es}. Eso no prueba que no exista: la lista va detrás de los acuerdos "
        "nuevos, así que pregunte a la agencia qué modelos ha firmado.",
    )


def model_note(county: str, info: ListInfo, agreements: tuple[Agreement, ...], key: str) -> Text:
    """For the interview: what the list shows for one model, to confirm or correct."""
    found = [a for a in agreements if a.model == CODES[key]]
    name = NAMES[key]
    if not found:
        return Text(
            f"ICE's 287(g) list of {info.as_of} shows no agreement under {name.en} in {county}; "
            "that does not prove there is none.",
            f"La lista 287(g) de ICE del {info.as_of} no muestra ningún acuerdo con {name.es} "
            f"{in_county_es(county)}; eso no prueba que no exista.",
        )
    return Text(
        f"ICE's 287(g) list of {info.as_of} shows: "
        + "; ".join(short(a, "en") for a in found)
        + ". Is that still right?",
        f"La lista 287(g) de ICE del {info.as_of} muestra: "
        + "; ".join(short(a, "es") for a in found)
        + ". ¿Sigue siendo así?",
    )
