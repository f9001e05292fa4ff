"""The checked pack, kept between runs until its files change.

Loading the built-in pack parses thousands of lines of YAML and re-checks every reference and
expression; a plan takes a fraction of that. So the first load of a pack stores the checked
result in the user's cache folder, keyed by a hash of every file in the pack, the tool's version
and the pack floor's own code, together with the compiled bytecode of its expressions. A later
run whose key matches takes it from there; anything else (another key, a file that does not
load, a folder or file that others could write) is ignored and rebuilt. The folder is safe to
delete. `pipeline validate` never uses it: it always checks everything.

PIPELINE_CACHE_DIR moves the cache; PIPELINE_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import pickle
import stat
import sys
import zlib
from pathlib import Path
from typing import Any

from pipeline_cli import __version__
from pipeline_cli.pack import lowered
from pipeline_cli.pack.cachedir import cache_dir
from pipeline_cli.pack.ice import IceData
from pipeline_cli.pack.lazymap import LazyMap
from pipeline_cli.pack.records import Pack, TitleVariant
from pipeline_cli.pack.text import Text

_PACK_CODE = Path(__file__).resolve().parent
_EXPR_FIELDS = ("when", "closed_if", "open_if")
_KEEP = 8  # cached packs kept; older ones are removed


def _default_dir() -> Path:
    # The built-in pack's folder (a package in a wheel and an editable install alike); found
    # without importlib.resources, which costs more to import than reading the cache.
    from importlib import import_module

    return Path(str(import_module("pipeline_cli.stages").__file__)).parent


def _load(root: Path) -> Pack:
    from pipeline_cli.pack.load import load_pack  # only when the cache does not match

    return load_pack(root)


def _files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".py", ".pyc")
    )


def pack_key(root: Path) -> str:
    """A hash of everything the checked pack depends on."""
    import hashlib

    h = hashlib.sha256()
    h.update(f"{__version__}\0{sys.version}\0".encode())
    for path in sorted(_PACK_CODE.rglob("*.py")):
        h.update(path.read_bytes())
    for path in _files(root):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _private(path: Path) -> bool:
    """Only a file and folder that this user owns and nobody else can write are trusted."""
    try:
        for p in (path.parent, path):
            st = p.stat()
            if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return False
    except (OSError, AttributeError):  # AttributeError: no getuid on this platform
        return False
    return True


def _expressions(value: Any, found: dict[str, set[str]], field: str = "") -> None:
    """Every `when`-style expression and title template in the pack's records."""
    if isinstance(value, TitleVariant):
        found["title"].update((value.text.en, value.text.es))
        if value.when:
            found["expr"].add(value.when)
    elif isinstance(value, Text):  # a title template, or text rendered as one
        found["title"].update(t for t in (value.en, value.es) if "{" in t)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _expressions(getattr(value, f.name), found, f.name)
    elif isinstance(value, dict):
        for item in value.values():
            _expressions(item, found, field)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _expressions(item, found, field)
    elif isinstance(value, str) and field in _EXPR_FIELDS and value.strip():
        found["expr"].add(value)


def _compiled(pack: Pack) -> dict[str, Any]:
    """Every expression and title lowered to a tree; jinja2 bytecode for the few that cannot be.

    jinja2 is imported only here, when the cache is (re)built.
    """
    from pipeline_cli.pack import bytecode, expr

    found: dict[str, set[str]] = {"expr": set(), "title": set()}
    _expressions(pack, found)
    for src in found["expr"]:
        if expr.lower_expression(src) is lowered.UNSUPPORTED:
            expr.warm_expression(src)
    for src in found["title"]:
        if expr.lower_title(src) is lowered.UNSUPPORTED:
            expr.warm_title(src)
    return {"codes": bytecode.export_codes(), "trees": lowered.export()}


def stamp(root: Path) -> str:
    """Each file's path, size, inode and change times: cheap to read, changed by any edit."""
    lines = [f"{__version__}\0{sys.version}\0{root}"]
    for path in (*sorted(_PACK_CODE.rglob("*.py")), *_files(root)):
        st = path.stat()
        lines.append(f"{path}\0{st.st_size}\0{st.st_ino}\0{st.st_mtime_ns}\0{st.st_ctime_ns}")
    return "\n".join(lines)


def _stamp_file(folder: Path, root: Path) -> Path:
    return folder / f"stamp-{zlib.crc32(str(root).encode()):08x}.json"


def _known_key(folder: Path, root: Path, now: str) -> str | None:
    """The content key recorded for these exact files, if the stamp file says so."""
    path = _stamp_file(folder, root)
    try:
        if path.is_file() and _private(path):
            known = json.loads(path.read_text(encoding="utf-8"))
            if known.get("stamp") == now and isinstance(known.get("key"), str):
                return str(known["key"])
    except (OSError, ValueError, AttributeError):
        pass
    return None


def cached_pack(root: Path | None = None) -> Pack:
    """The checked pack at `root` (default: the built-in one), from the cache when it matches.

    The key is a hash of the files' contents. Reading and hashing them all is skipped when
    every file's stamp (size, inode, change times) is the one recorded with the key.
    """
    root = (root or _default_dir()).resolve()
    folder = cache_dir()
    if folder is None or not root.is_dir():
        return _load(root)
    now = stamp(root)
    key = _known_key(folder, root, now)
    if key is None:
        key = pack_key(root)
        _write(folder, _stamp_file(folder, root), json.dumps({"stamp": now, "key": key}).encode())
    path = folder / f"pack-{key[:40]}.pickle"
    if path.is_file() and _private(path):
        try:
            stored = pickle.loads(path.read_bytes())
            if stored["key"] == key and isinstance(stored["pack"], Pack):
                lowered.preload(stored["trees"], stored["codes"])
                return stored["pack"]
        except Exception:
            pass
    pack = _load(root)
    _store(folder, path, {"key": key, "pack": _lazy_tables(pack), **_compiled(pack)})
    return pack


def _lazy_tables(pack: Pack) -> Pack:
    """The pack as cached: its per-state and per-source tables unpickled only where read."""
    return dataclasses.replace(
        pack,
        sources=LazyMap.of(pack.sources),
        states=LazyMap.of(pack.states),
        governance=LazyMap.of(pack.governance),
        cases=LazyMap.of(pack.cases),
        ice=_ice_for_cache(pack),
        districts=LazyMap.of(pack.districts),
    )


def _ice_for_cache(pack: Pack) -> IceData | None:
    if pack.ice is None:
        return None
    try:
        return pack.ice.for_cache()
    except (OSError, ValueError, KeyError, TypeError):  # unreadable lists: read them lazily
        return pack.ice


def _store(folder: Path, path: Path, data: dict[str, Any]) -> None:
    """Store the checked pack; a cache that cannot be written is simply skipped."""
    try:
        blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    if _write(folder, path, blob):
        with contextlib.suppress(OSError):
            old = sorted(folder.glob("pack-*.pickle"), key=lambda p: p.stat().st_mtime)
            for stale in old[:-_KEEP]:
                stale.unlink(missing_ok=True)


def _write(folder: Path, path: Path, blob: bytes) -> bool:
    """Write atomically and owner-only; False when the folder cannot be written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False
