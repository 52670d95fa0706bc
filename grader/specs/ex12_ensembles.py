"""Checks for ex12: `bootstrap_sample`, `out_of_bag`, `ensemble_predict` and `bagged_models`.

A bootstrap sample comes from the learner's own generator, so no check compares it with one generator's
output. Its checks are properties: an int64 tensor of n positions in range(n); the same sample for the
same seed, even after the global generators moved; another for another seed; the global generators
left as they were; and, over many seeds, statistics that only a sample drawn uniformly with
replacement passes (about 1 - 1/e of the positions distinct, every position drawn, frequencies near
uniform). Each statistical threshold is set so that a correct sample from *any* generator fails it
with a probability computed beside it. Everything else is compared exactly with `reference/`.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import torch
from hypothesis import strategies as st

import reference.ex12_ensembles as ref
from grader import as_python, expect
from grader.plain import TensorValue, tensor
from grader.probes import ErrorInfo
from grader.probes import ex12_ensembles as probes
from grader.probes.ex12_ensembles import TRAIN_RETURNS
from grader.specs import Exercise

EXERCISE = Exercise("ex12_ensembles", names=["bootstrap_sample", "out_of_bag", "ensemble_predict", "bagged_models"])

seeds = st.integers(0, 2**31 - 1)


def positions(value) -> np.ndarray | None:
    """A 1-D array of integers (tensor or numpy array) as int64, else None."""
    array = value.array if isinstance(value, TensorValue) else value
    if isinstance(array, np.ndarray) and array.ndim == 1 and (array.dtype.kind in "iu" or array.size == 0):
        return array.astype(np.int64)
    return None


# -- bootstrap_sample: one call at a time --------------------------------------------------------------

def _shape_misreading(value, n: int, union: set[int]) -> str | None:
    if isinstance(value, np.ndarray):
        return "numpy_not_tensor"
    if isinstance(value, list):
        return "list_not_tensor"
    if isinstance(value, TensorValue) and value.is_floating:
        return "float_positions"
    if n in union:
        return "inclusive_high" if 0 in union else "one_based"
    return None


@EXERCISE.check("bootstrap_sample.shape_and_range", points=2, max_examples=20,
                given=st.tuples(st.integers(1, 300), seeds), examples=[(1, 0), (20, 0)],
                says="bootstrap_sample(n, seed) must return an int64 tensor of n positions, each in range(n).")
def bootstrap_shape(learner, case):
    n, seed = case
    tried = [seed + j for j in range(5)]  # a few seeds: what the draws can reach says which mistake it is
    call = as_python.call_text("bootstrap_sample", [n], {"seed": seed})
    answer = learner.probe(probes.samples, n, tried, call=call, expect_error=True)
    expect.no_error(answer)
    union = {int(v) for s in answer.value if positions(s) is not None for v in positions(s)}
    for s, value in zip(tried, answer.value):
        one = replace(answer, value=value, describe=lambda s=s: as_python.call_text("bootstrap_sample", [n], {"seed": s}))
        misreading = _shape_misreading(value, n, union)
        if not isinstance(value, TensorValue):
            expect.fail(one, f"{type(value).__name__} {as_python.code(value)}", "an int64 torch.Tensor of shape [n]",
                        misconception=misreading)
        detail = (f"dtype is {value.dtype}, expected int64" if value.dtype != "int64" else
                  f"shape is {list(value.shape)}, expected [{n}]" if value.shape != (n,) else None)
        if detail is None:
            bad = [int(v) for v in value.array if not 0 <= v < n]
            detail = f"{as_python.code(bad[:5])} {'is' if len(bad) == 1 else 'are'} not in range({n})" if bad else None
        if detail:
            expect.fail(one, as_python.value(value), f"an int64 tensor of {n} position{'s' * (n != 1)} in range({n})",
                        detail=detail, misconception=misreading)


def _two_samples(answer, n: int) -> tuple[np.ndarray, np.ndarray]:
    got = [positions(answer.value[k]) for k in ("first", "second")]
    if got[0] is None or got[1] is None:
        expect.fail(answer, f"{as_python.code(answer.value['first'])}",
                    "1-D int tensors (see bootstrap_sample.shape_and_range)")
    return got[0], got[1]


@EXERCISE.check("bootstrap_sample.deterministic", points=1, max_examples=10,
                given=st.tuples(st.integers(2, 100), seeds), examples=[(10, 0)],
                says="bootstrap_sample must give the same sample for the same seed, even after other code has "
                     "drawn random numbers in between.")
def bootstrap_deterministic(learner, case):
    n, seed = case
    call = (f"a = bootstrap_sample({n}, seed={seed}); torch.manual_seed(1234); np.random.seed(1234); "
            f"random.seed(1234); b = bootstrap_sample({n}, seed={seed})")
    answer = learner.probe(probes.twice, n, seed, call=call, expect_error=True)
    expect.no_error(answer)
    first, second = _two_samples(answer, n)
    if not np.array_equal(first, second):
        expect.fail(answer, f"a = {as_python.code(first.tolist())}, b = {as_python.code(second.tolist())}", "a == b",
                    misconception="global_rng")


@EXERCISE.check("bootstrap_sample.seed_matters", points=1, max_examples=10,
                given=st.tuples(st.integers(10, 300), seeds, seeds).filter(lambda c: c[1] != c[2]),
                examples=[(10, 0, 1)],
                says="bootstrap_sample must draw by its seed: for n >= 10, two different seeds give different samples.")
def bootstrap_seed(learner, case):
    # A correct sampler gives two equal samples of n >= 10 with probability n**-n <= 1e-10 per example.
    n, a, b = case
    call = f"bootstrap_sample({n}, seed={a}), bootstrap_sample({n}, seed={b})"
    answer = learner.probe(probes.samples, n, [a, b], call=call, expect_error=True)
    expect.no_error(answer)
    first, second = (positions(v) for v in answer.value)
    if first is None or second is None:
        expect.fail(answer, as_python.code(answer.value[0]), "1-D int tensors (see bootstrap_sample.shape_and_range)")
    if np.array_equal(first, second):
        expect.fail(answer, f"the same sample twice: {as_python.code(first.tolist())}", "two different samples",
                    misconception="ignores_seed")


@EXERCISE.check("bootstrap_sample.leaves_global_rng", points=1, max_examples=10,
                given=st.tuples(st.integers(1, 100), seeds), examples=[(10, 0)],
                says="bootstrap_sample must draw from a generator of its own: random's, numpy's and torch's global "
                     "generators must be exactly as they were before the call.")
def bootstrap_global(learner, case):
    n, seed = case
    call = (f"s = (random.getstate(), np.random.get_state(), torch.get_rng_state()); "
            f"bootstrap_sample({n}, seed={seed}); compare with s")
    answer = learner.probe(probes.global_state, n, seed, call=call, expect_error=True)
    expect.no_error(answer)
    changed = answer.value["changed"]
    if changed:
        first, second = positions(answer.value["first"]), positions(answer.value["second"])
        reseeded = first is not None and second is not None and np.array_equal(first, second)
        expect.fail(answer, f"it changed the global generator state of {', '.join(changed)}",
                    "every global generator as it was",
                    misconception="reseeds_global" if reseeded else "draws_from_global")


# -- bootstrap_sample: statistics over many seeds -------------------------------------------------------

K = 30  # seeds per example; with n >= 100 that is at least 3,000 draws
SEED_STEP = 7919  # the seeds of one example: base, base + 7919, ... (any distinct seeds would do)
many = st.tuples(st.integers(100, 200), st.integers(0, 10**6))


def _many_samples(learner, n: int, base: int):
    tried = [base + SEED_STEP * j for j in range(K)]
    call = f"[bootstrap_sample({n}, seed={base} + {SEED_STEP} * j) for j in range({K})]"
    answer = learner.probe(probes.samples, n, tried, call=call, expect_error=True)
    expect.no_error(answer)
    arrays = [positions(v) for v in answer.value]
    if any(a is None or a.shape != (n,) or a.min() < 0 or a.max() >= n for a in arrays):
        expect.fail(answer, "samples that are not n positions in range(n)",
                    f"{K} samples of {n} positions in range({n})", detail="see bootstrap_sample.shape_and_range")
    return answer, np.stack(arrays)


def _distinct_fraction(n: int) -> float:
    """The expected fraction of distinct positions in n draws with replacement from range(n): 1 - (1 - 1/n)^n."""
    return 1 - (1 - 1 / n) ** n


# The fraction of distinct positions over the K samples is a function of n*K independent draws that one
# draw changes by at most 1/(n*K), so (McDiarmid) P(|fraction - expected| >= 0.07) <= 2 exp(-2 * 0.07^2 * n*K)
# <= 2 exp(-29.4) = 3.4e-13 for n*K >= 3,000: a correct sampler fails one example with at most that
# probability, five examples with at most 2e-12. A permutation gives 1.0; a sample that repeats each of
# half the positions twice, 0.5.
DISTINCT_TOLERANCE = 0.07


@EXERCISE.check("bootstrap_sample.with_replacement", points=2, given=many, max_examples=5, examples=[(100, 0)],
                says="bootstrap_sample must draw with replacement: over many seeds, about 1 - 1/e (63.2%) of the "
                     "positions of each sample are distinct, the rest repeats.")
def bootstrap_replacement(learner, case):
    n, base = case
    answer, samples = _many_samples(learner, n, base)
    distinct = np.array([len(np.unique(s)) for s in samples])
    fraction, expected = distinct.sum() / samples.size, _distinct_fraction(n)
    if abs(fraction - expected) > DISTINCT_TOLERANCE:
        expect.fail(answer, f"{fraction:.1%} of the positions of each sample distinct, on average "
                            f"(from {distinct.min()} to {distinct.max()} of {n})",
                    f"about {expected:.1%} "
                    f"({expected - DISTINCT_TOLERANCE:.1%} to {expected + DISTINCT_TOLERANCE:.1%})",
                    misconception="without_replacement" if (distinct == n).all() else None)


# Pooled over the K samples, position j is drawn c_j ~ Binomial(n*K, 1/n) times, K = 30 on average.
#   - never drawn: P(c_j = 0) = (1 - 1/n)^(n*K) <= e^-30; over n <= 200 positions at most 1.9e-11;
#   - drawn more than 3K = 90 times: Chernoff, P(c_j >= 3K) <= exp(-K * 2^2 / (2 + 2)) = e^-30, the same bound;
#   - Pearson's statistic sum_j (c_j - K)^2 / K has n - 1 degrees of freedom (mean n - 1, sd sqrt(2(n-1)));
#     its threshold 2(n - 1) + 60 lies 11 or more sd above the mean: by the Wilson-Hilferty approximation a
#     correct sampler exceeds it with probability below 1e-15 (20,000 simulated runs at n = 100 and 200
#     reached at most 169 and 292, against thresholds of 258 and 458).
# In all, a correct sampler fails one example with probability below 4e-11.
def _chi_square_limit(n: int) -> float:
    return 2 * (n - 1) + 60


@EXERCISE.check("bootstrap_sample.uniform", points=1, given=many, max_examples=5, examples=[(100, 0)],
                says="bootstrap_sample must draw every position of range(n) equally often: over many seeds, each "
                     "position drawn, none far more often than the others.")
def bootstrap_uniform(learner, case):
    n, base = case
    answer, samples = _many_samples(learner, n, base)
    counts = np.bincount(samples.ravel(), minlength=n)
    never = np.flatnonzero(counts == 0)
    chi_square = float(((counts - K) ** 2 / K).sum())
    if never.size:
        expect.fail(answer, f"position{'s' if never.size > 1 else ''} {as_python.code(never[:6].tolist())} never drawn "
                            f"in {K} samples", f"every position of range({n}) drawn about {K} times",
                    misconception="never_last" if never.tolist() == [n - 1] else None)
    if counts.max() >= 3 * K or chi_square > _chi_square_limit(n):
        busiest = np.argsort(-counts, kind="stable")[:3]
        expect.fail(answer, f"counts from {counts.min()} to {counts.max()} (positions {as_python.code(busiest.tolist())} "
                            f"most often); Pearson's chi-square {chi_square:.0f}",
                    f"each position about {K} times; chi-square below {_chi_square_limit(n):.0f}",
                    misconception="skewed")


# -- out_of_bag ------------------------------------------------------------------------------------------

oob_cases = st.integers(1, 20).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.integers(0, n - 1), min_size=1, max_size=2 * n)))


def _oob_misreadings(n: int, sample: list[int]) -> list:
    drawn = sorted(set(sample))
    left = [i for i in range(n) if i not in set(sample)]
    values = lambda got: got.array.tolist()  # noqa: E731
    return [
        ("numpy_not_tensor", lambda got: isinstance(got, np.ndarray)),
        ("float_when_empty", lambda got: not left and got.is_floating),
        ("mask_not_positions", lambda got: got.dtype == "bool" or (got.shape == (n,) and set(values(got)) <= {0, 1})),
        ("in_bag", lambda got: values(got) == drawn),
        ("unsorted", lambda got: sorted(values(got)) == left),
        ("off_by_one_range", lambda got: set(values(got)) ^ set(left) <= {-1, 0, n - 1, n}),
    ]


def _expect_oob(learner, n: int, sample: list[int]) -> None:
    array = np.array(sample, dtype=np.int64)
    answer = learner.call("out_of_bag", n, tensor(array), expect_error=True)
    expected = ref.out_of_bag(n, torch.from_numpy(array)).numpy()
    expect.tensor(answer, expected, dtype="int64", misconceptions=_oob_misreadings(n, sample))


@EXERCISE.check("out_of_bag.matches_reference", points=2, given=oob_cases, max_examples=20,
                examples=[(6, [0, 2, 2, 5, 0, 3])],
                says="out_of_bag(n, sample) must list, ascending, the positions of range(n) that sample never drew "
                     "(an int64 tensor).")
def oob_matches(learner, case):
    _expect_oob(learner, *case)


@EXERCISE.check("out_of_bag.nothing_left", points=1, max_examples=10,
                given=st.integers(1, 12).flatmap(lambda n: st.tuples(st.just(n), st.permutations(list(range(n))))),
                examples=[(3, [2, 0, 1])],
                says="out_of_bag must return an empty int64 tensor when the sample drew every position.")
def oob_empty(learner, case):
    _expect_oob(learner, *case)


# -- ensemble_predict --------------------------------------------------------------------------------------

def _predictions(m_models: st.SearchStrategy[int]) -> st.SearchStrategy[list[np.ndarray]]:
    """`m` predictions [N] of ratings, as float32 multiples of 0.25 (short to print, exact to add)."""
    return st.tuples(m_models, st.integers(1, 6)).flatmap(lambda mn: st.lists(
        st.lists(st.integers(0, 20), min_size=mn[1], max_size=mn[1]).map(lambda v: np.array(v, np.float32) / 4),
        min_size=mn[0], max_size=mn[0]))


def _ensemble_misreadings(preds: list[np.ndarray], weights: list[float] | None) -> list:
    stacked = np.stack(preds).astype(np.float64)
    w = np.ones(len(preds)) if weights is None else np.array(weights, np.float64)
    near = lambda got, v: got.shape == v.shape and np.allclose(got.array, v, rtol=1e-5, atol=1e-6)  # noqa: E731
    return [
        ("averaged_over_rows", lambda got: got.shape == () or got.shape == (len(preds),) != stacked.shape[1:]),
        ("weights_not_normalised", lambda got: weights is not None and near(got, (w[:, None] * stacked).sum(0))),
        ("divided_by_count", lambda got: weights is not None and near(got, (w[:, None] * stacked).sum(0) / len(preds))),
        ("ignores_weights", lambda got: weights is not None and near(got, stacked.mean(0))),
        ("sum_not_mean", lambda got: near(got, stacked.sum(0))),
        ("median", lambda got: near(got, np.median(stacked, 0))),
    ]


def _expect_ensemble(learner, preds: list[np.ndarray], weights: list[float] | None) -> None:
    options = {} if weights is None else {"weights": weights}
    answer = learner.call("ensemble_predict", [tensor(p) for p in preds], expect_error=True, **options)
    expected = ref.ensemble_predict([torch.from_numpy(p) for p in preds], weights).numpy()
    expect.tensor(answer, expected, dtype="float", rtol=1e-5, atol=1e-6,
                  misconceptions=_ensemble_misreadings(preds, weights))


@EXERCISE.check("ensemble_predict.mean", points=2, given=_predictions(st.integers(1, 4)), max_examples=20,
                examples=[[np.array([1.0, 4.0, 3.0], np.float32), np.array([3.0, 5.0, 2.0], np.float32)]],
                says="ensemble_predict(predictions) must be the mean of the models' predictions, row by row: [N].")
def ensemble_mean(learner, preds):
    _expect_ensemble(learner, preds, None)


_halves = st.integers(0, 6).map(lambda k: k / 2)


def _telling_weights(w: list[float]) -> bool:
    """A positive sum that is not 1, and not all weights equal: a plain mean would pass otherwise."""
    return sum(w) > 0 and sum(w) != 1 and len(set(w)) > 1


def _with_weights(preds: list[np.ndarray]) -> st.SearchStrategy:
    """Non-negative weights (halves) that tell a weighted mean from a plain one. Built once per draw, so
    the filter is a named function: a lambda's source would be parsed by hypothesis on every draw."""
    weights = st.lists(_halves, min_size=len(preds), max_size=len(preds)).filter(_telling_weights)
    return st.tuples(st.just(preds), weights)


