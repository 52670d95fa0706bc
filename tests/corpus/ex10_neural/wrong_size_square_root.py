# expect-fail: emb_sz_rule.matches_reference | emb_sz_rule(944)
def emb_sz_rule(n):
    return min(600, round(1.6 * n ** 0.5))
