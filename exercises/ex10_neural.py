# Generated from solutions/ex10_neural.py by `python -m grader build`. This file is yours to edit.
"""Exercise 10: collaborative filtering with a neural network.

fastbook chapter 8, question 29: "When using a neural network in collaborative filtering, why can we
have different numbers of factors for movies and users?", question 30: "Why is there an
`nn.Sequential` in the `CollabNN` model?", and question 25: "How do you print the names and details
of the layers in a model?" The chapter's remaining questions belong with this model too: 26, "What
is the 'bootstrapping problem' in collaborative filtering?", 27, "How could you deal with the
bootstrapping problem for new users? For new movies?", 28, "How can feedback loops impact
collaborative filtering systems?", and 31, "What kind of model should we use if we want to add
metadata about users and items, or information such as date and time, to a collaborative filtering
model?"

The dot product pairs users and movies factor by factor: factor 3 of a user only ever meets factor 3
of a movie, so both sides need the same number of factors. A neural network drops that. It concatenates the user's and the
movie's factors into one vector and lets a small network learn how they combine. `emb_sz_rule` is
fastai's rule of thumb for how many factors a category gets.

Once you have answered the questions yourself, `docs/questionnaire.md` says where the worked
solutions answer them.
"""
from __future__ import annotations

import torch
from torch import nn


def sigmoid_range(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    """Squash `x` into `(low, high)` (ex04's function, given here so this file stands alone)."""
    return torch.sigmoid(x) * (high - low) + low


def emb_sz_rule(n: int) -> int:
    """fastai's rule of thumb for the embedding size of a category with `n` values, an int: 1.6 times
    `n` to the power 0.56, rounded to the nearest integer, and never more than 600."""
    # TODO: fastai's rule of thumb from the docstring, as an int
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
        # TODO: the two embeddings of the sizes given; layers, an nn.Sequential: Linear to n_act, ReLU, Linear to 1; y_range
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: each row's user and item factors side by side, through self.layers, then sigmoid_range into self.y_range
        raise NotImplementedError
