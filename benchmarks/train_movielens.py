"""Train a collaborative-filtering model on MovieLens (or the synthetic set) and report its validation MSE.

    python benchmarks/train_movielens.py --data PATH [--epochs 5] [--model dotbias|nn|classes] [--seed 42]

--data is `synthetic` (the default), `ml-100k` or `ml-latest-small` (from the cache folder; add
--download to fetch it), or the path of a local copy (the zip GroupLens serves, or its folder).
Trains on a seeded 80/20 split of the ratings (`--seed` picks the split, 42 by default; the same split
for every model), prints one line per epoch and, last, one JSON object: {"dataset", "model", "epochs",
"seed", "valid_mse", "seconds"}, where `seconds` is the wall time from loading the data to the end of
training.

The models and the loop are the project's reference implementations (reference/ex08-ex11) and
grader.models's DotProductBias, with fastbook's settings: 50 factors, fit_one_cycle(5, 5e-3), weight
decay 0.1 (0.01 for the neural network), and fastai's optimiser defaults (reference/ex08_training.py).
`classes` is ex11's model, trained with cross-entropy and scored by the MSE of its expected rating,
so its number compares directly with the others.
`benchmarks/plain_loop.py` is the same DotProductBias training written as a plain PyTorch loop.

--threads 1 is usually the fastest on a CPU: batches of 64 ratings give threads nothing to share, and
on a busy machine torch's threads wait on each other (runs 2-10x slower were measured that way).
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
import reference.ex11_classes as classes  # noqa: E402
from grader.models import DotProductBias  # noqa: E402
from grader.data import MovieLens  # noqa: E402
from movielens_cli import load_data, parser  # noqa: E402

MODELS = ["dotbias", "nn", "classes"]
SETTINGS = {"dotbias": {"lr": 5e-3, "wd": 0.1}, "nn": {"lr": 5e-3, "wd": 0.01}, "classes": {"lr": 5e-3, "wd": 0.1}}


def train(data: MovieLens, model_kind: str = "dotbias", epochs: int = 5, n_factors: int = 50, bs: int = 64,
          seed: int = 42, report=None) -> tuple[torch.nn.Module, list[tuple[float, float]], dict]:
    """Train one model on `data`'s seeded 80/20 split; the model, its history and the split's encoding."""
    x, users, movies = training.encode_ids(data.ratings)
    y = torch.tensor(data.ratings["rating"].to_numpy(), dtype=torch.float32)
    train_rows, valid_rows = (torch.as_tensor(rows) for rows in training.train_valid_split(len(x), 0.2, seed))
    torch.manual_seed(0)
    loss_fn = score = None
    if model_kind == "dotbias":
        model = DotProductBias(len(users), len(movies), n_factors)
    elif model_kind == "nn":
        model = neural.CollabNN((len(users), neural.emb_sz_rule(len(users))),
                                (len(movies), neural.emb_sz_rule(len(movies))))
    elif model_kind == "classes":
        levels = torch.tensor(sorted(data.ratings["rating"].unique()), dtype=torch.float32)
        model = classes.DotProductClasses(len(users), len(movies), n_factors, len(levels))

        def loss_fn(logits, ratings):
            return classes.classes_loss(logits, ratings, levels)

        def score(logits, ratings):
            return F.mse_loss(classes.expected_rating(logits, levels).float(), ratings).item()
    else:
        raise ValueError(f"unknown model {model_kind!r}; choose from {', '.join(MODELS)}")
    history = training.fit(model, x[train_rows], y[train_rows], x[valid_rows], y[valid_rows], epochs=epochs, bs=bs,
                           loss_fn=loss_fn, score=score, report=report, **SETTINGS[model_kind])
    return model, history, {"users": users, "movies": movies}


def main(argv: list[str] | None = None) -> int:
    options = parser(__doc__.splitlines()[0], "the seed of the 80/20 split (default 42)")
    options.add_argument("--model", choices=MODELS, default="dotbias")
    args = options.parse_args(argv)
    start = time.perf_counter()
    data = load_data(args)
    if data is None:
        return 2
    print(f"{data!r}; model {args.model}, {args.epochs} epochs, split seed {args.seed}")

    def report(epoch: int, train_loss: float, valid_mse: float) -> None:
        print(f"epoch {epoch + 1}/{args.epochs}  train_loss {train_loss:.4f}  valid_mse {valid_mse:.4f}  "
              f"({time.perf_counter() - start:.1f} s)", flush=True)

    _, history, _ = train(data, args.model, args.epochs, seed=args.seed, report=report)
    seconds = time.perf_counter() - start
    print(json.dumps({"dataset": data.name, "model": args.model, "epochs": args.epochs, "seed": args.seed,
                      "valid_mse": round(history[-1][1], 4), "seconds": round(seconds, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
