# expect-fail: emb_sz_rule.capped | emb_sz_rule(
def emb_sz_rule(n):
    return max(600, round(1.6 * n ** 0.56))
