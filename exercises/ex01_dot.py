# Generated from solutions/ex01_dot.py by `python -m grader build`. This file is yours to edit.
"""Exercise 1: the dot product, by hand.

fastbook chapter 8, question 7: "What is a dot product? Calculate a dot product manually using pure
Python with lists." The exercise also leads to question 6: "What is a latent factor? Why is it
'latent'?"

A latent-factor model gives every user and every movie a short list of numbers, its factors, and
scores a (user, movie) pair by the dot product of the two lists. Before building such a model, write
the dot product itself.

Write `dot(u, v)` in pure Python: no numpy, no torch (`python -m grader check ex01` checks this).

Once you have answered the questions yourself, `docs/questionnaire.md` says where the worked
solutions answer them.
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
