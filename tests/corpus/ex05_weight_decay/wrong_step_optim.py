# expect-fail: sgd_step.from_scratch | torch.optim inside sgd_step
from torch.optim.sgd import sgd


def sgd_step(params, lr, wd=0.0):
    params = [p for p in params if p.grad is not None]
    with torch.no_grad():
        sgd(params, [p.grad for p in params], [None] * len(params), weight_decay=wd, momentum=0.0, lr=lr,
            dampening=0.0, nesterov=False, maximize=False)
