# expect-fail: emb_sz_rule.matches_reference | emb_sz_rule(
import math


def emb_sz_rule(n):
    return min(600, math.ceil(1.6 * n ** 0.56))
