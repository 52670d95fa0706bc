"""Checks for ex08: `train_valid_split`, `encode_ids`, `rmse` and `fit`."""
from __future__ import annotations

import math
from collections import Counter
from functools import cache

import numpy as np
import pandas as pd
import torch
from hypothesis import strategies as st

import reference.ex08_training as ref
from grader import as_python, expect
from grader.data import synthetic
from grader.plain import TensorValue, tensor
from grader.probes import ex08_training as probes
from grader.specs import Exercise
from grader.strategies import HALF_STARS, float_arrays

EXERCISE = Exercise("ex08_training", names=["train_valid_split", "encode_ids", "rmse", "fit"])


def positions(value) -> list[int] | None:
    """A 1-D sequence of ints (tensor, numpy array, list or tuple, its items ints or 0-dim integer tensors) as a
    list, else None."""
    if isinstance(value, TensorValue):
        value = value.array
    if isinstance(value, (list, tuple)):
        value = [int(v.array) if isinstance(v, TensorValue) and v.shape == () and v.dtype.startswith(("int", "uint"))
                 else v for v in value]
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        value = np.array(value, dtype=np.int64)
    if isinstance(value, np.ndarray) and value.ndim == 1 and (value.dtype.kind in "iu" or value.size == 0):
        return [int(v) for v in value]
    return None


# -- train_valid_split -------------------------------------------------------------------------------

split_cases = st.tuples(st.integers(1, 60), st.sampled_from([0.1, 0.2, 0.25, 0.3, 0.5]), st.integers(0, 10_000))


def _split_call(learner, n, valid_pct, seed):
    answer = learner.call("train_valid_split", n, valid_pct=valid_pct, seed=seed, expect_error=True)
    expect.no_error(answer)
    value = answer.value
    parts = [positions(v) for v in value] if isinstance(value, (list, tuple)) and len(value) == 2 else None
    if parts is None or None in parts:
        expect.fail(answer, as_python.code(value), "a pair (train, valid) of 1-D int sequences (tensors, arrays or lists)")
    return answer, parts[0], parts[1]


@EXERCISE.check("train_valid_split.partitions", points=2, given=split_cases, examples=[(10, 0.2, 42), (50, 0.5, 7)],
                max_examples=20,
                says="train_valid_split(n) must put every position 0..n-1 in exactly one of train and valid.")
def split_partitions(learner, case):
    n, valid_pct, seed = case
    answer, train, valid = _split_call(learner, n, valid_pct, seed)
    counts = Counter(train + valid)
    twice = sorted(i for i, c in counts.items() if c > 1)
    missing = [i for i in range(n) if i not in counts]
    outside = sorted(i for i in counts if not 0 <= i < n)
    if twice or missing or outside:
        problems = [f"{what} {as_python.code(items[:6])}" for what, items in
                    (("appear more than once:", twice), ("are in neither:", missing), ("are not in range(n):", outside))
                    if items]
        both = set(train) & set(valid)
        misconception = ("valid_in_train" if both and set(valid) <= set(train) and sorted(set(train)) == list(range(n))
                         else "with_replacement" if max(Counter(train).values(), default=1) > 1
                         or max(Counter(valid).values(), default=1) > 1
                         else "off_by_one_cut" if len(twice) + len(missing) + len(outside) == 1 else None)
        expect.fail(answer, f"train {as_python.code(train)}, valid {as_python.code(valid)}",
                    f"each of range({n}) exactly once, across the two", detail="positions " + "; ".join(problems),
                    misconception=misconception)


@EXERCISE.check("train_valid_split.valid_size", points=1, given=split_cases, examples=[(100, 0.2, 42)], max_examples=15,
                says="train_valid_split(n, valid_pct) must hold out valid_pct * n positions (rounded either way).")
