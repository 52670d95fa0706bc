# Generated from solutions/ex08_training.py by `python -m grader build`. This file is yours to edit.
"""Exercise 8: training a collaborative-filtering model, from the ratings table to a validation score.

fastbook chapter 8, question 15: "Rewrite the `DotProduct` class (without peeking, if possible!) and
train a model with it", and question 16: "What is a good loss function to use for MovieLens? Why?"
The chapter's Further Research 3 goes on from here: "Complete this notebook using the full
MovieLens dataset, and compare your results to online benchmarks."

The model is the easy half (ex04); training it takes four more pieces, which are this exercise:
hold some ratings out to measure the model on (`train_valid_split`), turn user and movie ids into
row numbers of the embedding matrices (`encode_ids`), run mini-batch gradient descent with weight
decay (`fit`), and report a number people can compare (`rmse`).

Once you have answered the questions yourself, `docs/questionnaire.md` says where the worked
solutions answer them.
"""
from __future__ import annotations

import math

import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn


def train_valid_split(n: int, valid_pct: float = 0.2, seed: int = 42) -> tuple[torch.Tensor, torch.Tensor]:
    """Row positions `(train, valid)` for a table of `n` rows, shuffled by `seed`.

    Every position in `range(n)` lands in exactly one of the two; `valid` holds `valid_pct * n` of them
    (rounded either way). The same `(n, valid_pct, seed)` always gives the same split, whatever else
    has used the random number generators; a different seed gives a different one. Tensors, numpy
    arrays or lists of ints are all fine.
    """
    # TODO: shuffle range(n) with a generator seeded by seed and cut it: about valid_pct * n positions for valid, the rest for train
    raise NotImplementedError


def encode_ids(ratings: pd.DataFrame, user: str = "user", item: str = "movie") -> tuple[torch.Tensor, list, list]:
    """Ids turned into embedding rows: `(x, users, movies)`.

    `users` and `movies` are the distinct ids of the `user` and `item` columns, sorted ascending
    (lists, or arrays). `x` is an int64 tensor `[len(ratings), 2]`: in row i, column 0 is the position of
    row i's user in `users` and column 1 the position of its movie in `movies`, so that
    `users[x[i, 0]]` is that user's id. Positions run from 0 with no gaps, as embedding rows must.
    """
    # TODO: map each user and movie id to its position among the sorted distinct ids; return (x [N, 2] int64, users, movies)
    raise NotImplementedError


def rmse(preds: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """The root mean squared error, `sqrt(mean((preds - targets) ** 2))`, as a 0-dim tensor (or a float).

    `preds` may be `[N]` or `[N, 1]` (what many models return), `targets` `[N]`.
    """
    # TODO: the root mean squared error of preds against targets, whether preds is [N] or [N, 1]
    raise NotImplementedError


def fit(model: nn.Module, x_train: torch.Tensor, y_train: torch.Tensor, x_valid: torch.Tensor, y_valid: torch.Tensor,
        epochs: int = 5, lr: float = 5e-3, wd: float = 0.1, bs: int = 64) -> list[tuple[float, float]]:
    """Train `model` with the mean squared error for `epochs` passes over the training rows.

    Each epoch goes through the training rows in a new random order, in batches of `bs`, taking one
    optimizer step per batch with Adam and weight decay `wd`: decoupled from the gradient, as
    `torch.optim.AdamW(..., weight_decay=wd)` and fastai apply it, or as an L2 penalty in the loss
    (under Adam these two train differently; either is accepted). The learning rate is `lr`,
    constant or the peak of a one-cycle schedule. Returns one `(train_loss, valid_loss)` pair of floats per epoch: the mean
    training loss over the epoch, and the MSE of the model on the whole validation set after the epoch.
    Works wherever the model's parameters are (the data is moved there).
    """
    # TODO: train with MSE and Adam with weight decay wd, in shuffled batches of bs, for epochs epochs; return [(train_loss, valid_loss), ...]
    raise NotImplementedError
