"""Figures drawn with the trusted implementations of `reference/`: the one module outside the specs
that imports them (a test holds the layering to that).

- `crosstab_sheet()`: ex02's figure in its notebook, the ratings sheet fastbook draws (the most
  active users against the most rated movies, a blank where a user has not rated a movie), from a
  small fixed set of made-up ratings, so the learner sees what `top_crosstab` is for before writing it;
- `pca_figure(data)`: fastbook's scatter of the principal components of the movie factors of a
  trained DotProductBias, with titles (`python -m grader plot pca`);
- `feedback_figure(data)`: ex14's popularity loop run on MovieLens, the Gini of exposure over rounds
  with and without exploration (`python -m grader plot feedback`).

They use matplotlib's object-oriented API, so they neither need nor change a pyplot backend: in a
notebook the returned Figure shows itself, and from the command line it is written as a PNG.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from grader.figures import Figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure as Plot

    from grader.data import MovieLens

NOTEBOOK_FIGURES = {"ex02_crosstab": lambda: [crosstab_sheet()]}  # exercise -> its notebook's figures


def for_exercise(exercise: str) -> list[Figure]:
    """The figures of `exercise`'s notebook, in order."""
    make = NOTEBOOK_FIGURES.get(exercise)
    return make() if make else []


def sample_ratings(n_users: int = 30, n_movies: int = 20, n_ratings: int = 180, seed: int = 7) -> pd.DataFrame:
    """Made-up ratings (half stars, 0.5 to 5) with a few very active users and a few popular movies."""
    rng = np.random.RandomState(seed)  # the legacy generator: its stream is frozen, so the figure never drifts
    # Zipf-like weights: as in MovieLens, some users rate much more than others, some movies are much more rated.
    users = rng.choice(n_users, n_ratings, p=_zipf(n_users)) + 1
    movies = rng.choice(n_movies, n_ratings, p=_zipf(n_movies)) + 101
    ratings = rng.randint(1, 11, n_ratings) / 2
    frame = pd.DataFrame({"user": users, "movie": movies, "rating": ratings})
    return frame.drop_duplicates(["user", "movie"]).reset_index(drop=True)


def _zipf(n: int) -> np.ndarray:
    weights = 1 / np.arange(1, n + 1)
    return weights / weights.sum()


def crosstab_sheet(n_users: int = 8, n_movies: int = 8) -> Figure:
    """ex02's figure: the ratings sheet fastbook draws, the most active users against the most rated movies."""
    from reference.ex02_crosstab import top_crosstab

    sheet = top_crosstab(sample_ratings(), n_users, n_movies)
    header = "| user \\ movie | " + " | ".join(str(m) for m in sheet.columns) + " |"
    rule = "|---:|" + "---:|" * len(sheet.columns)
    rows = [f"| **{u}** | " + " | ".join("" if np.isnan(v) else f"{v:g}" for v in sheet.loc[u]) + " |" for u in sheet.index]
    return Figure("\n".join([
        f"**The sheet you are building.** `top_crosstab(ratings, {n_users}, {n_movies})` on a small set of made-up "
        "ratings: one row per user, one column per movie, the rating where there is one. A blank is a rating nobody "
        "has given yet (NaN); predicting those is the job of collaborative filtering.",
        "",
        header,
        rule,
        *rows,
    ]))


