"""A mapping whose values stay pickled until one is read: for the pack cache's large tables.

A plan reads one state's facts and governance and a few dozen sources out of every state's and
several hundred; unpickling all of them was a third of loading a cached pack. The cache stores
these tables as `LazyMap`s, each value pickled on its own, and a run unpickles what it reads.
The blobs come from the same owner-only cache file as the rest of the pack.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LazyMap(Mapping[K, V], Generic[K, V]):
    __slots__ = ("_blobs", "_values")

    def __init__(self, blobs: Mapping[K, bytes]) -> None:
        self._blobs = dict(blobs)
        self._values: dict[K, V] = {}

    @classmethod
    def of(cls, mapping: Mapping[K, V]) -> LazyMap[K, V]:
        protocol = pickle.HIGHEST_PROTOCOL
        return cls({k: pickle.dumps(v, protocol=protocol) for k, v in mapping.items()})

    def __getitem__(self, key: K) -> V:
        try:
            return self._values[key]
        except KeyError:
            value: V = pickle.loads(self._blobs[key])  # KeyError: not in the table
            self._values[key] = value
            return value

    def __iter__(self) -> Iterator[K]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __contains__(self, key: object) -> bool:
        return key in self._blobs

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyMap, (self._blobs,))

    def __repr__(self) -> str:
        return f"LazyMap({len(self._blobs)} entries)"
