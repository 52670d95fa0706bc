# expect-fail: emb_sz_rule.capped | no cap at 600
def emb_sz_rule(n):
    return round(1.6 * n ** 0.56)
