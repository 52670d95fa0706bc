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

### BEGIN SOLUTION NOTES
Question 7 answered. The dot product of two vectors of the same length multiplies the entries
that stand in the same place and adds up the products: dot([1, 2, 3], [4, 5, 6]) is
1*4 + 2*5 + 3*6 = 32 (the example in `dot`'s docstring, run by the tests).

How a dot product measures a match. One product u[i] * v[i] is positive when the two entries have
the same sign, negative when their signs differ, and large only when both are large in size. Say
factor 0 is "likes science fiction" for a user and "is science fiction" for a movie, and factor 1
"likes action" and "is full of action". A user who loves science fiction and avoids action, and a
quiet science-fiction film, agree on both factors: two large positive entries, then two large
negative ones. Both products are positive, and the match is strong:

>>> fan, film = [0.9, -0.8], [0.7, -0.9]
>>> round(dot(fan, film), 2)
1.35

So it is not "large when both are large": two strong "no"s count as much as two strong "yes"es.
A strong "yes" against a strong "no" gives a large negative product (a mismatch), and a factor near
0 on either side adds almost nothing, whatever the other side says. The sum collects this evidence
over every factor.

Question 6 answered. A latent factor is one of those numbers: a trait on which users differ in
taste and movies differ in kind, such as how much science fiction, how much action, how old. It is
*latent*, hidden, because nobody writes it down or names it: the model is given only who rated what
and how, starts the factors at random, and adjusts them until their dot products reproduce the
ratings. Whatever traits explain the ratings best are what the factors end up holding. After
training, a direction in the factors can line up with something we can name (ex09 looks for such
directions), but nothing forces any single factor to mean one thing.
### END SOLUTION NOTES
"""
from __future__ import annotations

from typing import Sequence


def dot(u: Sequence[float], v: Sequence[float]) -> float:
    """The sum of `u[i] * v[i]` over two equal-length sequences of numbers.

    >>> dot([1, 2, 3], [4, 5, 6])
    32

    Raises ValueError when the lengths differ. Two empty lists give 0.
    """
    ### BEGIN SOLUTION
    # zip() stops quietly at the shorter sequence, which would hide a mismatch between a user's
    # and a movie's factors; a dot product of unequal vectors is undefined, so say so instead.
    if len(u) != len(v):
        raise ValueError(f"dot needs sequences of equal length, got {len(u)} and {len(v)}")
    # sum() starts from 0, so two empty sequences give 0 with no special case.
    return sum(a * b for a, b in zip(u, v))
    ### END SOLUTION
