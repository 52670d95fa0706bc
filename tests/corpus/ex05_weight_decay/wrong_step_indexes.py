# expect-fail: sgd_step.any_iterable | params used as a list
# expect-pass: sgd_step.matches_torch
def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        for i in range(len(params)):
            p = params[i]
            if p.grad is not None:
                p -= lr * (p.grad + wd * p)
