# expect-fail: l2_penalty_grad.matches_reference | the 2 of the derivative dropped
def l2_penalty_grad(param, wd):
    return wd * param
