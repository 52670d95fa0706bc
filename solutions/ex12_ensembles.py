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

### BEGIN SOLUTION NOTES
When an ensemble helps. Each model's error on a rating is (truth - prediction), and the error of
the mean of M predictions is the mean of the M errors. Where the errors are independent and of equal
size, the mean's squared error is 1/M of one model's; where they are perfectly correlated (the same
mistakes on the same ratings), the mean makes exactly those mistakes and gains nothing. Models of
different architectures (DotProductBias and CollabNN), or trained on different bootstrap samples,
make partly different mistakes, so averaging cancels some of them. Squared error is convex, so the
ensemble's MSE is never above the average of its members' MSEs (Jensen's inequality); it beats the
*best* member when the members are about as good and their errors are far from perfectly correlated.
On ml-latest-small (`benchmarks/ensemble_movielens.py`, split seed 42) DotProductBias reaches a valid
MSE of 0.707 and CollabNN 0.760; their errors correlate at 0.91, not 1, and their mean scores 0.699,
better than either. A bag of identical models trained on the same rows in the same order from the
same start is one model M times: its errors correlate perfectly and averaging gives nothing.

When bagging helps. Averaging models that saw different rows cancels the part of each model's error
that comes from the particular rows it saw: that pays for high-variance models (deep decision trees,
in Breiman's paper and in Road to the Top's random forests). A bootstrap sample also costs each
member about 37% of the distinct rows (each row is missed by all n draws with probability
(1 - 1/n)^n, about 1/e), and on MovieLens that cost is high: a movie with a handful of ratings loses
a third of them, and its embedding is worse for it. Five bagged DotProductBias models score 0.79 to
0.80 each and their mean 0.715: the averaging wins back most of what the resampling cost, but not all
of it (one model on all the rows: 0.707). Here, ensembles of different models trained on all the data
do better than bagging one of them. The rows a member never saw, its out-of-bag rows, are a free
validation set for it: random forests report their out-of-bag error this way.
### END SOLUTION NOTES
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
    ### BEGIN SOLUTION
    # A generator of our own: seeding the global one (torch.manual_seed) would also reset whatever
    # else draws from it, such as weight initialisation and batch shuffling, so a bag would change the
    # rest of the program. numpy's default_rng(seed) is a separate stream, the same on every machine.
    rng = np.random.default_rng(seed)
    # With replacement: n independent draws from range(n). Each row is missed by all n draws with
    # probability (1 - 1/n)^n, about 1/e = 36.8%, so a bootstrap sample holds about 63.2% of the
    # distinct rows, some of them two or three times. A permutation (randperm) would hold every row
    # once: every bagged model would see the same data and the bag would gain little.
    return torch.from_numpy(rng.integers(0, n, size=n, dtype=np.int64))
    ### END SOLUTION


def out_of_bag(n: int, sample: torch.Tensor) -> torch.Tensor:
    """The positions of `range(n)` that `sample` never drew, ascending, as an int64 tensor (empty when
    every position was drawn): the rows a model trained on `sample` never saw."""
    ### BEGIN SOLUTION
    # Mark every drawn position once (a position drawn twice is simply marked twice), then keep the
    # unmarked ones. arange(n)[mask] comes out ascending and int64, even when nothing is left: building
    # the result with torch.tensor([...]) would give float32 for an empty list.
    sample = torch.as_tensor(sample, dtype=torch.int64)
    drawn = torch.zeros(n, dtype=torch.bool, device=sample.device)
    drawn[sample] = True
    return torch.arange(n, device=sample.device)[~drawn]
    ### END SOLUTION


def ensemble_predict(predictions: Sequence[torch.Tensor], weights: Sequence[float] | None = None) -> torch.Tensor:
    """The ensemble's prediction `[N]`: the mean of a list of `[N]` float predictions, one per model, or,
    with `weights` (one non-negative number per model), their weighted mean with the weights scaled to
    sum to 1.

    Raises `ValueError` for an empty list, predictions whose shapes differ, a number of weights other
    than the number of predictions, a negative weight, or weights that sum to 0.
    """
    ### BEGIN SOLUTION
    # Check first, with errors that say what is wrong: torch would raise a RuntimeError for some of
    # these, and for others ([N] beside [1]) it would broadcast and return a wrong answer silently.
    if len(predictions) == 0:
        raise ValueError("ensemble_predict needs at least one prediction")
    shape = predictions[0].shape
    if any(p.shape != shape for p in predictions):
        raise ValueError(f"predictions must all have the same shape, got {[tuple(p.shape) for p in predictions]}")
    if weights is None:
        weights = [1.0] * len(predictions)
    weights = [float(w) for w in weights]
    if len(weights) != len(predictions):
        raise ValueError(f"{len(weights)} weights for {len(predictions)} predictions")
    if any(w < 0 for w in weights) or sum(weights) == 0:
        raise ValueError(f"weights must be non-negative with a positive sum, got {weights}")
    # Average the *predictions*, row by row, not the models' losses: an ensemble is a new model whose
    # prediction for a rating is the (weighted) mean of the members' predictions for it (when that
    # beats its members: the notes at the top).
    total = sum(weights)
    return sum((w / total) * p for w, p in zip(weights, predictions))
    ### END SOLUTION


def bagged_models(make_model: Callable[[], Any], train: Callable[..., Any], x: torch.Tensor, y: torch.Tensor,
                  n_models: int, seed: int = 0) -> list:
    """Train a bag of `n_models` models and return them in a list, in order.

    For `i` in `range(n_models)`, in order: `model = make_model()`, then
    `train(model, x[rows], y[rows])` (its return value is ignored) on the rows
    `rows = bootstrap_sample(len(x), seed + i)`.
    """
    ### BEGIN SOLUTION
    models = []
    for i in range(n_models):
        # A fresh model for each member: training one model n_models times would just train it longer.
        # Making it here, just before its training, keeps the random draws of its initialisation the
        # same as in a plain loop that makes and trains one model at a time.
        model = make_model()
        # Its own seed, so each member sees a different resample; seed + i makes the whole bag
        # reproducible from one number. x and y are indexed by the same rows so that each input keeps
        # its own target.
        rows = bootstrap_sample(len(x), seed + i)
        train(model, x[rows], y[rows])
        models.append(model)
    return models
    ### END SOLUTION
