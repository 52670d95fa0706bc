"""Checks for ex02: `ratings_crosstab`, `top_crosstab` and `with_titles`."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st

import reference.ex02_crosstab as ref
from grader import as_python, expect
from grader.specs import Exercise
from grader.strategies import HALF_STARS, column_names, ratings_frames

EXERCISE = Exercise("ex02_crosstab", names=["ratings_crosstab", "top_crosstab", "with_titles"])
FRAMES = 10  # examples per check: each costs a few ms of pandas, and each check targets one property

TITLES = ["Toy Story (1995)", "Heat (1995)", "Fargo (1996)", "Alien (1979)", "Brazil (1985)", "Up (2009)",
          "Amélie (2001)", "Ran (1985)", "Big (1988)", "Her (2013)"]


# -- what the usual wrong sheets look like, as tests on the frame that came back -------------------------

def _same(got: pd.DataFrame, other: pd.DataFrame) -> bool:
    """Same labels in the same order and the same values (NaN matching NaN); axis names ignored."""
    if got.shape != other.shape or list(got.index) != list(other.index) or list(got.columns) != list(other.columns):
        return False
    a, b = got.to_numpy(np.float64, na_value=np.nan), other.to_numpy(np.float64, na_value=np.nan)
    return bool(np.allclose(a, b, equal_nan=True))


def _aggregated(ratings, how, user="user", item="movie", rating="rating") -> pd.DataFrame:
    return ratings.groupby([user, item])[rating].agg(how).unstack(item).astype(np.float64)


def _sheet_misreadings(ratings, expected, user="user", item="movie", rating="rating") -> list:
    agg = lambda how: _aggregated(ratings, how, user, item, rating)  # noqa: E731
    return [
        ("hard_coded_columns", lambda error: error.type == "KeyError"),
        ("fillna_zero", lambda got: expected.isna().any().any() and _same(got, expected.fillna(0))),
        ("counts_not_means", lambda got: _same(got, agg("count")) or _same(got, agg("count").fillna(0))),
        ("sums_not_means", lambda got: _same(got, agg("sum"))),
        ("keeps_one_rating", lambda got: any(_same(got, agg(h)) for h in ("first", "last", "max", "min"))),
        ("unsorted_axes", lambda got: _same(got.sort_index().sort_index(axis=1), expected)),
    ]


def _repeated_pair(frames: st.SearchStrategy) -> st.SearchStrategy:
    """Tables in which some (user, item) pair is rated twice, with two different ratings."""
    def add_repeat(frame: pd.DataFrame, row: int, rating: float) -> pd.DataFrame:
        again = frame.iloc[[row % len(frame)]].assign(rating=rating)
        return pd.concat([frame, again], ignore_index=True)

    return st.builds(add_repeat, frames, st.integers(0, 50), st.sampled_from(HALF_STARS)) \
        .filter(lambda f: f.groupby(["user", "movie"])["rating"].nunique().max() > 1)


def _has_hole(frame: pd.DataFrame) -> bool:
    return frame["user"].nunique() * frame["movie"].nunique() > len(frame.drop_duplicates(["user", "movie"]))


# -- ratings_crosstab --------------------------------------------------------------------------------

@EXERCISE.check("ratings_crosstab.matches_reference", points=2, max_examples=FRAMES, given=ratings_frames(max_rows=12),
                says="ratings_crosstab must give one row per user and one column per movie, sorted and named, "
                     "holding the mean rating, NaN where unrated.")
def crosstab_matches(learner, ratings):
    expected = ref.ratings_crosstab(ratings)
    answer = learner.call("ratings_crosstab", ratings, expect_error=True)
    expect.frame(answer, expected, misconceptions=_sheet_misreadings(ratings, expected))


@EXERCISE.check("ratings_crosstab.unrated_is_nan", points=1, max_examples=FRAMES,
                given=ratings_frames(max_rows=10, unique_pairs=True).filter(_has_hole),
                says="ratings_crosstab must leave a (user, movie) pair nobody rated as NaN.")
def crosstab_holes(learner, ratings):
    expected = ref.ratings_crosstab(ratings)
    answer = learner.call("ratings_crosstab", ratings, expect_error=True)
    got = expect.a_frame(answer, expected)
    for u, m in zip(*np.nonzero(expected.isna().to_numpy())):
        user, movie = expected.index[u], expected.columns[m]
        cell = got.at[user, movie] if user in got.index and movie in got.columns else None
        if cell is None or not pd.isna(cell):
            expect.fail(answer, as_python.value(got), as_python.value(expected),
                        misconception="fillna_zero" if cell == 0 else None,
                        detail=f"user {as_python.code(user)} never rated movie {as_python.code(movie)}, so that cell must be NaN; "
                               f"it is {'missing' if cell is None else as_python.code(cell)}")


@EXERCISE.check("ratings_crosstab.averages_repeats", points=1, max_examples=FRAMES, given=_repeated_pair(ratings_frames(max_rows=6)),
                says="ratings_crosstab must hold the mean where a user rated the same movie more than once.")
def crosstab_repeats(learner, ratings):
    expected = ref.ratings_crosstab(ratings)
    answer = learner.call("ratings_crosstab", ratings, expect_error=True)
    expect.frame(answer, expected, misconceptions=_sheet_misreadings(ratings, expected))


@EXERCISE.check("ratings_crosstab.column_names", points=1, max_examples=FRAMES,
                given=column_names.flatmap(
                    lambda names: st.tuples(st.just(names), ratings_frames(*names, max_rows=8, extra_column=True))),
                says="ratings_crosstab must use the user, item and rating columns it is given, whatever their names.")
def crosstab_names(learner, case):
    (user, item, rating), ratings = case
    expected = ref.ratings_crosstab(ratings, user, item, rating)
    answer = learner.call("ratings_crosstab", ratings, user=user, item=item, rating=rating, expect_error=True)
    expect.frame(answer, expected, misconceptions=_sheet_misreadings(ratings, expected, user, item, rating))


# -- top_crosstab ------------------------------------------------------------------------------------

top_cases = st.tuples(ratings_frames(n_users=7, n_items=7, max_rows=24), st.integers(1, 4), st.integers(1, 4))


def _table(pairs: list[tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame({"user": np.array([u for u, _ in pairs], np.int64), "movie": np.array([m for _, m in pairs], np.int64),
                         "rating": np.array([HALF_STARS[(3 * i) % 10] for i in range(len(pairs))])})


# Tried first in every run, whatever the seed: the most rated come in an order other than by id (user 5 before
# user 2, movie 3 before movie 1), and the most rated movie is one the most active user never rated.
TOP_EXAMPLES = [(_table([(5, 3), (5, 1), (5, 2), (2, 3), (2, 1), (7, 3)]), 2, 2),
                (_table([(0, 1), (0, 2), (0, 3), (1, 4), (2, 4)]), 1, 1)]


def _top_misreadings(ratings, n_users, n_items, expected) -> list:
    def labels(got):
        return list(got.index), list(got.columns)

    want = labels(expected)

    def counted_after_filter(got):
        users = ref.most_rated(ratings["user"], n_users)
        inside = ratings[ratings["user"].isin(users)]
        return labels(got) == (users, ref.most_rated(inside["movie"], n_items)) != want

    def other_tie_break(got):
        u, m = labels(got)
        counts_u, counts_m = ratings["user"].value_counts(), ratings["movie"].value_counts()
        same_counts = sorted(counts_u.reindex(u).fillna(0)) == sorted(counts_u.reindex(want[0]))
        same_counts &= sorted(counts_m.reindex(m).fillna(0)) == sorted(counts_m.reindex(want[1]))
        return (u, m) != want and same_counts and len(u) == len(want[0]) and len(m) == len(want[1])

    return [
        ("hard_coded_columns", lambda error: error.type == "KeyError"),
        ("order_by_count", lambda got: labels(got) != want and (sorted(got.index), sorted(got.columns)) == want),
        ("counted_after_filter", counted_after_filter),
        ("value_counts_ties", other_tie_break),
        ("dropped_empty", lambda got: set(got.index) <= set(want[0]) and set(got.columns) <= set(want[1])
         and labels(got) != want),
        ("fillna_zero", lambda got: _same(got, expected.fillna(0)) and expected.isna().any().any()),
    ]


def _top_call(learner, ratings, n_users, n_items):
    expected = ref.top_crosstab(ratings, n_users, n_items)
    answer = learner.call("top_crosstab", ratings, n_users=n_users, n_items=n_items, expect_error=True)
    return expected, answer, _top_misreadings(ratings, n_users, n_items, expected)


@EXERCISE.check("top_crosstab.matches_reference", points=2, max_examples=FRAMES, given=top_cases, examples=TOP_EXAMPLES,
                says="top_crosstab must give the crosstab of the n_users most active users and n_items most "
                     "rated movies (counted over all ratings, ties to the smaller id), sorted, NaN where unrated.")
def top_matches(learner, case):
    expected, answer, misreadings = _top_call(learner, *case)
    expect.frame(answer, expected, misconceptions=misreadings)


def _expect_labels(answer, expected, misreadings) -> None:
    got = expect.a_frame(answer, expected, misreadings)
    for axis, g, e in (("rows (users)", got.index, expected.index), ("columns (movies)", got.columns, expected.columns)):
        if list(g) != list(e):
            expect.fail(answer, f"{axis} {as_python.code([x for x in g])}", f"{axis} {as_python.code(list(e))}",
                        misconception=lambda: expect.diagnose(got, misreadings))


@EXERCISE.check("top_crosstab.picks_most_rated", points=1, max_examples=FRAMES, given=top_cases, examples=TOP_EXAMPLES,
                says="top_crosstab must keep exactly the users and movies with the most ratings, in ascending order.")
def top_picks(learner, case):
    expected, answer, misreadings = _top_call(learner, *case)
    _expect_labels(answer, expected, misreadings)


def _tie_at_cut(ids: pd.Series, n: int) -> bool:
    counts = sorted(ids.value_counts(), reverse=True)
    return len(counts) > n and counts[n - 1] == counts[n]


@EXERCISE.check("top_crosstab.ties_to_smaller_id", points=1, max_examples=FRAMES,
                given=top_cases.filter(lambda c: _tie_at_cut(c[0]["user"], c[1]) or _tie_at_cut(c[0]["movie"], c[2])),
                says="top_crosstab must break ties in the number of ratings in favour of the smaller id.")
def top_ties(learner, case):
    expected, answer, misreadings = _top_call(learner, *case)
    _expect_labels(answer, expected, misreadings)


def _with_empty_line(base: pd.DataFrame, n_items: int, as_column: bool) -> tuple:
    """A sheet in which a chosen user (or movie) has rated nothing among the chosen movies (or users).

    Every movie of `base` is rated at least twice (the table appears twice), and user 9 rates four
    movies nobody else rates, once each: user 9 is among the five most active users, while its
    movies, rated once, are never among the `n_items` most rated (n_items is capped at the number of
    movies in `base`).
    """
    n_items = min(n_items, base["movie"].nunique())  # so that a lonely movie never fills a free place
    doubled = pd.concat([base, base.assign(rating=base["rating"].iloc[::-1].to_numpy())], ignore_index=True)
    lonely = pd.DataFrame({"user": [9] * 4, "movie": [10, 11, 12, 13], "rating": [3.0, 4.0, 2.5, 5.0]})
    table = pd.concat([doubled, lonely], ignore_index=True)
    if as_column:  # the same story with the roles of users and movies swapped
        table = table.rename(columns={"user": "movie", "movie": "user"})[["user", "movie", "rating"]]
        return table, n_items, 5
    return table, 5, n_items


@EXERCISE.check("top_crosstab.keeps_empty", points=1, max_examples=FRAMES,
                given=st.builds(_with_empty_line, ratings_frames(n_users=4, n_items=3, max_rows=6), st.integers(1, 3),
                                st.booleans()),
                says="top_crosstab must keep a chosen user or movie with nothing rated inside the sheet, as NaN.")
def top_empty(learner, case):
    expected, answer, misreadings = _top_call(learner, *case)
    expect.frame(answer, expected, misconceptions=misreadings)


def _big_table(seed: int, n_users: int = 22, n_movies: int = 24) -> pd.DataFrame:
    """300 ratings by more than 15 users of more than 15 movies, so that the default sizes cut both ways."""
    rng = np.random.default_rng(seed)
    users, movies = rng.integers(0, n_users, 300), rng.integers(100, 100 + n_movies, 300)
    return pd.DataFrame({"user": users, "movie": movies, "rating": rng.choice(HALF_STARS, 300)})


@EXERCISE.check("top_crosstab.default_size", points=1, max_examples=3, examples=[_big_table(0), _big_table(1)],
                given=st.builds(_big_table, st.integers(0, 2**32 - 1), st.integers(16, 30), st.integers(16, 30)),
                says="top_crosstab with no sizes given must be the 15 by 15 sheet fastbook draws.")
def top_default(learner, ratings):
    expected = ref.top_crosstab(ratings)
    answer = learner.call("top_crosstab", ratings, expect_error=True)
    expect.frame(answer, expected, misconceptions=_top_misreadings(ratings, 15, 15, expected))


# -- with_titles -------------------------------------------------------------------------------------

def _movies(ids, genres: bool, item: str = "movie", title: str = "title") -> pd.DataFrame:
    ids = sorted(ids)
    frame = pd.DataFrame({item: np.array(ids, dtype=np.int64), title: [TITLES[i % len(TITLES)] for i in ids]})
    return frame.assign(genres="Comedy|Drama") if genres else frame


def _title_cases(item="movie", title="title", user="user", rating="rating", untitled=False):
    """(ratings, movies): movies titles some of the rated items (all but `keep`), plus one nobody rated;
    sometimes a rating row appears twice, which must stay twice."""
    def build(ratings, keep, genres, repeat):
        present = sorted(set(ratings[item]))
        titled = [i for i in present if i not in keep] + ([] if untitled else [9])
        if repeat:
            ratings = pd.concat([ratings, ratings.iloc[:1]], ignore_index=True)
        return ratings, _movies(titled or [9], genres, item, title)

    cases = st.builds(build, ratings_frames(user, item, rating, max_rows=8), st.sets(st.integers(0, 4), max_size=2),
                      st.booleans(), st.booleans())
    return cases.filter(lambda c: set(c[0][item]) - set(c[1][item])) if untitled else cases


def _rows(frame: pd.DataFrame, columns: list) -> list[tuple]:
    """The rows as sorted tuples of text, so that row order, index and NaN identity don't matter."""
    as_text = lambda v: "NaN" if isinstance(v, float) and v != v else repr(v)  # noqa: E731
    return sorted(tuple(map(as_text, row)) for row in zip(*(frame[c].tolist() for c in columns)))


