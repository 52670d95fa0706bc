# expect-fail: l2_penalty_grad.matches_reference | gradient summed to one number
def l2_penalty_grad(param, wd):
    return 2 * wd * param.sum()
