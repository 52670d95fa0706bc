# expect-fail: emb_sz_rule.matches_reference | a float size
import numpy as np


def emb_sz_rule(n):
    return min(600, np.round(1.6 * n ** 0.56))
