"""Checks for ex01: `dot(u, v)` in pure Python."""
from __future__ import annotations

from hypothesis import strategies as st

import reference.ex01_dot as ref
from grader import expect
from grader.from_scratch.check import expect_from_scratch
from grader.specs import Exercise
from grader.strategies import different_lengths, same_length, small_floats, small_ints

EXERCISE = Exercise("ex01_dot", names=["dot"])

pairs = st.one_of(same_length(small_ints, min_size=1), same_length(small_floats, min_size=1))


def _tolerance(u, v) -> float:
    return 1e-9 * (1 + sum(abs(a * b) for a, b in zip(u, v)))


def _misreadings(u, v) -> list:
    """What the usual wrong versions return for (u, v), as (misconception, test on the value)."""
    return [
        ("missing_return", lambda got: got is None),
        ("products_not_summed", lambda got: isinstance(got, (list, tuple))),
        ("skips_last_pair", lambda got: len(u) > 1 and abs(got - ref.dot(u[:-1], v[:-1])) <= _tolerance(u, v)),
        ("sums_not_multiplies", lambda got: abs(got - (sum(u) + sum(v))) <= _tolerance(u, v)),
    ]


@EXERCISE.check("dot.matches_reference", points=2, given=pairs, examples=[([1, 2, 3], [4, 5, 6])],
                says="dot(u, v) must be the sum of u[i] * v[i] over two equal-length sequences.")
def matches_reference(learner, case):
    u, v = case
    answer = learner.call("dot", u, v)
    expect.number(answer, ref.dot(u, v), rtol=0, atol=_tolerance(u, v), misconceptions=_misreadings(u, v))


@EXERCISE.check("dot.unequal_lengths", points=1, given=different_lengths(small_ints),
                says="dot(u, v) must raise ValueError when u and v have different lengths.")
def unequal_lengths(learner, case):
    u, v = case
    answer = learner.call("dot", u, v, expect_error=True)
    n = min(len(u), len(v))
    expect.raises(answer, "ValueError", misconceptions=[
        ("zip_truncates", lambda got: got == ref.dot(u[:n], v[:n])),
        ("index_past_end", lambda got: got.type == "IndexError"),
        ("assert_for_validation", lambda got: got.type == "AssertionError"),
    ])


@EXERCISE.check("dot.empty", points=1, examples=[([], []), ((), ())],
                says="dot of two empty sequences must be 0.")
def empty(learner, case):
    u, v = case
    answer = learner.call("dot", u, v, expect_error=True)
    expect.number(answer, 0, misconceptions=[
        ("missing_return", lambda got: got is None),
        ("reduce_without_start", lambda error: "reduce()" in error.message),
    ])


@EXERCISE.check("dot.from_scratch", points=1, given=pairs, max_examples=5,
                says="dot must be pure Python: no numpy, torch or other numeric library, imported or reached.")
def from_scratch(learner, case):
    u, v = case
    answer = learner.call("dot", u, v, watch=True)
    expect_from_scratch(learner, answer, "dot")
    expect.number(answer, ref.dot(u, v), rtol=0, atol=_tolerance(u, v))