@EXERCISE.check("ensemble_predict.weighted", points=2, given=_predictions(st.integers(2, 4)).flatmap(_with_weights),
                max_examples=20,
                examples=[([np.array([1.0, 4.0], np.float32), np.array([3.0, 2.0], np.float32)], [3.0, 1.0])],
                says="ensemble_predict(predictions, weights) must be the weighted mean, the weights scaled to sum "
                     "to 1.")
def ensemble_weighted(learner, case):
    _expect_ensemble(learner, *case)


def _error_misreadings(kind: str) -> list:
    """Tests on the error raised (an ErrorInfo) or on the value returned instead of raising."""
    returned = lambda got: not isinstance(got, ErrorInfo)  # noqa: E731
    return [
        ("torch_error", lambda got: isinstance(got, ErrorInfo) and got.type == "RuntimeError"),
        ("zero_division", lambda got: isinstance(got, ErrorInfo) and got.type == "ZeroDivisionError"),
        ("empty_not_checked", lambda got: returned(got) and kind == "empty"),
        ("broadcasts", lambda got: returned(got) and kind == "shapes"),
        ("negative_weights_accepted", lambda got: returned(got) and kind == "negative"),
        ("zero_sum_divides", lambda got: returned(got) and kind == "zero_sum"),
    ]


