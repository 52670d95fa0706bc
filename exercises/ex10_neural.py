# Generated from solutions/ex10_neural.py by `python -m grader build`. This file is yours to edit.
"""Exercise 10: collaborative filtering with a neural network.

fastbook chapter 8, question 29: "When using a neural network in collaborative filtering, why can we
have different numbers of factors for movies and users?", question 30: "Why is there an
`nn.Sequential` in the `CollabNN` model?", and question 25: "How do you print the names and details
of the layers in a model?"

The dot product forces users and movies into the same space: factor 3 of a user must mean the same
thing as factor 3 of a movie. A neural network drops that. It concatenates the user's and the
movie's factors into one vector and lets a small network learn how they combine.

Question 29 answered: because the factors are never multiplied position by position. They are
concatenated and fed to a linear layer, which accepts any input width, so each side can have the
size that suits it. fastai's `emb_sz_rule` picks a size from the number of categories: more users
or movies get more factors, growing sublinearly and capped at 600.

Question 30 answered: the layers after the embeddings are a plain stack: linear, ReLU, linear. Each
one's output is the next one's input. `nn.Sequential` holds such a stack as one module, so `forward`
calls it once, and its parameters are registered with the model (and so seen by the optimizer).

Question 25 answered: `print(model)` lists every submodule with its name and shape, for example
`(user_factors): Embedding(944, 74)`, and `model.layers` prints the stack alone.

The chapter's later questions, answered here as they concern any of these models. Question 26, the
bootstrapping problem: a new user or movie has no ratings, so it has no trained factors, and the model
cannot recommend to it or recommend it. Question 27: for a new user, ask a few questions (a handful of
ratings, or metadata fed to a model that predicts their factors) or start from the average of
existing users' factors; for a new movie, use its metadata the same way, or show it to some users
to collect ratings. Question 28, feedback loops: recommendations decide what people watch and so which
ratings exist, and training on those ratings strengthens the same recommendations; a small group
with strong tastes can take over what everyone is shown. Keep people in the loop, watch for drift,
and let some recommendations explore.
"""
from __future__ import annotations

import torch
from torch import nn


def sigmoid_range(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    """Squash `x` into `(low, high)` (ex04's function, given here so this file stands alone)."""
    return torch.sigmoid(x) * (high - low) + low


def emb_sz_rule(n: int) -> int:
    """fastai's rule of thumb for the embedding size of a category with `n` values:
    `min(600, round(1.6 * n ** 0.56))`, an int."""
    # TODO: return min(600, round(1.6 * n ** 0.56))
    raise NotImplementedError


class CollabNN(nn.Module):
    """Users and movies with factor sizes of their own, concatenated and passed through a network.

    `user_sz = (n_users, n_user_factors)` and `item_sz = (n_items, n_item_factors)`. Attributes:
    `user_factors` and `item_factors` (`nn.Embedding`s of those sizes) and `layers`, an
    `nn.Sequential` of `nn.Linear(n_user_factors + n_item_factors, n_act)`, `nn.ReLU()`,
    `nn.Linear(n_act, 1)`. `forward(x)` takes x `[N, 2]` (users, items) and returns
    `sigmoid_range(layers(cat(user factors, item factors)), *y_range)`, shape `[N, 1]` or `[N]`.
    """

    def __init__(self, user_sz: tuple[int, int], item_sz: tuple[int, int], y_range: tuple[float, float] = (0, 5.5),
                 n_act: int = 100) -> None:
        super().__init__()
        # TODO: user_factors = nn.Embedding(*user_sz), item_factors = nn.Embedding(*item_sz), layers = nn.Sequential(nn.Linear(user_sz[1] + item_sz[1], n_act), nn.ReLU(), nn.Linear(n_act, 1)); keep y_range
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: torch.cat the user factors of x[:, 0] and the item factors of x[:, 1] along dim 1, pass them through self.layers, then sigmoid_range(..., *self.y_range)
        raise NotImplementedError
