# expect-fail: sgd_step.from_scratch | while running, it reached torch.optim
# expect-pass: sgd_step.matches_torch
import importlib
import threading


def sgd_step(params, lr, wd=0.0):
    params = [p for p in params if p.grad is not None]

    def step():
        update = getattr(importlib.import_module("torch." + "optim.sgd"), "s" + "gd")
        with torch.no_grad():
            update(params, [p.grad for p in params], [None] * len(params), weight_decay=wd, momentum=0.0, lr=lr,
                   dampening=0.0, nesterov=False, maximize=False)

    worker = threading.Thread(target=step)
    worker.start()
    worker.join()