def _bad_predictions(case) -> tuple[list[np.ndarray], None]:
    n, shape_kind = case
    row = np.arange(n, dtype=np.float32) / 2
    if shape_kind == "empty":
        return [], None
    other = {"longer": np.arange(n + 1, dtype=np.float32), "one": np.array([1.0], np.float32),
             "column": row.reshape(-1, 1)}[shape_kind]
    return [row, other], None


bad_predictions = st.tuples(st.integers(2, 5), st.sampled_from(["empty", "longer", "one", "column"])) \
    .map(_bad_predictions)


def _expect_value_error(learner, preds: list[np.ndarray], weights, kind: str) -> None:
    options = {} if weights is None else {"weights": weights}
    answer = learner.call("ensemble_predict", [tensor(p) for p in preds], expect_error=True, **options)
    expect.raises(answer, "ValueError", misconceptions=_error_misreadings(kind))


@EXERCISE.check("ensemble_predict.rejects_bad_predictions", points=1, given=bad_predictions, max_examples=10,
                examples=[([], None), ([np.array([1.0, 2.0], np.float32), np.array([3.0], np.float32)], None)],
                says="ensemble_predict must raise ValueError for an empty list, or for predictions whose shapes "
                     "differ.")
def ensemble_bad_predictions(learner, case):
    preds, weights = case
    kind = "empty" if not preds else "shapes"
    _expect_value_error(learner, preds, weights, kind)


