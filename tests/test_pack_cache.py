"""The checked pack is reused until its files change; a cache that does not match is not used."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline_cli.pack import cache
from pipeline_cli.pack.load import load_pack


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(folder))
    return folder


def _stored(folder: Path) -> list[Path]:
    return sorted(folder.glob("pack-*.pickle"))


def test_second_load_comes_from_the_cache(
    cache_dir: Path, make_pack: Callable[[dict[str, Any]], Path], pack_files: dict[str, Any]
) -> None:
    root = make_pack(pack_files)
    first = cache.cached_pack(root)
    [path] = _stored(cache_dir)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    mtime = path.stat().st_mtime_ns
    second = cache.cached_pack(root)
    assert second == first
    assert path.stat().st_mtime_ns == mtime, "a matching cache is read, not rewritten"


def test_an_edit_to_the_pack_is_seen_at_once(
    cache_dir: Path, make_pack: Callable[[dict[str, Any]], Path], pack_files: dict[str, Any]
) -> None:
    root = make_pack(pack_files)
    before = cache.cached_pack(root)
    pack_yaml = root / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text().replace(before.version, "9.9.9"))
    after = cache.cached_pack(root)
    assert after.version == "9.9.9"
    assert len(_stored(cache_dir)) == 2


def test_unchanged_files_are_not_read_again(
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_pack: Callable[[dict[str, Any]], Path],
    pack_files: dict[str, Any],
) -> None:
    root = make_pack(pack_files)
    first = cache.cached_pack(root)

    def no_hashing(root: Path) -> str:
        raise AssertionError("the files' stamps match: their contents need no hashing")

    monkeypatch.setattr(cache, "pack_key", no_hashing)
    assert cache.cached_pack(root) == first


def test_an_edit_that_keeps_size_and_time_is_still_seen(
    cache_dir: Path, make_pack: Callable[[dict[str, Any]], Path], pack_files: dict[str, Any]
) -> None:
    root = make_pack(pack_files)
    before = cache.cached_pack(root)
    pack_yaml = root / "pack.yaml"
    st = pack_yaml.stat()
    text = pack_yaml.read_text()
    edited = text.replace(before.version, "9" * len(before.version))
    assert len(edited) == len(text) and edited != text
    pack_yaml.write_text(edited)
    os.utime(pack_yaml, ns=(st.st_atime_ns, st.st_mtime_ns))  # size and mtime as before
    assert cache.cached_pack(root).version == "9" * len(before.version)


def test_a_stamp_file_others_can_write_is_not_trusted(
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_pack: Callable[[dict[str, Any]], Path],
    pack_files: dict[str, Any],
) -> None:
    root = make_pack(pack_files)
    cache.cached_pack(root)
    [stamp] = cache_dir.glob("stamp-*.json")
    assert stat.S_IMODE(stamp.stat().st_mode) == 0o600
    os.chmod(stamp, 0o666)
    hashed = []
    real = cache.pack_key
    monkeypatch.setattr(cache, "pack_key", lambda r: hashed.append(r) or real(r))
    cache.cached_pack(root)
    assert hashed == [root.resolve()], "an untrusted stamp file is ignored: contents hashed"


def test_the_cached_pack_reads_state_tables_on_demand(cache_dir: Path) -> None:
    from pipeline_cli.pack.lazymap import LazyMap

    fresh = load_pack()
    cache.cached_pack()
    cached = cache.cached_pack()
    assert isinstance(cached.governance, LazyMap) and isinstance(cached.states, LazyMap)
    assert cached.states["TX"] == fresh.states["TX"]
    assert cached.governance["CT"] == fresh.governance["CT"]
    assert cached.sources == fresh.sources and cached == fresh
    assert "ZZ" not in cached.states and cached.governance.get("ZZ") is None


def test_a_broken_edit_is_reported_not_hidden_by_the_cache(
    cache_dir: Path, make_pack: Callable[[dict[str, Any]], Path], pack_files: dict[str, Any]
) -> None:
    from pipeline_cli.errors import PackError

    root = make_pack(pack_files)
    cache.cached_pack(root)
    (root / "roles.yaml").write_text("roles: [\n")
    with pytest.raises(PackError):
        cache.cached_pack(root)


def test_a_damaged_cache_is_rebuilt(
    cache_dir: Path, make_pack: Callable[[dict[str, Any]], Path], pack_files: dict[str, Any]
) -> None:
    root = make_pack(pack_files)
    expected = cache.cached_pack(root)
    [path] = _stored(cache_dir)
    path.write_bytes(b"not a pickle")
    assert cache.cached_pack(root) == expected
    assert path.read_bytes() != b"not a pickle"


def test_a_cache_others_can_write_is_not_trusted(
    cache_dir: Path, make_pack: Callable[[dict[str, Any]], Path], pack_files: dict[str, Any]
) -> None:
    root = make_pack(pack_files)
    cache.cached_pack(root)
    [path] = _stored(cache_dir)
    os.chmod(path, 0o666)
    assert not cache._private(path)
    cache.cached_pack(root)  # rebuilt and stored again, owner-only
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_cache_when_turned_off(
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_pack: Callable[[dict[str, Any]], Path],
    pack_files: dict[str, Any],
) -> None:
    monkeypatch.setenv("PIPELINE_NO_CACHE", "1")
    root = make_pack(pack_files)
    assert cache.cached_pack(root) == load_pack(root)
    assert not cache_dir.exists()


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_pack: Callable[[dict[str, Any]], Path],
    pack_files: dict[str, Any],
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(blocker / "cache"))
    root = make_pack(pack_files)
    assert cache.cached_pack(root).name == load_pack(root).name


def test_the_built_in_pack_keeps_its_lowered_expressions(cache_dir: Path) -> None:
    from pipeline_cli.pack import bytecode, lowered

    bytecode.clear()
    pack = cache.cached_pack()
    trees = lowered.export()
    assert any(k.startswith("e:") for k in trees) and any(k.startswith("t:") for k in trees)
    assert lowered.UNSUPPORTED not in trees.values(), "the built-in pack runs without jinja2"
    bytecode.clear()
    assert cache.cached_pack() == pack
    assert lowered.export() == trees, "a cached run lowers nothing again"


def test_census_lists_are_the_same_from_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline_cli.pack import census

    census.table.cache_clear()
    first = census.table()
    assert (cache_dir / "census.json").is_file()
    census.table.cache_clear()
    assert census.table() == first == census._from_us()
    assert len(first) == 52 and "Kings County" in [c for c, _ in first["NY"]["counties"]]
    census.table.cache_clear()
