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

### BEGIN SOLUTION NOTES
Question 29 answered: because the factors are never multiplied position by position. They are
concatenated and fed to a linear layer, which accepts any input width, so each side can have the
size that suits it. fastai's `emb_sz_rule` picks a size from the number of categories: more users
or movies get more factors, growing sublinearly and capped at 600.

Question 30 answered: the layers after the embeddings are a plain stack: linear, ReLU, linear. Each
one's output is the next one's input. `nn.Sequential` holds such a stack as one module, so `forward`
calls it once, and its parameters are registered with the model (and so seen by the optimizer).

Question 25 answered: print the model. Every submodule shows with its attribute name and its
sizes, nested modules indented (`model.layers` alone prints the stack); `model.named_parameters()`
lists each weight with its shape. For ml-100k's 943 users and 1,682 movies:

>>> print(CollabNN((943, emb_sz_rule(943)), (1682, emb_sz_rule(1682))))
CollabNN(
  (user_factors): Embedding(943, 74)
  (item_factors): Embedding(1682, 102)
  (layers): Sequential(
    (0): Linear(in_features=176, out_features=100, bias=True)
    (1): ReLU()
    (2): Linear(in_features=100, out_features=1, bias=True)
  )
)

(fastbook's `get_emb_sz` shows 944 users: fastai adds a row for an unknown id, `#na#`.)

Question 26 answered. The bootstrapping (cold-start) problem: a collaborative filtering model
learns about a user or a movie only from its ratings, so a new user, or a new movie, has no trained
factors and the model can neither recommend to them nor recommend it. In the extreme, a new
service has no users at all and nothing to learn from.

Question 27 answered. New users: the tempting shortcut is to give them the mean of all users'
factors, but an average of tastes can be a taste nobody has: if science fiction scores high on
average and action low, the mean user likes science fiction without action, which few real people
do. Better, fastbook says, pick one existing user who represents average taste. Better still, ask:
when people sign up, ask a few questions about what they like (a handful of genres or films to
rate, as Netflix and Pandora do), and train a tabular model that predicts a user's embedding from
those answers and the sign-up metadata; once they rate things, their own factors take over. New
movies: use what is known about them (genres, cast, director, year) in the same way, a model that
predicts a movie's embedding from its metadata, and show the movie to some users so that real
ratings arrive.

Question 28 answered. A recommender decides what people see, so it shapes the ratings it is
trained on next. A small group of very active users with strong tastes (fastbook's example: anime
fans, who rate a great deal of anime and little else) can set the recommendations for everyone;
those recommendations attract more people like them and put others off, which strengthens the same
pattern in the next round of data. Such a loop amplifies a bias quickly, and when the bias sits in
the latent factors it is hard to see. Expect feedback loops rather than hoping to avoid them: keep
people in the loop, monitor what is recommended and to whom, roll out changes gradually, and let
some recommendations explore beyond what the model is sure of.

Question 31 answered: a tabular model, chapter 9's `TabularModel`, the general form of this one.
fastai's neural collaborative filtering model (`EmbeddingNN`) *is* a `TabularModel` with two
categorical inputs, the user and the item, and no continuous ones. Metadata and time become more
inputs: each categorical column (a genre, an occupation, the day of the week) gets an embedding of
its own, continuous columns (age, a date as numbers) go in beside them, everything is concatenated
and passed through the layers, as in `CollabNN.forward`. A dot product has no place for any of it.
### END SOLUTION NOTES
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
    ### BEGIN SOLUTION
    # round, not int: int() truncates, so 73.7 factors would become 73 instead of 74. round() of a
    # float gives an int in Python 3, which is what nn.Embedding needs for its size.
    # The cap keeps a category with millions of values from getting a huge embedding.
    return min(600, round(1.6 * n ** 0.56))
    ### END SOLUTION


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
        ### BEGIN SOLUTION
        # Each side gets its own size: nothing below multiplies user factor i by item factor i.
        self.user_factors = nn.Embedding(*user_sz)
        self.item_factors = nn.Embedding(*item_sz)
        # fastbook's CollabNN uses fastai's Embedding, which starts small (normal, std 0.01, cut off
        # at +-0.02) where nn.Embedding starts from normal(0, 1): start the same way (ex04's notes).
        for embedding in (self.user_factors, self.item_factors):
            nn.init.trunc_normal_(embedding.weight, std=0.01, a=-0.02, b=0.02)
        # The first layer reads both factor vectors side by side, so its input width is their sum;
        # ReLU between the two linear layers is what makes this more than one linear function.
        self.layers = nn.Sequential(
            nn.Linear(user_sz[1] + item_sz[1], n_act),
            nn.ReLU(),
            nn.Linear(n_act, 1),
        )
        self.y_range = y_range
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        # Look both sides up, then join them along the factor dimension (dim 1): one row per rating,
        # user factors first. torch.stack would need equal sizes and add a dimension instead.
        embs = torch.cat([self.user_factors(x[:, 0]), self.item_factors(x[:, 1])], dim=1)
        # The network scores the pair; sigmoid_range keeps the score inside the rating scale.
        return sigmoid_range(self.layers(embs), *self.y_range)
        ### END SOLUTION
