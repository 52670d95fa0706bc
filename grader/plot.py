"""Figures: `python -m grader plot pca|feedback --data ... --out FILE.png`, or `pca_figure()`, `feedback_figure()`.

fastbook draws the movie factors of a trained DotProductBias in two dimensions: the principal
components of the factors of the most-rated movies, with their titles. Movies that land close
together are liked by the same people. This module trains that model (the reference loop, fastbook's
settings) and draws the scatter with matplotlib's object-oriented API, so it neither needs nor
changes a pyplot backend: in a notebook the returned Figure shows itself, and from the command line
it is written as a PNG.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

    from grader.data import MovieLens


def pca_figure(data: "str | Path | MovieLens | None" = None, *, n_labels: int = 50, pool: int = 1000,
               components: tuple[int, int] = (0, 2), epochs: int = 5, download: bool = False) -> "Figure":
    """Train DotProductBias on `data` (a MovieLens from grader.data, or anything `grader.data.load` takes),
    take the principal components of the movie factors of the `pool` most-rated movies, and plot the
    `n_labels` most rated of them by their titles on the `components` given (fastbook's are 0 and 2)."""
    import numpy as np
    import torch
    from matplotlib.figure import Figure

    import reference.ex08_training as training
    from grader.collab import DotProductBias
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
    fig = Figure(figsize=(12, 12))
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


def exposure_matrix(data: "MovieLens") -> "np.ndarray":
    """Who has rated what: a bool matrix [n_users, n_movies], users and movies in ascending id order."""
    import numpy as np

    users, user_rows = np.unique(data.ratings["user"].to_numpy(), return_inverse=True)
    movies, movie_rows = np.unique(data.ratings["movie"].to_numpy(), return_inverse=True)
    seen = np.zeros((len(users), len(movies)), dtype=bool)
    seen[user_rows, movie_rows] = True
    return seen


def feedback_figure(data: "str | Path | MovieLens | None" = None, *, rounds: int = 20, k: int = 10,
                    explore: tuple[float, ...] = (0.0, 0.3), seed: int = 0, download: bool = False) -> "Figure":
    """The popularity feedback loop of ex14 run on `data`'s ratings: exposure starts as who rated what,
    then each round every user is shown `k` unseen movies (the most watched, with a fraction `explore` of
    the slots drawn at random) and watches them. One line per `explore` value: the Gini of exposure
    over the movies, round by round (the reference implementation, `reference.ex14_feedback_loop`).
    Users with fewer than `rounds * k` unrated movies are left out, so that every round can fill its slots."""
    import math

    import torch
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    import reference.ex14_feedback_loop as loop
    from grader.data import MovieLens, load

    data = data if isinstance(data, MovieLens) else load(data, download=download)
    seen = exposure_matrix(data)
    room = (~seen).sum(1) >= rounds * k
    if not room.any():
        raise ValueError(f"no user has {rounds} x {k} unrated movies: ask for fewer --rounds or a smaller --k")
    seen = torch.from_numpy(seen[room])
    fig = Figure(figsize=(8, 5))
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


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("plot", help="figures: pca (fastbook's scatter of movie factors), "
                                                "feedback (ex14's loop)")
    kinds = parser.add_subparsers(dest="figure", required=True, metavar="FIGURE")
    pca = kinds.add_parser("pca", help="the principal components of the movie factors, with titles, as a PNG")
    pca.add_argument("--data", default="synthetic", help="synthetic (default), ml-100k, ml-latest-small, or a path")
    pca.add_argument("--download", action="store_true", help="fetch ml-100k or ml-latest-small if not cached")
    pca.add_argument("--out", type=Path, default=Path("pca.png"), help="the PNG to write (default: pca.png)")
    pca.add_argument("--movies", type=int, default=50, help="how many of the most-rated movies to label (default 50)")
    pca.add_argument("--epochs", type=int, default=5, help="training epochs (default 5)")
    pca.set_defaults(run=_run_pca)
    feedback = kinds.add_parser("feedback", help="the Gini of exposure over rounds of a popularity recommender, with "
                                                 "and without exploration, as a PNG")
    feedback.add_argument("--data", default="synthetic",
                          help="synthetic (default), ml-100k, ml-latest-small, or a path")
    feedback.add_argument("--download", action="store_true", help="fetch ml-100k or ml-latest-small if not cached")
    feedback.add_argument("--out", type=Path, default=Path("feedback.png"),
                          help="the PNG to write (default: feedback.png)")
    feedback.add_argument("--rounds", type=int, default=20, help="rounds of recommendations (default 20)")
    feedback.add_argument("--k", type=int, default=10, help="items shown to each user per round (default 10)")
    feedback.add_argument("--explore", type=float, nargs="+", default=[0.0, 0.3], metavar="X",
                          help="fractions of the k slots drawn at random, one line each (default: 0 0.3)")
    feedback.add_argument("--seed", type=int, default=0, help="seed of the exploration draws (default 0)")
    feedback.set_defaults(run=_run_feedback)


def _run_pca(args: argparse.Namespace) -> int:
    from grader.cli import UsageError
    from grader.data import ArchiveError, DataUnavailable

    try:
        fig = pca_figure(args.data, n_labels=args.movies, epochs=args.epochs, download=args.download)
    except (DataUnavailable, ArchiveError) as e:
        raise UsageError(e) from None
    return _save(fig, args.out)


def _run_feedback(args: argparse.Namespace) -> int:
    from grader.cli import UsageError
    from grader.data import ArchiveError, DataUnavailable

    if args.rounds < 1 or args.k < 1 or not all(0 <= x <= 1 for x in args.explore):
        raise UsageError("--rounds and --k must be at least 1, and every --explore between 0 and 1")
    try:
        fig = feedback_figure(args.data, rounds=args.rounds, k=args.k, explore=tuple(args.explore), seed=args.seed,
                              download=args.download)
    except (DataUnavailable, ArchiveError, ValueError) as e:
        raise UsageError(e) from None
    return _save(fig, args.out)


def _save(fig: "Figure", out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100, bbox_inches="tight")
    print(f"wrote {out}")
    return 0
