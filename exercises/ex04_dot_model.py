# Generated from solutions/ex04_dot_model.py by `python -m grader build`. This file is yours to edit.
"""Exercise 4: the dot-product model of collaborative filtering, with biases, as PyTorch modules.

fastbook chapter 8, question 13: "Create a class (without peeking, if possible!) and use it.",
question 14: "What does `x[:,0]` return?", question 15: "Rewrite the `DotProduct` class (without
peeking, if possible!) and train a model with it.", and question 18: "What is the use of bias in a
dot product model?" The models also raise question 12: "What does an embedding contain before we
start training (assuming we're not using a pretained model)?", and the chapter's Further Research 1:
"Take a look at all the differences between the `Embedding` version of `DotProductBias` and the
`create_params` version, and try to understand why each of those changes is required."

A model is a class: `__init__` creates the parameters (here `nn.Embedding` tables of latent
factors), `forward` computes predictions from a batch `x` whose rows are `(user, movie)` pairs, and
calling `model(x)` runs `forward`. A prediction is squashed by `sigmoid_range` into `y_range`, so
that the model never has to learn to stay between 0 and 5 stars (fastbook found that a top of 5.5
works better than 5: a sigmoid only approaches its limits).

`DotProductBiasScratch` is the same model without `nn.Embedding`: `create_params` makes its
parameter matrices.

Run this file (`python solutions/ex04_dot_model.py`, or your exercise file once it is done) to fit
each model to ratings drawn from planted factors: it prints the mean squared error before and after.

Once you have answered the questions yourself, `docs/questionnaire.md` says where the worked
solutions answer them.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import Tensor, nn


def sigmoid_range(x: Tensor, low: float, high: float) -> Tensor:
    """Every value of `x` squashed into `(low, high)`: the sigmoid of `x`, whose values lie in `(0, 1)`,
    stretched and shifted onto `(low, high)`."""
    # TODO: squash every value of x into (low, high): a sigmoid, stretched and shifted from (0, 1) onto that range
    raise NotImplementedError


class DotProduct(nn.Module):
    """Predict a rating as `sigmoid_range(user_factors · movie_factors, *y_range)`.

    Attributes `user_factors` (`nn.Embedding(n_users, n_factors)`) and `movie_factors`
    (`nn.Embedding(n_movies, n_factors)`). `forward(x)` takes a LongTensor `[N, 2]` (column 0 the
    users, column 1 the movies) and returns a float tensor of shape `[N]`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        # TODO: set up the nn.Module, then user_factors and movie_factors (nn.Embedding, n_factors wide); keep y_range
        raise NotImplementedError

    def forward(self, x: Tensor) -> Tensor:
        # TODO: each row's dot product of its user's and its movie's factors, through sigmoid_range into self.y_range: [N]
        raise NotImplementedError


class DotProductBias(nn.Module):
    """`DotProduct` plus a learnt bias per user and per movie, added before `sigmoid_range`.

    Attributes `user_factors`, `movie_factors` as in `DotProduct`, and `user_bias`
    (`nn.Embedding(n_users, 1)`), `movie_bias` (`nn.Embedding(n_movies, 1)`). `forward(x)` returns
    a float tensor of shape `[N]`: `sigmoid_range(dot + user_bias + movie_bias, *y_range)`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        # TODO: as DotProduct, plus user_bias and movie_bias (nn.Embedding, one number wide)
        raise NotImplementedError

    def forward(self, x: Tensor) -> Tensor:
        # TODO: the dot product plus the user's and the movie's bias, through sigmoid_range into self.y_range: [N]
        raise NotImplementedError


def create_params(size: Sequence[int]) -> nn.Parameter:
    """A new `nn.Parameter` of shape `size` (a list or tuple), drawn from `normal(0, 0.01)`."""
    # TODO: an nn.Parameter of shape size, drawn from normal(0, 0.01)
    raise NotImplementedError


class DotProductBiasScratch(nn.Module):
    """`DotProductBias` without `nn.Embedding`: the same output for the same weights.

    Attributes, all made by `create_params`: `user_factors [n_users, n_factors]`,
    `user_bias [n_users]`, `movie_factors [n_movies, n_factors]`, `movie_bias [n_movies]`.
    `forward(x)` returns a float tensor of shape `[N]`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        # TODO: set up the nn.Module; the four attributes from create_params (biases 1-D: [n_users], [n_movies]); y_range
        raise NotImplementedError

    def forward(self, x: Tensor) -> Tensor:
        # TODO: as DotProductBias.forward, picking rows out of the parameters themselves (no nn.Embedding)
        raise NotImplementedError


def planted_ratings(n_users: int = 60, n_movies: int = 40, n_ratings: int = 2000, seed: int = 42) -> tuple[Tensor, Tensor]:
    """A synthetic ratings set: `x [n_ratings, 2]` (user, movie) and `y` ratings in (0, 5.5), made
    from planted factors and biases, so that the models above can fit it."""
    g = torch.Generator().manual_seed(seed)
    users, movies = torch.randn(n_users, 3, generator=g), torch.randn(n_movies, 3, generator=g)
    user_bias, movie_bias = torch.randn(n_users, generator=g), torch.randn(n_movies, generator=g)
    x = torch.stack([torch.randint(n_users, (n_ratings,), generator=g),
                     torch.randint(n_movies, (n_ratings,), generator=g)], dim=1)
    score = (users[x[:, 0]] * movies[x[:, 1]]).sum(1) + user_bias[x[:, 0]] + movie_bias[x[:, 1]]
    return x, torch.sigmoid(score) * 5.5


def train_demo(epochs: int = 200, lr: float = 0.05) -> dict[str, tuple[float, float]]:
    """Fit each model to `planted_ratings` with Adam; the mean squared error before and after."""
    x, y = planted_ratings()
    n_users, n_movies = int(x[:, 0].max()) + 1, int(x[:, 1].max()) + 1
    errors = {}
    for model_class in (DotProduct, DotProductBias, DotProductBiasScratch):
        torch.manual_seed(0)
        model = model_class(n_users, n_movies, n_factors=3)
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        with torch.no_grad():
            before = float(nn.functional.mse_loss(model(x), y))
        for _ in range(epochs):
            loss = nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            errors[model_class.__name__] = (before, float(nn.functional.mse_loss(model(x), y)))
    return errors


if __name__ == "__main__":
    from grader.script import stops_at_todo

    with stops_at_todo(__file__):  # a stub stops with one line, not a traceback
        for name, (before, after) in train_demo().items():
            print(f"{name:22s} mean squared error {before:.3f} -> {after:.3f}")
