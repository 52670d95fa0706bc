"""Exercise 2: the ratings sheet.

fastbook chapter 8, question 4: "What does a crosstab representation of collaborative filtering
data look like?", question 5: "Write the code to create a crosstab representation of the MovieLens
data", and question 8: "What does `pandas.DataFrame.merge` do?"

MovieLens arrives as one row per rating: (user, movie, rating). The crosstab turns it into the sheet
the chapter draws: one row per user, one column per movie, the rating where there is one, and a hole
where there isn't. Collaborative filtering is the job of filling those holes.

`ratings_crosstab` builds the whole sheet, `top_crosstab` the corner of it that fastbook shows (the
most active users against the most rated movies), and `with_titles` brings in the movie titles.
"""
from __future__ import annotations

import pandas as pd


def ratings_crosstab(ratings: pd.DataFrame, user: str = "user", item: str = "movie",
                     rating: str = "rating") -> pd.DataFrame:
    """One row per user and one column per item, both sorted ascending, holding the rating.

    Where a (user, item) pair appears more than once, the cell holds the mean of its ratings; where it
    does not appear, the cell is NaN. The index is named `user` and the columns `item`.
    """
    ### BEGIN SOLUTION
    # Group the rows of each (user, item) pair. A pair rated twice gets the mean: one cell cannot hold
    # two ratings, and the mean is the rating that best summarises both.
    means = ratings.groupby([user, item])[rating].mean()
    # unstack() moves the item level into columns. Pairs nobody rated become NaN, not 0: a 0 would
    # read as "hated it", and the whole point of the sheet is that those ratings are unknown.
    # groupby sorts its keys, so rows and columns come out in ascending order, named after the columns.
    return means.unstack(item)
    ### END SOLUTION


def top_crosstab(ratings: pd.DataFrame, n_users: int = 15, n_items: int = 15, user: str = "user",
                 item: str = "movie", rating: str = "rating") -> pd.DataFrame:
    """The crosstab of the `n_users` users and `n_items` items with the most ratings.

    Counts are over all of `ratings`; ties go to the smaller id. Rows and columns are sorted ascending,
    and a user or item with nothing rated inside the sheet is kept as a row or column of NaN.
    """
    ### BEGIN SOLUTION
    def most_rated(ids: pd.Series, n: int) -> list:
        # size() per id comes out sorted by id; a *stable* sort by count then keeps that id order among
        # equal counts, which is the tie rule. (value_counts() orders ties arbitrarily.)
        counts = ids.groupby(ids).size().sort_values(ascending=False, kind="stable")
        return sorted(counts.index[:n])

    # Count over the whole table: the sheet shows the most active users and most rated items overall.
    users, items = most_rated(ratings[user], n_users), most_rated(ratings[item], n_items)
    inside = ratings[ratings[user].isin(users) & ratings[item].isin(items)]
    # reindex puts back any chosen user or item with no rating inside the sheet, as NaN, and fixes
    # the order; pd.Index(..., name=...) keeps the axis names even when `inside` is empty.
    return ratings_crosstab(inside, user, item, rating).reindex(
        index=pd.Index(users, name=user), columns=pd.Index(items, name=item)).astype("float64")
    ### END SOLUTION


def with_titles(ratings: pd.DataFrame, movies: pd.DataFrame, item: str = "movie",
                title: str = "title") -> pd.DataFrame:
    """`ratings` with a `title` column from `movies`, joined on the item id; unmatched rows dropped."""
    ### BEGIN SOLUTION
    # merge is a database join: each rating row is matched with the movies row of the same item id.
    # Taking only [item, title] from movies adds exactly one column. how="inner" (the default)
    # drops ratings of movies with no title, which a sheet labelled by title could not show anyway.
    return ratings.merge(movies[[item, title]], on=item, how="inner")
    ### END SOLUTION
