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
    ### BEGIN SOLUTION
    # Compare every rating with every level (a new last axis): exactly one level matches a valid
    # rating, and its position is the class. Ratings and levels are exact in binary (whole and half
    # stars), so == is safe here.
    matches = ratings.unsqueeze(-1) == levels.to(ratings.device, ratings.dtype)
    if not matches.any(-1).all():
        unknown = ratings[~matches.any(-1)]
        raise ValueError(f"ratings {unknown.tolist()[:5]} are not among the levels {levels.tolist()}")
    # argmax of a row of False/True finds the True; cross_entropy wants int64 class indices.
    return matches.long().argmax(-1)
    ### END SOLUTION


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
        ### BEGIN SOLUTION
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        # A bias per class: a user may hand out 5 stars readily and 1 star never, which one number
        # per user could not say.
        self.user_bias = nn.Embedding(n_users, n_classes)
        self.movie_bias = nn.Embedding(n_movies, n_classes)
        # Where DotProductBias sums the products (a fixed weight of 1 on each factor), a linear layer
        # gives each class its own weighting of them.
        self.head = nn.Linear(n_factors, n_classes)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        users, movies = x[:, 0], x[:, 1]
        interaction = self.user_factors(users) * self.movie_factors(movies)
        # Raw scores: no sigmoid_range here. Cross-entropy applies log_softmax itself, and squashing
        # the logits would only limit how sure the model can be.
        return self.head(interaction) + self.user_bias(users) + self.movie_bias(movies)
        ### END SOLUTION


def classes_loss(logits: torch.Tensor, ratings: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    """The mean cross-entropy of `logits [N, n_classes]` against the classes of `ratings [N]`."""
    ### BEGIN SOLUTION
    # The targets are class indices, not ratings: 4.5 stars of ten half-star levels is class 8.
    # F.cross_entropy applies log_softmax to the logits itself; give it raw scores.
    return F.cross_entropy(logits, rating_to_class(ratings, levels))
    ### END SOLUTION


def expected_rating(logits: torch.Tensor, levels: torch.Tensor) -> torch.Tensor:
    """The expected rating `[N]` under the model's probabilities: `softmax(logits) @ levels`."""
    ### BEGIN SOLUTION
    # softmax along the classes (the last dimension) turns each row of logits into probabilities;
    # torch's softmax subtracts the row's maximum first, so large logits don't overflow.
    probs = logits.softmax(dim=-1)
    # The mean of the distribution, in stars: comparable with an MSE model's prediction. (The most
    # likely class alone would throw away the rest of the distribution and always land on a level.)
    return probs @ levels.to(probs)
    ### END SOLUTION
