# Generated from solutions/ex01_dot.py by `python -m grader build`. This file is yours to edit.
"""Exercise 1: the dot product, by hand.

fastbook chapter 8, question 7: "What is a dot product? Calculate a dot product manually using
pure Python with lists."

A latent-factor model scores a (user, movie) pair by the dot product of the user's factors and the
movie's factors: multiply the matching entries and add the products up. If the first factor means
"likes science fiction" for the user and "is science fiction" for the movie, their product is large
exactly when both are large, and the sum collects that evidence over every factor.

Write `dot(u, v)` in pure Python: no numpy, no torch (`python -m grader check ex01` checks this).
"""
from __future__ import annotations

from typing import Sequence


def dot(u: Sequence[float], v: Sequence[float]) -> float:
    """The sum of `u[i] * v[i]` over two equal-length sequences of numbers.

    >>> dot([1, 2, 3], [4, 5, 6])
    32

    Raises ValueError when the lengths differ. Two empty lists give 0.
    """
    # TODO: multiply matching entries of u and v and add the products; raise ValueError when the lengths differ
    raise NotImplementedError
