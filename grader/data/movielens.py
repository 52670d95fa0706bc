"""MovieLens from GroupLens: ml-100k and ml-latest-small, read into the project's frame layout.

Where a data set comes from, in order: a path you give (the zip GroupLens serves, or the folder it
unpacks to); the cache folder (`cache_dir()`); a download, only when asked for. With no copy and no
download, `DataUnavailable` says exactly what to fetch and where to put it.
"""
from __future__ import annotations

import io
import os
import sys
import urllib.error
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable

import pandas as pd

from grader.data.archive import ArchiveError, Expected, fetch, unpack, verify_file
from grader.data.layout import MovieLens, assemble

BASE_URL = "https://files.grouplens.org/datasets/movielens/"
CACHE_ENV = "LESSON7_DATA"  # set it to keep the data somewhere else


@dataclass(frozen=True)
class Source:
    name: str
    marker: str  # the file that identifies an unpacked copy
    expected: Expected
    describe: str

    @property
    def url(self) -> str:
        return f"{BASE_URL}{self.name}.zip"


SOURCES = {
    # Size and MD5 as GroupLens publishes them (https://files.grouplens.org/datasets/movielens/ml-100k.zip.md5).
    "ml-100k": Source("ml-100k", "u.data", Expected(size=4_924_029, md5="0e33842e24a9c977be4e0107933c0723"),
                      "4.9 MB: 100,000 ratings (1-5 stars) of 1,682 movies by 943 users"),
    # Size and SHA-256 of the archive GroupLens serves, recorded from a copy fetched from that URL.
    "ml-latest-small": Source("ml-latest-small", "ratings.csv",
                              Expected(size=978_202,
                                       sha256="696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436"),
                              "1.0 MB: 100,836 ratings (half stars) of 9,742 movies by 610 users"),
}


class DataUnavailable(Exception):
    """The data set is not on this machine (and was not, or could not be, downloaded)."""