def split_size(learner, case):
    n, valid_pct, seed = case
    answer, train, valid = _split_call(learner, n, valid_pct, seed)
    low, high = math.floor(valid_pct * n), math.ceil(valid_pct * n)
    if not low <= len(valid) <= high:
        swapped = math.floor((1 - valid_pct) * n) <= len(valid) <= math.ceil((1 - valid_pct) * n)
        expect.fail(answer, f"{len(valid)} valid positions (and {len(train)} train)",
                    f"{low if low == high else f'{low} or {high}'} valid positions",
                    misconception="pct_is_train" if swapped else None)


@EXERCISE.check("train_valid_split.deterministic", points=1, given=split_cases, max_examples=10,
                examples=[(20, 0.2, 42)],
                says="train_valid_split must give the same split for the same seed, even after other code has "
                     "drawn random numbers in between.")
def split_deterministic(learner, case):
    n, valid_pct, seed = case
    call = (f"a = train_valid_split({n}, valid_pct={valid_pct}, seed={seed}); torch.manual_seed(1234); "
            f"np.random.seed(1234); b = train_valid_split({n}, valid_pct={valid_pct}, seed={seed})")
    answer = learner.probe(probes.split_twice, n, valid_pct, seed, call=call)
    first, second = (tuple(sorted(positions(p) or []) for p in (answer.value[k] or ())) for k in ("first", "second"))
    if first != second:
        expect.fail(answer, f"a = {as_python.code(answer.value['first'])}, b = {as_python.code(answer.value['second'])}",
                    "a and b hold the same positions", misconception="global_rng")


# Three distinct seeds and at least 6 of 30+ positions held out: a correct split gives three equal
# validation sets with a chance below 1e-11.
seed_cases = st.tuples(st.integers(30, 60), st.sampled_from([0.2, 0.25, 0.3, 0.5]),
                       st.lists(st.integers(0, 10_000), min_size=3, max_size=3, unique=True))


@EXERCISE.check("train_valid_split.seed_matters", points=1, given=seed_cases, max_examples=5,
                examples=[(40, 0.25, [0, 1, 2]), (30, 0.2, [0, 1, 2])],
                says="train_valid_split must shuffle by its seed: different seeds give different validation sets.")
def split_seed(learner, case):
    n, valid_pct, seeds = case
    valids = []
    for seed in seeds:
        answer, _, valid = _split_call(learner, n, valid_pct, seed)
        valids.append(sorted(valid))
    if valids[0] == valids[1] == valids[2]:
        block = valids[0] in (list(range(len(valids[0]))), list(range(n - len(valids[0]), n)))
        expect.fail(answer, f"valid = {as_python.code(valids[0])} for seeds {', '.join(map(str, seeds))}",
                    "a different validation set for each seed",
                    misconception="not_shuffled" if block else "ignores_seed")


# -- encode_ids --------------------------------------------------------------------------------------

def _id_table(user: str = "user", item: str = "movie") -> st.SearchStrategy[pd.DataFrame]:
    """Ratings with sparse ids (as MovieLens has), in no particular order."""
    pools = st.tuples(st.lists(st.integers(1, 400), min_size=1, max_size=5, unique=True),
                      st.lists(st.integers(1, 400), min_size=1, max_size=6, unique=True))
    rows = pools.flatmap(lambda p: st.lists(st.tuples(st.sampled_from(p[0]), st.sampled_from(p[1]),
                                                      st.sampled_from(HALF_STARS)), min_size=1, max_size=12))
    return rows.map(lambda rs: pd.DataFrame({user: np.array([r[0] for r in rs], dtype=np.int64),
                                             item: np.array([r[1] for r in rs], dtype=np.int64),
                                             "rating": [r[2] for r in rs]}))


SPARSE_IDS = pd.DataFrame({"user": [10, 30, 20, 10], "movie": [7, 5, 7, 9], "rating": [4.0, 3.0, 5.0, 1.0]})


