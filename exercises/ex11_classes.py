# Generated from solutions/ex11_classes.py by `python -m grader build`. This file is yours to edit.
"""Exercise 11: ratings as classes, trained with cross-entropy.

fastbook chapter 8, question 17: "What would happen if we used cross-entropy loss with MovieLens? How
would we need to change the model?", and the chapter's Further Research 4: "Create a model for
MovieLens that works with cross-entropy loss, and compare it to the model in the chapter."

Question 17 answered. Cross-entropy scores a prediction of *which class*, so the model has to give a
score (a logit) for every possible rating instead of one number: its last layer needs one output
per rating value (5 for ml-100k's stars, 10 for ml-latest-small's half stars), and the targets have
to become class indices (rating 4 of levels 1..5 is class 3). What happens then: the model no longer
knows that the classes are ordered. Predicting 1 star for a 5-star movie costs no more than
predicting 4 stars; only the probability put on the right class counts. The model must learn from
the data alone that neighbouring ratings are alike, and it has more to learn (a bias per class per
user and movie). In exchange it says how sure it is: it gives a whole distribution, which can be
two-peaked ("people love it or hate it") where MSE can only give the middle. To compare it with the
MSE model, turn the distribution back into one number, the expected rating: the sum of each rating
value times its probability. `python benchmarks/train_movielens.py --model classes` reports the
MSE of that number on the same split as the other models.

`DotProductClasses` keeps the dot-product model's shape: the elementwise product of user and movie
factors, but read by a linear layer with one output per class, plus a bias per class for each user
and each movie.
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
