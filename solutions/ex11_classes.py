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

### BEGIN SOLUTION NOTES
Question 17 answered. Cross-entropy scores a prediction of *which class*, so the model has to give a
score (a logit) for every possible rating instead of one number: its last layer needs one output
per rating value (5 for ml-100k's stars, 10 for ml-latest-small's half stars), and the targets have
to become class indices, each rating's position among the levels:

>>> rating_to_class(torch.tensor([4.0, 1.0]), torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
tensor([3, 0])
>>> rating_to_class(torch.tensor([4.5]), torch.arange(1, 11) / 2)
tensor([8])

What happens then: the model no longer knows that the classes are ordered. Predicting 1 star for a
5-star movie costs no more than predicting 4 stars; only the probability put on the right class
counts. The model must learn from the data alone that neighbouring ratings are alike, and it has
more to learn (a bias per class per user and movie). In exchange it says how sure it is: it gives a
whole distribution, which can be two-peaked ("people love it or hate it") where MSE can only give
the middle.

Further Research 4 answered: this model, compared with the chapter's. To compare it with the MSE
model, turn the distribution back into one number, the expected rating: the sum of each rating
value times its probability (`expected_rating`), and score that with MSE on the same validation
split. `python benchmarks/train_movielens.py --data path/to/ml-latest-small.zip --model classes`
does that: with 50 factors and 5 epochs it reaches a validation MSE of about 0.75, against about
0.71 for DotProductBias (`--model dotbias`) on the same split; the classes model gives up a little
accuracy on the mean for the whole distribution.
### END SOLUTION NOTES
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
    levels = levels.to(ratings.device, ratings.dtype)
    # A rating between two levels would still get a position below, so check first that every
    # rating is one of the levels. Ratings and levels are exact in binary (whole and half stars), so
    # comparing them exactly is safe here.
    known = torch.isin(ratings, levels)
    if not known.all():
        unknown = ratings[~known]
        raise ValueError(f"ratings {unknown.tolist()[:5]} are not among the levels {levels.tolist()}")
    # searchsorted finds, for each rating, where it would go in the sorted levels: for a rating that
    # is a level, its own position, which is its class (an int64, as cross_entropy wants).
    # (The same by broadcasting: (ratings[..., None] == levels).long().argmax(-1).)
    return torch.searchsorted(levels, ratings.contiguous())
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
        # Embeddings start small, as fastai's do (ex04's notes on question 12).
        for embedding in (self.user_factors, self.movie_factors, self.user_bias, self.movie_bias):
            nn.init.trunc_normal_(embedding.weight, std=0.01, a=-0.02, b=0.02)
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
