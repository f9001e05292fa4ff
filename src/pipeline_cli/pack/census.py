"""The Census lists of states and county equivalents, from the `us` package, kept ready, and
how a typed county name is matched to them.

`us` holds every county in one 330 kB Python module; importing it costs more than building a
whole plan from the cached pack. So the lists it gives are stored once in the user's cache
folder (beside the pack cache), keyed by the installed `us` files' size and time, and read
from there while they match. Without a cache folder, or when anything is off, `us` is used
directly.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from pipeline_cli.pack.cachedir import cache_dir

# code -> {"name": ..., "fips": ..., "counties": [[name, fips], ...]}
Table = dict[str, dict[str, Any]]
# County-equivalent words a short name may leave out ("Los Angeles", "Orleans"), in the order
# they are tried.
SUFFIXES = (
    "County", "Parish", "Borough", "City and Borough", "Census Area", "Municipality",
    "Municipio", "city",
)  # fmt: skip


def _from_us() -> Table:
    import us

    found = (*us.STATES, us.states.DC, us.states.PR)
    return {
        s.abbr: {
            "name": s.name,
            "fips": s.fips,
            "counties": [[c.name, c.fips] for c in (s.counties or ())],
        }
        for s in sorted(found, key=lambda s: s.name)
    }


def _us_key() -> str:
    spec = find_spec("us")
    if spec is None or not spec.submodule_search_locations:
        return ""
    folder = Path(next(iter(spec.submodule_search_locations)))
    parts = []
    for name in ("__init__.py", "states.py"):
        st = (folder / name).stat()
        parts.append(f"{st.st_size}-{st.st_mtime_ns}")
    return f"{folder}|{'|'.join(parts)}"


@cache
def table() -> Table:
    """Every state, DC and PR by USPS code, sorted by name, with their county equivalents."""
    folder = cache_dir()
    try:
        key = _us_key()
    except OSError:
        key = ""
    if folder is None or not key:
        return _from_us()
    path = folder / "census.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return dict(stored["states"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    states = _from_us()
    tmp = path.with_name(f".census.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp.write_text(json.dumps({"key": key, "states": states}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return states


def key(text: str) -> str:
    """Comparable form: no accents, lower case, `Saint` as `St`, no dots, single spaces."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"[.\s]+", " ", plain.lower()).strip()
    return re.sub(r"\bsaint\b", "st", plain)


@cache
def counties(code: str) -> tuple[str, ...]:
    """The Census county-equivalent names of a state, in Census order."""
    entry = table().get(code.upper())
    return tuple(name for name, _fips in entry["counties"]) if entry else ()


def matches(code: str, text: str) -> list[str]:
    """Every Census county of `code` that `text` can name: itself first, then itself with each
    county-equivalent word ("Orleans" -> "Orleans Parish"), in SUFFIXES order."""
    by_key = {key(name): name for name in counties(code)}
    wanted = key(text)
    forms = [wanted, *(f"{wanted} {key(suffix)}" for suffix in SUFFIXES)]
    return list(dict.fromkeys(by_key[f] for f in forms if f in by_key))
