# expect: full-marks
import operator


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("u and v must have the same length")
    return sum(map(operator.mul, u, v))
