# expect: full-marks
def l2_penalty_grad(param, wd):
    p = param.detach().clone().requires_grad_(True)
    (wd * (p ** 2).sum()).backward()
    return p.grad