def _expect_rows(answer, expected: pd.DataFrame, columns: list, misreadings) -> None:
    got = expect.a_frame(answer, expected, misreadings)
    missing = [c for c in columns if c not in got.columns]
    if missing:
        expect.fail(answer, f"columns {as_python.code([c for c in got.columns])}", f"columns {as_python.code(columns)}",
                    misconception=lambda: expect.diagnose(got, misreadings), detail=f"missing column(s) {as_python.code(missing)}")
    if _rows(got, columns) != _rows(expected, columns):
        shown = lambda f: f[columns].sort_values(columns).to_string(index=False)  # noqa: E731
        expect.fail(answer, lambda: shown(got), lambda: shown(expected), misconception=lambda: expect.diagnose(got, misreadings),
                    detail=f"{len(got)} rows came back, {len(expected)} expected")


def _title_misreadings(title="title") -> list:
    return [
        ("hard_coded_columns", lambda error: error.type == "KeyError"),
        ("left_join", lambda got: got[title].isna().any()),
    ]


@EXERCISE.check("with_titles.matches_reference", points=2, max_examples=FRAMES, given=_title_cases(),
                examples=[(pd.DataFrame({"user": [1, 2, 1], "movie": [0, 1, 0], "rating": [4.0, 2.5, 4.0]}),
                           _movies([0, 1, 9], genres=False))],  # the same rating given twice: it stays twice
                says="with_titles must return every rating whose movie has a title, with a title column added.")
