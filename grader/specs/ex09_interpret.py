"""Checks for ex09: `bias_extremes`, `principal_components` and `nearest_movies`."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import torch
from hypothesis import strategies as st

import reference.ex09_interpret as ref
from grader import as_python, expect
from grader.plain import TensorValue, tensor
from grader.probes import ex09_interpret as probes
from grader.specs import Exercise

EXERCISE = Exercise("ex09_interpret", names=["bias_extremes", "principal_components", "nearest_movies"])

TITLES = ["Alien (1979)", "Brazil (1985)", "Casablanca (1942)", "Dune (1984)", "Fargo (1996)", "Gattaca (1997)",
          "Heat (1995)", "Jaws (1975)", "Metropolis (1927)", "Psycho (1960)", "Ran (1985)", "Up (2009)"]


def as_list(value) -> list | None:
    """A list, tuple, 1-D array or tensor, pandas Series or Index as a plain list, a 0-dim integer tensor among its
    items as that integer; None for anything else."""
    if isinstance(value, TensorValue):
        value = value.array
    if isinstance(value, np.ndarray):
        return value.tolist() if value.ndim == 1 else None
    if isinstance(value, (pd.Series, pd.Index)):
        return value.tolist()
    return [_item(v) for v in value] if isinstance(value, (list, tuple)) else None


def _item(v):
    """A position given as a 0-dim integer tensor (`list(tensor)` makes those) is that position."""
    if isinstance(v, TensorValue) and v.shape == () and v.dtype.startswith(("int", "uint")):
        return int(v.array)
    return v


# -- bias_extremes -----------------------------------------------------------------------------------

bias_cases = st.integers(1, len(TITLES)).flatmap(lambda n: st.tuples(
    st.lists(st.floats(-3, 3, allow_nan=False, width=32), min_size=n, max_size=n, unique=True), st.integers(1, n)))


def _extremes_call(learner, biases, k, column=False, requires_grad=False):
    array = np.array(biases, dtype=np.float32).reshape((-1, 1) if column else (-1,))
    titles = TITLES[: len(biases)]
    answer = learner.probe(probes.extremes, tensor(array, requires_grad=requires_grad), titles, k,
                           call=lambda: as_python.call_text("bias_extremes", [tensor(array, requires_grad=requires_grad),
                                                                         titles], {"k": k}), expect_error=True)
    expected = ref.bias_extremes(torch.from_numpy(array), titles, k)
    return answer, expected, titles, np.argsort(np.array(biases, dtype=np.float32), kind="stable")


def _expect_side(answer, expected, titles, order, k, side: int) -> None:
    name = ("lowest", "highest")[side]
    expect.no_error(answer, [
        ("numpy_needs_detach", lambda error: "requires grad" in error.message),
        ("column_argsort", lambda error: "0-dim" in error.message or "slice" in error.message),
    ])
    value = answer.value
    if not (isinstance(value, (list, tuple)) and len(value) == 2):
        expect.fail(answer, as_python.code(value), "a pair (lowest, highest) of lists of titles")
    got, want = as_list(value[side]), expected[side]
    if got != want:
        ascending_top = [titles[int(i)] for i in order[-k:]]
        shifted = [titles[int(i)] for i in (order[1:k + 1] if side == 0 else order[-k - 1:-1][::-1])]
        misconception = ("indices_not_titles" if got and all(isinstance(v, int) for v in got) else
                         "values_not_titles" if got and all(isinstance(v, float) for v in got) else
                         "column_argsort" if got and len(titles) > 1 and all(v == titles[0] for v in got) else
                         "highest_ascending" if side == 1 and k > 1 and got == ascending_top else
                         "off_by_one_slice" if len(order) > k and got == shifted else None)
        expect.fail(answer, f"{name} = {as_python.code(value[side])}", f"{name} = {as_python.code(want)}", misconception=misconception)


@EXERCISE.check("bias_extremes.lowest", points=2, given=bias_cases, max_examples=20,
                examples=[([0.5, -1.0, 2.0, 0.0], 2)],
                says="bias_extremes(bias, titles, k)[0] must be the titles of the k lowest biases, lowest first.")
def extremes_lowest(learner, case):
    biases, k = case
    answer, expected, titles, order = _extremes_call(learner, biases, k)
    _expect_side(answer, expected, titles, order, k, 0)


@EXERCISE.check("bias_extremes.highest", points=2, given=bias_cases, max_examples=20,
                examples=[([0.5, -1.0, 2.0, 0.0], 2)],
                says="bias_extremes(bias, titles, k)[1] must be the titles of the k highest biases, highest first.")
def extremes_highest(learner, case):
    biases, k = case
    answer, expected, titles, order = _extremes_call(learner, biases, k)
    _expect_side(answer, expected, titles, order, k, 1)


@EXERCISE.check("bias_extremes.embedding_weight", points=1, given=bias_cases, max_examples=10,
                examples=[([0.5, -1.0, 2.0, 0.0], 2), ([0.25], 1)],
                says="bias_extremes must take an nn.Embedding(n, 1) weight as it is: shape [n, 1], requiring grad.")
def extremes_weight(learner, case):
    biases, k = case
    answer, expected, titles, order = _extremes_call(learner, biases, k, column=True, requires_grad=True)
    _expect_side(answer, expected, titles, order, k, 0)
    _expect_side(answer, expected, titles, order, k, 1)


# -- principal_components ----------------------------------------------------------------------------

def _factors(seed: int, n: int, d: int, offset: float) -> np.ndarray:
    """[n, d] factors whose centred singular values are planted and well apart (so each direction is
    defined up to sign), shifted by a mean of size `offset`."""
    rng = np.random.default_rng(seed)
    spread = rng.normal(size=(n, d))
    q, _ = np.linalg.qr(spread - spread.mean(0))  # orthonormal columns that sum to zero
    r, _ = np.linalg.qr(rng.normal(size=(d, d)))
    singular = 3.0 * 0.5 ** np.arange(d) * rng.uniform(0.9, 1.1, d)
    return (q @ np.diag(singular) @ r.T + offset * rng.normal(size=d)).astype(np.float32)


pca_cases = st.tuples(st.integers(0, 10**6), st.integers(3, 10), st.integers(2, 5), st.integers(1, 5),
                      st.sampled_from([0.0, 1.0, 3.0])).filter(lambda c: c[1] > c[2]).map(
    lambda c: (_factors(c[0], c[1], c[2], c[4]), min(c[3], c[2])))


def _signs_aligned(got: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """`got` with each column negated where that brings it closer to `expected`'s column."""
    signs = np.where((got * expected).sum(0) < 0, -1.0, 1.0)
    return got * signs


