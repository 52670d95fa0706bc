# expect-fail: emb_sz_rule.matches_reference | truncating instead of rounding
def emb_sz_rule(n):
    return min(600, int(1.6 * n ** 0.56))