def _expect_encoding(learner, ratings, user="user", item="movie"):
    names = {} if (user, item) == ("user", "movie") else {"user": user, "item": item}
    answer = learner.call("encode_ids", ratings, expect_error=True, **names)
    x_ref, users_ref, movies_ref = ref.encode_ids(ratings, user, item)
    expected_x = x_ref.numpy()
    raw = ratings[[user, item]].to_numpy()
    appearance = np.stack([pd.factorize(ratings[user])[0], pd.factorize(ratings[item])[0]], axis=1)
    misreadings = [
        ("hard_coded_columns", lambda error: error.type == "KeyError"),
        ("raw_ids", lambda got: np.array_equal(got.array, raw) or np.array_equal(got.array, raw - 1)),
        ("one_based", lambda got: np.array_equal(got.array, expected_x + 1)),
        ("appearance_order", lambda got: np.array_equal(got.array, appearance)),
        ("transposed", lambda got: got.shape == expected_x.T.shape and got.shape != expected_x.shape),
    ]
    value = answer.value if not answer.error else None
    if answer.error is None and not (isinstance(value, (list, tuple)) and len(value) == 3):
        expect.fail(answer, as_python.code(value), "a tuple (x, users, movies)")
    x_answer = answer if answer.error else _part(answer, 0)
    expect.tensor(x_answer, expected_x, dtype="int64", misconceptions=misreadings)
    for i, (what, expected) in enumerate((("users", users_ref), ("movies", movies_ref)), 1):
        got = value[i]
        got = got.array.tolist() if isinstance(got, TensorValue) else list(got) if hasattr(got, "__iter__") else got
        if got != expected:
            expect.fail(_part(answer, i), as_python.code(got), as_python.code(expected),
                        detail=f"{what} must be the distinct ids, sorted ascending")


def _part(answer, i: int):
    """The answer narrowed to one element of the tuple that came back, for messages about that element."""
    from dataclasses import replace

    return replace(answer, value=answer.value[i], describe=lambda: f"{answer.call}[{i}]")


@EXERCISE.check("encode_ids.matches_reference", points=2, given=_id_table(), max_examples=15,
                examples=[SPARSE_IDS],
                says="encode_ids must give x [N, 2] (int64) of positions into the sorted distinct users and "
                     "movies, with those two lists.")
def encode_matches(learner, ratings):
    _expect_encoding(learner, ratings)


@EXERCISE.check("encode_ids.column_names", points=1, given=_id_table("userId", "movieId"), max_examples=10,
                says="encode_ids must read the user and item columns it is given, whatever their names.")
def encode_names(learner, ratings):
    _expect_encoding(learner, ratings, "userId", "movieId")


# -- rmse --------------------------------------------------------------------------------------------

rmse_cases = st.integers(1, 12).flatmap(lambda n: st.tuples(float_arrays((n,), 0, 5), float_arrays((n,), 0, 5)))


def _rmse_misreadings(preds: np.ndarray, targets: np.ndarray) -> list:
    d = preds.astype(np.float64).reshape(-1) - targets.astype(np.float64)
    near = lambda got, v: np.isclose(float(got if not isinstance(got, TensorValue) else got.array), v, rtol=1e-4)  # noqa: E731
    broadcast = preds.astype(np.float64).reshape(-1, 1) - targets.astype(np.float64)
    return [
        ("mse_not_rmse", lambda got: not np.isclose(np.sqrt((d ** 2).mean()), (d ** 2).mean()) and near(got, (d ** 2).mean())),
        ("mae", lambda got: near(got, np.abs(d).mean()) and not np.isclose(np.abs(d).mean(), np.sqrt((d ** 2).mean()))),
        ("sqrt_of_sum", lambda got: len(d) > 1 and near(got, np.sqrt((d ** 2).sum()))),
        ("broadcast_column", lambda got: near(got, np.sqrt((broadcast ** 2).mean()))),
    ]


def _expect_rmse(learner, preds, targets):
    answer = learner.call("rmse", tensor(preds), tensor(targets), expect_error=True)
    expected = float(ref.rmse(torch.from_numpy(preds), torch.from_numpy(targets)))
    expect.number(answer, expected, rtol=1e-5, atol=1e-6, tensor_ok=True, misconceptions=_rmse_misreadings(preds, targets))


