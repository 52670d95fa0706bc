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

### BEGIN SOLUTION NOTES
Question 1 answered. Collaborative filtering fills the empty cells: given which users used or
rated which items, it guesses how much a user would like an item they have not met yet, so that
each user can be shown the items most likely to be useful to them (movies, products, links, songs).
It needs nothing about the items except who liked them.

Question 2 answered. From the filled cells alone. The intuition: find the users whose known ratings
resemble yours and recommend what they liked. The chapter's model does this with latent factors
(ex01): a few learnt numbers per user and per movie whose dot product reproduces the known ratings.
Gradient descent adjusts them until it does, and the dot products in the empty cells are the
predictions.

Question 3 answered. Predicting a rating well is not the same as recommending usefully. The model
learns what people like from what they chose to watch, so its best predictions are often movies the
user already knows about or would have found anyway: more films by a director they love, the next
part of a series they are watching, the hits everybody has seen. fastbook's chapter 2 (the
Drivetrain Approach) puts the aim of a recommender as items people would *not* have bought without
the recommendation, which a model fitted to past ratings never measures. It also cannot help users
or items with no ratings yet (the bootstrapping problem, ex10's notes), and its recommendations
shape the next ratings it learns from (feedback loops, same place).

Question 4 answered. Users down the side, movies across the top, and in each cell the rating that
user gave that movie, or nothing: most cells are empty. ml-100k fills 100,000 of its
943 x 1,682 = 1,586,126 cells, 6.3% of them; ml-latest-small fills 100,836 of 610 x 9,724, 1.7%
(tests/test_worked_solutions.py counts both). fastbook's picture shows a corner of the most active
users and most rated movies because that is the only corner where the sheet looks full.

Question 5 answered: `ratings_crosstab` below. pandas has it built in too, and the two one-liners
give the same sheet (the tests compare all three):

    pd.crosstab(ratings.user, ratings.movie, values=ratings.rating, aggfunc="mean")
    ratings.pivot_table(index="user", columns="movie", values="rating", aggfunc="mean")

`pivot_table` and `crosstab` leave out a user or movie with no rating at all, which is why
`top_crosstab` reindexes to the ids it chose.

Question 8 answered. `merge` is a database join: it matches the rows of two tables on the values
of key columns (`on=...`) and returns one row per matching pair, with the columns of both. Here each
rating row meets the row of `movies` with the same movie id and gains its title. By default it keeps
only rows whose key is in both tables (`how="inner"`); `how="left"` keeps every row of the left
table, with NaN where nothing matched.

Further Research 2 answered: three other places collaborative filtering is used, with what it does
well and badly there.
- Music streaming (Spotify, Last.fm): plays and skips give a great deal of implicit feedback per user,
  and the factors catch tastes that no genre tag describes. But a play is not a rating (background
  listening, a song left running), new releases and little-known artists have no history (the
  bootstrapping problem), and recommending what is already played a lot narrows what everyone hears;
  services mix in what is known about the music itself.
- Online shops ("customers who bought this also bought", Amazon's item-to-item filtering): it needs
  no description of the products and scales to millions of them. But it recommends what people would
  have bought anyway, or already own (question 3), purchases are sparse and mixed with gifts, and a
  new product is invisible until someone buys it.
- News, video and social feeds (YouTube, news sites): clicks personalise a feed quickly. But items
  are new every hour, so most of them are always cold; a click is not satisfaction; and feedback
  loops (question 28) can reward whatever gets clicked most, outrage and extremes included.
### END SOLUTION NOTES
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
    # pandas' one-liners build the same sheet: pd.crosstab(ratings[user], ratings[item],
    # values=ratings[rating], aggfunc="mean"), or ratings.pivot_table(index=user, columns=item,
    # values=rating, aggfunc="mean").
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
