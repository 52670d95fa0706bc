"""A MovieLens-shaped data set generated from planted factors, the default everywhere.

Every rating is `global_mean + user_bias + movie_bias + user_factors . movie_factors + noise`,
rounded to whole stars and clipped to 1..5, as in ml-100k. Which pairs get rated is skewed the way
real data is: some movies are far more popular than others (better ones more so), some users rate
far more, and users tend to pick movies they like. The planted values come back as `truth`, so a
trained model can be compared with what generated its data; nothing needs the network, and the same
arguments always give the same table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from grader.data.layout import MovieLens, Truth, assemble

# Each planted factor separates two genres, so the PCA scatter of a trained model has a story.
GENRE_AXES = [("Action", "Drama"), ("Sci-Fi", "Romance"), ("Comedy", "Thriller"), ("Animation", "Documentary")]
FACTOR_SCALES = np.array([0.8, 0.6, 0.45, 0.3])  # movie factor spreads: the first matters most

_ADJECTIVES = ["Silent", "Crimson", "Last", "Hidden", "Broken", "Golden", "Distant", "Electric", "Lonely", "Savage",
               "Midnight", "Frozen", "Wild", "Secret", "Burning", "Gentle", "Iron", "Paper", "Velvet", "Hollow",
               "Endless", "Bitter", "Brave", "Restless", "Painted", "Lucky", "Quiet", "Fallen", "Northern", "Sweet",
               "Dark", "Glass"]
_NOUNS = ["Harbor", "Garden", "Frontier", "Mirror", "Station", "Orchard", "Empire", "Lighthouse", "River", "Circus",
          "Detective", "Planet", "Summer", "Kingdom", "Highway", "Letter", "Island", "Machine", "Promise", "Winter",
          "Dancer", "Signal", "Forest", "Voyage", "Stranger", "Castle", "Horizon", "Storm", "Carnival", "Witness",
          "Canyon", "Heist", "Orbit", "Melody", "Bridge", "Desert", "Shadow", "Harvest", "Galaxy", "Diary",
          "Engine", "Lantern", "Tide", "Parade", "Outpost", "Prophecy", "Tango", "Colony", "Verdict", "Meadow",
          "Rebellion", "Compass", "Reunion", "Labyrinth", "Comet", "Gambit", "Sanctuary", "Mountain", "Balcony", "Cipher"]


def synthetic(n_users: int = 943, n_movies: int = 1682, n_ratings: int = 100_000, n_factors: int = 4,
              noise: float = 0.5, seed: int = 0) -> MovieLens:
    """`n_ratings` ratings of `n_movies` movies by `n_users` users (ml-100k's shape by default)."""
    if not 1 <= n_factors <= len(FACTOR_SCALES):
        raise ValueError(f"n_factors must be between 1 and {len(FACTOR_SCALES)}, got {n_factors}")
    if not 0 < n_ratings <= 0.9 * n_users * n_movies:
        raise ValueError(f"{n_ratings} ratings do not fit {n_users} users x {n_movies} movies (at most 90% filled)")
    rng = np.random.default_rng(seed)
    truth = Truth(
        global_mean=3.1,
        user_bias=rng.normal(0, 0.5, n_users),
        movie_bias=rng.normal(0, 0.5, n_movies),
        user_factors=rng.normal(0, 0.8, (n_users, n_factors)),
        movie_factors=rng.normal(0, 1, (n_movies, n_factors)) * FACTOR_SCALES[:n_factors],
    )
    users, movies = _rated_pairs(rng, truth, n_ratings)
    taste = (truth.user_factors[users] * truth.movie_factors[movies]).sum(1)
    exact = truth.global_mean + truth.user_bias[users] + truth.movie_bias[movies] + taste + rng.normal(0, noise, n_ratings)
    ratings = pd.DataFrame({"user": users + 1, "movie": movies + 1, "rating": np.clip(np.round(exact), 1, 5)})
    catalogue = pd.DataFrame({"movie": np.arange(1, n_movies + 1), "title": _titles(rng, n_movies),
                              "genres": _genres(truth.movie_factors)})
    return assemble("synthetic", ratings, catalogue, truth)


def _rated_pairs(rng: np.random.Generator, truth: Truth, n_ratings: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (user, movie) positions, drawn by activity and popularity, kept more often when liked."""
    n_users, n_movies = len(truth.user_bias), len(truth.movie_bias)
    activity = np.exp(rng.normal(0, 0.9, n_users))
    popularity = np.exp(rng.normal(0, 1.0, n_movies) + 0.8 * truth.movie_bias)
    activity, popularity = activity / activity.sum(), popularity / popularity.sum()
    chosen = np.empty(0, dtype=np.int64)
    for _ in range(1000):
        need = n_ratings - len(chosen)
        if need <= 0:
            break
        users = rng.choice(n_users, 2 * need + 64, p=activity)
        movies = rng.choice(n_movies, 2 * need + 64, p=popularity)
        liking = (truth.user_factors[users] * truth.movie_factors[movies]).sum(1) + truth.movie_bias[movies]
        kept = rng.random(len(users)) < 1 / (1 + np.exp(-1.5 * liking))
        codes = np.concatenate([chosen, users[kept] * n_movies + movies[kept]])
        _, first = np.unique(codes, return_index=True)
        chosen = codes[np.sort(first)]  # distinct pairs, in the order they were drawn
    else:  # pragma: no cover - only for tables filled almost completely
        raise ValueError("could not draw enough distinct pairs; ask for fewer ratings")
    chosen = chosen[:n_ratings]
    return chosen // n_movies, chosen % n_movies


def _titles(rng: np.random.Generator, n_movies: int) -> list[str]:
    names = [f"The {a} {n}" for a in _ADJECTIVES for n in _NOUNS]
    order = rng.permutation(len(names))
    years = rng.integers(1930, 2019, n_movies)
    titles = []
    for i in range(n_movies):
        base = names[order[i % len(names)]]
        sequel = i // len(names)  # beyond the word lists' reach, sequels keep titles distinct
        titles.append(f"{base}{' ' + str(sequel + 1) if sequel else ''} ({years[i]})")
    return titles


def _genres(movie_factors: np.ndarray) -> list[str]:
    """Per factor, the genre of its sign when the movie stands out on it (at least its strongest one)."""
    z = movie_factors / FACTOR_SCALES[: movie_factors.shape[1]]
    strongest = np.abs(z).argmax(1)
    genres = []
    for row, top in zip(z, strongest):
        picked = [GENRE_AXES[f][0 if v > 0 else 1] for f, v in enumerate(row) if abs(v) > 1 or f == top]
        genres.append("|".join(picked))
    return genres
