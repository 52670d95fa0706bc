# expect: full-marks
def _decayed_gradient(p, wd):
    return p.grad + wd * p


def sgd_step(params, lr, wd=0.0):
    with torch.no_grad():
        for p in filter(lambda q: q.grad is not None, params):
            p.copy_(p - lr * _decayed_gradient(p, wd))
