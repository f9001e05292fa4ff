"""The user's cache folder for this program, where the checked pack and the Census lists are
kept between runs; PIPELINE_CACHE_DIR moves it, PIPELINE_NO_CACHE=1 turns caching off."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """Where cached packs live, or None when caching is off."""
    if os.environ.get("PIPELINE_NO_CACHE"):
        return None
    chosen = os.environ.get("PIPELINE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pipeline-cli", appauthor=False))
