"""The one frame layout every data set arrives in, whatever its source.

`ratings` has one row per rating with the columns `user`, `movie`, `rating` and `title`; `movies`
has one row per movie with `movie`, `title` and `genres` ("Action|Comedy", "" when unknown). Ids are
the source's own integers; ratings are floats (whole stars in ml-100k, half stars in ml-latest-small).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

RATING_COLUMNS = ["user", "movie", "rating", "title"]
MOVIE_COLUMNS = ["movie", "title", "genres"]


@dataclass(frozen=True)
class Truth:
    """The planted values; row i of each array belongs to user (or movie) id i + 1."""

    global_mean: float
    user_bias: np.ndarray  # [n_users]
    movie_bias: np.ndarray  # [n_movies]
    user_factors: np.ndarray  # [n_users, n_factors]
    movie_factors: np.ndarray  # [n_movies, n_factors]


@dataclass(frozen=True)
class MovieLens:
    name: str  # "synthetic", "ml-100k", "ml-latest-small"
    ratings: pd.DataFrame  # user, movie, rating, title
    movies: pd.DataFrame  # movie, title, genres
    truth: Truth | None = None  # the planted factors and biases, for synthetic data only

    def __repr__(self) -> str:
        r = self.ratings
        return (f"MovieLens({self.name!r}: {len(r):,} ratings, {r['user'].nunique():,} users, "
                f"{r['movie'].nunique():,} movies)")


def assemble(name: str, ratings: pd.DataFrame, movies: pd.DataFrame, truth: Truth | None = None) -> MovieLens:
    """Bring raw (user, movie, rating) rows and a movies table into the layout: titles joined in."""
    movies = pd.DataFrame({"movie": movies["movie"].to_numpy(np.int64), "title": movies["title"].astype(str).to_numpy(),
                           "genres": movies["genres"].fillna("").astype(str).to_numpy()})
    rows = pd.DataFrame({"user": ratings["user"].to_numpy(np.int64), "movie": ratings["movie"].to_numpy(np.int64),
                         "rating": ratings["rating"].to_numpy(np.float64)})
    titled = rows.merge(movies[["movie", "title"]], on="movie", how="left")
    untitled = titled["title"].isna()
    if untitled.any():  # a rating of a movie the movies table lacks keeps a placeholder, not a NaN
        titled.loc[untitled, "title"] = "movie " + titled.loc[untitled, "movie"].astype(str)
    return MovieLens(name, titled[RATING_COLUMNS], movies[MOVIE_COLUMNS], truth)
