# Generated from solutions/ex09_interpret.py by `python -m grader build`. This file is yours to edit.
"""Exercise 9: reading a trained model: biases, principal components, and neighbours.

fastbook chapter 8, question 23: "What does `argsort` do in PyTorch?", and question 24: "Does sorting
the movie biases give the same result as averaging overall movie ratings by movie? Why/why not?"

Once a DotProductBias has trained, its weights say things about the movies. `movie_bias` is what
the model thinks of a movie before it knows who is watching: its two ends are worth reading
(`bias_extremes`). The movie factors live in many dimensions; principal components squeeze them into
a few that can be drawn (fastbook's scatter of movie titles, `python -m grader plot pca`). And two
movies whose factor vectors point the same way are liked by the same people: cosine similarity finds
a movie's neighbours (`nearest_movies`).
"""
from __future__ import annotations

from typing import Sequence

import torch


def bias_extremes(bias: torch.Tensor, titles: Sequence[str], k: int = 5) -> tuple[list[str], list[str]]:
    """The titles of the `k` movies with the lowest and the `k` with the highest bias: `(lowest, highest)`.

    `bias` holds one number per movie, shape `[n]` or `[n, 1]` (an `nn.Embedding(n, 1)` weight, which may
    require grad); `titles[i]` is movie i's title; `1 <= k <= n`. `lowest` runs from the lowest bias
    up, `highest` from the highest down. Biases are distinct.
    """
    # TODO: the titles of the k movies with the lowest biases (lowest first) and of the k with the highest (highest first)
    raise NotImplementedError


def principal_components(factors: torch.Tensor, k: int = 3) -> torch.Tensor:
    """The coordinates `[n, k]` of each row of `factors` `[n, d]` along the first `k` principal directions.

    That is `(factors - factors.mean(0)) @ V[:, :k]`, where the columns of `V` are the right singular
    vectors of the centred factors, largest singular value first. A direction's sign is arbitrary, so
    any column may come out negated. `1 <= k <= min(n - 1, d)`.
    """
    # TODO: each row's coordinates along the first k principal directions of the factors
    raise NotImplementedError


def nearest_movies(factors: torch.Tensor, index: int, k: int = 5) -> list[int]:
    """The `k` movies whose factor vectors have the highest cosine similarity to movie `index`'s, most
    similar first, never `index` itself: a list (or 1-D tensor) of row positions. `1 <= k <= n - 1`.
    """
    # TODO: rank the other movies by cosine similarity to movie index and return the k most similar positions
    raise NotImplementedError
