# expect-fail: l2_penalty_grad.matches_reference | the penalty instead of its gradient
def l2_penalty_grad(param, wd):
    return wd * param ** 2