def _bad_weights(case) -> tuple[list[np.ndarray], list[float], str]:
    m, kind, size = case
    preds = [np.full(2, float(i + 1), np.float32) for i in range(m)]
    weights = {"count": [1.0] * (m + size), "negative": [2.0] + [-0.5] + [1.0] * (m - 2), "zero_sum": [0.0] * m}[kind]
    return preds, weights, kind


bad_weights = st.tuples(st.integers(2, 4), st.sampled_from(["count", "negative", "zero_sum"]),
                        st.sampled_from([-1, 1, 2])).map(_bad_weights)


@EXERCISE.check("ensemble_predict.rejects_bad_weights", points=1, given=bad_weights, max_examples=10,
                examples=[([np.array([1.0, 2.0], np.float32), np.array([3.0, 4.0], np.float32)], [2.0, -0.5],
                           "negative")],
                says="ensemble_predict must raise ValueError for a number of weights other than the number of "
                     "predictions, a negative weight, or weights that sum to 0.")
def ensemble_bad_weights(learner, case):
    _expect_value_error(learner, *case)


# -- bagged_models -----------------------------------------------------------------------------------------

def _bag_case(n: int, n_models: int, seed: int, codes: list[int]) -> dict:
    """x [n, 2] whose column 0 is the row's position (so a batch says which rows it holds) and column 1 a
    drawn code; y distinct floats that say their row too."""
    x = np.stack([np.arange(n), np.array(codes[:n])], axis=1).astype(np.int64)
    y = (1 + np.arange(n) / 4).astype(np.float32)
    return {"x": x, "y": y, "n_models": n_models, "seed": seed}


