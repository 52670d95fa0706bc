# expect-fail: l2_penalty.from_scratch | uses torch.optim.Optimizer
def l2_penalty(params, wd):
    if isinstance(params, torch.optim.Optimizer):  # an optimizer's parameters too
        params = [p for group in params.param_groups for p in group["params"]]
    return wd * sum((p ** 2).sum() for p in params)
