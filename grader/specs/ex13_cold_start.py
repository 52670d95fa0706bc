"""Checks for ex13: `average_user`, `fold_in_user` and `new_movie_factors`, each compared exactly with
`reference/` (the fold-in with a tolerance that any solver reaching the minimum meets, and that none of
the common slips does: each of those is tried here and named when it matches).

Weights are multiples of 1/8 in [-1, 1] and ratings half stars, so a failing call prints numbers that
paste back exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
from hypothesis import strategies as st

import reference.ex13_cold_start as ref
from grader import as_python, expect
from grader.plain import TensorValue, tensor
from grader.probes import ErrorInfo
from grader.probes import ex13_cold_start as probes
from grader.specs import Exercise

EXERCISE = Exercise("ex13_cold_start", names=["average_user", "fold_in_user", "new_movie_factors"])


def eighths(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    return (rng.integers(-8, 9, size=shape) / 8).astype(np.float32)


def _pair(answer, names: tuple[str, str]):
    """The answer's two parts as answers of their own, or a failure saying what came back instead."""
    expect.no_error(answer)
    value = answer.value
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        expect.fail(answer, as_python.code(value), f"a pair ({names[0]}, {names[1]}) of tensors")
    return [replace(answer, value=v, describe=lambda i=i: f"{answer.call}[{i}]  # {names[i]}")
            for i, v in enumerate(value)]


def _near(got, expected: np.ndarray, rtol: float = 1e-4, atol: float = 1e-5) -> bool:
    return isinstance(got, TensorValue) and got.shape == np.shape(expected) and \
        np.allclose(got.array.astype(np.float64), expected, rtol=rtol, atol=atol)


# -- average_user ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Users:
    seed: int
    n: int
    f: int

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        return eighths(rng, (self.n, self.f)), eighths(rng, (self.n,))


users = st.builds(Users, st.integers(0, 10**6), st.integers(1, 8), st.integers(1, 5))


def _expect_average(learner, case: Users, column: bool) -> None:
    factors, bias = case.arrays()
    bias_in = bias.reshape(-1, 1) if column else bias
    answer = learner.call("average_user", tensor(factors, requires_grad=column), tensor(bias_in, requires_grad=column),
                          expect_error=True)
    expected = ref.average_user(torch.from_numpy(factors), torch.from_numpy(bias))
    got_factors, got_bias = _pair(answer, ("factors", "bias"))
    f64, b64 = factors.astype(np.float64), bias.astype(np.float64)
    misreadings = [
        ("mean_over_factors", lambda got: got.shape == (case.n,) and case.n != case.f or _near(got, f64.mean(1))),
        ("sum_not_mean", lambda got: case.n > 1 and (_near(got, f64.sum(0)) or _near(got, np.array(b64.sum())))),
        ("bias_not_0dim", lambda got: got.shape == (1,)),
        ("float_not_tensor", lambda got: isinstance(got, float)),
    ]
    for part, want in ((got_factors, expected[0]), (got_bias, expected[1])):
        expect.tensor(part, want.numpy(), dtype="float", rtol=1e-5, atol=1e-6, misconceptions=misreadings)
        if part.value.requires_grad:
            expect.fail(part, as_python.value(part.value), "a tensor that does not require grad",
                        misconception="not_detached")


@EXERCISE.check("average_user.matches_reference", points=2, given=users, max_examples=15,
                examples=[Users(1, 3, 2)],
                says="average_user(user_factors, user_bias) must return (the mean factor row [n_factors], the mean "
                     "bias as a 0-dim tensor).")
def average_matches(learner, case):
    _expect_average(learner, case, column=False)


@EXERCISE.check("average_user.embedding_weights", points=1, given=users, max_examples=10,
                examples=[Users(2, 4, 3)],
                says="average_user must take a model's weights as they are (user_bias [n_users, 1], both requiring "
                     "grad) and return detached tensors: factors [n_factors], bias 0-dim.")
def average_weights(learner, case):
    _expect_average(learner, case, column=True)


# -- fold_in_user ----------------------------------------------------------------------------------------

HALF_STARS = [x / 2 for x in range(0, 12)]
Y_RANGES = [(0.0, 5.5), (0.5, 5.5), (1.0, 5.5), (0.0, 5.0)]


