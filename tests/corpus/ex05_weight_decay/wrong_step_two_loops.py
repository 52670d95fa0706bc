# expect-fail: sgd_step.any_iterable | params walked through twice
# expect-pass: sgd_step.matches_torch
def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        steps = [None if p.grad is None else lr * (p.grad + wd * p) for p in params]
        for p, s in zip(params, steps):
            if s is not None:
                p -= s