def titles_match(learner, case):
    ratings, movies = case
    expected = ref.with_titles(ratings, movies)
    answer = learner.call("with_titles", ratings, movies, expect_error=True)
    _expect_rows(answer, expected, [*ratings.columns, "title"], _title_misreadings())


@EXERCISE.check("with_titles.drops_untitled", points=1, max_examples=FRAMES, given=_title_cases(untitled=True),
                says="with_titles must drop ratings of movies that have no title (an inner join).")
def titles_inner(learner, case):
    ratings, movies = case
    expected = ref.with_titles(ratings, movies)
    answer = learner.call("with_titles", ratings, movies, expect_error=True)
    _expect_rows(answer, expected, [*ratings.columns, "title"], _title_misreadings())


@EXERCISE.check("with_titles.custom_columns", points=1, max_examples=FRAMES,
                given=_title_cases(item="movieId", title="name", user="userId"),
                says="with_titles must join on the item column and take the title column it is given, whatever "
                     "their names.")
def titles_names(learner, case):
    ratings, movies = case
    expected = ref.with_titles(ratings, movies, item="movieId", title="name")
    answer = learner.call("with_titles", ratings, movies, item="movieId", title="name", expect_error=True)
    _expect_rows(answer, expected, [*ratings.columns, "name"], _title_misreadings("name"))