@dataclass(frozen=True)
class FoldIn:
    seed: int
    n_movies: int
    f: int
    movies: tuple[int, ...]
    picks: tuple[int, ...]  # which of the ratings allowed by y_range
    wd: float
    y_range: tuple[float, float] = (0.0, 5.5)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        low, high = self.y_range
        allowed = [r for r in HALF_STARS if low < r < high]
        ratings = np.array([allowed[p % len(allowed)] for p in self.picks], np.float32)
        return eighths(rng, (self.n_movies, self.f)), eighths(rng, (self.n_movies,)), \
            np.array(self.movies, np.int64), ratings


def _fold_ins(m: st.SearchStrategy[int], y_ranges: list) -> st.SearchStrategy[FoldIn]:
    def build(seed, n_movies, f, count, movie_seed, picks, wd, y_range):
        movies = tuple(int(v) for v in np.random.default_rng(movie_seed).integers(0, n_movies, count))
        return FoldIn(seed, n_movies, f, movies, tuple(picks[:count]), wd, y_range)

    return st.builds(build, st.integers(0, 10**6), st.integers(2, 8), st.integers(1, 5), m, st.integers(0, 10**6),
                     st.lists(st.integers(0, 20), min_size=12, max_size=12),
                     st.sampled_from([0.05, 0.1, 0.25, 0.5, 1.0, 2.0]), st.sampled_from(y_ranges))


fold_cases = _fold_ins(st.integers(1, 12), [(0.0, 5.5)])
few_cases = _fold_ins(st.integers(1, 5), [(0.0, 5.5)]).map(lambda c: replace(c, f=max(c.f, len(c.movies))))
range_cases = _fold_ins(st.integers(1, 12), Y_RANGES[1:])


def _fold_misreadings(case: FoldIn, answer=None) -> list:
    """The (p, b) that common slips compute, each tested against what came back: against both parts of
    `answer`'s pair where there is one (a p alone can match two slips: with one rating every fit's p is a
    multiple of q), else against the part at hand."""
    factors, bias, movies, ratings = (a.astype(np.float64) if a.dtype.kind == "f" else a for a in case.arrays())
    q, wd, f, low, high = factors[movies], case.wd, case.f, *case.y_range
    t = ref.logit_targets(bias, movies, ratings, case.y_range)
    penalty = lambda p_wd, b_wd: np.array([p_wd] * f + [b_wd])  # noqa: E731
    alternatives = {
        "bias_not_penalised": ref.ridge(q, t, penalty(wd, 0.0)),
        "bias_penalty_doubled": ref.ridge(q, t, penalty(wd, 2 * wd)),
        "penalty_doubled": ref.ridge(q, t, penalty(2 * wd, 2 * wd)),
        "mean_not_sum": ref.ridge(q, t, penalty(len(t) * wd, len(t) * wd)),
        "no_penalty": np.linalg.pinv(np.hstack([q, np.ones((len(q), 1))])) @ t,
        "ratings_not_logit": ref.ridge(q, ratings - bias[movies], penalty(wd, wd)),
        "movie_bias_ignored": ref.ridge(q, t + bias[movies], penalty(wd, wd)),
        "low_ignored": ref.ridge(q, ref.logit_targets(bias, movies, ratings, (0.0, high)), penalty(wd, wd)),
    }
    part = lambda got, theta: theta[:-1] if got.shape == (f,) else theta[-1]  # noqa: E731
    value = answer.value if answer is not None and answer.error is None else None
    pair = list(value) if isinstance(value, (tuple, list)) and len(value) == 2 else None

    def matches(got, theta) -> bool:
        if pair is not None:
            return _near(pair[0], theta[:-1], 1e-3, 1e-3) and _near(pair[1], theta[-1], 1e-3, 1e-3)
        return _near(got, part(got, theta), 1e-3, 1e-3)

    return [
        ("numpy_needs_detach", lambda error: isinstance(error, ErrorInfo) and "requires grad" in error.message),
        *[(key, lambda got, theta=theta: matches(got, theta)) for key, theta in alternatives.items()],
    ]


def _fold_call(case: FoldIn, requires_grad: bool = False, column: bool = False) -> tuple[list, dict]:
    factors, bias, movies, ratings = case.arrays()
    args = [tensor(factors, requires_grad=requires_grad), tensor(bias.reshape(-1, 1) if column else bias,
                                                                requires_grad=requires_grad),
            tensor(movies), tensor(ratings)]
    options: dict = {"wd": case.wd}
    if case.y_range != (0.0, 5.5):
        options["y_range"] = case.y_range
    return args, options


