# expect: full-marks
def sgd_step(params, lr, wd=0.0):
    params = [p for p in params if p.grad is not None]
    with torch.no_grad():
        for p in params:
            d_p = p.grad.add(p, alpha=wd) if wd else p.grad
            p.add_(d_p, alpha=-lr)
