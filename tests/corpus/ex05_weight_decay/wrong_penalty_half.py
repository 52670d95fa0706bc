# expect-fail: l2_penalty.matches_reference | wd / 2 instead of wd
# expect-fail: l2_penalty.gradient | wd / 2 instead of wd
def l2_penalty(params, wd):
    return wd / 2 * sum((p ** 2).sum() for p in params)
