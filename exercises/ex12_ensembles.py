# Generated from solutions/ex12_ensembles.py by `python -m grader build`. This file is yours to edit.
"""Exercise 12: ensembles and bagging: several models, each trained on its own resample of the data.

Road to the Top, part 3 and the lesson's notes: "Using ensembles of different architectures ... add in
bagging too, to train them on different sets of the training data."

An ensemble averages the predictions of several models. Bagging (bootstrap aggregating, Breiman 1996)
makes the models differ on purpose: each one trains on a *bootstrap sample*, `n` rows drawn from the
`n` training rows at random with replacement, so that every model sees some rows twice and misses
others (its *out-of-bag* rows, a free validation set for that model). Here you write the four pieces:
drawing a bootstrap sample, finding what it left out, averaging predictions, and training a bag.
`python benchmarks/ensemble_movielens.py` uses them on MovieLens: DotProductBias and CollabNN
averaged, and a bag of five DotProductBias models.

Think about it while you work: when does averaging two models beat the better of the two, and when
can it not? What would a bag of models trained on the very same rows, in the same order, from the
same start, give you?
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
import torch


def bootstrap_sample(n: int, seed: int = 0) -> torch.Tensor:
    """`n` row positions drawn independently and uniformly *with replacement* from `range(n)`: an int64
    tensor `[n]` (`n >= 1`).

    Draw them from a random number generator of your own, seeded with `seed`, so that the same seed
    always gives the same sample and the global generators (`random`, `np.random`, `torch`'s) are left
    exactly as they were. For `n >= 10`, different seeds must give different samples.
    """
    # TODO: draw n positions from range(n) with replacement, from a generator of your own seeded with seed; return an int64 tensor
    raise NotImplementedError


def out_of_bag(n: int, sample: torch.Tensor) -> torch.Tensor:
    """The positions of `range(n)` that `sample` never drew, ascending, as an int64 tensor (empty when
    every position was drawn): the rows a model trained on `sample` never saw."""
    # TODO: return, ascending and as an int64 tensor, the positions of range(n) that sample never drew
    raise NotImplementedError


def ensemble_predict(predictions: Sequence[torch.Tensor], weights: Sequence[float] | None = None) -> torch.Tensor:
    """The ensemble's prediction `[N]`: the mean of a list of `[N]` float predictions, one per model, or,
    with `weights` (one non-negative number per model), their weighted mean with the weights scaled to
    sum to 1.

    Raises `ValueError` for an empty list, predictions whose shapes differ, a number of weights other
    than the number of predictions, a negative weight, or weights that sum to 0.
    """
    # TODO: raise ValueError for bad input; return the (weighted) mean of the predictions, row by row
    raise NotImplementedError


def bagged_models(make_model: Callable[[], Any], train: Callable[..., Any], x: torch.Tensor, y: torch.Tensor,
                  n_models: int, seed: int = 0) -> list:
    """Train a bag of `n_models` models and return them in a list, in order.

    For `i` in `range(n_models)`, in order: `model = make_model()`, then
    `train(model, x[rows], y[rows])` (its return value is ignored) on the rows
    `rows = bootstrap_sample(len(x), seed + i)`.
    """
    # TODO: for each i: make a model, train it on x[rows], y[rows] with rows = bootstrap_sample(len(x), seed + i); return the models
    raise NotImplementedError
