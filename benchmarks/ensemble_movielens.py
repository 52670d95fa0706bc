"""Ensembles on MovieLens: DotProductBias and CollabNN averaged, and a bag of DotProductBias models.

    python benchmarks/ensemble_movielens.py --data NAME [--epochs 5] [--seed 42] [--bag 5] [--threads 1]

--data is `synthetic` (the default), `ml-100k` or `ml-latest-small` (from the cache folder; add
--download to fetch it), or the path of a local copy. On one seeded 80/20 split (train_movielens.py's,
`--seed` picks it), trains fastbook's DotProductBias and CollabNN with the reference loop and settings,
and scores on the validation set:
  - each model alone;
  - their ensemble, the mean of the two models' predictions (reference.ex12_ensembles.ensemble_predict);
  - a bag of `--bag` DotProductBias models, each trained on its own bootstrap sample of the training
    rows (reference.ex12_ensembles.bagged_models), their predictions averaged.
It prints each valid MSE as it comes, and last one JSON object:
{"dataset", "dotbias", "nn", "ensemble", "bagged", "seconds"} (valid MSEs; seconds of wall time).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import reference.ex08_training as training  # noqa: E402
import reference.ex10_neural as neural  # noqa: E402
import reference.ex12_ensembles as ensembles  # noqa: E402
from grader.models import DotProductBias  # noqa: E402
from grader.data import MovieLens  # noqa: E402
from movielens_cli import load_data, parser  # noqa: E402
from train_movielens import SETTINGS  # noqa: E402 - the same learning rates and weight decays

N_FACTORS = 50


def split(data: MovieLens, seed: int) -> tuple[torch.Tensor, ...]:
    """(x_train, y_train, x_valid, y_valid, n_users, n_movies): train_movielens.py's encoding and split."""
    x, users, movies = training.encode_ids(data.ratings)
    y = torch.tensor(data.ratings["rating"].to_numpy(), dtype=torch.float32)
    train_rows, valid_rows = (torch.as_tensor(rows) for rows in training.train_valid_split(len(x), 0.2, seed))
    return x[train_rows], y[train_rows], x[valid_rows], y[valid_rows], len(users), len(movies)


def predict(model: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    model.eval()
    with torch.no_grad():
        return model(x).reshape(-1)


def mse(preds: torch.Tensor, y: torch.Tensor) -> float:
    return F.mse_loss(preds.float(), y).item()


def run(data: MovieLens, epochs: int = 5, seed: int = 42, bag: int = 5, report=print) -> dict[str, float]:
    """Train the models and return the valid MSE of each single model, the ensemble and the bag."""
    x_train, y_train, x_valid, y_valid, n_users, n_movies = split(data, seed)

    def fit(model: torch.nn.Module, kind: str, xb: torch.Tensor, yb: torch.Tensor) -> None:
        training.fit(model, xb, yb, x_valid, y_valid, epochs=epochs, **SETTINGS[kind])

    torch.manual_seed(0)
    dotbias = DotProductBias(n_users, n_movies, N_FACTORS)
    fit(dotbias, "dotbias", x_train, y_train)
    p_dot = predict(dotbias, x_valid)
    report(f"DotProductBias            valid MSE {mse(p_dot, y_valid):.4f}")
    torch.manual_seed(0)
    nn_model = neural.CollabNN((n_users, neural.emb_sz_rule(n_users)), (n_movies, neural.emb_sz_rule(n_movies)))
    fit(nn_model, "nn", x_train, y_train)
    p_nn = predict(nn_model, x_valid)
    report(f"CollabNN                  valid MSE {mse(p_nn, y_valid):.4f}")
    both = ensembles.ensemble_predict([p_dot, p_nn])
    report(f"ensemble (mean of the 2)  valid MSE {mse(both, y_valid):.4f}   "
           f"(correlation of their errors: {_error_correlation(p_dot, p_nn, y_valid):.2f})")

    torch.manual_seed(0)
    members = ensembles.bagged_models(lambda: DotProductBias(n_users, n_movies, N_FACTORS),
                                      lambda model, xb, yb: fit(model, "dotbias", xb, yb),
                                      x_train, y_train, bag, seed=seed)
    bag_preds = [predict(m, x_valid) for m in members]
    for i, p in enumerate(bag_preds):
        report(f"  bag member {i + 1}/{bag}          valid MSE {mse(p, y_valid):.4f}")
    bagged = ensembles.ensemble_predict(bag_preds)
    report(f"bag of {bag} DotProductBias  valid MSE {mse(bagged, y_valid):.4f}")
    return {"dotbias": mse(p_dot, y_valid), "nn": mse(p_nn, y_valid), "ensemble": mse(both, y_valid),
            "bagged": mse(bagged, y_valid)}


def _error_correlation(a: torch.Tensor, b: torch.Tensor, y: torch.Tensor) -> float:
    """How alike two models' mistakes are: the correlation of (prediction - truth) across the ratings."""
    return torch.corrcoef(torch.stack([a - y, b - y]))[0, 1].item()


def main(argv: list[str] | None = None) -> int:
    options = parser(__doc__.splitlines()[0], "the seed of the 80/20 split and of the bag (default 42)")
    options.add_argument("--bag", type=int, default=5, help="DotProductBias models in the bag (default 5)")
    args = options.parse_args(argv)
    start = time.perf_counter()
    data = load_data(args)
    if data is None:
        return 2
    print(f"{data!r}; {args.epochs} epochs, split seed {args.seed}", flush=True)
    scores = run(data, args.epochs, args.seed, args.bag, report=lambda line: print(line, flush=True))
    print(json.dumps({"dataset": data.name, **{k: round(v, 4) for k, v in scores.items()},
                      "seconds": round(time.perf_counter() - start, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
