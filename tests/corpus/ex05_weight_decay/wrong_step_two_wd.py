# expect-fail: sgd_step.matches_torch | fastbook's 2 * wd in torch's step
def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p -= lr * (p.grad + 2 * wd * p)
