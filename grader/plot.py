"""Figures of a trained model: `python -m grader plot pca --data ... --out FILE.png`, or `pca_figure()`.

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


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("plot", help="figures of a trained model (pca: fastbook's scatter of movie factors)")
    kinds = parser.add_subparsers(dest="figure", required=True, metavar="FIGURE")
    pca = kinds.add_parser("pca", help="the principal components of the movie factors, with titles, as a PNG")
    pca.add_argument("--data", default="synthetic", help="synthetic (default), ml-100k, ml-latest-small, or a path")
    pca.add_argument("--download", action="store_true", help="fetch ml-100k or ml-latest-small if not cached")
    pca.add_argument("--out", type=Path, default=Path("pca.png"), help="the PNG to write (default: pca.png)")
    pca.add_argument("--movies", type=int, default=50, help="how many of the most-rated movies to label (default 50)")
    pca.add_argument("--epochs", type=int, default=5, help="training epochs (default 5)")
    pca.set_defaults(run=_run_pca)


def _run_pca(args: argparse.Namespace) -> int:
    from grader.cli import UsageError
    from grader.data import ArchiveError, DataUnavailable

    try:
        fig = pca_figure(args.data, n_labels=args.movies, epochs=args.epochs, download=args.download)
    except (DataUnavailable, ArchiveError) as e:
        raise UsageError(e) from None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=100, bbox_inches="tight")
    print(f"wrote {args.out}")
    return 0
