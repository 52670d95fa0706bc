# expect-fail: sgd_step.skips_missing_grads | a parameter without a gradient not skipped
# expect-pass: sgd_step.matches_torch
def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        for p in params:
            p -= lr * (p.grad + wd * p)