def _matches(got: np.ndarray, expected: np.ndarray) -> bool:
    return got.shape == expected.shape and np.allclose(_signs_aligned(got, expected), expected, rtol=1e-3, atol=1e-3)


def _pca_misreadings(factors: np.ndarray, k: int) -> list:
    x = factors.astype(np.float64)
    centred = x - x.mean(0)
    u, s, vh = np.linalg.svd(centred, full_matrices=False)
    _, _, vh_raw = np.linalg.svd(x, full_matrices=False)
    near = lambda got, other: _matches(got.array.astype(np.float64), other)  # noqa: E731
    return [
        ("not_centred", lambda got: near(got, x @ vh_raw[:k].T) or near(got, x @ vh[:k].T)),
        ("directions_not_coordinates", lambda got: got.shape in ((x.shape[1], k), (k, x.shape[1]))),
        ("smallest_components", lambda got: k < len(s) and near(got, centred @ vh[::-1][:k].T)),
        ("unit_scores", lambda got: near(got, u[:, :k])),
        # Each row of Vh may come out negated, and a column of Vh mixes all rows: try every sign pattern.
        ("vh_columns", lambda got: any(near(got, centred @ (np.array(signs)[:, None] * vh)[:, :k])
                                       for signs in itertools.product((-1.0, 1.0), repeat=len(vh)))),
    ]


def _expect_pca(learner, factors: np.ndarray, k: int) -> None:
    answer = learner.call("principal_components", tensor(factors), k=k, expect_error=True)
    expected = ref.principal_components(torch.from_numpy(factors), k).numpy()
    misreadings = _pca_misreadings(factors, k)
    expect.no_error(answer)
    got = answer.value
    if not isinstance(got, TensorValue) or got.shape != expected.shape:
        expect.tensor(answer, expected, misconceptions=misreadings)  # says what came back instead
    aligned = _signs_aligned(got.array.astype(np.float64), expected)
    expect.compare_arrays(answer, aligned, expected, got_shown=as_python.value(got), expected_shown=as_python.value(
        TensorValue(expected.astype(np.float32), "float32")) + "  (any column may be negated)",
        rtol=1e-3, atol=1e-3, misconceptions=misreadings, got_value=got)


@EXERCISE.check("principal_components.matches_svd", points=2, given=pca_cases, max_examples=15,
                examples=[(_factors(5, 8, 4, 1.0), 2)],
                says="principal_components(factors, k) must give each row's coordinates along the first k "
                     "principal directions of the centred factors (each column up to sign).")
def pca_matches(learner, case):
    _expect_pca(learner, *case)


far_cases = st.tuples(st.integers(0, 10**6), st.integers(4, 10), st.integers(2, 4), st.integers(1, 4)).filter(
    lambda c: c[1] > c[2]).map(lambda c: (_factors(c[0], c[1], c[2], 5.0), min(c[3], c[2])))


@EXERCISE.check("principal_components.centred", points=1, given=far_cases, max_examples=5,
                examples=[(_factors(1, 6, 3, 5.0), 1), (_factors(2, 8, 4, 5.0), 2)],
                says="principal_components must centre the factors first: movies far from the origin on average "
                     "must not change the components.")
def pca_centred(learner, case):
    _expect_pca(learner, *case)


# -- nearest_movies ----------------------------------------------------------------------------------

