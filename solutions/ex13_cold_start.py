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

### BEGIN SOLUTION NOTES
Question 26 answered. A collaborative filtering model knows a user, or a movie, only through the
factors and bias it learned from that user's (that movie's) ratings. A new user has rated nothing
and a new movie has been rated by nobody, so neither has any: the model can predict nothing for them
until they have ratings, and without predictions they get no recommendations that would bring the
ratings. That circle is the bootstrapping (or cold-start) problem.

Question 27 answered. New users, three answers, from the least informed up. Treat them as the
average user (`average_user`): their predictions are then what the model expects of "someone",
mostly the movies' biases. fastbook warns that the mean of many tastes can be a taste nobody has; on
ml-latest-small it still predicts held-out users' ratings far better than the global mean (RMSE
0.9545 against 1.0380 with one rating given, `benchmarks/cold_start.py`). Better, ask: a
questionnaire on the first visit (rate a few well-known movies, pick some genres) gives a handful of
ratings, and `fold_in_user` turns them into factors and a bias for the new user with one small
solve, no retraining, the movies' weights untouched. The ridge penalty is what makes one to three
ratings usable: it keeps the fit close to its starting point instead of bending it to match those
ratings exactly. Start it from the average user rather than from zero (fold in against `movie_bias +
movie_factors @ p_avg + b_avg`, the fit is then the new user's difference from the average user),
and it beats the average user from the first rating on: RMSE 0.9455 with one rating, 0.9123 with
three, 0.8860 with ten (100 held-out users, wd 3), where the fold-in from zero needs five ratings to
beat the average user. New movies: use what is known about a movie before anyone rates it, its
metadata: genres (`new_movie_factors` averages the movies that have all of its genres), and also
cast, director, year, or a model of its description and poster. Movies alike in metadata tend to sit
close together in factor space (ex09's PCA plot groups them), so their mean is a fair first guess,
which the first ratings then correct. A model that takes metadata as input (question 31's tabular
model) learns that mapping instead of averaging; and showing a new movie to some users (ex14's
exploration) brings its first ratings.
### END SOLUTION NOTES
"""
from __future__ import annotations

import torch


def average_user(user_factors: torch.Tensor, user_bias: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """`(factors, bias)` of the average user: the mean over users of the rows of `user_factors`
    `[n_users, n_factors]` (a `[n_factors]` tensor), and the mean of `user_bias` (`[n_users]`, or
    `[n_users, 1]` as an `nn.Embedding(n_users, 1)` weight is) as a 0-dim tensor. Both detached: they
    are read from a model, not trained.
    """
    ### BEGIN SOLUTION
    # The simplest stand-in for a new user: the mean of everyone. Their predicted rating for a movie is
    # then mostly the movie's bias, so the average user is recommended what most people like.
    #
    # Detach: these are numbers read from a trained model, and a tensor that still requires grad
    # would drag the model's graph into whatever uses it.
    factors = user_factors.detach().mean(dim=0)
    # An Embedding(n, 1) weight is [n, 1]; its mean over dim 0 would be [1]. Flatten first, so that the
    # bias is one number, a 0-dim tensor, like a single user's bias after indexing.
    bias = user_bias.detach().reshape(-1).mean()
    return factors, bias
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    low, high = y_range
    ratings = torch.as_tensor(ratings).detach().double().reshape(-1).to(movie_factors.device)
    if len(ratings) == 0:
        raise ValueError("fold_in_user needs at least one rating")
    if not wd > 0:
        raise ValueError(f"wd must be positive, got {wd}")
    # The logit of a rating at either end of y_range is infinite: sigmoid_range never reaches its ends.
    if ((ratings <= low) | (ratings >= high)).any():
        raise ValueError(f"every rating must lie strictly inside y_range {y_range}, got {ratings.tolist()}")
    # The movies' weights are fixed: detach them, and never hand them to an optimizer. Retraining them
    # on one new user's ratings would bend every other user's predictions to suit this one person.
    q = movie_factors.detach().double()[movies]
    movie_b = movie_bias.detach().double().reshape(-1)[movies]
    # The model predicts sigmoid_range(q . p + b + movie_bias). Undo the sigmoid_range on the rating
    # (the logit of where it sits in y_range) and take the movie's bias away: what is left, t, is what
    # q . p + b must produce. The fit is then linear in (p, b), and least squares solves it exactly.
    fraction = (ratings - low) / (high - low)
    t = torch.log(fraction / (1 - fraction)) - movie_b
    # Least squares with a ridge penalty, on theta = (p, b) and the design rows a_i = (q_i, 1):
    #   minimise |t - A theta|^2 + wd |theta|^2   =>   (A^T A + wd I) theta = A^T t.
    # The penalty does two jobs. With fewer ratings than factors, A^T A alone is singular (many p fit
    # equally well) and wd picks the smallest; and with few ratings it pulls the new user towards 0,
    # a user the model knows nothing special about, instead of fitting their one or two ratings
    # exactly. The bias is penalised like the factors: it is one more number fitted to few ratings.
    a = torch.cat([q, torch.ones(len(q), 1, dtype=torch.float64, device=q.device)], dim=1)
    identity = torch.eye(a.shape[1], dtype=torch.float64, device=q.device)
    theta = torch.linalg.solve(a.T @ a + wd * identity, a.T @ t)
    # The penalty pulls towards p = 0, b = 0, a user with no particular taste; passing the movie biases
    # plus the average user's predictions as movie_bias pulls towards the average user instead (notes).
    return theta[:-1].to(movie_factors.dtype), theta[-1].to(movie_factors.dtype)
    ### END SOLUTION


def new_movie_factors(movie_factors: torch.Tensor, genres: torch.Tensor, new_genres: torch.Tensor) -> torch.Tensor:
    """Starting factors `[n_factors]` for a movie nobody has rated yet, from its genres.

    `genres` is a bool tensor `[n_movies, n_genres]` (`genres[i, g]`: movie i has genre g) and
    `new_genres` a bool tensor `[n_genres]` for the new movie. Return the mean of the rows of
    `movie_factors` of the movies whose genres include every genre of the new movie; the mean of all
    the movies when no movie does, or when `new_genres` has no genre at all.
    """
    ### BEGIN SOLUTION
    # Nobody has rated the new movie: use what is known about it, its genres (notes: why that works).
    factors = movie_factors.detach()
    # A movie qualifies if, for every genre g, "the new movie has g" implies "this movie has g", that
    # is `genres[:, g] or not new_genres[g]`, for all g.
    covers = (genres | ~new_genres).all(dim=1)
    # No genre at all: every movie qualifies (the condition is empty). No movie with all of them: fall
    # back to the average movie rather than take the mean of nothing (NaN).
    if not covers.any():
        covers = torch.ones(len(factors), dtype=torch.bool, device=factors.device)
    return factors[covers].mean(dim=0)
    ### END SOLUTION
