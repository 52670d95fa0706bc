# Generated from solutions/ex11_classes.py by `python -m grader build`. This file is yours to edit.
"""Exercise 11: ratings as classes, trained with cross-entropy.

fastbook chapter 8, question 17: "What would happen if we used cross-entropy loss with MovieLens? How
would we need to change the model?", and the chapter's Further Research 4: "Create a model for
MovieLens that works with cross-entropy loss, and compare it to the model in the chapter."

`DotProductClasses` keeps the dot-product model's shape: the elementwise product of user and movie
factors, but read by a linear layer with one output per rating value, plus a bias per class for each
user and each movie. `rating_to_class` turns ratings into class indices, `classes_loss` is the
cross-entropy to train it with, and `expected_rating` turns its output back into one number of stars.

Once you have answered the questions yourself, `docs/questionnaire.md` says where the worked
solutions answer them.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def rating_to_class(ratings: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    """The class index of each rating: its position in `levels` (the sorted possible ratings), int64.

    Raises ValueError for a rating that is not one of `levels`.
    """
    # TODO: return each rating's position in levels as int64; raise ValueError for a rating that is not a level
    raise NotImplementedError


class DotProductClasses(nn.Module):
    """A dot-product model with one output per rating value: logits `[N, n_classes]`.

    Attributes: `user_factors [n_users, n_factors]` and `movie_factors [n_movies, n_factors]`
    (`nn.Embedding`), `user_bias [n_users, n_classes]` and `movie_bias [n_movies, n_classes]`
    (`nn.Embedding`), and `head = nn.Linear(n_factors, n_classes)`. `forward(x)` with x `[N, 2]`
    (users, movies) returns `head(user_factors * movie_factors) + user_bias + movie_bias`, no
    activation (cross-entropy takes raw logits).
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5, n_classes: int = 5) -> None:
        super().__init__()
        # TODO: user_factors and movie_factors as nn.Embedding(n, n_factors), user_bias and movie_bias as nn.Embedding(n, n_classes), head = nn.Linear(n_factors, n_classes)
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: head(user factors * movie factors) + user_bias + movie_bias, for users x[:, 0] and movies x[:, 1]: raw logits, no activation
        raise NotImplementedError


def classes_loss(logits: torch.Tensor, ratings: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    """The mean cross-entropy of `logits [N, n_classes]` against the classes of `ratings [N]`."""
    # TODO: the mean cross-entropy of logits against rating_to_class(ratings, levels)
    raise NotImplementedError


def expected_rating(logits: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    """The expected rating `[N]` under the model's probabilities: `softmax(logits) @ levels`."""
    # TODO: softmax over the last dimension, then the probabilities times levels, summed
    raise NotImplementedError