def _movies(seed: int, n: int, d: int) -> np.ndarray:
    """[n, d] factors with row lengths spread over two orders of magnitude (so length is not direction)."""
    rng = np.random.default_rng(seed)
    directions = rng.normal(size=(n, d))
    lengths = 10 ** rng.uniform(-1, 1, size=(n, 1))
    return (directions / np.linalg.norm(directions, axis=1, keepdims=True) * lengths).astype(np.float32)


def _clear_ranking(case) -> bool:
    """No two movies within 1e-4 of each other in similarity, so one ranking is right."""
    factors, index, _ = case
    sims = np.sort(np.delete(ref.cosine_similarities(torch.from_numpy(factors), index).numpy(), index))
    return bool(np.all(np.diff(sims) > 1e-4))


nearest_cases = st.tuples(st.integers(0, 10**6), st.integers(3, 10), st.integers(2, 4)).flatmap(
    lambda c: st.tuples(st.just(_movies(*c)), st.integers(0, c[1] - 1), st.integers(1, c[1] - 1))).filter(_clear_ranking)


def _nearest_misreadings(factors: np.ndarray, index: int, k: int) -> list:
    x = factors.astype(np.float64)
    cosine = ref.cosine_similarities(torch.from_numpy(factors), index).numpy()

    def ranking(score: np.ndarray, descending: bool = True) -> list[int]:
        others = [i for i in np.argsort(-score if descending else score, kind="stable") if i != index]
        return [int(i) for i in others[:k]]

    return [
        ("cosine_along_columns", lambda error: "size" in error.message or "shape" in error.message),
        ("includes_itself", lambda got: index in as_list(got)),
        ("dot_not_cosine", lambda got: as_list(got) == ranking(x @ x[index])),
        ("euclidean", lambda got: as_list(got) == ranking(-np.linalg.norm(x - x[index], axis=1))),
        ("least_similar", lambda got: as_list(got) == ranking(cosine, descending=False)),
    ]


def _expect_nearest(learner, factors: np.ndarray, index: int, k: int) -> None:
    answer = learner.call("nearest_movies", tensor(factors), index, k=k, expect_error=True)
    expected = ref.nearest_movies(torch.from_numpy(factors), index, k)
    misreadings = _nearest_misreadings(factors, index, k)
    expect.no_error(answer, misreadings)
    got = as_list(answer.value)
    if got != expected:
        expect.fail(answer, as_python.code(answer.value), as_python.code(expected), misconception=lambda: _diagnose(answer.value, misreadings))


def _diagnose(got, misreadings) -> str | None:
    """The misconception that explains `got`; None when several rankings (dot, distance, ...) all give it on this
    input, since naming one of them would be a guess."""
    keys = [key for key, test in misreadings if expect.diagnose(got, [(key, test)])]
    if "includes_itself" in keys:
        return "includes_itself"
    return keys[0] if len(set(keys)) == 1 else None


# Movie 0 is [1, 0]: by cosine its nearest are 2 then 3, by dot product 1 then 3, by distance 3 then 2; 4 is the least
# similar. Tried first whatever the seed, so each of those slips is named from an input that tells them apart.
RANKINGS_APART = (np.array([[1.0, 0.0], [10.0, 10.0], [0.5, 0.1], [1.1, 0.3], [-1.0, 0.0]], np.float32), 0, 2)


@EXERCISE.check("nearest_movies.matches_reference", points=2, given=nearest_cases, max_examples=20,
                examples=[RANKINGS_APART],
                says="nearest_movies(factors, index, k) must list the k movies most cosine-similar to movie index, "
                     "most similar first, without index itself.")
def nearest_matches(learner, case):
    _expect_nearest(learner, *case)


def _with_twin(twin_first: bool) -> tuple:
    """Movie 2 has an exact twin (the same factors), at row 0 or row 4: the twin is its nearest neighbour."""
    factors = _movies(7, 5, 3)
    factors[0 if twin_first else 4] = factors[2]
    return factors, 2, 2


def _twin_case(seed: int, n: int, d: int, index: int, twin: int, k: int) -> tuple:
    """Movie `index` and another row with exactly its factors, somewhere before or after it."""
    factors = _movies(seed, n, d)
    index, twin = index % n, twin % n
    twin = twin if twin != index else (index + 1) % n
    factors[twin] = factors[index]
    return factors, index, min(k, n - 1)


twin_cases = st.builds(_twin_case, st.integers(0, 10**6), st.integers(3, 8), st.integers(2, 4), st.integers(0, 7),
                       st.integers(0, 7), st.integers(1, 7)).filter(_clear_ranking)


@EXERCISE.check("nearest_movies.excludes_itself", points=1, given=twin_cases, max_examples=6,
                examples=[_with_twin(True), _with_twin(False)],
                says="nearest_movies must leave out the movie itself, even when another movie has exactly its "
                     "factors (and so ties with it for first place).")
def nearest_itself(learner, case):
    _expect_nearest(learner, *case)
