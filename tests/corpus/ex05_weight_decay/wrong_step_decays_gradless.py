# expect-fail: sgd_step.skips_missing_grads | a parameter without a gradient decayed
# expect-pass: sgd_step.matches_torch
def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        for p in params:
            grad = p.grad if p.grad is not None else torch.zeros_like(p)
            p -= lr * (grad + wd * p)
