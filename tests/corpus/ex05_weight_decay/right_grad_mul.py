# expect: full-marks
def l2_penalty_grad(param, wd):
    return param.mul(2.0 * wd)