bag_cases = st.tuples(st.integers(8, 20), st.integers(1, 4), st.integers(0, 10**6),
                      st.lists(st.integers(0, 99), min_size=20, max_size=20)).map(lambda c: _bag_case(*c))


def _bag(learner, case: dict):
    n_models, seed, x, y = case["n_models"], case["seed"], case["x"], case["y"]
    # The rows each model should get, and those of the seeds a slip would use instead (to name the slip).
    candidates = sorted(s for s in {seed + i for i in range(-1, n_models + 1)} | set(range(n_models + 1)) if s >= 0)
    call = (f"bagged_models(make_model, train, x, y, n_models={n_models}, seed={seed})\n"
            f"  x = {as_python.code(tensor(x))}\n  y = {as_python.code(tensor(y))}\n"
            "  make_model() returns a new model; train(model, x, y) records what it is given")
    answer = learner.probe(probes.bag, tensor(x), tensor(y), n_models, seed, candidates, call=call,
                           expect_error=True)
    expect.no_error(answer)
    return answer


def _rows_of(value, column: np.ndarray | None = None) -> list[int] | None:
    """The rows a batch handed to train() holds: x's column 0, or y's values decoded."""
    array = value.array if isinstance(value, TensorValue) else value if isinstance(value, np.ndarray) else None
    if array is None:
        return None
    if column is None:  # x: [rows, 2], column 0 the position
        return array[:, 0].astype(np.int64).tolist() if array.ndim == 2 and array.shape[1:] == (2,) else None
    return np.rint((array.astype(np.float64) - 1) * 4).astype(np.int64).tolist() if array.ndim == 1 else None


