# expect-fail: sgd_step.from_scratch | while running, it reached torch.optim
import importlib


def sgd_step(params, lr, wd=0.0):
    update = getattr(importlib.import_module("torch." + "op" + "tim.sgd"), "s" + "gd")
    params = [p for p in params if p.grad is not None]
    with torch.no_grad():
        update(params, [p.grad for p in params], [None] * len(params), weight_decay=wd, momentum=0.0, lr=lr,
               dampening=0.0, nesterov=False, maximize=False)
