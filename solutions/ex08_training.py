"""Exercise 8: training a collaborative-filtering model, from the ratings table to a validation score.

fastbook chapter 8, question 15: "Rewrite the `DotProduct` class (without peeking, if possible!) and
train a model with it", and question 16: "What is a good loss function to use for MovieLens? Why?"

Question 15 answered: the model is the easy half (ex04); training it takes four more pieces, which
are this exercise. Hold some ratings out to measure the model on (`train_valid_split`); turn user
and movie ids into row numbers of the embedding matrices (`encode_ids`); run mini-batch gradient
descent with weight decay (`fit`); and report a number people can compare (`rmse`). fastbook's
DotProductBias reaches a validation MSE of 0.823 on ml-100k in five epochs; the same loop here is
`python benchmarks/train_movielens.py --data ml-100k`.

Question 16 answered: mean squared error. A rating is a number on a scale, and being off by two
stars is worse than being off by one, which MSE says (it squares the miss); it is also the
quantity the MovieLens results are quoted in (or its square root, RMSE, in stars). Cross-entropy
would treat 4 stars and 5 stars as unrelated classes (ex11 tries that).
"""
from __future__ import annotations

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
    ### BEGIN SOLUTION
    # A generator of our own, seeded here: the split is the same on every run and on every machine,
    # and nothing else that draws random numbers (weight init, batch shuffling) can shift it.
    generator = torch.Generator().manual_seed(seed)
    # Shuffle first: MovieLens files are sorted (by user, or by time), and a split by position
    # would validate on users or dates the model never saw in training.
    order = torch.randperm(n, generator=generator)
    # One cut through one permutation: no position is in both parts, none is lost.
    cut = int(valid_pct * n)
    return order[cut:], order[:cut]
    ### END SOLUTION


def encode_ids(ratings: pd.DataFrame, user: str = "user", item: str = "movie") -> tuple[torch.Tensor, list, list]:
    """Ids turned into embedding rows: `(x, users, movies)`.

    `users` and `movies` are the distinct ids of the `user` and `item` columns, sorted ascending
    (lists, or arrays). `x` is an int64 tensor `[len(ratings), 2]`: in row i, column 0 is the position of
    row i's user in `users` and column 1 the position of its movie in `movies`, so that
    `users[x[i, 0]]` is that user's id. Positions run from 0 with no gaps, as embedding rows must.
    """
    ### BEGIN SOLUTION
    # The vocabulary: every id that occurs, once, in sorted order (so the encoding does not depend on
    # the order the ratings arrive in). A user's embedding row is its place in this list.
    users = sorted(ratings[user].unique().tolist())
    movies = sorted(ratings[item].unique().tolist())
    # Raw ids can't index an embedding directly: ml-latest-small's movie ids go up to 193,609 for
    # 9,742 movies, so an Embedding sized by the largest id would be 95% unused rows. And ids start
    # at 1, so even dense ids would be off by one.
    user_row = {u: i for i, u in enumerate(users)}
    movie_row = {m: i for i, m in enumerate(movies)}
    rows = [ratings[user].map(user_row).to_numpy(), ratings[item].map(movie_row).to_numpy()]
    # Embedding lookups need integer indices: int64, one row per rating, users in column 0.
    x = torch.stack([torch.tensor(r, dtype=torch.int64) for r in rows], dim=1)
    return x, users, movies
    ### END SOLUTION


def rmse(preds: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """The root mean squared error, `sqrt(mean((preds - targets) ** 2))`, as a 0-dim tensor (or a float).

    `preds` may be `[N]` or `[N, 1]` (what many models return), `targets` `[N]`.
    """
    ### BEGIN SOLUTION
    # Flatten both first: a [N, 1] minus a [N] broadcasts to [N, N], every prediction against every
    # target, and the mean of that is a number with no meaning that raises no error.
    diff = preds.reshape(-1) - targets.reshape(-1)
    # Square, average, then take the root: the root brings the error back to stars, the units of
    # the ratings, so "RMSE 0.9" reads as "off by about 0.9 stars".
    return (diff ** 2).mean().sqrt()
    ### END SOLUTION


def fit(model: nn.Module, x_train: torch.Tensor, y_train: torch.Tensor, x_valid: torch.Tensor, y_valid: torch.Tensor,
        epochs: int = 5, lr: float = 5e-3, wd: float = 0.1, bs: int = 64) -> list[tuple[float, float]]:
    """Train `model` with the mean squared error for `epochs` passes over the training rows.

    Each epoch goes through the training rows in a new random order, in batches of `bs`, taking one
    optimizer step per batch: Adam with weight decay `wd` (`torch.optim.AdamW(..., weight_decay=wd)`,
    or an L2 penalty added to the loss) and learning rate `lr` (constant, or `lr` as the peak of a
    one-cycle schedule). Returns one `(train_loss, valid_loss)` pair of floats per epoch: the mean
    training loss over the epoch, and the MSE of the model on the whole validation set after the epoch.
    Works wherever the model's parameters are (the data is moved there).
    """
    ### BEGIN SOLUTION
    # Data goes where the model is, so the same loop runs on CPU and on a GPU.
    device = next(model.parameters()).device
    x_train, y_train = x_train.to(device), y_train.to(device).float()
    x_valid, y_valid = x_valid.to(device), y_valid.to(device).float()
    # AdamW applies weight decay the way fastai does: each step shrinks every weight by lr * wd,
    # apart from the gradient. Small weights mean a smooth function of the factors, which is what
    # lets the model generalise instead of memorising each rating (questions 19-22).
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    # fit_one_cycle: warm the learning rate up to lr, then anneal it towards 0. The annealing is
    # what keeps the last epochs from overfitting at full speed.
    steps_per_epoch = -(-len(x_train) // bs)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=epochs * steps_per_epoch)
    history = []
    for _ in range(epochs):
        model.train()
        total = 0.0
        # A new order every epoch, so no batch is always made of the same ratings.
        for batch in torch.randperm(len(x_train), device=device).split(bs):
            loss = F.mse_loss(model(x_train[batch]).reshape(-1), y_train[batch])
            opt.zero_grad()  # gradients add up in .grad; clear last batch's before this backward
            loss.backward()
            opt.step()
            schedule.step()
            # Weighted by the batch size, so a short last batch counts for what it holds.
            total += loss.item() * len(batch)
        # Validation loss on every held-out row at once, after the epoch's last step: the number
        # that says how the model does on ratings it never trained on. No gradients are needed.
        model.eval()
        with torch.no_grad():
            valid_loss = F.mse_loss(model(x_valid).reshape(-1), y_valid).item()
        history.append((total / len(x_train), valid_loss))
    return history
    ### END SOLUTION
