# expect-fail: l2_penalty.matches_reference | a Python number, not a tensor
def l2_penalty(params, wd):
    return wd * sum((p ** 2).sum().item() for p in params)
