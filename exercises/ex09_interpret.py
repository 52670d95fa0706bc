# Generated from solutions/ex09_interpret.py by `python -m grader build`. This file is yours to edit.
"""Exercise 9: reading a trained model: biases, principal components, and neighbours.

fastbook chapter 8, question 23: "What does `argsort` do in PyTorch?", and question 24: "Does sorting
the movie biases give the same result as averaging overall movie ratings by movie? Why/why not?"

Once a DotProductBias has trained, its weights say things about the movies. `movie_bias` is what
the model thinks of a movie before it knows who is watching: sort it (`argsort` gives the positions
that would sort a tensor, lowest first) and the ends are the movies people like less, or more,
than their taste would predict. The movie factors live in many dimensions; principal components
squeeze them into a few that can be drawn (fastbook's scatter of movie titles,
`python -m grader plot pca`). And two movies whose factor vectors point the same way are liked by
the same people: cosine similarity finds a movie's neighbours.

Question 24 answered: no. A movie's average rating mixes three things: how good the movie is, how
generous its viewers are, and how well it suits them. A film that only its fans watch collects high
ratings because its audience chose it; a film watched by harsh raters collects low ones. The model
explains those parts with the user biases and with the dot product of the factors, so the movie bias
keeps what is left: how much more, or less, people like this movie than *their own* tastes and
habits predict. That is why the lowest biases are movies that even the people who should enjoy them
rate badly, and a bias ranking differs from a ranking by average rating (the synthetic data plants
exactly this: users mostly pick movies they like, so averages flatter every movie).
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
    # TODO: sort the flattened biases with argsort and return the titles of the k lowest (lowest first) and k highest (highest first)
    raise NotImplementedError


def principal_components(factors: torch.Tensor, k: int = 3) -> torch.Tensor:
    """The coordinates `[n, k]` of each row of `factors` `[n, d]` along the first `k` principal directions.

    That is `(factors - factors.mean(0)) @ V[:, :k]`, where the columns of `V` are the right singular
    vectors of the centred factors, largest singular value first. A direction's sign is arbitrary, so
    any column may come out negated. `1 <= k <= min(n - 1, d)`.
    """
    # TODO: centre the factors, take their SVD, and project onto the first k right singular vectors
    raise NotImplementedError


def nearest_movies(factors: torch.Tensor, index: int, k: int = 5) -> list[int]:
    """The `k` movies whose factor vectors have the highest cosine similarity to movie `index`'s, most
    similar first, never `index` itself: a list (or 1-D tensor) of row positions. `1 <= k <= n - 1`.
    """
    # TODO: rank the other movies by cosine similarity to movie index and return the k most similar positions
    raise NotImplementedError
