"""Checks for ex03: `one_hot` and `embedding_lookup`."""
from __future__ import annotations

import numpy as np
import torch
from hypothesis import strategies as st

import reference.ex03_embedding as ref
from grader import as_python, expect
from grader.from_scratch.check import expect_from_scratch
from grader.plain import TensorValue, tensor
from grader.probes import ex03_embedding as probes
from grader.specs import Exercise
from grader.strategies import float_arrays, index_arrays

EXERCISE = Exercise("ex03_embedding", names=["one_hot", "embedding_lookup"])

one_hot_cases = st.integers(1, 6).flatmap(lambda c: st.tuples(index_arrays(c), st.just(c)))


def _out_of_range(num_classes: int) -> st.SearchStrategy:
    bad = st.one_of(st.integers(-3, -1), st.integers(num_classes, num_classes + 3))
    return st.tuples(st.lists(st.integers(0, num_classes - 1), max_size=3), bad, st.integers(0, 3)).map(
        lambda t: (np.array(t[0][: t[2]] + [t[1]] + t[0][t[2]:], dtype=np.int64), num_classes))


def _expected_one_hot(indices: np.ndarray, num_classes: int) -> np.ndarray:
    return ref.one_hot(torch.from_numpy(indices), num_classes).numpy()


@EXERCISE.check("one_hot.matches_reference", points=2, given=one_hot_cases, examples=[(np.array([0, 2]), 3)],
                says="one_hot(indices, num_classes) must have shape indices.shape + (num_classes,), with a single 1 "
                     "at each index and 0 elsewhere.")
def one_hot_values(learner, case):
    indices, num_classes = case
    answer = learner.call("one_hot", tensor(indices), num_classes, expect_error=True)
    expect.tensor(answer, _expected_one_hot(indices, num_classes), misconceptions=[
        ("long_one_hot", lambda error: "dtype" in error.message or "Long" in error.message)])


@EXERCISE.check("one_hot.float_dtype", points=1, given=one_hot_cases, max_examples=5,
                says="one_hot must return a floating-point tensor, ready to multiply with float weights.")
def one_hot_float(learner, case):
    indices, num_classes = case
    answer = learner.call("one_hot", tensor(indices), num_classes, expect_error=True)
    expect.tensor(answer, _expected_one_hot(indices, num_classes), dtype="float", misconceptions=[
        ("long_one_hot", lambda got: isinstance(got, TensorValue) and not got.is_floating)])


@EXERCISE.check("one_hot.rejects_out_of_range", points=1,
                given=st.integers(1, 5).flatmap(_out_of_range), examples=[(np.array([3]), 3), (np.array([-1]), 3)],
                says="one_hot must raise ValueError for an index outside [0, num_classes).")
def one_hot_range(learner, case):
    indices, num_classes = case
    answer = learner.call("one_hot", tensor(indices), num_classes, expect_error=True)
    expect.raises(answer, "ValueError", misconceptions=[
        ("negative_wraps", lambda got: isinstance(got, TensorValue) and (indices < 0).any()),
        ("torch_error_not_valueerror", lambda error: error.type in ("RuntimeError", "IndexError")),
    ])


lookup_cases = st.tuples(st.integers(1, 5), st.integers(1, 4)).flatmap(
    lambda nd: st.tuples(float_arrays((nd[0], nd[1])), index_arrays(nd[0], max_dims=2)))


def _lookup_misreadings(weight: np.ndarray, indices: np.ndarray) -> list:
    return [
        ("long_one_hot", lambda error: "dtype" in error.message or "Long" in error.message),
        ("transposed", lambda error: "shape" in error.message or "size" in error.message),
    ]


@EXERCISE.check("embedding_lookup.matches_reference", points=2, given=lookup_cases,
                examples=[(np.arange(6, dtype=np.float32).reshape(3, 2), np.array([2, 0])),
                          (np.arange(6, dtype=np.float32).reshape(3, 2), np.array([[2, 0], [1, 1]]))],
                says="embedding_lookup(weight, indices) must equal weight[indices]: one row of weight per index, "
                     "shape indices.shape + (n_factors,).")
def lookup_values(learner, case):
    weight, indices = case
    answer = learner.call("embedding_lookup", tensor(weight), tensor(indices), expect_error=True)
    expect.tensor(answer, weight[indices], misconceptions=_lookup_misreadings(weight, indices))


@EXERCISE.check("embedding_lookup.same_gradient", points=1,
                given=lookup_cases.flatmap(lambda c: st.tuples(st.just(c[0]), st.just(c[1]),
                                                              float_arrays(c[1].shape + c[0].shape[1:]))),
                max_examples=15,
                says="embedding_lookup must send gradients back to weight exactly as indexing does: each row's "
                     "gradient is the sum of the output gradients of the positions that picked it.")
def lookup_gradient(learner, case):
    weight, indices, upstream = case
    call = (f"w = {as_python.code(tensor(weight, requires_grad=True))}; "
            f"out = embedding_lookup(w, {as_python.code(tensor(indices))}); (out * {as_python.code(tensor(upstream))}).sum().backward(); w.grad")
    answer = learner.probe(probes.lookup_gradient, tensor(weight, requires_grad=True), tensor(indices),
                           tensor(upstream), call=call)
    w = torch.tensor(weight, requires_grad=True)
    (ref.embedding_lookup(w, torch.from_numpy(indices)) * torch.from_numpy(upstream)).sum().backward()
    result = answer.value
    if not result["connected"]:
        expect.fail(answer, f"no gradient reached weight (the lookup returned {as_python.value(result['out'])})",
                    f"w.grad = {as_python.value(TensorValue(w.grad.numpy(), 'float32'))}", misconception="no_gradient")
    expect.compare_arrays(answer, result["grad"].array if isinstance(result["grad"], TensorValue) else np.nan,
                          w.grad.numpy(), got_shown=f"w.grad = {as_python.value(result['grad'])}",
                          expected_shown=f"w.grad = {as_python.value(TensorValue(w.grad.numpy(), 'float32'))}",
                          rtol=1e-5, atol=1e-5)


@EXERCISE.check("embedding_lookup.from_scratch", points=1, given=lookup_cases, max_examples=5,
                says="embedding_lookup must be the product one_hot(indices) @ weight: no indexing of weight, "
                     "index_select, gather, take or F.embedding.")
def lookup_scratch(learner, case):
    weight, indices = case
    answer = learner.call("embedding_lookup", tensor(weight), tensor(indices), watch=True)
    expect_from_scratch(learner, answer, "embedding_lookup", misconception="indexing_not_matmul")
    expect.tensor(answer, weight[indices])
