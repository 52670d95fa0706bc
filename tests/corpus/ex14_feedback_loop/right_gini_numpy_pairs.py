# expect: full-marks
import numpy as np


def gini(counts):
    c = np.asarray(counts, dtype=float)
    if c.size == 0 or c.sum() == 0:
        return 0.0
    return float(np.abs(np.subtract.outer(c, c)).sum() / (2 * c.size * c.sum()))
