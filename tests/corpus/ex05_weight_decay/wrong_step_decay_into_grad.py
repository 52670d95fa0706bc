# expect-fail: sgd_step.keeps_gradients | weight decay added into p.grad
# expect-pass: sgd_step.matches_torch
def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p.grad += wd * p
                p -= lr * p.grad
