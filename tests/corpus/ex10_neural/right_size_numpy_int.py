# expect: full-marks
import numpy as np


def emb_sz_rule(n):
    return int(min(600, np.round(1.6 * np.power(n, 0.56))))
