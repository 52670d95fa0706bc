"""`python -m grader plot pca|feedback --data ... --out FILE.png`: the figures of grader.figures.lesson."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from grader.cli.usage import UsageError


def register(sub: Any) -> None:
    parser = sub.add_parser("plot", help="figures: pca (fastbook's scatter of movie factors), "
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
    from grader.data import ArchiveError, DataUnavailable

    from grader.figures.lesson import pca_figure

    try:
        fig = pca_figure(args.data, n_labels=args.movies, epochs=args.epochs, download=args.download)
    except (DataUnavailable, ArchiveError) as e:
        raise UsageError(e) from None
    return _save(fig, args.out)


def _run_feedback(args: argparse.Namespace) -> int:
    from grader.data import ArchiveError, DataUnavailable

    if args.rounds < 1 or args.k < 1 or not all(0 <= x <= 1 for x in args.explore):
        raise UsageError("--rounds and --k must be at least 1, and every --explore between 0 and 1")
    from grader.figures.lesson import feedback_figure

    try:
        fig = feedback_figure(args.data, rounds=args.rounds, k=args.k, explore=tuple(args.explore), seed=args.seed,
                              download=args.download)
    except (DataUnavailable, ArchiveError, ValueError) as e:
        raise UsageError(e) from None
    return _save(fig, args.out)


def _save(fig: Any, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100, bbox_inches="tight")
    print(f"wrote {out}")
    return 0
