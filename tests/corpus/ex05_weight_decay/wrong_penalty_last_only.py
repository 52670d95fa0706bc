# expect-fail: l2_penalty.matches_reference | only the last parameter counted
def l2_penalty(params, wd):
    for p in params:
        total = (p ** 2).sum()
    return wd * total