@EXERCISE.check("rmse.matches_reference", points=2, given=rmse_cases,
                examples=[(np.array([1.0, 2.0, 4.0], dtype=np.float32), np.array([1.0, 3.0, 2.0], dtype=np.float32))],
                says="rmse(preds, targets) must be sqrt(mean((preds - targets) ** 2)), one number.")
def rmse_matches(learner, case):
    _expect_rmse(learner, *case)


@EXERCISE.check("rmse.column_predictions", points=1, max_examples=10,
                given=st.integers(2, 8).flatmap(lambda n: st.tuples(float_arrays((n, 1), 0, 5), float_arrays((n,), 0, 5))),
                examples=[(np.array([[1.0], [2.0]], dtype=np.float32), np.array([1.0, 3.0], dtype=np.float32))],
                says="rmse must accept predictions of shape [N, 1] against targets [N], comparing row i with row i.")
def rmse_column(learner, case):
    _expect_rmse(learner, *case)


# -- fit ---------------------------------------------------------------------------------------------

@cache
def _training_case(seed: int, n_users: int = 12, n_movies: int = 10, n_ratings: int = 90, n_valid: int = 20) -> dict:
    """A small planted data set, with ids that are already embedding rows (synthetic ids run 1..n)."""
    ratings = synthetic(n_users=n_users, n_movies=n_movies, n_ratings=n_ratings, seed=seed).ratings
    x = ratings[["user", "movie"]].to_numpy(np.int64) - 1
    y = ratings["rating"].to_numpy(np.float32)
    cut = n_ratings - n_valid
    return {"seed": seed, "sizes": (n_users, n_movies, n_ratings), "cut": cut,
            "model": {"n_users": n_users, "n_movies": n_movies, "n_factors": 4, "seed": 0},
            "arrays": (x[:cut], y[:cut], x[cut:], y[cut:])}


SHAPES = [(12, 10, 90, 20), (10, 14, 80, 19)]  # n_users, n_movies, n_ratings, n_valid
# A data set drawn by its seed and shape: each check trains on sets a learner has not seen in self-check.
training_cases = st.builds(lambda seed, shape: _training_case(seed, *shape), st.integers(0, 10**6), st.sampled_from(SHAPES))
CASES = [_training_case(1), _training_case(2, *SHAPES[1])]  # always tried first
QUICK = {"epochs": 3, "lr": 0.1, "wd": 0.01, "bs": 16}


def _fit(learner, case: dict, **changes):
    options = {**QUICK, **changes}
    n_users, n_movies, n_ratings = case["sizes"]
    m = case["model"]
    cut = case["cut"]
    call = (f"r = synthetic(n_users={n_users}, n_movies={n_movies}, n_ratings={n_ratings}, seed={case['seed']}).ratings"
            "  # from grader.data import synthetic\n"
            "x = torch.tensor(r[['user', 'movie']].to_numpy() - 1); y = torch.tensor(r['rating'].to_numpy(), dtype=torch.float32)\n"
            f"torch.manual_seed(0); model = DotProductBias({m['n_users']}, {m['n_movies']}, {m['n_factors']})"
            "  # from grader.models import DotProductBias\n"
            f"fit(model, x[:{cut}], y[:{cut}], x[{cut}:], y[{cut}:], "
            + ", ".join(f"{k}={v}" for k, v in options.items()) + ")")
    x_train, y_train, x_valid, y_valid = case["arrays"]
    answer = learner.probe(probes.fit_model, m, tensor(x_train, "int64"), tensor(y_train, "float32"),
                           tensor(x_valid, "int64"), tensor(y_valid, "float32"), options, call=call)
    return answer, options


def _history(answer, epochs: int) -> list[tuple[float, float]]:
    history = answer.value["history"]
    if isinstance(history, np.ndarray) and history.ndim == 2 and history.shape[1:] == (2,) and history.dtype.kind == "f":
        history = [tuple(row) for row in history.tolist()]  # a numpy array of pairs holds plain floats too
    per_batch = isinstance(history, (list, tuple)) and len(history) > epochs
    if not isinstance(history, (list, tuple)) or len(history) != epochs:
        expect.fail(answer, f"fit returned {as_python.code(history)}", f"a list of {epochs} (train_loss, valid_loss) pairs",
                    misconception="per_batch_history" if per_batch else "no_history" if history is None else None)
    for entry in history:
        if not (isinstance(entry, (list, tuple)) and len(entry) == 2
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in entry)):
            expect.fail(answer, f"an entry {as_python.code(entry)}", "(train_loss, valid_loss), two Python floats",
                        misconception="tensor_losses" if isinstance(entry, (list, tuple)) and any(
                            isinstance(v, TensorValue) for v in entry) else None)
    return [tuple(map(float, e)) for e in history]


