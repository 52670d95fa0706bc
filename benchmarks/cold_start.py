"""The bootstrapping problem on MovieLens: predicting users the model never saw, from a few of their ratings.

    python benchmarks/cold_start.py --data NAME [--users 100] [--epochs 5] [--seed 42] [--wd 3.0] [--threads 1]

--data is `synthetic` (the default), `ml-100k` or `ml-latest-small` (from the cache folder; add
--download to fetch it), or the path of a local copy. Holds out `--users` users (drawn by `--seed`
among those with at least 20 ratings), trains fastbook's DotProductBias on everyone else's ratings
(the reference loop and settings), and then gives each held-out user k = 1, 3, 5 and 10 of their
ratings (the first k of a seeded shuffle). For the rest of their ratings it prints the RMSE of:
  - the global mean: every rating predicted as the training ratings' mean;
  - the average user: the mean user factors and bias (reference.ex13_cold_start.average_user);
  - the fold-in: factors and bias fitted to the k ratings, the movies fixed
    (reference.ex13_cold_start.fold_in_user, ridge penalty `--wd`), starting from the average user: it
    fits the new user's *difference* from the average user, by folding in against the movie biases
    plus what the average user predicts (`movie_bias + movie_factors @ p_avg + b_avg`), so that its
    penalty pulls a user with few ratings towards the average user instead of towards zero. The table
    also shows the fold-in from zero (`fold_in_user` on the bare movie biases), which one to three
    ratings pull too little away from a user who likes nothing in particular.
Ratings of movies that only held-out users rated are left out (the model has no weights for them).
The last line is JSON: {"dataset", "k": {"1": {"global_mean", "average_user", "fold_in"}, ...}}, where
"fold_in" is the fold-in from the average user.

--wd 3.0 by default: the fold-in's penalty in the model's logit space, chosen on ml-latest-small with
another draw of held-out users (--seed 0; 0.3, 1, 3 and 10 tried): smaller values fit one or three
ratings too closely, larger ones barely move from the average user.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import reference.ex08_training as training  # noqa: E402
import reference.ex13_cold_start as cold  # noqa: E402
from grader.models import DotProductBias, sigmoid_range  # noqa: E402
from grader.data import MovieLens  # noqa: E402
from movielens_cli import load_data, parser  # noqa: E402

KS = (1, 3, 5, 10)
MIN_RATINGS = 20  # held-out users have at least this many ratings: 10 to give, 10 or more to predict
Y_RANGE = (0.0, 5.5)


def held_out_users(data: MovieLens, n_users: int, seed: int) -> np.ndarray:
    counts = data.ratings.groupby("user").size()
    eligible = np.sort(counts.index[counts >= MIN_RATINGS].to_numpy())
    if len(eligible) < n_users + 1:
        raise ValueError(f"only {len(eligible)} users have {MIN_RATINGS} ratings or more; ask for fewer --users")
    return np.sort(np.random.default_rng(seed).choice(eligible, n_users, replace=False))


def train_without(data: MovieLens, held: np.ndarray, epochs: int, seed: int,
                  report=print) -> tuple[DotProductBias, list, float]:
    """DotProductBias trained on the ratings of every user not held out: the model, its movie ids, the
    training ratings' mean."""
    rest = data.ratings[~data.ratings["user"].isin(held)]
    x, users, movies = training.encode_ids(rest)
    y = torch.tensor(rest["rating"].to_numpy(), dtype=torch.float32)
    train_rows, valid_rows = (torch.as_tensor(r) for r in training.train_valid_split(len(x), 0.2, seed))
    torch.manual_seed(0)
    model = DotProductBias(len(users), len(movies), 50)
    history = training.fit(model, x[train_rows], y[train_rows], x[valid_rows], y[valid_rows], epochs=epochs)
    report(f"DotProductBias on the {len(users)} other users: valid MSE {history[-1][1]:.4f}")
    return model, movies, float(y[train_rows].mean())


