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

### BEGIN SOLUTION NOTES
Question 15 answered: ex04's models, trained by `fit` on the rows that `train_valid_split` and
`encode_ids` prepare. `python benchmarks/train_movielens.py --data ml-100k` runs the same steps with
fastbook's settings (50 factors, 5 epochs, lr 5e-3, wd 0.1).

Question 16 answered: mean squared error. A rating is a number on a scale, and being off by two
stars is worse than being off by one, which MSE says (it squares the miss); it is also the
quantity MovieLens results are quoted in (or its square root, RMSE, in stars). Cross-entropy
would treat 4 stars and 5 stars as unrelated classes (ex11 tries that).

Weight decay under Adam: two different things. With plain SGD, adding d * p to the gradient (an L2
penalty in the loss) and shrinking each weight by lr * d in the step are the same update (ex05).
Adam divides each gradient entry by the square root of a running average of its squares, and an L2
penalty's d * p is part of that gradient: it is divided too, so a weight whose loss gradients are
large is decayed less, relative to its size, than one whose gradients are small, and the decay
changes as those averages change. Decoupled weight decay (AdamW; Loshchilov and Hutter's
"Decoupled Weight Decay Regularization") keeps it out of the gradient: each step multiplies every
weight by 1 - lr * d, then takes Adam's step on the loss's gradient alone. fastai does this by
default: its Adam is built with `decouple_wd=True` (fastai 1 called it `true_wd`), and `wd=0.1` in
`fit_one_cycle` is that d. `torch.optim.AdamW(..., weight_decay=wd)` below is the same; torch's
`Adam(..., weight_decay=wd)` is the L2 form. Both keep weights small, and the checks accept either,
but they train differently and their best `wd` differs.

One-cycle, as fastai's `fit_one_cycle` does it: the learning rate starts at lr / 25, rises to lr over
the first 25% of the steps, then falls along a cosine to lr / 100,000, while Adam's first momentum
goes the other way (0.95, down to 0.85 at the peak, back to 0.95). torch's `OneCycleLR`, used below,
has the same shape with slightly different defaults: the peak comes after 30% of the steps, the
last learning rate is lr / 250,000, and it cycles Adam's beta1 between 0.95 and 0.85 too. The
warm-up matters because at the start the weights are random and Adam's running averages hold almost
nothing, so full-size steps would go anywhere. The annealing lets training settle: at a high learning
rate the weights keep jumping about near the bottom of the loss, and shrinking the steps lets them
come down into it. Neither is what keeps a model from overfitting; in this chapter that is weight
decay. fastbook's DotProductBias, trained with `fit_one_cycle` and no weight decay, overfits: its
validation loss gets worse in the last epochs, annealing and all. With `wd=0.1` it does not.

The data's order. ml-100k's `u.data` is in no particular order (GroupLens' README says it is
randomly ordered). ml-latest-small's `ratings.csv` is sorted by user, then by movie. A split by
position would go wrong on it: the last 20% of the file holds the ratings of its last 102 users, and
101 of them have no rating at all in the first 80% (tests/test_worked_solutions.py counts them),
so almost every validation rating would be from a user the model never trained on. That is why
`train_valid_split` shuffles before it cuts.

Further Research 3 answered. This workbook reads ml-100k and ml-latest-small (`grader.data`); the
full data set needs only a reader for its files, since `encode_ids` and `fit` work at any size.
`python benchmarks/train_movielens.py --data path/to/ml-latest-small.zip` trains DotProductBias (50
factors, 5 epochs, lr 5e-3, wd 0.1) on a seeded random 80/20 split and reaches a validation MSE of
about 0.71 (RMSE about 0.84 stars); `--model nn` (ex10's network, wd 0.01) about 0.76 and
`--model classes` (ex11's) about 0.75 on the same split. To compare with published results, compare
like with like: most report RMSE, not MSE; many split by time (predict each user's later ratings),
which is harder than a random split; and the data sets differ (ml-latest-small has half stars and
9,724 movies). To do better: train longer with a tuned weight decay, try more factors with more
decay, and use the columns the chapter leaves out: the timestamp (tastes drift), the genres of
`movies.csv`, the tags of `tags.csv`. Those need a model that takes more than two ids: the tabular
model of chapter 9 (question 31, in ex10's notes).
### END SOLUTION NOTES
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
    ### BEGIN SOLUTION
    # A generator of our own, seeded here: the split is the same on every run and on every machine,
    # and nothing else that draws random numbers (weight init, batch shuffling) can shift it.
    generator = torch.Generator().manual_seed(seed)
    # Shuffle first: ml-latest-small's ratings are sorted by user, so a split by position would
    # validate on users the model never saw in training.
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
    # Raw ids can't index an embedding directly: ml-latest-small's movie ids go up to 193,609 for
    # 9,724 rated movies, so an Embedding sized by the largest id would be 95% unused rows. And ids
    # start at 1, so even dense ids would be off by one.
    # pd.factorize(..., sort=True) gives both halves at once: the vocabulary (every id that occurs,
    # once, sorted, so the encoding does not depend on the order the ratings arrive in) and each
    # row's position in it, which is the row of its embedding.
    # (By hand: users = sorted(ratings[user].unique()), then ratings[user].map({u: i for i, u in ...}).)
    user_rows, users = pd.factorize(ratings[user], sort=True)
    movie_rows, movies = pd.factorize(ratings[item], sort=True)
    # Embedding lookups need integer indices: int64, one row per rating, users in column 0.
    x = torch.stack([torch.as_tensor(user_rows, dtype=torch.int64), torch.as_tensor(movie_rows, dtype=torch.int64)], dim=1)
    return x, users.tolist(), movies.tolist()
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
    optimizer step per batch with Adam and weight decay `wd`: decoupled from the gradient, as
    `torch.optim.AdamW(..., weight_decay=wd)` and fastai apply it, or as an L2 penalty in the loss
    (under Adam these two train differently; either is accepted). The learning rate is `lr`,
    constant or the peak of a one-cycle schedule. Returns one `(train_loss, valid_loss)` pair of floats per epoch: the mean
    training loss over the epoch, and the MSE of the model on the whole validation set after the epoch.
    Works wherever the model's parameters are (the data is moved there).
    """
    ### BEGIN SOLUTION
    # Data goes where the model is, so the same loop runs on CPU and on a GPU.
    device = next(model.parameters()).device
    x_train, y_train = x_train.to(device), y_train.to(device).float()
    x_valid, y_valid = x_valid.to(device), y_valid.to(device).float()
    # AdamW applies weight decay the way fastai does: each step shrinks every weight by the factor
    # 1 - lr * wd, apart from Adam's step on the gradient (not the same as an L2 penalty under Adam:
    # see the notes). Small weights keep the model from fitting the noise of each rating (ex05).
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    # fit_one_cycle's shape: warm the learning rate up to lr, then anneal it towards 0 so that
    # training settles into a minimum. (Against overfitting, the chapter uses the weight decay.)
    steps_per_epoch = math.ceil(len(x_train) / bs)
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
