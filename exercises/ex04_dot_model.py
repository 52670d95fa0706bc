# Generated from solutions/ex04_dot_model.py by `python -m grader build`. This file is yours to edit.
"""Exercise 4: the dot-product model of collaborative filtering, with biases, as PyTorch modules.

fastbook chapter 8, question 13: "Create a class (without peeking, if possible!) and use it.",
question 14: "What does `x[:,0]` return?", question 15: "Rewrite the `DotProduct` class (without
peeking, if possible!) and train a model with it.", and question 18: "What is the use of bias in a
dot product model?"

A model is a class: `__init__` creates the parameters (here `nn.Embedding` tables of latent
factors), `forward` computes predictions from a batch. Each row of a batch `x` is one
`(user, movie)` pair, so `x[:, 0]` (question 14) is column 0 of every row: the user ids of the
batch, a 1-D LongTensor of length N, and `x[:, 1]` the movie ids. Calling `model(x)` runs `forward`
(question 13: `model = DotProduct(n_users, n_movies); model(x)`).

A prediction is the dot product of the user's and the movie's factors, squashed by
`sigmoid_range` into `y_range` so that the model never has to learn to stay between 0 and 5
stars (the top is 5.5 because a sigmoid only approaches its limits).

Question 18, the use of bias: a dot product can only say how well a user's tastes match a movie's
traits. Some movies are liked by nearly everyone and some users rate everything generously; a
bias per user and per movie expresses that directly, instead of spending latent factors on it.

`DotProductBiasScratch` is the same model without `nn.Embedding`: an embedding is just indexing
a parameter matrix (exercise 3), and `create_params` makes those matrices the way
`nn.Embedding` would, but drawn from `normal(0, 0.01)`.

Question 15, "train a model with it": run this file (`python solutions/ex04_dot_model.py`, or your
exercise file once it is done). `train_demo` fits each model to ratings drawn from planted factors
and prints the mean squared error before and after.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import Tensor, nn


def sigmoid_range(x: Tensor, low: float, high: float) -> Tensor:
    """`sigmoid(x) * (high - low) + low`: every value of `x` mapped into `(low, high)`."""
    # TODO: return sigmoid(x) stretched onto (low, high): torch.sigmoid(x) * (high - low) + low
    raise NotImplementedError


class DotProduct(nn.Module):
    """Predict a rating as `sigmoid_range(user_factors · movie_factors, *y_range)`.

    Attributes `user_factors` (`nn.Embedding(n_users, n_factors)`) and `movie_factors`
    (`nn.Embedding(n_movies, n_factors)`). `forward(x)` takes a LongTensor `[N, 2]` (column 0 the
    users, column 1 the movies) and returns a float tensor of shape `[N]`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        # TODO: call super().__init__(), make user_factors and movie_factors as nn.Embedding(n, n_factors), and keep y_range
        raise NotImplementedError

    def forward(self, x: Tensor) -> Tensor:
        # TODO: look up x[:, 0]'s user factors and x[:, 1]'s movie factors, multiply, sum along dim 1, and pass the [N] result through sigmoid_range(..., *y_range)
        raise NotImplementedError


class DotProductBias(nn.Module):
    """`DotProduct` plus a learnt bias per user and per movie, added before `sigmoid_range`.

    Attributes `user_factors`, `movie_factors` as in `DotProduct`, and `user_bias`
    (`nn.Embedding(n_users, 1)`), `movie_bias` (`nn.Embedding(n_movies, 1)`). `forward(x)` returns
    a float tensor of shape `[N]`: `sigmoid_range(dot + user_bias + movie_bias, *y_range)`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        # TODO: as DotProduct, plus user_bias and movie_bias as nn.Embedding(n, 1)
        raise NotImplementedError

    def forward(self, x: Tensor) -> Tensor:
        # TODO: the dot product plus both biases, each made [N] first (they come out [N, 1]), through sigmoid_range(..., *y_range)
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
        # TODO: call super().__init__(); make the four attributes with create_params (user_bias [n_users], movie_bias [n_movies]); keep y_range
        raise NotImplementedError

    def forward(self, x: Tensor) -> Tensor:
        # TODO: as DotProductBias.forward, but pick rows by indexing the parameters: self.user_factors[x[:, 0]], self.user_bias[x[:, 0]], ...
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
