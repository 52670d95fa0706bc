"""Exercise 9: reading a trained model: biases, principal components, and neighbours.

fastbook chapter 8, question 23: "What does `argsort` do in PyTorch?", and question 24: "Does sorting
the movie biases give the same result as averaging overall movie ratings by movie? Why/why not?"

Once a DotProductBias has trained, its weights say things about the movies. `movie_bias` is what
the model thinks of a movie before it knows who is watching: its two ends are worth reading
(`bias_extremes`). The movie factors live in many dimensions; principal components squeeze them into
a few that can be drawn (fastbook's scatter of movie titles, `python -m grader plot pca`). And two
movies whose factor vectors point the same way are liked by the same people: cosine similarity finds
a movie's neighbours (`nearest_movies`).

### BEGIN SOLUTION NOTES
Question 23 answered. `argsort` returns the positions that would sort a tensor: the position of the
smallest value first (`descending=True` for the largest first). So `bias.argsort()[:5]` are the
positions, here the movies, with the five lowest biases:

>>> torch.tensor([0.3, -1.2, 0.8]).argsort()
tensor([1, 0, 2])

Question 24 answered: no. A movie's average rating mixes three things: how good the movie is, how
generous its viewers are, and how well it suits them. A film that only its fans watch collects high
ratings because its audience chose it; a film watched by harsh raters collects low ones. The model
explains those parts with the user biases and with the dot product of the factors, so the movie bias
keeps what is left: how much more, or less, people like this movie than *their own* tastes and
habits predict. That is why the lowest biases are movies that even the people who should enjoy them
rate badly, and a bias ranking differs from a ranking by average rating (the synthetic data plants
exactly this: users tend to pick movies they like, so averages flatter the movies).

Which movies go into the PCA. fastbook draws the principal components of the 1,000 most-rated
movies only, and `python -m grader plot pca` does the same. A movie with a handful of ratings has
factors that the data barely pins down: they stay near where they started, pulled toward 0 by
weight decay, and what they hold is mostly noise. Left in, they add spread that means nothing and
tilt the directions.

The principal directions are not the latent factors. The factors of a trained model are fixed only
up to a change of axes: multiply every movie's factor vector by an invertible matrix R and every
user's by the inverse of R transposed, and every dot product, so every prediction, stays exactly the
same (for a rotation R, the weight-decay penalty too), while each single factor changes
(tests/test_worked_solutions.py checks it). So "factor 3" of a trained model has no meaning of its
own. PCA chooses, among all directions in factor space, the ones along which the movies differ most,
in order; each is a mix of all the factors, and its sign is arbitrary. Reading a direction as
"classic against pop culture", as fastbook does, is a human reading of the titles at its two ends.
### END SOLUTION NOTES
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
    ### BEGIN SOLUTION
    # An Embedding(n, 1) weight is [n, 1]: argsort along its last dimension would sort n lists of
    # one number each and return zeros. Flatten to one number per movie first; detach because
    # reading the weights is no part of training.
    flat = bias.detach().reshape(-1)
    # argsort gives the positions that would sort the biases, lowest first (question 23); with
    # descending=True, highest first. fastbook reads both ends the same way.
    lowest = [titles[int(i)] for i in flat.argsort()[:k]]
    highest = [titles[int(i)] for i in flat.argsort(descending=True)[:k]]
    return lowest, highest
    ### END SOLUTION


def principal_components(factors: torch.Tensor, k: int = 3) -> torch.Tensor:
    """The coordinates `[n, k]` of each row of `factors` `[n, d]` along the first `k` principal directions.

    That is `(factors - factors.mean(0)) @ V[:, :k]`, where the columns of `V` are the right singular
    vectors of the centred factors, largest singular value first. A direction's sign is arbitrary, so
    any column may come out negated. `1 <= k <= min(n - 1, d)`.
    """
    ### BEGIN SOLUTION
    # Centre first: PCA describes how the movies differ from each other, and without centring the
    # first "component" just points at the average movie.
    centred = factors.detach() - factors.detach().mean(0)
    # The SVD centred = U S Vh: the rows of Vh are the principal directions, ordered from the one
    # along which the movies spread most (largest singular value) down.
    _, _, vh = torch.linalg.svd(centred, full_matrices=False)
    # Project onto the first k directions: each movie's coordinates in the plane that keeps most of
    # how the movies differ. (Vh's rows are directions, so its first k rows transposed are V[:, :k].)
    return centred @ vh[:k].T
    ### END SOLUTION


def nearest_movies(factors: torch.Tensor, index: int, k: int = 5) -> list[int]:
    """The `k` movies whose factor vectors have the highest cosine similarity to movie `index`'s, most
    similar first, never `index` itself: a list (or 1-D tensor) of row positions. `1 <= k <= n - 1`.
    """
    ### BEGIN SOLUTION
    # Cosine similarity compares directions, not lengths: a movie's factor vector grows with how
    # strongly it expresses its traits, but two movies are alike when they express the same traits.
    # So divide every row by its length, then a dot product with the chosen row is the cosine.
    unit = factors.detach() / factors.detach().norm(dim=1, keepdim=True)
    similarity = unit @ unit[index]
    # (fastbook: nn.CosineSimilarity(dim=1)(factors, factors[index][None]), the same numbers.)
    # The movie is most similar to itself; rule it out by position, not by dropping the first place
    # of the ranking as fastbook does (a movie with the very same direction could tie with it for
    # that place).
    similarity[index] = -float("inf")
    return similarity.argsort(descending=True)[:k].tolist()
    ### END SOLUTION
