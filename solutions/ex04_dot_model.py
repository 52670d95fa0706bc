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

### BEGIN SOLUTION NOTES
Question 13 answered, as asked: a class in plain Python, then used.

>>> class Watchlist:
...     def __init__(self, owner):
...         self.owner, self.titles = owner, []
...     def add(self, title):
...         self.titles.append(title)
...         return f"{self.owner} has {len(self.titles)} to watch"
>>> w = Watchlist("Ada")
>>> w.add("Alien")
'Ada has 1 to watch'

`Watchlist("Ada")` makes a new object and runs `__init__` on it, with `self` the new object; a
method called on it (`w.add(...)`) gets it as `self` again. A PyTorch model is such a class with
`nn.Module` as its base. nn.Module's own `__init__` must run before a module is assigned to an
attribute: it creates the registries that make an assigned `nn.Embedding`, and its weight, show up in
`model.parameters()`. So the models below start with `super().__init__()`; without it the first
assignment raises "cannot assign module before Module.__init__() call". fastbook's classes inherit
from fastai's `Module` and skip that line: fastai's `Module` is built by a metaclass that runs
`nn.Module.__init__` before your `__init__`. With plain PyTorch, call it yourself.

Question 14 answered. In a batch `x` of shape [N, 2], `x[:, 0]` is every row (`:`) at column 0:
the N user ids of the batch, a 1-D LongTensor of shape [N] (a view of `x`, not a copy). `x[:, 1]`
holds the movie ids, and `x[0]` would be the first (user, movie) pair instead.

Question 18 answered. A dot product can only say how well a user's tastes match a movie's traits.
Some movies are liked by nearly everyone who watches them and some users rate everything
generously; one learnt number per user and per movie, added to the dot product, says that directly,
instead of spending latent factors on it. fastbook's model without biases cannot say "this movie is
good" except through the factors.

Question 12 answered. Random numbers that mean nothing yet; training gives them their meaning.
Which random numbers matters. torch's `nn.Embedding` draws its weights from a normal distribution
with standard deviation 1. fastbook's models use fastai's `Embedding`, an `nn.Embedding` whose
weights are redrawn from a normal distribution with standard deviation 0.01 and cut off at two
standard deviations, ±0.02 (fastai approximates the cut with `fmod`). The models below start the
same way, with `nn.init.trunc_normal_`, and `create_params` draws from normal(0, 0.01) as fastbook's
does. Small, because with standard deviation 1 the dot product of two rows of 50 factors adds 50
products of variance 1: it has a standard deviation of sqrt(50), about 7. Half the first dot products
are then larger than about 4.8 in size, where the sigmoid is nearly flat (a slope under 0.01, a
thirtieth of its slope at 0): most first predictions sit near 0 or 5.5 stars, and their gradients
are tiny. With standard deviation 0.01 the first dot products are of the order of
sqrt(50) * 0.01**2, 7e-4, every prediction starts in the middle of the range, and training moves at once
(tests/test_worked_solutions.py measures both). Random rather than zero, because with all factors 0
the gradient of u . m with respect to u is m = 0, and the other way round: no factor would ever move.
Random values also make the factors differ, so that each can learn something else.

Further Research 1 answered: what changes between fastbook's `Embedding` version of `DotProductBias`
and the `create_params` version, and why each change is needed (the tests make each failure happen).
- `Embedding(n, k)` becomes `create_params([n, k])`, an `nn.Parameter`. Assigned to a module, a
  Parameter is registered, so `model.parameters()` and the optimizer see it. A plain tensor in its
  place is not: the optimizer never updates it, and with no Parameter at all
  `torch.optim.Adam(model.parameters())` raises "optimizer got an empty parameter list".
- The biases become 1-D, `create_params([n_users])`, so `user_bias[users]` is [N] like the dot
  product. An `Embedding(n, 1)` gives [N, 1]: `DotProductBias` below squeezes it to [N]; fastbook's
  `Embedding` version instead keeps the dot product [N, 1] with `sum(dim=1, keepdim=True)`. Adding
  [N, 1] to [N] without either would broadcast to an [N, N] table.
- The brackets in `forward`: `self.user_factors(x[:, 0])` *calls* a module, whose forward indexes its
  weight; `self.user_factors[x[:, 0]]` *indexes* a Parameter. Swapped, both fail: "'Parameter' object
  is not callable", "'Embedding' object is not subscriptable".
- The starting values: `create_params` draws from normal(0, 0.01), as fastai's `Embedding` does,
  where a bare `nn.Embedding` would start from normal(0, 1) (question 12).

Question 15 answered: `train_demo` below trains each model, and ex08 writes the whole training loop
(split, id encoding, mini-batches, weight decay).
### END SOLUTION NOTES
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import Tensor, nn


def sigmoid_range(x: Tensor, low: float, high: float) -> Tensor:
    """Every value of `x` squashed into `(low, high)`: the sigmoid of `x`, whose values lie in `(0, 1)`,
    stretched and shifted onto `(low, high)`."""
    ### BEGIN SOLUTION
    # sigmoid maps any real number into (0, 1); stretching by the width of the range and shifting
    # by low maps (0, 1) onto (low, high). Without `+ low` the outputs would lie in (0, high - low).
    return torch.sigmoid(x) * (high - low) + low
    ### END SOLUTION


