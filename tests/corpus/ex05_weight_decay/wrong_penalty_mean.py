# expect-fail: l2_penalty.matches_reference | mean instead of sum
def l2_penalty(params, wd):
    return wd * torch.stack([(p ** 2).mean() for p in params]).sum()
