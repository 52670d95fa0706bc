# Generated from solutions/ex13_cold_start.py by `python -m grader build`. This file is yours to edit.
"""Exercise 13: the bootstrapping problem: recommending to a new user, and recommending a new movie.

fastbook chapter 8, question 26: "What is the 'bootstrapping problem' in collaborative filtering?", and
question 27: "How could you deal with the bootstrapping problem for new users? For new movies?"

A trained DotProductBias has a row of factors and a bias for every user and movie it saw. A user who
signs up tomorrow has neither, and neither has a movie added tomorrow: the model cannot say anything
about them. Here you write three ways to give them a starting point:

- `average_user`: the mean of every user's factors and bias, what the model knows about "someone";
- `fold_in_user`: the best factors and bias for a new user from the few ratings they have given,
  with the movies' weights kept as they are (a small ridge regression in the model's logit space);
- `new_movie_factors`: factors for a new movie from the movies that share its genres.

`python benchmarks/cold_start.py` measures the first two on MovieLens users the model never saw,
against the plain global mean, as they give 1, 3, 5 and 10 ratings.

While you work, think about question 27: what would you ask a new user to do on their first visit,
and what would you use about a new movie before anyone has rated it?
"""
from __future__ import annotations

import torch


def average_user(user_factors: torch.Tensor, user_bias: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """`(factors, bias)` of the average user: the mean over users of the rows of `user_factors`
    `[n_users, n_factors]` (a `[n_factors]` tensor), and the mean of `user_bias` (`[n_users]`, or
    `[n_users, 1]` as an `nn.Embedding(n_users, 1)` weight is) as a 0-dim tensor. Both detached: they
    are read from a model, not trained.
    """
    # TODO: return (the mean factor row, the mean bias as a 0-dim tensor), both detached
    raise NotImplementedError


def fold_in_user(movie_factors: torch.Tensor, movie_bias: torch.Tensor, movies: torch.Tensor, ratings: torch.Tensor,
                 wd: float = 0.1, y_range: tuple[float, float] = (0, 5.5)) -> tuple[torch.Tensor, torch.Tensor]:
    """Fit a new user's factors `p` `[n_factors]` and bias `b` (0-dim) to their few ratings, the movies'
    weights held fixed.

    The new user rated movie `movies[i]` (a row of `movie_factors` `[n_movies, n_factors]`) with
    `ratings[i]`. With `q_i = movie_factors[movies[i]]`, `(low, high) = y_range` and the targets
    `t_i = logit((ratings[i] - low) / (high - low)) - movie_bias[movies[i]]` (`movie_bias` is `[n_movies]`
    or `[n_movies, 1]`), return the `(p, b)` that minimises

        sum_i (t_i - q_i . p - b) ** 2  +  wd * (|p| ** 2 + b ** 2)

    exactly (a closed form, or any solver that reaches the minimum), so that
    `sigmoid_range(q . p + b + movie_bias, *y_range)` predicts the new user's ratings. Any number of
    ratings from one up. Do not change the movies' weights.

    Raises `ValueError` for no ratings, `wd <= 0`, or a rating not strictly inside `y_range`.
    """
    # TODO: check the inputs; fit (p, b) to t = logit((r - low) / (high - low)) - movie_bias[movies] by ridge regression on [q, 1], penalty wd on p and b
    raise NotImplementedError


def new_movie_factors(movie_factors: torch.Tensor, genres: torch.Tensor, new_genres: torch.Tensor) -> torch.Tensor:
    """Starting factors `[n_factors]` for a movie nobody has rated yet, from its genres.

    `genres` is a bool tensor `[n_movies, n_genres]` (`genres[i, g]`: movie i has genre g) and
    `new_genres` a bool tensor `[n_genres]` for the new movie. Return the mean of the rows of
    `movie_factors` of the movies whose genres include every genre of the new movie; the mean of all
    the movies when no movie does, or when `new_genres` has no genre at all.
    """
    # TODO: return the mean factor row of the movies that have every genre of the new one; of all movies when there are none
    raise NotImplementedError
