# expect-fail: sgd_step.matches_torch | stepping up the gradient
def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p += lr * (p.grad + wd * p)
