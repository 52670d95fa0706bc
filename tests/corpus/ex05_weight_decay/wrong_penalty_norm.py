# expect-fail: l2_penalty.matches_reference | norms instead of squared norms
def l2_penalty(params, wd):
    return wd * sum(p.norm() for p in params)
