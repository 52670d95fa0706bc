# Generated from solutions/ex02_crosstab.py by `python -m grader build`. This file is yours to edit.
"""Exercise 2: the ratings sheet.

fastbook chapter 8, question 4: "What does a crosstab representation of collaborative filtering
data look like?", question 5: "Write the code to create a crosstab representation of the MovieLens
data", and question 8: "What does `pandas.DataFrame.merge` do?" The sheet is also where the
chapter's first questions start: 1, "What problem does collaborative filtering solve?", 2, "How does
it solve it?", and 3, "Why might a collaborative filtering predictive model fail to be a very useful
recommendation system?"

MovieLens arrives as one row per rating: (user, movie, rating). The crosstab turns it into the sheet
the chapter draws: one row per user, one column per movie, the rating where there is one.

`ratings_crosstab` builds the whole sheet, `top_crosstab` the corner of it that fastbook shows (the
most active users against the most rated movies), and `with_titles` brings in the movie titles.

Once you have answered the questions yourself, `docs/questionnaire.md` says where the worked
solutions answer them.
"""
from __future__ import annotations

import pandas as pd


def ratings_crosstab(ratings: pd.DataFrame, user: str = "user", item: str = "movie",
                     rating: str = "rating") -> pd.DataFrame:
    """One row per user and one column per item, both sorted ascending, holding the rating.

    Where a (user, item) pair appears more than once, the cell holds the mean of its ratings; where it
    does not appear, the cell is NaN. The index is named `user` and the columns `item`.
    """
    # TODO: one row per user, one column per item, the mean rating where rated and NaN elsewhere, both axes sorted and named
    raise NotImplementedError


def top_crosstab(ratings: pd.DataFrame, n_users: int = 15, n_items: int = 15, user: str = "user",
                 item: str = "movie", rating: str = "rating") -> pd.DataFrame:
    """The crosstab of the `n_users` users and `n_items` items with the most ratings.

    Counts are over all of `ratings`; ties go to the smaller id. Rows and columns are sorted ascending,
    and a user or item with nothing rated inside the sheet is kept as a row or column of NaN.
    """
    # TODO: pick the n_users users and n_items items with the most ratings (ties: smaller id) and return their part of the crosstab
    raise NotImplementedError


def with_titles(ratings: pd.DataFrame, movies: pd.DataFrame, item: str = "movie",
                title: str = "title") -> pd.DataFrame:
    """`ratings` with a `title` column from `movies`, joined on the item id; unmatched rows dropped."""
    # TODO: merge the title column of movies into ratings on the item column, dropping ratings without a title
    raise NotImplementedError