class DotProduct(nn.Module):
    """Predict a rating as `sigmoid_range(user_factors · movie_factors, *y_range)`.

    Attributes `user_factors` (`nn.Embedding(n_users, n_factors)`) and `movie_factors`
    (`nn.Embedding(n_movies, n_factors)`). `forward(x)` takes a LongTensor `[N, 2]` (column 0 the
    users, column 1 the movies) and returns a float tensor of shape `[N]`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        ### BEGIN SOLUTION
        # nn.Module's own __init__ sets up the registries that make assigned Embeddings (and their
        # weights) show up in model.parameters(); assigning a submodule before it raises.
        super().__init__()
        # One row of n_factors latent factors per user and per movie, learnt by gradient descent.
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        # nn.Embedding starts from normal(0, 1); fastai's Embedding, which fastbook's models use, from
        # a normal with std 0.01 cut off at +-0.02. Start as fastai does: dot products of large random
        # factors would push sigmoid_range into its flat ends (the notes on question 12).
        for embedding in (self.user_factors, self.movie_factors):
            nn.init.trunc_normal_(embedding.weight, std=0.01, a=-0.02, b=0.02)
        self.y_range = y_range
        ### END SOLUTION

    def forward(self, x: Tensor) -> Tensor:
        ### BEGIN SOLUTION
        # x[:, 0] is the user id of every row, x[:, 1] the movie id (question 14); the embeddings
        # turn each id into its row of factors: two [N, n_factors] tensors.
        users = self.user_factors(x[:, 0])
        movies = self.movie_factors(x[:, 1])
        # Multiply elementwise and sum along the factors (dim 1): one dot product per row, shape [N].
        return sigmoid_range((users * movies).sum(dim=1), *self.y_range)
        ### END SOLUTION


class DotProductBias(nn.Module):
    """`DotProduct` plus a learnt bias per user and per movie, added before `sigmoid_range`.

    Attributes `user_factors`, `movie_factors` as in `DotProduct`, and `user_bias`
    (`nn.Embedding(n_users, 1)`), `movie_bias` (`nn.Embedding(n_movies, 1)`). `forward(x)` returns
    a float tensor of shape `[N]`: `sigmoid_range(dot + user_bias + movie_bias, *y_range)`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        ### BEGIN SOLUTION
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        # A bias is a single learnt number per user and per movie: an embedding one factor wide.
        self.user_bias = nn.Embedding(n_users, 1)
        self.movie_bias = nn.Embedding(n_movies, 1)
        # Small starting values, as fastai's Embedding has (see DotProduct).
        for embedding in (self.user_factors, self.movie_factors, self.user_bias, self.movie_bias):
            nn.init.trunc_normal_(embedding.weight, std=0.01, a=-0.02, b=0.02)
        self.y_range = y_range
        ### END SOLUTION

    def forward(self, x: Tensor) -> Tensor:
        ### BEGIN SOLUTION
        users, movies = x[:, 0], x[:, 1]
        dot = (self.user_factors(users) * self.movie_factors(movies)).sum(dim=1)
        # The bias embeddings give [N, 1]. Added to the [N] dot product as they are, broadcasting
        # would pair every row's bias with every row's dot product: an [N, N] result. squeeze(1)
        # makes them [N], one bias per row. (fastbook keeps everything [N, 1] instead:
        # `.sum(dim=1, keepdim=True)` for the dot product; the contract here asks for [N].)
        res = dot + self.user_bias(users).squeeze(1) + self.movie_bias(movies).squeeze(1)
        return sigmoid_range(res, *self.y_range)
        ### END SOLUTION


def create_params(size: Sequence[int]) -> nn.Parameter:
    """A new `nn.Parameter` of shape `size` (a list or tuple), drawn from `normal(0, 0.01)`."""
    ### BEGIN SOLUTION
    # nn.Parameter marks the tensor as something to learn: assigned to a module attribute it is
    # registered in model.parameters(), so optimizers update it. Random values make the factors
    # differ from each other; small ones (std 0.01) keep sigmoid_range out of its flat ends.
    return nn.Parameter(torch.zeros(*size).normal_(0, 0.01))
    ### END SOLUTION


class DotProductBiasScratch(nn.Module):
    """`DotProductBias` without `nn.Embedding`: the same output for the same weights.

    Attributes, all made by `create_params`: `user_factors [n_users, n_factors]`,
    `user_bias [n_users]`, `movie_factors [n_movies, n_factors]`, `movie_bias [n_movies]`.
    `forward(x)` returns a float tensor of shape `[N]`.
    """

    def __init__(self, n_users: int, n_movies: int, n_factors: int = 5,
                 y_range: tuple[float, float] = (0, 5.5)) -> None:
        ### BEGIN SOLUTION
        super().__init__()
        self.user_factors = create_params([n_users, n_factors])
        self.user_bias = create_params([n_users])
        self.movie_factors = create_params([n_movies, n_factors])
        self.movie_bias = create_params([n_movies])
        self.y_range = y_range
        ### END SOLUTION

    def forward(self, x: Tensor) -> Tensor:
        ### BEGIN SOLUTION
        users, movies = x[:, 0], x[:, 1]
        # Indexing a parameter with a LongTensor picks one row per id: that is all an embedding
        # does, and autograd sends each row's gradient back to the row it was picked from.
        dot = (self.user_factors[users] * self.movie_factors[movies]).sum(dim=1)
        # The biases are 1-D, so user_bias[users] is already [N]: nothing to squeeze.
        return sigmoid_range(dot + self.user_bias[users] + self.movie_bias[movies], *self.y_range)
        ### END SOLUTION


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
    for name, (before, after) in train_demo().items():
        print(f"{name:22s} mean squared error {before:.3f} -> {after:.3f}")
