"""The references are the oracles: where one is built for speed, it is checked against the library
routine it stands for."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings

import reference.ex02_crosstab as ref
from grader.strategies import column_names, ratings_frames


@settings(max_examples=200, database=None, deadline=None)
@given(column_names.flatmap(lambda names: ratings_frames(*names, n_users=8, n_items=8, min_rows=1, max_rows=40)
                            .map(lambda frame: (names, frame))))
def test_ratings_crosstab_equals_pandas_crosstab(case):
    (user, item, rating), ratings = case
    expected = pd.crosstab(ratings[user], ratings[item], values=ratings[rating], aggfunc="mean").astype(np.float64)
    pd.testing.assert_frame_equal(ref.ratings_crosstab(ratings, user, item, rating), expected, check_exact=False,
                                  check_index_type=False, check_column_type=False)


@settings(max_examples=200, database=None, deadline=None)
@given(ratings_frames(n_users=8, n_items=8, max_rows=40))
def test_most_rated_breaks_ties_by_id(ratings):
    counts = ratings["user"].value_counts()
    ranked = sorted(counts.index, key=lambda i: (-counts[i], i))
    for n in (1, 2, 3, 8):
        assert ref.most_rated(ratings["user"], n) == sorted(ranked[:n])
