"""The ratings sheet of ex02, as fastbook draws it: the most active users against the most rated
movies, a blank where a user has not rated a movie. Made from a small fixed set of made-up ratings
by the trusted reference, so the learner sees what `top_crosstab` is for before writing it."""
from __future__ import annotations

import numpy as np
import pandas as pd

from grader.figures import Figure

EXERCISE = "ex02_crosstab"


def sample_ratings(n_users: int = 30, n_movies: int = 20, n_ratings: int = 180, seed: int = 7) -> pd.DataFrame:
    """Made-up ratings (half stars, 0.5 to 5) with a few very active users and a few popular movies."""
    rng = np.random.RandomState(seed)  # the legacy generator: its stream is frozen, so the figure never drifts
    # Zipf-like weights: as in MovieLens, some users rate much more than others, some movies are much more rated.
    users = rng.choice(n_users, n_ratings, p=_zipf(n_users)) + 1
    movies = rng.choice(n_movies, n_ratings, p=_zipf(n_movies)) + 101
    ratings = rng.randint(1, 11, n_ratings) / 2
    frame = pd.DataFrame({"user": users, "movie": movies, "rating": ratings})
    return frame.drop_duplicates(["user", "movie"]).reset_index(drop=True)


def _zipf(n: int) -> np.ndarray:
    weights = 1 / np.arange(1, n + 1)
    return weights / weights.sum()


def figure(n_users: int = 8, n_movies: int = 8) -> Figure:
    from reference.ex02_crosstab import top_crosstab

    sheet = top_crosstab(sample_ratings(), n_users, n_movies)
    header = "| user \\ movie | " + " | ".join(str(m) for m in sheet.columns) + " |"
    rule = "|---:|" + "---:|" * len(sheet.columns)
    rows = [f"| **{u}** | " + " | ".join("" if np.isnan(v) else f"{v:g}" for v in sheet.loc[u]) + " |" for u in sheet.index]
    return Figure("\n".join([
        f"**The sheet you are building.** `top_crosstab(ratings, {n_users}, {n_movies})` on a small set of made-up "
        "ratings: one row per user, one column per movie, the rating where there is one. A blank is a rating nobody "
        "has given yet (NaN); predicting those is the job of collaborative filtering.",
        "",
        header,
        rule,
        *rows,
    ]))