@EXERCISE.check("fit.history", points=1, given=st.tuples(training_cases, st.integers(1, 3)), max_examples=2,
                examples=[(CASES[1], 2)],
                says="fit must return one (train_loss, valid_loss) pair of floats per epoch.")
def fit_history(learner, case):
    data, epochs = case
    answer, _ = _fit(learner, data, epochs=epochs)
    _history(answer, epochs)


@EXERCISE.check("fit.loss_falls", points=2, given=training_cases, max_examples=2, examples=[CASES[1]],
                says="fit must train the model: on a small planted data set, a few epochs must bring the training MSE "
                     "well below the untrained model's.")
def fit_falls(learner, data):
    answer, _ = _fit(learner, data)
    before, after = answer.value["train_before"], answer.value["train_after"]
    if not after < 0.8 * before:
        expect.fail(answer, f"training MSE {after:.4f} after fit (the untrained model: {before:.4f})",
                    f"below {0.8 * before:.4f} (80% of the untrained model's)",
                    misconception="no_step" if answer.value["largest_change"] == 0 else
                    "loss_rises" if after > before else None)


@EXERCISE.check("fit.reports_valid_mse", points=2, given=training_cases, max_examples=2, examples=CASES,
                says="fit's last valid_loss must be the MSE of the trained model on the whole validation set.")
def fit_reports(learner, data):
    answer, options = _fit(learner, data)
    history = _history(answer, options["epochs"])
    got, r = history[-1][1], answer.value
    close = lambda v: np.isclose(got, v, rtol=1e-4, atol=1e-6)  # noqa: E731
    if not close(r["valid_after"]):
        misconception = ("rmse_reported" if close(np.sqrt(r["valid_after"])) else
                         "train_as_valid" if close(r["train_after"]) or close(history[-1][0]) else
                         "penalty_in_valid" if close(r["valid_after"] + options["wd"] * r["sq_norm"]) else
                         "batch_mean_average" if close(r["valid_batch_means"]) else None)
        expect.fail(answer, f"last valid_loss {got!r}", f"{r['valid_after']!r}, the model's MSE on x_valid, y_valid",
                    misconception=misconception)


@EXERCISE.check("fit.weight_decay", points=1, given=training_cases, max_examples=2, examples=[CASES[0]],
                says="fit must apply weight decay wd: training with wd=1.0 must end with smaller weights than with wd=0.")
def fit_decays(learner, data):
    plain, _ = _fit(learner, data, wd=0.0)
    answer, _ = _fit(learner, data, wd=1.0)
    without, with_wd = plain.value["sq_norm"], answer.value["sq_norm"]
    if not with_wd < 0.9 * without:
        expect.fail(answer, f"sum of squared weights {with_wd:.4f} with wd=1.0, {without:.4f} with wd=0",
                    "clearly smaller with wd=1.0", misconception="ignores_wd")


@EXERCISE.check("fit.respects_lr", points=1, given=training_cases, max_examples=2, examples=[CASES[0]],
                says="fit must step with the learning rate it is given: with lr=0 no weight may change.")
def fit_lr(learner, data):
    # Two epochs, not one: torch's OneCycleLR (a style the contract allows) divides by zero when its
    # warm-up is a single step.
    answer, _ = _fit(learner, data, lr=0.0, epochs=2)
    change = answer.value["largest_change"]
    if change > 1e-7:
        expect.fail(answer, f"a weight moved by {change:.3g}", "every weight unchanged",
                    misconception="ignores_lr")
