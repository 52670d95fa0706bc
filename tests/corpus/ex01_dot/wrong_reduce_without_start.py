# expect-fail: dot.empty | reduce() without a start value
# expect-pass: dot.matches_reference
from functools import reduce
from operator import add


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return reduce(add, [a * b for a, b in zip(u, v)])
