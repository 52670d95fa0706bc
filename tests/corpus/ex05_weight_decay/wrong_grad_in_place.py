# expect-fail: l2_penalty_grad.matches_reference | param changed in place
def l2_penalty_grad(param, wd):
    with torch.no_grad():
        return param.mul_(2 * wd)