@EXERCISE.check("bagged_models.trains_on_bootstraps", points=2, given=bag_cases, max_examples=10,
                examples=[_bag_case(10, 3, 5, list(range(20)))],
                says="bagged_models must train model i on x[rows] and y[rows], "
                     "rows = bootstrap_sample(len(x), seed + i), for i = 0, 1, ..., n_models - 1.")
def bag_rows(learner, case):
    answer = _bag(learner, case)
    n, seed = len(case["x"]), case["seed"]
    samples = {s: positions(v) for s, v in answer.value["samples"].items()}
    if any(v is None for v in samples.values()):
        expect.fail(answer, "bootstrap_sample gave something other than a 1-D int tensor",
                    "bootstrap_sample working first (see its checks)")
    trains = [e for e in answer.value["events"] if e[0] == "train"]
    for i in range(case["n_models"]):
        expected = samples[seed + i].tolist()
        mine = [e for e in trains if e[1] == i]
        if not mine:
            expect.fail(answer, f"model {i} (the {_ordinal(i)} that make_model returned) was never trained",
                        f"train(model_{i}, x[rows], y[rows]) with rows = bootstrap_sample({n}, seed={seed + i})",
                        misconception="one_model" if trains and all(e[1] == 0 for e in trains) else None)
        event = mine[0]
        x_rows, y_rows = _rows_of(event[2]), _rows_of(event[3], case["y"])
        if x_rows == expected and y_rows == expected:
            continue
        matches = {s for s, rows in samples.items() if rows.tolist() == x_rows}
        misconception = ("same_seed" if i > 0 and seed in matches else
                         "seed_plus_one" if seed + i + 1 in matches else
                         "seed_ignored" if i in matches and seed != 0 else
                         "whole_data" if x_rows == list(range(n)) else
                         "x_y_misaligned" if x_rows == expected else None)
        shown = "x[rows] with rows " + (as_python.code(x_rows) if x_rows is not None
                                        else f"of an unexpected shape ({as_python.value(event[2])})")
        if x_rows == expected:
            shown = f"y[rows] with rows {as_python.code(y_rows)}"
        expect.fail(answer, f"model {i} trained on {shown}",
                    f"rows = bootstrap_sample({n}, seed={seed + i}) = {as_python.code(expected)}, for x and for y",
                    misconception=misconception)


