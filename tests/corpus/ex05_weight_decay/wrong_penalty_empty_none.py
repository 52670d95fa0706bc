# expect-fail: l2_penalty.empty | a running total that starts as None
# expect-pass: l2_penalty.matches_reference
def l2_penalty(params, wd):
    total = None
    for p in params:
        squares = p.pow(2).sum()
        total = squares if total is None else total + squares
    return total * wd
