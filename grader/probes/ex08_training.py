"""Probes for ex08: a split asked for twice, and a training run on a model the grader builds."""
from __future__ import annotations

import random
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from grader.models import DotProductBias
from grader.plain import to_plain
from grader.probes import Context, probe


def build_model(spec: dict, device: str = "cpu") -> DotProductBias:
    """The DotProductBias a spec describes: {"n_users", "n_movies", "n_factors", "seed"}."""
    torch.manual_seed(spec["seed"])
    return DotProductBias(spec["n_users"], spec["n_movies"], spec["n_factors"]).to(device)


def _disturb_random_state() -> None:
    """Move every global generator on, as other code running between two calls would."""
    random.seed(1234)
    np.random.seed(1234)
    torch.manual_seed(1234)


@probe
def split_twice(ctx: Context, n: int, valid_pct: float, seed: int) -> dict[str, Any]:
    """The learner's split of the same arguments, before and after the global generators moved."""
    split = ctx.get("train_valid_split")
    first = to_plain(ctx.run(split, n, valid_pct=valid_pct, seed=seed))
    _disturb_random_state()
    second = to_plain(ctx.run(split, n, valid_pct=valid_pct, seed=seed))
    return {"first": first, "second": second}


def _mse(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return F.mse_loss(model(x).reshape(-1), y).item()


@probe
def fit_model(ctx: Context, model_spec: dict, x_train: torch.Tensor, y_train: torch.Tensor, x_valid: torch.Tensor,
              y_valid: torch.Tensor, options: dict) -> dict[str, Any]:
    """Train a fresh model with the learner's fit and measure it before and after, independently."""
    model = build_model(model_spec, ctx.device)
    before = [p.detach().clone() for p in model.parameters()]
    train_before = _mse(model, x_train, y_train)
    history = to_plain(ctx.run(ctx.get("fit"), model, x_train, y_train, x_valid, y_valid, **options))
    with torch.no_grad():
        preds = model(x_valid).reshape(-1)
        batch_means = [F.mse_loss(p, t).item() for p, t in zip(preds.split(options["bs"]), y_valid.split(options["bs"]))]
    return {
        "history": history,
        "train_before": train_before,
        "valid_after": _mse(model, x_valid, y_valid),
        "train_after": _mse(model, x_train, y_train),
        "valid_batch_means": float(np.mean(batch_means)),
        "sq_norm": float(sum((p.detach() ** 2).sum().item() for p in model.parameters())),
        "largest_change": float(max((p.detach() - b).abs().max().item() for p, b in zip(model.parameters(), before))),
    }