def _expect_fold(learner, case: FoldIn, column: bool = False) -> None:
    args, options = _fold_call(case, column=column)
    answer = learner.call("fold_in_user", *args, expect_error=True, **options)
    factors, bias, movies, ratings = case.arrays()
    p, b = ref.fold_in_user(torch.from_numpy(factors), torch.from_numpy(bias), torch.from_numpy(movies),
                            torch.from_numpy(ratings), case.wd, case.y_range)
    misreadings = _fold_misreadings(case, answer)
    expect.no_error(answer, misreadings)
    got_p, got_b = _pair(answer, ("p", "b"))
    # The minimiser to 1e-3: float32 solves of these well-conditioned systems (wd >= 0.05) land within
    # 1e-4, and each slip named above moves the answer by more (those that coincide with it pass).
    expect.tensor(got_p, p.numpy(), dtype="float", rtol=1e-3, atol=1e-3, misconceptions=misreadings)
    expect.tensor(got_b, b.numpy(), dtype="float", rtol=1e-3, atol=1e-3, misconceptions=misreadings)


@EXERCISE.check("fold_in_user.matches_reference", points=3, given=fold_cases, max_examples=20,
                examples=[FoldIn(0, 4, 2, (0, 1, 3), (7, 2, 9), 0.1)],
                says="fold_in_user must return the (p, b) that minimise sum_i (t_i - q_i . p - b)^2 "
                     "+ wd (|p|^2 + b^2), t_i = logit((r_i - low) / (high - low)) - movie_bias[movies[i]].")
def fold_matches(learner, case):
    _expect_fold(learner, case)


@EXERCISE.check("fold_in_user.few_ratings", points=1, given=few_cases, max_examples=15,
                examples=[FoldIn(3, 5, 3, (2,), (8,), 0.5)],
                says="fold_in_user must work from a single rating up, with fewer ratings than factors (where only "
                     "the penalty makes the minimum unique).")
def fold_few(learner, case):
    _expect_fold(learner, case)


@EXERCISE.check("fold_in_user.y_range_and_bias_column", points=1, given=range_cases, max_examples=15,
                examples=[FoldIn(5, 3, 2, (0, 2), (3, 5), 0.25, (1.0, 5.5))],
                says="fold_in_user must take the logit within y_range = (low, high) whatever low is, and take "
                     "movie_bias as [n_movies, 1] (an Embedding weight) as well as [n_movies].")
def fold_range(learner, case):
    _expect_fold(learner, case, column=True)


@EXERCISE.check("fold_in_user.movies_fixed", points=1, given=fold_cases, max_examples=5,
                examples=[FoldIn(4, 3, 2, (0, 1, 2, 1), (6, 8, 3, 5), 0.1)],
                says="fold_in_user must leave the movies' weights as they were (they are a trained model's, and "
                     "require grad): the new user is fitted to them, not they to the new user.")
def fold_fixed(learner, case):
    args, options = _fold_call(case, requires_grad=True, column=True)
    call = as_python.call_text("fold_in_user", args, options)
    answer = learner.probe(probes.fold_in_fixed, *args, options["wd"], list(case.y_range), call=call,
                           expect_error=True)
    expect.no_error(answer, _fold_misreadings(case))
    changed = answer.value["changed"]
    if changed:
        expect.fail(answer, f"{' and '.join(changed)} changed by the call", "the movies' weights exactly as they were",
                    misconception="refits_movies")


def _bad_fold(case: tuple) -> tuple[FoldIn, str]:
    base, kind = case
    low, high = base.y_range
    if kind == "empty":
        return replace(base, movies=(), picks=()), kind
    if kind in ("wd_zero", "wd_negative"):
        return replace(base, wd=0.0 if kind == "wd_zero" else -base.wd), kind
    return base, kind  # a rating at or beyond an end: see _bad_ratings


def _bad_ratings(case: FoldIn, kind: str) -> np.ndarray:
    low, high = case.y_range
    ratings = case.arrays()[3]
    if kind in ("at_low", "at_high", "beyond"):
        ratings[0] = {"at_low": low, "at_high": high, "beyond": high + 1}[kind]
    return ratings


bad_fold_cases = st.tuples(_fold_ins(st.integers(1, 6), Y_RANGES),
                           st.sampled_from(["empty", "wd_zero", "wd_negative", "at_low", "at_high", "beyond"])) \
    .map(_bad_fold)


