# expect: full-marks
def l2_penalty_grad(param, wd):
    return (wd + wd) * param.detach()
