# expect-fail: sgd_step.matches_torch | in-place update outside torch.no_grad()
def sgd_step(params, lr, wd=0.0):
    for p in params:
        if p.grad is not None:
            p -= lr * (p.grad + wd * p)
