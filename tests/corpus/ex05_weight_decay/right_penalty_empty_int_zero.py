# expect: full-marks
# No parameters: an integer 0-dim tensor is "a 0-dim tensor 0" too (added to a float loss, it stays a float).
def l2_penalty(params, wd):
    params = list(params)
    if not params:
        return torch.tensor(0)
    return wd * sum((p ** 2).sum() for p in params)
