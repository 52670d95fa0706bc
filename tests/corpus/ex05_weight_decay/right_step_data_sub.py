# expect: full-marks
def sgd_step(params, lr, wd=0.0):
    for p in params:
        if p.grad is None:
            continue
        p.data.sub_(lr * (p.grad.data + wd * p.data))
