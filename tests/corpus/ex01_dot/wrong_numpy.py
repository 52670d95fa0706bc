# expect-fail: dot.from_scratch | imports numpy
# expect-pass: dot.matches_reference
import numpy as np


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return float(np.dot(u, v)) if len(u) else 0