def cache_dir() -> Path:
    """Where downloads go: $LESSON7_DATA, else $XDG_CACHE_HOME/lesson7-workbook, else ~/.cache/lesson7-workbook."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lesson7-workbook"


def read(path: str | Path) -> MovieLens:
    """A local copy: the zip GroupLens serves, or a folder holding u.data/u.item or ratings.csv/movies.csv
    (directly or one level down)."""
    path = Path(path).expanduser()
    if not path.exists():
        raise DataUnavailable(f"{path} does not exist: give the MovieLens zip or the folder it unpacks to")
    if path.is_file():
        return _read_zip(path)
    for folder in [path, *sorted(p for p in path.iterdir() if p.is_dir())]:
        for source in SOURCES.values():
            if (folder / source.marker).is_file():
                return _READERS[source.name](lambda member, f=folder: open(f / member, "rb"))
    raise DataUnavailable(f"{path} holds no MovieLens data: expected u.data and u.item (ml-100k) or ratings.csv "
                          "and movies.csv (ml-latest-small) in it or in a folder inside it")


def cached(name: str) -> MovieLens | None:
    """The data set from the cache folder, unpacking a zip placed there by hand; None if it is not there."""
    source = _source(name)
    folder, zip_path = cache_dir() / name, cache_dir() / f"{name}.zip"
    if not (folder / source.marker).is_file() and zip_path.is_file():
        verify_file(zip_path, source.expected, zip_path.name)
        unpack(zip_path, cache_dir())
    return read(folder) if (folder / source.marker).is_file() else None


def download(name: str, url: str | None = None, expected: Expected | None = None,
             progress: IO[str] | None = sys.stderr) -> Path:
    """Fetch the archive (from GroupLens unless `url` says otherwise), verify it, unpack it into the cache.

    Returns the unpacked folder. `expected` replaces the recorded size and checksum (for tests)."""
    source = _source(name)
    zip_path = cache_dir() / f"{name}.zip"
    try:
        fetch(url or source.url, zip_path, expected or source.expected, f"{name}.zip", progress)
    except (urllib.error.URLError, OSError) as e:  # (a timeout is an OSError)
        raise DataUnavailable(f"could not download {url or source.url} ({getattr(e, 'reason', e)}).\n"
                              + offline_message(name)) from None
    unpack(zip_path, cache_dir())
    if not (cache_dir() / name / source.marker).is_file():
        raise ArchiveError(f"{zip_path} unpacked without {name}/{source.marker}: it is not the {name} archive")
    return cache_dir() / name


def offline_message(name: str) -> str:
    source = _source(name)
    where = cache_dir()
    digest = (f"SHA-256 {source.expected.sha256}" if source.expected.sha256 else f"MD5 {source.expected.md5}")
    return (f"{name} is not on this machine. Download\n"
            f"    {source.url}\n"
            f"    ({source.describe}; {source.expected.size:,} bytes, {digest})\n"
            f"and put the zip, as it is, at\n"
            f"    {where / (name + '.zip')}\n"
            f"(it is checked and unpacked on first use), or pass its path: --data path/to/{name}.zip, or the folder "
            f"it unpacks to.\nOnline, `python -m grader data download {name}` does all of this. The cache folder "
            f"is ${CACHE_ENV}, else $XDG_CACHE_HOME/lesson7-workbook, else ~/.cache/lesson7-workbook.")


def _source(name: str) -> Source:
    if name not in SOURCES:
        raise ValueError(f"unknown data set {name!r}; choose from {', '.join(SOURCES)}")
    return SOURCES[name]


def _read_zip(path: Path) -> MovieLens:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise DataUnavailable(f"{path} is not a zip archive: give the MovieLens zip or the folder it unpacks to") from None
    with archive:
        names = archive.namelist()
        for source in SOURCES.values():
            found = sorted((n for n in names if n.rsplit("/", 1)[-1] == source.marker), key=len)
            if found:
                prefix = found[0][: -len(source.marker)]
                # Members are read straight from the archive: nothing is unpacked, so no name is trusted as a path.
                return _READERS[source.name](lambda member: io.BytesIO(archive.read(prefix + member)))
    raise DataUnavailable(f"{path} holds no MovieLens data (no u.data or ratings.csv inside)")


Opener = Callable[[str], IO[bytes]]
ML100K_GENRES = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
                 "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"]


def _read_ml100k(open_member: Opener) -> MovieLens:
    with open_member("u.data") as f:
        ratings = pd.read_csv(f, sep="\t", names=["user", "movie", "rating", "timestamp"], usecols=[0, 1, 2])
    # u.item: movie id | title | release date | video release date | IMDb URL | 19 genre flags; latin-1 text.
    with open_member("u.item") as f:
        items = pd.read_csv(f, sep="|", encoding="latin-1", header=None, usecols=[0, 1, *range(5, 24)])
    flags = items.iloc[:, 2:].to_numpy(dtype=bool)
    genres = ["|".join(g for g, on in zip(ML100K_GENRES, row) if on and g != "unknown") for row in flags]
    movies = pd.DataFrame({"movie": items[0], "title": items[1], "genres": genres})
    return assemble("ml-100k", ratings, movies)


def _read_latest_small(open_member: Opener) -> MovieLens:
    with open_member("ratings.csv") as f:
        ratings = pd.read_csv(f, usecols=["userId", "movieId", "rating"])
    with open_member("movies.csv") as f:
        movies = pd.read_csv(f, encoding="utf-8")
    ratings = ratings.rename(columns={"userId": "user", "movieId": "movie"})
    movies = movies.rename(columns={"movieId": "movie"}).replace({"genres": {"(no genres listed)": ""}})
    return assemble("ml-latest-small", ratings, movies)


_READERS = {"ml-100k": _read_ml100k, "ml-latest-small": _read_latest_small}