def _ordinal(i: int) -> str:
    return {0: "first", 1: "second", 2: "third"}.get(i, f"{i + 1}th")


@EXERCISE.check("bagged_models.returns_models", points=1, given=bag_cases, max_examples=10,
                examples=[_bag_case(8, 2, 0, list(range(20)))],
                says="bagged_models must make each model just before training it (make, train, make, train, ...), "
                     "and return the n_models models it made, in order, in a list.")
def bag_models(learner, case):
    answer = _bag(learner, case)
    n_models, events = case["n_models"], answer.value["events"]
    order = [e[0] if e[0] == "make" else "train" for e in events]
    expected_order = ["make", "train"] * n_models
    returned = answer.value["returned"]
    if not isinstance(returned, list) or answer.value["returned_type"] != "list":
        expect.fail(answer, f"returned a {answer.value['returned_type']}: {as_python.code(returned)}",
                    f"a list of the {n_models} models")
    if returned != list(range(n_models)):
        shown = ", ".join(f"model_{v}" if isinstance(v, int) and not isinstance(v, bool) else as_python.code(v)
                          for v in returned)
        expect.fail(answer, f"[{shown}]", "[" + ", ".join(f"model_{i}" for i in range(n_models)) + "]",
                    misconception="train_results" if returned and all(v == TRAIN_RETURNS for v in returned) else
                    "one_model" if returned and all(v == 0 for v in returned) and n_models > 1 else None)
    if order != expected_order:
        expect.fail(answer, "calls in the order " + ", ".join(order), ", ".join(expected_order),
                    misconception="made_up_front" if order[:n_models] == ["make"] * n_models and n_models > 1 else None)
    extra = [e for e in events if e[0] == "train" and e[4]]
    if extra:
        expect.fail(answer, f"train called with {extra[0][4]} more argument(s)", "train(model, x[rows], y[rows])")
