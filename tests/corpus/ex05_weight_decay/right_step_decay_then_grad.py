# expect: full-marks
@torch.no_grad()
def sgd_step(params, lr, wd=0.0):
    for p in params:
        if p.grad is not None:
            p.mul_(1 - lr * wd)
            p.sub_(lr * p.grad)