def evaluate(data: MovieLens, model: DotProductBias, movies: list, global_mean: float, held: np.ndarray,
             wd: float, seed: int) -> tuple[dict[int, dict[str, float]], int]:
    """RMSE per k of the three predictions on the held-out users' ratings beyond their first k; and how
    many held-out ratings were left out because their movie is unknown to the model."""
    movie_factors, movie_bias = model.movie_factors.weight.detach(), model.movie_bias.weight.detach().reshape(-1)
    mean_p, mean_b = cold.average_user(model.user_factors.weight, model.user_bias.weight)
    position = {m: i for i, m in enumerate(movies)}
    errors = {k: {"global_mean": [], "average_user": [], "fold_in": [], "fold_in_from_zero": []} for k in KS}
    # Folding in against these biases fits the difference from the average user (see the docstring).
    bias_past_average = movie_bias + movie_factors @ mean_p + mean_b
    unknown = 0
    rng = np.random.default_rng(seed)
    for user in held:
        mine = data.ratings[data.ratings["user"] == user]
        known = mine["movie"].isin(position)
        unknown += int((~known).sum())
        rows = torch.tensor([position[m] for m in mine.loc[known, "movie"]], dtype=torch.int64)
        ratings = torch.tensor(mine.loc[known, "rating"].to_numpy(), dtype=torch.float32)
        order = torch.from_numpy(rng.permutation(len(rows)))
        rows, ratings = rows[order], ratings[order]
        for k in KS:
            given, rest, truth = rows[:k], rows[k:], ratings[k:]
            if len(rest) == 0:
                continue
            dp, db = cold.fold_in_user(movie_factors, bias_past_average, given, ratings[:k], wd, Y_RANGE)
            p0, b0 = cold.fold_in_user(movie_factors, movie_bias, given, ratings[:k], wd, Y_RANGE)

            def predict(p: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
                return sigmoid_range(movie_factors[rest] @ p + b + movie_bias[rest], *Y_RANGE)

            guesses = {"global_mean": torch.full_like(truth, global_mean), "average_user": predict(mean_p, mean_b),
                       "fold_in": predict(mean_p + dp, mean_b + db), "fold_in_from_zero": predict(p0, b0)}
            for name, guess in guesses.items():
                errors[k][name].append(((guess - truth) ** 2).numpy())
    rmse = {k: {name: float(np.sqrt(np.concatenate(e).mean())) for name, e in by_name.items()}
            for k, by_name in errors.items()}
    return rmse, unknown


def main(argv: list[str] | None = None) -> int:
    options = parser(__doc__.splitlines()[0], "seed of the held-out users, the split and the shuffles")
    options.add_argument("--users", type=int, default=100, help="users held out (default 100)")
    options.add_argument("--wd", type=float, default=3.0, help="the fold-in's ridge penalty (default 3.0)")
    args = options.parse_args(argv)
    start = time.perf_counter()
    data = load_data(args)
    if data is None:
        return 2
    try:
        held = held_out_users(data, args.users, args.seed)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    print(f"{data!r}; {len(held)} users held out, {args.epochs} epochs, fold-in wd {args.wd:g}", flush=True)
    model, movies, global_mean = train_without(data, held, args.epochs, args.seed,
                                               report=lambda line: print(line, flush=True))
    rmse, unknown = evaluate(data, model, movies, global_mean, held, args.wd, args.seed)
    if unknown:
        print(f"({unknown} held-out ratings of movies no other user rated are left out)")
    print(f"RMSE on the held-out users' other ratings ({time.perf_counter() - start:.1f} s):")
    columns = {"global_mean": "global mean", "average_user": "average user", "fold_in": "fold-in",
               "fold_in_from_zero": "(fold-in from zero)"}
    print("  k  " + "  ".join(f"{title:>{max(len(title), 8)}}" for title in columns.values()))
    for k in KS:
        print(f"{k:>3}  " + "  ".join(f"{rmse[k][name]:>{max(len(title), 8)}.4f}" for name, title in columns.items()))
    print(json.dumps({"dataset": data.name, "k": {str(k): {name: round(rmse[k][name], 4) for name in list(columns)[:3]}
                                                  for k in KS}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