@EXERCISE.check("fold_in_user.rejects_bad_input", points=1, given=bad_fold_cases, max_examples=15,
                examples=[(FoldIn(0, 3, 2, (0, 1), (4, 6), 0.1), "at_high")],
                says="fold_in_user must raise ValueError for no ratings, wd <= 0, or a rating not strictly inside "
                     "y_range.")
def fold_rejects(learner, case):
    fold, kind = case
    factors, bias, movies, _ = fold.arrays()
    ratings = _bad_ratings(fold, kind)
    options: dict = {"wd": fold.wd} | ({"y_range": fold.y_range} if fold.y_range != (0.0, 5.5) else {})
    answer = learner.call("fold_in_user", tensor(factors), tensor(bias), tensor(movies.reshape(-1)),
                          tensor(ratings.reshape(-1)), expect_error=True, **options)
    returned = lambda got: not isinstance(got, ErrorInfo)  # noqa: E731
    expect.raises(answer, "ValueError", misconceptions=[
        ("edge_rating_infinite", lambda got: kind in ("at_low", "at_high")),
        ("rating_outside_accepted", lambda got: returned(got) and kind == "beyond"),
        ("wd_not_checked", lambda got: kind in ("wd_zero", "wd_negative")),
        ("empty_not_checked", lambda got: kind == "empty"),
    ])


# -- new_movie_factors ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Catalogue:
    seed: int
    n_movies: int
    n_genres: int
    new: tuple[bool, ...]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        factors = eighths(rng, (self.n_movies, 3))
        genres = rng.random((self.n_movies, self.n_genres)) < 0.5
        return factors, genres, np.array(self.new, dtype=bool)

    @property
    def covered(self) -> int:
        _, genres, new = self.arrays()
        return int((genres | ~new).all(1).sum())


catalogues = st.builds(lambda seed, n, g, bits: Catalogue(seed, n, g, tuple(bits[:g])), st.integers(0, 10**6),
                       st.integers(1, 10), st.integers(1, 5), st.lists(st.booleans(), min_size=5, max_size=5))
# Some movies have every genre of the new one (and not all of them do), and it has at least one genre.
with_match = catalogues.filter(lambda c: any(c.new) and 0 < c.covered < c.n_movies)
without_match = catalogues.filter(lambda c: not any(c.new) or c.covered == 0)


def _expect_new_movie(learner, case: Catalogue) -> None:
    factors, genres, new = case.arrays()
    answer = learner.call("new_movie_factors", tensor(factors), tensor(genres), tensor(new), expect_error=True)
    expected = ref.new_movie_factors(torch.from_numpy(factors), torch.from_numpy(genres), torch.from_numpy(new)).numpy()
    f64 = factors.astype(np.float64)
    # (no movie selected: NaN, which matches nothing)
    mean_of = lambda mask: f64[mask].mean(0) if mask.any() else np.full(f64.shape[1], np.nan)  # noqa: E731
    misreadings = [
        ("nan_when_none", lambda got: np.isnan(got.array).any()),
        ("any_genre", lambda got: _near(got, mean_of((genres & new).any(1)))),
        ("exact_genres", lambda got: _near(got, mean_of((genres == new).all(1)))),
        ("subset_reversed", lambda got: _near(got, mean_of((~genres | new).all(1)))),
        ("sum_not_mean", lambda got: _near(got, f64[(genres | ~new).all(1)].sum(0))),
        ("always_all_movies", lambda got: _near(got, f64.mean(0))),
    ]
    expect.tensor(answer, expected, dtype="float", rtol=1e-5, atol=1e-6, misconceptions=misreadings)


@EXERCISE.check("new_movie_factors.matches_reference", points=2, given=with_match, max_examples=20,
                # Movies 1 and 4 have both genres of the new movie, only movie 4 has exactly its genres, movies
                # 0, 1 and 4 share one: each slip gives another answer, and is named.
                examples=[Catalogue(7, 5, 3, (True, True, False))],
                says="new_movie_factors must be the mean factor row of the movies whose genres include every genre "
                     "of the new movie.")
def new_movie_matches(learner, case):
    _expect_new_movie(learner, case)


@EXERCISE.check("new_movie_factors.falls_back", points=1, given=without_match, max_examples=10,
                # No genre at all; and all three genres, which no movie has (though some share one or two).
                examples=[Catalogue(7, 5, 3, (False, False, False)), Catalogue(0, 4, 3, (True, True, True))],
                says="new_movie_factors must give the mean of all movies when no movie has every genre of the new "
                     "one, or when the new movie has no genre.")
def new_movie_falls_back(learner, case):
    _expect_new_movie(learner, case)
