"""The lesson's data: MovieLens (ml-100k, ml-latest-small) or a synthetic set shaped like it.

    from grader.data import load
    data = load()                      # synthetic (the default: no network, planted truth in data.truth)
    data = load("ml-latest-small")     # from the cache folder; load(..., download=True) fetches it first
    data = load("path/to/ml-100k.zip") # a local copy: the zip GroupLens serves, or its unpacked folder
    data.ratings                       # columns user, movie, rating, title

This package imports only numpy, pandas and the standard library, so probes may use it too.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from grader.data.archive import ArchiveError
from grader.data.layout import MovieLens, Truth
from grader.data.movielens import SOURCES, DataUnavailable, cache_dir, cached, offline_message, read
from grader.data.movielens import download as fetch_into_cache
from grader.data.synthetic import synthetic

SYNTHETIC = "synthetic"
CHOICES = [SYNTHETIC, *SOURCES]

__all__ = ["ArchiveError", "CHOICES", "DataUnavailable", "MovieLens", "Truth", "cache_dir", "load", "synthetic"]


def load(data: str | Path | None = None, *, download: bool = False, progress: IO[str] | None = sys.stderr) -> MovieLens:
    """`None` or "synthetic": the synthetic set; "ml-100k" or "ml-latest-small": from the cache folder,
    downloaded first when `download` is true; anything else: the path of a local copy."""
    if data is None or data == SYNTHETIC:
        return synthetic()
    if isinstance(data, str) and data in SOURCES:
        found = cached(data)
        if found is not None:
            return found
        if not download:
            raise DataUnavailable(offline_message(data))
        return read(fetch_into_cache(data, progress=progress))
    return read(data)
