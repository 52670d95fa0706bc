"""Reference for ex12: torch.randint on a generator of its own, torch.bincount for the rows left out,
a weighted sum over a stacked tensor, and the bagging loop. The ensemble benchmark bags with these."""
from __future__ import annotations

from typing import Any, Callable, Sequence

import torch


def bootstrap_sample(n: int, seed: int = 0) -> torch.Tensor:
    return torch.randint(0, n, (n,), generator=torch.Generator().manual_seed(seed))


def out_of_bag(n: int, sample: torch.Tensor) -> torch.Tensor:
    drawn = torch.bincount(torch.as_tensor(sample, dtype=torch.int64).reshape(-1), minlength=n)
    return torch.nonzero(drawn == 0).reshape(-1)


def ensemble_predict(predictions: Sequence[torch.Tensor], weights: Sequence[float] | None = None) -> torch.Tensor:
    if len(predictions) == 0:
        raise ValueError("no predictions to combine")
    shapes = {tuple(p.shape) for p in predictions}
    if len(shapes) != 1:
        raise ValueError(f"predictions of different shapes: {sorted(shapes)}")
    stacked = torch.stack(list(predictions)).double()
    if weights is None:
        w = torch.full((len(predictions),), 1.0 / len(predictions), dtype=torch.float64)
    else:
        w = torch.as_tensor(weights, dtype=torch.float64).reshape(-1)
        if len(w) != len(predictions):
            raise ValueError(f"{len(w)} weights for {len(predictions)} predictions")
        if (w < 0).any() or w.sum() == 0:
            raise ValueError("weights must be non-negative and not all zero")
        w = w / w.sum()
    return torch.tensordot(w, stacked, dims=1).to(predictions[0].dtype)


def bagged_models(make_model: Callable[[], Any], train: Callable[..., Any], x: torch.Tensor, y: torch.Tensor,
                  n_models: int, seed: int = 0) -> list:
    models = []
    for i in range(n_models):
        model = make_model()
        rows = bootstrap_sample(len(x), seed + i)
        train(model, x[rows], y[rows])
        models.append(model)
    return models