def pca_figure(data: "str | Path | MovieLens | None" = None, *, n_labels: int = 50, pool: int = 1000,
               components: tuple[int, int] = (0, 2), epochs: int = 5, download: bool = False) -> "Plot":
    """Train DotProductBias on `data` (a MovieLens from grader.data, or anything `grader.data.load` takes),
    take the principal components of the movie factors of the `pool` most-rated movies, and plot the
    `n_labels` most rated of them by their titles on the `components` given (fastbook's are 0 and 2)."""
    import torch
    from matplotlib.figure import Figure as Plot

    import reference.ex08_training as training
    from grader.models import DotProductBias
    from grader.data import MovieLens, load
    from reference.ex09_interpret import principal_components

    data = data if isinstance(data, MovieLens) else load(data, download=download)
    x, users, movies = training.encode_ids(data.ratings)
    y = torch.tensor(data.ratings["rating"].to_numpy(), dtype=torch.float32)
    train_rows, valid_rows = (torch.as_tensor(r) for r in training.train_valid_split(len(x)))
    torch.manual_seed(0)
    model = DotProductBias(len(users), len(movies), 50)
    training.fit(model, x[train_rows], y[train_rows], x[valid_rows], y[valid_rows], epochs=epochs)

    counts = data.ratings.groupby("movie").size().sort_values(ascending=False, kind="stable")
    top = counts.index[: min(pool, len(counts))]
    rows = torch.as_tensor(np.searchsorted(np.asarray(movies), top.to_numpy()))
    coords = principal_components(model.movie_factors.weight[rows], max(components) + 1).numpy()
    catalogue = data.movies.set_index("movie")
    titles = catalogue["title"].reindex(top).fillna("").tolist()
    genres = catalogue["genres"].reindex(top).fillna("").str.split("|").str[0].replace("", "(none)").tolist()

    n = min(n_labels, len(top))
    palette = {g: f"C{i % 10}" for i, g in enumerate(dict.fromkeys(genres[:n]))}
    fig = Plot(figsize=(12, 12))
    ax = fig.add_subplot()
    a, b = components
    ax.scatter(coords[:n, a], coords[:n, b], s=12, c=[palette[g] for g in genres[:n]])
    for title, genre, xa, xb in zip(titles[:n], genres[:n], coords[:n, a], coords[:n, b]):
        ax.text(xa, xb, title, color=palette[genre], fontsize=9)
    for genre, colour in palette.items():
        ax.scatter([], [], c=colour, label=genre)
    ax.legend(title="first genre", loc="best", fontsize=8)
    ax.set_xlabel(f"principal component {a + 1}")
    ax.set_ylabel(f"principal component {b + 1}")
    ax.set_title(f"Movie factors of DotProductBias on {data.name}: the {n} most-rated movies")
    return fig


def exposure_matrix(data: "MovieLens") -> np.ndarray:
    """Who has rated what: a bool matrix [n_users, n_movies], users and movies in ascending id order."""
    users, user_rows = np.unique(data.ratings["user"].to_numpy(), return_inverse=True)
    movies, movie_rows = np.unique(data.ratings["movie"].to_numpy(), return_inverse=True)
    seen = np.zeros((len(users), len(movies)), dtype=bool)
    seen[user_rows, movie_rows] = True
    return seen


def feedback_figure(data: "str | Path | MovieLens | None" = None, *, rounds: int = 20, k: int = 10,
                    explore: tuple[float, ...] = (0.0, 0.3), seed: int = 0, download: bool = False) -> "Plot":
    """The popularity feedback loop of ex14 run on `data`'s ratings: exposure starts as who rated what,
    then each round every user is shown `k` unseen movies (the most watched, with a fraction `explore` of
    the slots drawn at random) and watches them. One line per `explore` value: the Gini of exposure
    over the movies, round by round (the reference implementation, `reference.ex14_feedback_loop`).
    Users with fewer than `rounds * k` unrated movies are left out, so that every round can fill its slots."""
    import math

    import torch
    from matplotlib.figure import Figure as Plot
    from matplotlib.ticker import MaxNLocator

    import reference.ex14_feedback_loop as loop
    from grader.data import MovieLens, load

    data = data if isinstance(data, MovieLens) else load(data, download=download)
    seen = exposure_matrix(data)
    room = (~seen).sum(1) >= rounds * k
    if not room.any():
        raise ValueError(f"no user has {rounds} x {k} unrated movies: ask for fewer --rounds or a smaller --k")
    seen = torch.from_numpy(seen[room])
    fig = Plot(figsize=(8, 5))
    ax = fig.add_subplot()
    for fraction in explore:
        ginis = loop.simulate(seen, rounds, k, fraction, seed)
        e = math.floor(fraction * k)
        label = "no exploration" if e == 0 else f"explore = {fraction:g}: {e} of the {k} slots drawn at random"
        ax.plot(range(rounds + 1), ginis, marker="o", markersize=3, label=label)
    ax.set_xlabel("round")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Gini of exposure over movies")
    ax.set_title(f"A popularity recommender fed by its own recommendations ({data.name}: {int(room.sum())} users, "
                 f"{seen.shape[1]} movies, k = {k})", fontsize=10)
    ax.legend(loc="best")
    ax.grid(alpha=0.3)
    return fig
