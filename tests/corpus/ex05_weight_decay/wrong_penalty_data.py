# expect-fail: l2_penalty.gradient | penalty on .data
# expect-pass: l2_penalty.matches_reference
def l2_penalty(params, wd):
    return wd * sum((p.data ** 2).sum() for p in params)
