# expect-fail: l2_penalty.empty | torch.stack of no tensors
# expect-pass: l2_penalty.matches_reference
def l2_penalty(params, wd):
    return wd * torch.stack([(p ** 2).sum() for p in params]).sum()
