# expect-fail: l2_penalty_grad.matches_reference | wd dropped from the gradient
def l2_penalty_grad(param, wd):
    return 2 * param
